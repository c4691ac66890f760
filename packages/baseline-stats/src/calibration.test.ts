import { alertTimelineFromVectors, type VectorSample } from '@alertcraft/promql';
import { mulberry32 } from '@alertcraft/promql/testing';
import { describe, expect, it } from 'vitest';
import { calibrate, CalibrationInputError, SEED000_PHASE_MULTIPLIERS, type CalibrationInput } from './calibration.js';

const T0 = Date.UTC(2025, 8, 1);
const STEP = 60_000;
const DAY = 86_400_000;

/** Four days of a ratio near 0.001 with short noise bursts, and three 30-minute incidents at 0.02. */
function history(seed = 7) {
  const rnd = mulberry32(seed); // deterministic noise: the same history every run
  const n = (4 * DAY) / STEP;
  const ts = new Float64Array(n);
  const vs = new Float64Array(n);
  const incidents = [
    { id: 'a', start: T0 + 0.5 * DAY, end: T0 + 0.5 * DAY + 1_800_000 },
    { id: 'b', start: T0 + 1.7 * DAY, end: T0 + 1.7 * DAY + 1_800_000 },
    { id: 'c', start: T0 + 3.2 * DAY, end: T0 + 3.2 * DAY + 1_800_000 },
  ];
  for (let i = 0; i < n; i++) {
    const t = T0 + i * STEP;
    ts[i] = t;
    let v = 0.001 * (1 + 0.3 * (rnd() - 0.5));
    if (rnd() < 0.01) v *= 2 + 2 * rnd(); // a one-to-few-minute burst: noise, not an incident
    if (incidents.some((x) => t >= x.start && t < x.end)) v = 0.02 * (0.8 + 0.4 * rnd());
    vs[i] = v;
  }
  return { ts, vs, incidents };
}

describe('calibrate', () => {
  it('every candidate’s episodes equal the Prometheus alert state machine of the engine', () => {
    const { ts, vs, incidents } = history();
    const r = calibrate({
      name: 'ErrorRateHigh',
      timestamps: ts,
      values: vs,
      evalIntervalMs: STEP,
      incidents,
      maxFalsePositivesPerDay: 0.5,
    });
    expect(r.candidates.length).toBe(12 * 5);
    for (const c of r.candidates) {
      const evaluations = Array.from(ts, (t, i) => ({
        t,
        vector: (vs[i]! > c.threshold ? [{ labels: {}, t, v: vs[i]! }] : []) as VectorSample[],
      }));
      const { timeline } = alertTimelineFromVectors(
        { alert: 'ErrorRateHigh', expr: 'x', for: `${c.forMs / 1000}s` },
        evaluations,
      );
      const fired = timeline.filter((a) => a.firedAt !== undefined);
      expect(c.episodes, `${c.threshold} for ${c.forMs}`).toBe(fired.length);
      const fp = fired.filter(
        (a) => !incidents.some((i) => a.firedAt! <= i.end + 600_000 && (a.resolvedAt ?? Infinity) >= i.start),
      ).length;
      expect(c.falsePositives).toBe(fp);
    }
  });

  it('meets the budget with the best detection, and explains the choice', () => {
    const { ts, vs, incidents } = history();
    const r = calibrate({
      name: 'ErrorRateHigh',
      timestamps: ts,
      values: vs,
      evalIntervalMs: STEP,
      incidents,
      maxFalsePositivesPerDay: 0.5,
    });
    expect(r.met).toBe(true);
    expect(r.chosen.withinBudget).toBe(true);
    expect(r.chosen.detected).toBe(3);
    // Nothing within the budget detects more, or as much with fewer false positives, or as much
    // with as few false positives sooner.
    const better = r.candidates.filter(
      (c) =>
        c.withinBudget &&
        (c.detected > r.chosen.detected ||
          (c.detected === 3 && c.falsePositives < r.chosen.falsePositives) ||
          (c.detected === 3 && c.falsePositives === r.chosen.falsePositives && c.meanTtdMs! < r.chosen.meanTtdMs!)),
    );
    expect(better).toEqual([]);
    // The hair-trigger candidates are over the budget: the noise bursts page.
    expect(r.candidates.some((c) => !c.withinBudget)).toBe(true);
    expect(r.explanation.join(' ')).toMatch(/60 candidates .* 3 labelled incidents/);
    expect(r.explanation[1]).toContain(`${r.chosen.source}`);
    expect(Number.isFinite(r.threshold)).toBe(true);
  });

  it('thresholds are the statistics times the seed 000 multipliers', () => {
    expect(Object.values(SEED000_PHASE_MULTIPLIERS)).toEqual([0.8, 1.2, 1.5]);
    const ts = Float64Array.from({ length: 100 }, (_, i) => T0 + i * STEP);
    const vs = Float64Array.from({ length: 100 }, (_, i) => i + 1); // 1..100
    const r = calibrate({
      name: 'A',
      timestamps: ts,
      values: vs,
      evalIntervalMs: STEP,
      maxFalsePositivesPerDay: 100,
      policy: { stats: ['max'] },
      forMs: [0],
    });
    expect(r.candidates.map((c) => [c.threshold, c.source])).toEqual([
      [80, 'max × 0.8'],
      [120, 'max × 1.2'],
      [150, 'max × 1.5'],
    ]);
  });

  it('unlabelled history: the most sensitive candidate within the budget', () => {
    const { ts, vs } = history();
    const r = calibrate({ name: 'A', timestamps: ts, values: vs, evalIntervalMs: STEP, maxFalsePositivesPerDay: 1 });
    expect(r.incidents).toBe(0);
    expect(r.met).toBe(true);
    const within = r.candidates.filter((c) => c.withinBudget);
    expect(Math.min(...within.map((c) => c.threshold))).toBe(r.threshold);
    expect(r.explanation[1]).toMatch(/^Unlabelled history/);
  });

  it('no candidate within the budget: the quietest, met false', () => {
    const { ts, vs } = history();
    const r = calibrate({
      name: 'A',
      timestamps: ts,
      values: vs,
      evalIntervalMs: STEP,
      maxFalsePositivesPerDay: 0,
      policy: { stats: ['p50'], multipliers: [0.8] },
    });
    expect(r.met).toBe(false);
    expect(r.chosen.falsePositives).toBe(Math.min(...r.candidates.map((c) => c.falsePositives)));
    expect(r.explanation[1]).toMatch(/^No candidate meets the budget/);
  });

  it('below: fires when the value drops under the threshold', () => {
    const ts = Float64Array.from({ length: 200 }, (_, i) => T0 + i * STEP);
    const vs = Float64Array.from({ length: 200 }, (_, i) => (i >= 150 && i < 170 ? 1 : 10));
    const r = calibrate({
      name: 'TrafficDrop',
      timestamps: ts,
      values: vs,
      evalIntervalMs: STEP,
      direction: 'below',
      incidents: [{ id: 'drop', start: T0 + 150 * STEP, end: T0 + 170 * STEP }],
      maxFalsePositivesPerDay: 0,
      policy: { stats: ['min'], multipliers: [0.8] },
      forMs: [0, 300_000],
    });
    expect(r.threshold).toBe(8);
    expect(r.forMs).toBe(0);
    expect(r.chosen.detected).toBe(1);
    expect(r.chosen.meanTtdMs).toBe(0);
  });
});

