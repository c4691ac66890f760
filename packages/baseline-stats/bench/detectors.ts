/**
 * The detectors the anomaly bench scores on NAB, each with one fixed parameter set for every
 * file (durations, not sample counts, where the detector takes a window).
 */
import {
  changepointDetector,
  likelihoodDetector,
  conformalKnnDetector,
  relativeEntropyDetector,
  cusumDetector,
  dbscanDetector,
  esdDetector,
  isolationForestDetector,
  madBandDetector,
  zscoreDetector,
  type DetectorOutput,
} from '../src/index.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export interface BenchDetector {
  name: string;
  /** Expressible in PromQL (rules emitted by the library). */
  promql: boolean;
  run(times: Float64Array, values: Float64Array): DetectorOutput;
}

export const BENCH_DETECTORS: BenchDetector[] = [
  { name: 'zscore', promql: true, run: (t, v) => zscoreDetector(t, v, { windowMs: DAY, k: 3, minSamples: 30 }) },
  { name: 'madBand', promql: false, run: (t, v) => madBandDetector(t, v, { windowMs: DAY, k: 4, minSamples: 30 }) },
  { name: 'cusum', promql: false, run: (t, v) => cusumDetector(t, v, { warmup: 150, k: 0.5, h: 8 }) },
  {
    name: 'changepoint',
    promql: false,
    run: (t, v) => changepointDetector(t, v, { minEffectSize: 0.2, confidence: 0.99, reference: 150, recent: 12 }),
  },
  {
    name: 'seasonalESD',
    promql: false,
    run: (t, v) => esdDetector(t, v, { period: 288, window: 288 * 2, stride: 48, maxAnoms: 0.02, alpha: 0.05 }),
  },
  {
    name: 'isolationForest',
    promql: false,
    run: (t, v) =>
      isolationForestDetector(t, v, {
        trainingWindowMs: 7 * DAY,
        sensitivity: 0.8,
        alertThreshold: 0.95,
        trees: 50,
        retrainEvery: 288,
      }),
  },
  { name: 'dbscan', promql: false, run: (t, v) => dbscanDetector(t, v, { eps: 0.3, minSamples: 5, windowMs: DAY }) },
  {
    name: 'likelihood',
    promql: false,
    run: (t, v) =>
      likelihoodDetector(t, v, {
        windowMs: DAY,
        historyMs: 7 * DAY,
        short: 5,
        minSamples: 30,
        alarm: 0.9999,
        quietMs: DAY,
        level: 4,
      }),
  },
  {
    name: 'conformalKnn',
    promql: false,
    run: (t, v) =>
      conformalKnnDetector(t, v, { dim: 19, k: 27, training: 750, alarm: 0.999, quiet: 100, tieBreak: true }),
  },
  {
    name: 'conformalKnnRange',
    promql: false,
    run: (t, v) =>
      conformalKnnDetector(t, v, {
        dim: 19,
        k: 27,
        training: 750,
        minTraining: 300,
        alarm: 0.9995,
        quiet: 100,
        tieBreak: true,
        flagOnScore: true,
        rangeTolerance: 0.03,
      }),
  },
  {
    name: 'relativeEntropy',
    promql: false,
    run: (t, v) =>
      relativeEntropyDetector(t, v, { window: 52, bins: 5, confidence: 0.99, minCount: 1, rangeSamples: 300 }),
  },
];
