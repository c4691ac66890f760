// @alertcraft/baseline-stats: public API.
export { mean, quantile, quantileSorted, sortedSample, summarize, DEFAULT_BASELINE_STATS, type BaselineStat } from './quantile.js';
export { median, mad, iqr, trimmedMean, MAD_NORMAL_SCALE } from './robust.js';
export { quantileOverTime, holtWinters, linearRegression, predictLinear } from './promql-functions.js';
export { ewma, EwmaStats, holtSmooth } from './smoothing.js';
export { seasonBucket, seasonLength, seasonalBaseline, type Season } from './seasonal.js';
