// @alertcraft/promql: public API. Add exports by appending lines; keep them grouped by file.
export type * from './ast.js';
export type { Diagnostic, Severity } from './diagnostics.js';
export { lineColumn } from './diagnostics.js';
export { PromQLError, PromQLSyntaxError, PromQLEvalError } from './errors.js';
export type * from './values.js';
export { STALE_NAN_BITS } from './values.js';
