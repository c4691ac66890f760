// @alertcraft/baseline-stats: public API.
export {
  mean,
  quantile,
  quantileSorted,
  sortedSample,
  summarize,
  DEFAULT_BASELINE_STATS,
  type BaselineStat,
} from './quantile.js';
export { median, mad, iqr, trimmedMean, MAD_NORMAL_SCALE } from './robust.js';
export { quantileOverTime, holtWinters, linearRegression, predictLinear } from './promql-functions.js';
export { ewma, EwmaStats, holtSmooth } from './smoothing.js';
export { seasonBucket, seasonLength, seasonalBaseline, type Season } from './seasonal.js';
export { avgOverTime, stdvarOverTime, stddevOverTime } from './promql-functions.js';
export { DetectorInputError, checkSeries, type DetectorOutput } from './detectors/types.js';
export {
  zscoreDetector,
  zScores,
  zscoreRules,
  type ZScoreOptions,
  type ZScoreRuleOptions,
} from './detectors/zscore.js';
export { madBandDetector, type MadBandOptions } from './detectors/mad-band.js';
export { cusumDetector, type CusumOptions } from './detectors/cusum.js';
export { pelt, type PeltOptions } from './detectors/pelt.js';
export { changepointDetector, type ChangepointOptions } from './detectors/changepoint.js';
export { esdDetector, hybridEsd, tQuantile, type EsdOptions } from './detectors/esd.js';
export {
  isolationForestDetector,
  trainIsolationForest,
  cFactor,
  type IsolationForestOptions,
} from './detectors/isolation-forest.js';
export { dbscan, dbscanDetector, type DbscanDetectorOptions } from './detectors/dbscan.js';
export {
  NAB_PROFILES,
  NAB_PROBATION_PERCENT,
  scaledSigmoid,
  probationaryLength,
  sweepFile,
  scoresByThreshold,
  scoreAtThreshold,
  scoreCorpus,
  perfectScore,
  normalizeScore,
  type NabCostMatrix,
  type NabProfileName,
  type NabFile,
  type NabPoint,
  type NabThresholdScore,
  type NabProfileResult,
} from './nab/scorer.js';
export { likelihoodDetector, type LikelihoodOptions } from './detectors/likelihood.js';
export { conformalKnnDetector, type ConformalKnnOptions } from './detectors/conformal-knn.js';
export {
  relativeEntropyDetector,
  chiSquaredQuantile,
  type RelativeEntropyOptions,
} from './detectors/relative-entropy.js';
export {
  calibrate,
  CalibrationInputError,
  SEED000_PHASE_MULTIPLIERS,
  type CalibrationInput,
  type CalibrationIncident,
  type CalibrationResult,
  type CandidateOutcome,
  type ThresholdPolicy,
} from './calibration.js';
