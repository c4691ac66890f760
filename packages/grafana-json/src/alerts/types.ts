/**
 * The one typed model of a Grafana-managed alert rule group (Grafana 11.2). Each of Grafana's three
 * JSON shapes (provisioning HTTP API, file provisioning / export, ruler API) is read into it and
 * written from it by `./shapes/*.ts`. Durations are whole seconds; string durations in the shapes are
 * written in Prometheus' canonical form (`5m`, `1h30m`).
 */

/** What a rule does when its queries return no data (Grafana 11.2: `KeepLast` does not exist yet). */
export type NoDataState = 'NoData' | 'Alerting' | 'OK';
/** What a rule does when evaluation fails (Grafana 11.2). */
export type ExecErrState = 'Error' | 'Alerting' | 'OK';

export const NO_DATA_STATES: readonly NoDataState[] = ['NoData', 'Alerting', 'OK'];
export const EXEC_ERR_STATES: readonly ExecErrState[] = ['Error', 'Alerting', 'OK'];

/** The datasource uid Grafana gives server-side expressions. */
export const EXPRESSION_DATASOURCE_UID = '__expr__';

/** Query time range relative to the evaluation time, in seconds (`from: 600, to: 0` is the last 10 minutes). */
export interface RelativeTimeRange {
  from: number;
  to: number;
}

/**
 * One entry of a rule's `data`: a datasource query or a server-side expression (datasourceUid
 * `__expr__`). `model` is the raw query JSON, kept as given so that nothing is lost; build it with
 * `./expressions.ts` and read it back with `describeQuery`.
 */
export interface AlertQuery {
  refId: string;
  datasourceUid: string;
  queryType?: string;
  relativeTimeRange?: RelativeTimeRange;
  model: Record<string, unknown>;
}

/** Per-rule notification routing (`notification_settings`), kept as given. */
export interface NotificationSettings {
  receiver: string;
  [key: string]: unknown;
}

export interface GrafanaAlertRule {
  uid?: string;
  title: string;
  /** refId of the entry of `data` whose result decides firing. */
  condition: string;
  data: AlertQuery[];
  /** Pending period in seconds (`for`). */
  forSeconds: number;
  noDataState: NoDataState;
  execErrState: ExecErrState;
  isPaused: boolean;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  notificationSettings?: NotificationSettings;
}

export interface GrafanaAlertRuleGroup {
  /** Rule group name (`ruleGroup`, `name`, `title` in the shapes). */
  name: string;
  /** Folder uid; the ruler and file shapes do not carry it (give it as context when reading them). */
  folderUid?: string;
  /** Folder title; only the file shape carries it. */
  folderTitle?: string;
  orgId: number;
  /** Evaluation interval in seconds: a positive multiple of 10 (Grafana's scheduler tick). */
  intervalSeconds: number;
  rules: GrafanaAlertRule[];
}

/** Facts a shape does not hold but the request around it does (the URL's folder, the org). */
export interface ShapeContext {
  folderUid?: string;
  folderTitle?: string;
  orgId?: number;
}

/** The names of the three shapes as the CLI spells them. */
export type AlertShape = 'provisioning-api' | 'file' | 'ruler';
export const ALERT_SHAPES: readonly AlertShape[] = ['provisioning-api', 'file', 'ruler'];
