export { DEVDIAG_SCHEMA, DEVDIAG_VIEWS, DEVDIAG_INDEXES, DEVDIAG_TABLES, DEVDIAG_MIGRATIONS } from './schema.js';
export type { Migration as DevdiagMigration } from './schema.js';
export { migrateDevdiag } from './migrate.js';
export { devdiagHealthChecks, devdiagGuardrails } from './checks.js';
export type { DevdiagCheckOptions } from './checks.js';
export { insertSampleData, SAMPLE_PROBLEMS } from './sample-data.js';
export {
  DEVDIAG_INCIDENT_ALERT,
  DEVDIAG_PROBLEMS,
  DEVDIAG_SURGE_PROBLEMS,
  devdiagScenario,
  devdiagWriter,
} from './scenario.js';
export type {
  DevdiagIncident,
  DevdiagIncidentKind,
  DevdiagOccurrence,
  DevdiagRun,
  DevdiagScenario,
  DevdiagScenarioOptions,
  DevdiagSuggestion,
} from './scenario.js';
