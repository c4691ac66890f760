// @alertcraft/harness: public API. Add exports by appending lines; keep them grouped by file.
export {};
export * from './ledger/index.js';
