/**
 * The provisioning HTTP API shape: a rule group as PUT /api/v1/provisioning/folder/{folderUid}/rule-groups/{group}
 * takes it (`{ title, folderUid, interval, rules }`, interval in seconds), each rule a `ProvisionedAlertRule`
 * as POST /api/v1/provisioning/alert-rules takes it (camelCase, `for` a duration string).
 */
import { childPath, GrafanaJsonError } from '../../errors.js';
import { PROVISIONING_GROUP_KEYS, PROVISIONING_RULE_KEYS, PROVISIONING_RULE_READ_ONLY } from '../keys.js';
import {
  durationSeconds,
  execErrState,
  expectArray,
  expectObject,
  expectString,
  noDataState,
  optionalBoolean,
  optionalInteger,
  optionalString,
  optionalStringMap,
  secondsString,
  writeQuery,
  type Json,
} from '../read-helpers.js';
import type { GrafanaAlertRule, GrafanaAlertRuleGroup, ShapeContext } from '../types.js';
import { put, readData, readNotificationSettings, rejectUnknownKeys } from './common.js';

interface RuleWithPlace {
  rule: GrafanaAlertRule;
  orgId?: number;
  folderUid: string;
  ruleGroup: string;
}

/** One `ProvisionedAlertRule` (POST /api/v1/provisioning/alert-rules). */
export function readProvisionedRule(v: unknown, path = '$'): RuleWithPlace {
  const o = expectObject(v, path);
  rejectUnknownKeys(o, PROVISIONING_RULE_KEYS, PROVISIONING_RULE_READ_ONLY, path);
  const rule: GrafanaAlertRule = {
    title: expectString(o, 'title', path),
    condition: expectString(o, 'condition', path),
    data: readData(o, path),
    forSeconds: durationSeconds(o.for ?? '0s', childPath(path, 'for')),
    noDataState: noDataState(o, 'noDataState', path),
    execErrState: execErrState(o, 'execErrState', path),
    isPaused: optionalBoolean(o, 'isPaused', path) ?? false,
  };
  const uid = optionalString(o, 'uid', path);
  if (uid !== undefined) rule.uid = uid;
  const labels = optionalStringMap(o, 'labels', path);
  if (labels) rule.labels = labels;
  const annotations = optionalStringMap(o, 'annotations', path);
  if (annotations) rule.annotations = annotations;
  const ns = readNotificationSettings(o, 'notification_settings', path);
  if (ns) rule.notificationSettings = ns;
  return {
    rule,
    orgId: optionalInteger(o, 'orgID', path),
    folderUid: expectString(o, 'folderUID', path),
    ruleGroup: expectString(o, 'ruleGroup', path),
  };
}

export function writeProvisionedRule(rule: GrafanaAlertRule, group: GrafanaAlertRuleGroup, folderUid: string): Json {
  const out: Json = {};
  put(out, 'uid', rule.uid);
  out.orgID = group.orgId;
  out.folderUID = folderUid;
  out.ruleGroup = group.name;
  out.title = rule.title;
  out.condition = rule.condition;
  out.data = rule.data.map(writeQuery);
  out.noDataState = rule.noDataState;
  out.execErrState = rule.execErrState;
  out.for = secondsString(rule.forSeconds);
  put(out, 'annotations', rule.annotations);
  put(out, 'labels', rule.labels);
  out.isPaused = rule.isPaused;
  put(out, 'notification_settings', rule.notificationSettings);
  return out;
}

/** The provisioning API's rule group (`AlertRuleGroup`). */
export function readProvisioningGroup(v: unknown, context: ShapeContext = {}, path = '$'): GrafanaAlertRuleGroup {
  const o = expectObject(v, path);
  rejectUnknownKeys(o, PROVISIONING_GROUP_KEYS, [], path);
  const name = expectString(o, 'title', path);
  const folderUid = expectString(o, 'folderUid', path);
  const interval = optionalInteger(o, 'interval', path);
  if (interval === undefined)
    throw new GrafanaJsonError(
      'grafana/interval',
      childPath(path, 'interval'),
      'the group needs its interval in seconds, e.g. 60',
    );
  const rp = childPath(path, 'rules');
  const placed = expectArray(o.rules, rp).map((r, i) => readProvisionedRule(r, childPath(rp, i)));
  let orgId: number | undefined;
  placed.forEach((p, i) => {
    const at = childPath(rp, i);
    if (p.folderUid !== folderUid) {
      throw new GrafanaJsonError(
        'grafana/folder-mismatch',
        childPath(at, 'folderUID'),
        `rule is in folder ${p.folderUid}, its group in ${folderUid}`,
      );
    }
    if (p.ruleGroup !== name) {
      throw new GrafanaJsonError(
        'grafana/group-mismatch',
        childPath(at, 'ruleGroup'),
        `rule names group ${p.ruleGroup}, the group is ${name}`,
      );
    }
    if (p.orgId !== undefined) {
      if (orgId !== undefined && orgId !== p.orgId)
        throw new GrafanaJsonError(
          'grafana/org-mismatch',
          childPath(at, 'orgID'),
          `org ${p.orgId} differs from ${orgId}`,
        );
      orgId = p.orgId;
    }
  });
  const group: GrafanaAlertRuleGroup = {
    name,
    folderUid,
    orgId: orgId ?? context.orgId ?? 1,
    intervalSeconds: interval,
    rules: placed.map((p) => p.rule),
  };
  if (context.folderTitle !== undefined) group.folderTitle = context.folderTitle;
  return group;
}

export function writeProvisioningGroup(group: GrafanaAlertRuleGroup): Json {
  const folderUid = requireFolderUid(group, 'the provisioning API');
  return {
    title: group.name,
    folderUid,
    interval: group.intervalSeconds,
    rules: group.rules.map((r) => writeProvisionedRule(r, group, folderUid)),
  };
}

export function requireFolderUid(group: GrafanaAlertRuleGroup, shape: string): string {
  if (group.folderUid === undefined) {
    throw new GrafanaJsonError(
      'grafana/folder-uid',
      '$',
      `${shape} needs the folder uid of group ${JSON.stringify(group.name)}; give it (--folder-uid)`,
    );
  }
  return group.folderUid;
}
