export { DEVDIAG_SCHEMA, DEVDIAG_VIEWS, DEVDIAG_INDEXES, DEVDIAG_TABLES, DEVDIAG_MIGRATIONS } from './schema.js';
export type { Migration as DevdiagMigration } from './schema.js';
export { migrateDevdiag } from './migrate.js';
export { devdiagHealthChecks, devdiagGuardrails } from './checks.js';
export type { DevdiagCheckOptions } from './checks.js';
export { insertSampleData, SAMPLE_PROBLEMS } from './sample-data.js';