describe('calibrate: bad input', () => {
  const base = (over: Partial<CalibrationInput>): CalibrationInput => ({
    name: 'A',
    timestamps: Float64Array.from({ length: 100 }, (_, i) => T0 + i * STEP),
    values: new Float64Array(100).fill(1),
    evalIntervalMs: STEP,
    maxFalsePositivesPerDay: 1,
    ...over,
  });

  it('NaN and Inf samples are errors naming the sample', () => {
    const vs = new Float64Array(100).fill(1);
    vs[7] = Number.NaN;
    expect(() => calibrate(base({ values: vs }))).toThrow(
      /calibrate A: sample 7 \(t=2025-09-01T00:07:00.000Z\) is NaN; drop evaluations/,
    );
    vs[7] = Number.POSITIVE_INFINITY;
    expect(() => calibrate(base({ values: vs }))).toThrow(/sample 7 .* is Infinity/);
  });

  it('empty and too-short histories are errors saying what is needed', () => {
    expect(() => calibrate(base({ timestamps: [], values: [] }))).toThrow(CalibrationInputError);
    expect(() => calibrate(base({ timestamps: [], values: [] }))).toThrow(/the history is empty/);
    expect(() => calibrate(base({ timestamps: [T0, T0 + STEP], values: [1, 2] }))).toThrow(
      /2 samples outside incidents, fewer than the 60 needed/,
    );
  });

  it('a constant series: finite thresholds, multiples of the constant, documented in the explanation', () => {
    const r = calibrate(base({ policy: { stats: ['p95'] }, forMs: [0] }));
    expect(r.candidates.map((c) => c.threshold)).toEqual([0.8, 1.2, 1.5]);
    expect(r.threshold).toBe(1.2); // 0.8 fires all the time; 1.2 is the most sensitive quiet one
    expect(r.explanation.at(-1)).toMatch(/constant \(1\)/);
    const zero = calibrate(base({ values: new Float64Array(100) }));
    expect(zero.candidates.every((c) => c.threshold === 0)).toBe(true);
    expect(zero.chosen.falsePositives).toBe(0);
  });

  it('non-finite explicit thresholds and bad budgets are refused', () => {
    expect(() => calibrate(base({ thresholds: [Number.NaN] }))).toThrow(/candidate threshold NaN is not finite/);
    expect(() => calibrate(base({ maxFalsePositivesPerDay: Number.NaN }))).toThrow(/maxFalsePositivesPerDay/);
    expect(() => calibrate(base({ policy: { stats: ['median!'] } }))).toThrow(/unknown statistic 'median!'/);
  });
});
