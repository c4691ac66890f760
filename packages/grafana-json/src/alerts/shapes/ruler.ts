/**
 * The ruler API shape: a rule group as POST /api/ruler/grafana/api/v1/rules/{folderUid} takes it
 * (`{ name, interval, rules: [{ for, labels, annotations, grafana_alert: { ... snake_case ... } }] }`).
 * The folder is in the URL, so the body does not hold it. Reading also accepts what GET
 * /api/ruler/grafana/api/v1/rules returns (`{ "<folder title>": [group, ...] }`), dropping its read-only keys.
 */
import { childPath, GrafanaJsonError } from '../../errors.js';
import {
  RULER_CAMEL_CASE,
  RULER_GRAFANA_ALERT_KEYS,
  RULER_GRAFANA_ALERT_READ_ONLY,
  RULER_GROUP_KEYS,
  RULER_RULE_KEYS,
} from '../keys.js';
import {
  durationSeconds,
  execErrState,
  expectArray,
  expectObject,
  expectString,
  isObject,
  noDataState,
  optionalBoolean,
  optionalString,
  optionalStringMap,
  secondsString,
  writeQuery,
  type Json,
} from '../read-helpers.js';
import type { GrafanaAlertRule, GrafanaAlertRuleGroup, ShapeContext } from '../types.js';
import { put, readData, readNotificationSettings, rejectUnknownKeys } from './common.js';

function readRulerRule(v: unknown, path: string): { rule: GrafanaAlertRule; namespaceUid?: string } {
  const o = expectObject(v, path);
  const top = { ...o };
  if (top.expr === '') delete top.expr;
  rejectUnknownKeys(top, RULER_RULE_KEYS, [], path);
  const gp = childPath(path, 'grafana_alert');
  if (o.grafana_alert === undefined) {
    throw new GrafanaJsonError(
      'grafana/not-grafana-rule',
      gp,
      'a Grafana-managed rule in the ruler API needs grafana_alert',
    );
  }
  const ga = expectObject(o.grafana_alert, gp);
  for (const key of Object.keys(ga)) {
    const snake = RULER_CAMEL_CASE[key];
    if (snake !== undefined) {
      throw new GrafanaJsonError(
        'grafana/ruler-camel-case',
        childPath(gp, key),
        `the ruler API drops camelCase ${key} silently; write ${snake}`,
      );
    }
  }
  rejectUnknownKeys(ga, RULER_GRAFANA_ALERT_KEYS, RULER_GRAFANA_ALERT_READ_ONLY, gp);
  const rule: GrafanaAlertRule = {
    title: expectString(ga, 'title', gp),
    condition: expectString(ga, 'condition', gp),
    data: readData(ga, gp),
    forSeconds: durationSeconds(o.for ?? '0s', childPath(path, 'for')),
    noDataState: noDataState(ga, 'no_data_state', gp),
    execErrState: execErrState(ga, 'exec_err_state', gp),
    isPaused: optionalBoolean(ga, 'is_paused', gp) ?? false,
  };
  const uid = optionalString(ga, 'uid', gp);
  if (uid !== undefined) rule.uid = uid;
  const labels = optionalStringMap(o, 'labels', path);
  if (labels) rule.labels = labels;
  const annotations = optionalStringMap(o, 'annotations', path);
  if (annotations) rule.annotations = annotations;
  const ns = readNotificationSettings(ga, 'notification_settings', gp);
  if (ns) rule.notificationSettings = ns;
  return { rule, namespaceUid: typeof ga.namespace_uid === 'string' ? ga.namespace_uid : undefined };
}

function readRulerGroupAt(v: unknown, context: ShapeContext, path: string): GrafanaAlertRuleGroup {
  const o = expectObject(v, path);
  rejectUnknownKeys(o, RULER_GROUP_KEYS, [], path);
  const rp = childPath(path, 'rules');
  const read = expectArray(o.rules, rp).map((r, i) => readRulerRule(r, childPath(rp, i)));
  const group: GrafanaAlertRuleGroup = {
    name: expectString(o, 'name', path),
    orgId: context.orgId ?? 1,
    intervalSeconds: durationSeconds(o.interval, childPath(path, 'interval')),
    rules: read.map((r) => r.rule),
  };
  const folderUid = context.folderUid ?? read.find((r) => r.namespaceUid !== undefined)?.namespaceUid;
  if (folderUid !== undefined) group.folderUid = folderUid;
  if (context.folderTitle !== undefined) group.folderTitle = context.folderTitle;
  return group;
}

/** True when `v` looks like the ruler GET response (folder title → groups) rather than one group. */
export function isRulerNamespaceMap(v: unknown): boolean {
  return isObject(v) && !('rules' in v) && Object.keys(v).length > 0 && Object.values(v).every(Array.isArray);
}

/** The groups of a ruler POST body (one group, or an array of them) or of a ruler GET response (folder title → groups). */
export function readRulerGroups(v: unknown, context: ShapeContext = {}, path = '$'): GrafanaAlertRuleGroup[] {
  if (Array.isArray(v)) return v.map((g, i) => readRulerGroupAt(g, context, childPath(path, i)));
  if (!isRulerNamespaceMap(v)) return [readRulerGroupAt(v, context, path)];
  const out: GrafanaAlertRuleGroup[] = [];
  for (const [title, groups] of Object.entries(v as Json)) {
    const np = childPath(path, title);
    (groups as unknown[]).forEach((g, i) => {
      out.push(readRulerGroupAt(g, { ...context, folderTitle: context.folderTitle ?? title }, childPath(np, i)));
    });
  }
  return out;
}

/** The POST body of one group; post it to /api/ruler/grafana/api/v1/rules/{group.folderUid}. */
export function writeRulerGroup(group: GrafanaAlertRuleGroup): Json {
  return {
    name: group.name,
    interval: secondsString(group.intervalSeconds),
    rules: group.rules.map((r) => {
      const out: Json = { for: secondsString(r.forSeconds) };
      put(out, 'labels', r.labels);
      put(out, 'annotations', r.annotations);
      const ga: Json = {};
      put(ga, 'uid', r.uid);
      ga.title = r.title;
      ga.condition = r.condition;
      ga.data = r.data.map(writeQuery);
      ga.no_data_state = r.noDataState;
      ga.exec_err_state = r.execErrState;
      ga.is_paused = r.isPaused;
      put(ga, 'notification_settings', r.notificationSettings);
      out.grafana_alert = ga;
      return out;
    }),
  };
}
