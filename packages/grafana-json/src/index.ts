/**
 * `@alertcraft/grafana-json`: Grafana 11.2 dashboards (builders over `@grafana/schema` 11.2 types),
 * Grafana-managed alert rules in one model read from and written to the provisioning API, file and
 * ruler shapes, and a validator (foundation-sdk 11.2 JSON Schemas plus cross-field checks).
 */
export { GrafanaJsonError } from './errors.js';

export type {
  AlertQuery,
  AlertShape,
  ExecErrState,
  GrafanaAlertRule,
  GrafanaAlertRuleGroup,
  NoDataState,
  NotificationSettings,
  RelativeTimeRange,
  ShapeContext,
} from './alerts/types.js';
export { ALERT_SHAPES, EXEC_ERR_STATES, EXPRESSION_DATASOURCE_UID, NO_DATA_STATES } from './alerts/types.js';
export {
  classicCondition,
  dataQuery,
  describeQuery,
  EXPRESSION_DATASOURCE,
  math,
  reduce,
  threshold,
} from './alerts/expressions.js';
export type {
  ClassicCondition,
  DataSourceRef,
  QueryDescription,
  Reducer,
  ReduceMode,
  ThresholdEvaluator,
} from './alerts/expressions.js';
export {
  DEFAULT_GROUP_INTERVAL_SECONDS,
  inferAlertDocumentKind,
  readAlertDocument,
  withContext,
  writeAlertDocument,
} from './alerts/convert.js';
export type { AlertDocumentKind } from './alerts/convert.js';
export {
  readProvisionedRule,
  readProvisioningGroup,
  writeProvisionedRule,
  writeProvisioningGroup,
} from './alerts/shapes/provisioning-api.js';
export { readFileGroups, writeFile } from './alerts/shapes/file.js';
export { readRulerGroups, writeRulerGroup } from './alerts/shapes/ruler.js';
export { DEVDIAG_DATASOURCE, DEVDIAG_FOLDER, devdiagAlertGroup } from './alerts/devdiag.js';

export type {
  Dashboard,
  DashboardPanel,
  Panel,
  RowPanel,
  ThresholdsConfig,
  VariableModel,
} from './dashboards/types.js';
export { SCHEMA_VERSION } from './dashboards/types.js';
export { barGauge, gauge, heatmap, pieChart, stat, table, text, thresholds, timeseries } from './dashboards/panels.js';
export type { Link, Override, PanelOptions, PanelSpec, Step, Target } from './dashboards/panels.js';
export { GRID_COLUMNS, layout, row } from './dashboards/layout.js';
export type { LayoutItem, RowSpec } from './dashboards/layout.js';
export {
  customVariable,
  datasourceFromVariable,
  datasourceVariable,
  intervalVariable,
  queryVariable,
} from './dashboards/variables.js';
export { dashboard, dashboardImport } from './dashboards/dashboard.js';
export type { DashboardOptions } from './dashboards/dashboard.js';

export { aetherlinkDashboard } from './seed-dashboards/aetherlink.js';
export {
  maestroCapacityCorrections,
  maestroCapacityDashboard,
  maestroExecutiveCorrections,
  maestroExecutiveDashboard,
} from './seed-dashboards/maestro.js';
export type { DashboardCorrection } from './seed-dashboards/corrections.js';

export type { Problem } from './validate/problem.js';
export { DOCUMENT_KINDS, inferDocumentKind, validateDocument } from './validate/validate.js';
export type { DocumentKind, ValidationResult } from './validate/validate.js';
export { datasourceIndex, UID_MAX_LENGTH } from './validate/uids.js';
export type { DatasourceIndex } from './validate/uids.js';
export { expandSqlMacros } from './eval/sql-macros.js';
export type { TimeRangeMs } from './eval/sql-macros.js';
export { evaluateRule, rowsToSeries } from './eval/evaluate-rule.js';
export type { EvalResult, EvalState, RuleEvaluation, SqlQueryFn } from './eval/evaluate-rule.js';
export { instanceKey, RuleStateMachine } from './eval/state.js';
export type { AlertState, InstanceState, StateTransition } from './eval/state.js';
export { evaluationTimes, groupEvaluator } from './eval/group-evaluator.js';
export type { GroupEvaluator } from './eval/group-evaluator.js';
export { GrafanaApiError, grafanaClient, maskUrl } from './client/client.js';
export type { DashboardSaveResult, GrafanaAuth, GrafanaClient, GrafanaClientOptions } from './client/client.js';
