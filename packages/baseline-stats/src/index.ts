// @alertcraft/baseline-stats: public API.
export { mean, quantile, quantileSorted, sortedSample, summarize, DEFAULT_BASELINE_STATS, type BaselineStat } from './quantile.js';
