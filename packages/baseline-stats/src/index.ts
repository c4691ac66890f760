// @alertcraft/baseline-stats: public API.
export { quantile, quantileSorted, sortedSample, summarize, DEFAULT_BASELINE_STATS, type BaselineStat } from './quantile.js';
