// @alertcraft/promql/testing: seeded generators for tests, benchmarks and scenarios (not the engine's API).
export { mulberry32, randInt, pick, chance } from './generate/prng.js';
export type { Rng } from './generate/prng.js';
export { generateExpr, generateInvalidExpr } from './generate/generate-expr.js';
export type { GenerateOptions } from './generate/generate-expr.js';
export { generateSeries, GENERATED_SERIES_LABELS } from './generate/series.js';
export type { GenerateSeriesOptions } from './generate/series.js';
