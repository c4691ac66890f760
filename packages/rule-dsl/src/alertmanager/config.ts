/**
 * Typed Alertmanager configuration (alertmanager.yml), field names as in the YAML. Covers what the
 * launch playbooks use: global, the route tree, receivers with webhook/PagerDuty/Slack/email
 * configs, inhibit rules and time intervals. Receiver integrations and `global` accept further
 * Alertmanager fields (index signature) so a loaded config round-trips.
 */

export interface HttpConfig {
  [key: string]: unknown;
}

export interface GlobalConfig {
  resolve_timeout?: string;
  smtp_from?: string;
  smtp_smarthost?: string;
  smtp_hello?: string;
  smtp_auth_username?: string;
  smtp_auth_password?: string;
  smtp_require_tls?: boolean;
  slack_api_url?: string;
  pagerduty_url?: string;
  http_config?: HttpConfig;
  [key: string]: unknown;
}

export interface Route {
  receiver?: string;
  /** Label names to group by; `['...']` groups by all labels. */
  group_by?: string[];
  /** Keep matching sibling routes after this one matched. */
  continue?: boolean;
  /** New-style matchers, e.g. `severity="critical"`, `team=~"infra|sre"` (see `matcher()`). */
  matchers?: string[];
  /** @deprecated since Alertmanager 0.22: use `matchers`. */
  match?: Record<string, string>;
  /** @deprecated since Alertmanager 0.22: use `matchers` with `=~`. */
  match_re?: Record<string, string>;
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
  mute_time_intervals?: string[];
  active_time_intervals?: string[];
  routes?: Route[];
}

export interface WebhookConfig {
  url?: string;
  url_file?: string;
  send_resolved?: boolean;
  max_alerts?: number;
  http_config?: HttpConfig;
  [key: string]: unknown;
}

export interface PagerdutyConfig {
  /** Events API v2 integration key. */
  routing_key?: string;
  routing_key_file?: string;
  /** Events API v1 integration key. */
  service_key?: string;
  service_key_file?: string;
  url?: string;
  client?: string;
  client_url?: string;
  description?: string;
  severity?: string;
  details?: Record<string, string>;
  send_resolved?: boolean;
  [key: string]: unknown;
}

export interface SlackConfig {
  api_url?: string;
  api_url_file?: string;
  channel?: string;
  username?: string;
  title?: string;
  text?: string;
  send_resolved?: boolean;
  [key: string]: unknown;
}

export interface EmailConfig {
  to: string;
  from?: string;
  smarthost?: string;
  require_tls?: boolean;
  headers?: Record<string, string>;
  html?: string;
  text?: string;
  send_resolved?: boolean;
  [key: string]: unknown;
}

export interface Receiver {
  name: string;
  webhook_configs?: WebhookConfig[];
  pagerduty_configs?: PagerdutyConfig[];
  slack_configs?: SlackConfig[];
  email_configs?: EmailConfig[];
  [key: string]: unknown;
}

export interface InhibitRule {
  source_matchers?: string[];
  target_matchers?: string[];
  /** Labels that must be equal in source and target. */
  equal?: string[];
  /** @deprecated use `source_matchers`. */
  source_match?: Record<string, string>;
  /** @deprecated use `source_matchers`. */
  source_match_re?: Record<string, string>;
  /** @deprecated use `target_matchers`. */
  target_match?: Record<string, string>;
  /** @deprecated use `target_matchers`. */
  target_match_re?: Record<string, string>;
}

export interface TimeRange {
  /** `HH:MM` */
  start_time: string;
  end_time: string;
}

export interface TimeInterval {
  times?: TimeRange[];
  /** e.g. `monday:friday`, `saturday` */
  weekdays?: string[];
  /** e.g. `1:5`, `-1` */
  days_of_month?: string[];
  /** e.g. `january:march`, `12` */
  months?: string[];
  years?: string[];
  /** IANA time zone, e.g. `Europe/Paris` (default UTC). */
  location?: string;
}

export interface TimeIntervalSet {
  name: string;
  time_intervals: TimeInterval[];
}

export interface AlertmanagerConfig {
  global?: GlobalConfig;
  templates?: string[];
  route: Route;
  receivers: Receiver[];
  inhibit_rules?: InhibitRule[];
  time_intervals?: TimeIntervalSet[];
  /** @deprecated since Alertmanager 0.24: use `time_intervals` (same shape). */
  mute_time_intervals?: TimeIntervalSet[];
}
