/**
 * Which keys each of the three alert shapes has in Grafana 11.2: the keys alertcraft reads and
 * writes, the read-only keys a GET returns (dropped on read; posting them back causes provenance and
 * version conflicts), and keys of later Grafana versions that 11.2 silently ignores.
 */

/** Keys of a rule in the provisioning HTTP API (`ProvisionedAlertRule`). */
export const PROVISIONING_RULE_KEYS = [
  'uid',
  'orgID',
  'folderUID',
  'ruleGroup',
  'title',
  'condition',
  'data',
  'noDataState',
  'execErrState',
  'for',
  'annotations',
  'labels',
  'isPaused',
  'notification_settings',
] as const;
/** Returned by GET, not to be sent back. */
export const PROVISIONING_RULE_READ_ONLY = ['id', 'updated', 'provenance'] as const;
/** Keys of the provisioning API's rule group (`AlertRuleGroup`, PUT .../folder/{uid}/rule-groups/{group}). */
export const PROVISIONING_GROUP_KEYS = ['title', 'folderUid', 'interval', 'rules'] as const;

/** Keys of a group in a provisioning file / export (`apiVersion: 1`, `groups:`). */
export const FILE_GROUP_KEYS = ['orgId', 'name', 'folder', 'interval', 'rules'] as const;
/** Keys of a rule in a provisioning file / export. */
export const FILE_RULE_KEYS = [
  'uid',
  'title',
  'condition',
  'data',
  'dashboardUid',
  'panelId',
  'noDataState',
  'execErrState',
  'for',
  'annotations',
  'labels',
  'isPaused',
  'notification_settings',
] as const;

/** Keys of a ruler API rule group (POST /api/ruler/grafana/api/v1/rules/{folderUid}). */
export const RULER_GROUP_KEYS = ['name', 'interval', 'rules'] as const;
/** Top-level keys of a ruler rule holding a `grafana_alert`. */
export const RULER_RULE_KEYS = ['for', 'labels', 'annotations', 'grafana_alert'] as const;
/** Keys inside `grafana_alert` (snake_case, unlike the other shapes). */
export const RULER_GRAFANA_ALERT_KEYS = [
  'uid',
  'title',
  'condition',
  'data',
  'no_data_state',
  'exec_err_state',
  'is_paused',
  'notification_settings',
] as const;
/** Keys a ruler GET returns inside `grafana_alert`. */
export const RULER_GRAFANA_ALERT_READ_ONLY = [
  'id',
  'orgId',
  'updated',
  'intervalSeconds',
  'version',
  'namespace_uid',
  'rule_group',
  'provenance',
] as const;
/** Keys of a Prometheus-style ruler rule that make no sense beside `grafana_alert` (`expr: ''` is tolerated). */
export const RULER_RULE_PROMETHEUS_KEYS = ['alert', 'record', 'expr'] as const;

/**
 * Keys of later Grafana versions (or of Prometheus rules) that Grafana 11.2 accepts and drops:
 * a rule that relies on them behaves differently from what the file says.
 */
export const IGNORED_BY_11_2: Readonly<Record<string, string>> = {
  keep_firing_for: 'keep_firing_for exists for Grafana-managed rules only from Grafana 12; 11.2 drops it',
  keepFiringFor: 'keepFiringFor exists only from Grafana 12; 11.2 drops it',
  missing_series_evals_to_resolve: 'missing_series_evals_to_resolve exists only from Grafana 12; 11.2 drops it',
  missingSeriesEvalsToResolve: 'missingSeriesEvalsToResolve exists only from Grafana 12; 11.2 drops it',
  record:
    'recording rules are experimental in 11.2 (feature toggle grafanaManagedRecordingRules) and not modelled by alertcraft',
};

/** camelCase spellings that the ruler drops inside `grafana_alert`, with the key it expects. */
export const RULER_CAMEL_CASE: Readonly<Record<string, string>> = {
  noDataState: 'no_data_state',
  execErrState: 'exec_err_state',
  isPaused: 'is_paused',
  notificationSettings: 'notification_settings',
  namespaceUid: 'namespace_uid',
  ruleGroup: 'rule_group',
  folderUID: 'namespace_uid',
};
