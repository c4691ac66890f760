/**
 * The file provisioning / export shape: `{ apiVersion: 1, groups: [{ orgId, name, folder, interval, rules }] }`
 * as Grafana 11.2 reads from `provisioning/alerting/*.yaml` and writes from
 * GET /api/v1/provisioning/alert-rules/export. `folder` is the folder title; the uid is not in the file.
 */
import { childPath, GrafanaJsonError } from '../../errors.js';
import { FILE_GROUP_KEYS, FILE_RULE_KEYS } from '../keys.js';
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

function readFileRule(v: unknown, path: string): GrafanaAlertRule {
  const o = expectObject(v, path);
  rejectUnknownKeys(o, FILE_RULE_KEYS, [], path);
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
  let annotations = optionalStringMap(o, 'annotations', path);
  // The file's dashboardUid/panelId are the annotations the other shapes use for the same link.
  const dashboardUid = optionalString(o, 'dashboardUid', path);
  const panelId = optionalInteger(o, 'panelId', path);
  if (dashboardUid !== undefined) annotations = { ...annotations, __dashboardUid__: dashboardUid };
  if (panelId !== undefined) annotations = { ...annotations, __panelId__: String(panelId) };
  if (annotations) rule.annotations = annotations;
  const ns = readNotificationSettings(o, 'notification_settings', path);
  if (ns) rule.notificationSettings = ns;
  return rule;
}

function writeFileRule(rule: GrafanaAlertRule): Json {
  const out: Json = {};
  put(out, 'uid', rule.uid);
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

/** Every group of a provisioning file. `context.folderUid` is used for groups (the file has none). */
export function readFileGroups(v: unknown, context: ShapeContext = {}, path = '$'): GrafanaAlertRuleGroup[] {
  const o = expectObject(v, path);
  rejectUnknownKeys(o, ['apiVersion', 'groups'], [], path);
  if (o.apiVersion !== 1) {
    throw new GrafanaJsonError(
      'grafana/api-version',
      childPath(path, 'apiVersion'),
      `expected apiVersion: 1, got ${JSON.stringify(o.apiVersion)}`,
    );
  }
  const gp = childPath(path, 'groups');
  return expectArray(o.groups, gp).map((g, i) => {
    const at = childPath(gp, i);
    const go = expectObject(g, at);
    rejectUnknownKeys(go, FILE_GROUP_KEYS, [], at);
    const rp = childPath(at, 'rules');
    const group: GrafanaAlertRuleGroup = {
      name: expectString(go, 'name', at),
      orgId: optionalInteger(go, 'orgId', at) ?? context.orgId ?? 1,
      folderTitle: expectString(go, 'folder', at),
      intervalSeconds: durationSeconds(go.interval, childPath(at, 'interval')),
      rules: expectArray(go.rules, rp).map((r, j) => readFileRule(r, childPath(rp, j))),
    };
    if (context.folderUid !== undefined) group.folderUid = context.folderUid;
    return group;
  });
}

export function writeFile(groups: readonly GrafanaAlertRuleGroup[]): Json {
  return {
    apiVersion: 1,
    groups: groups.map((g) => {
      if (g.folderTitle === undefined) {
        throw new GrafanaJsonError(
          'grafana/folder-title',
          '$',
          `a provisioning file names the folder by title; group ${JSON.stringify(g.name)} has none (give --folder-title)`,
        );
      }
      return {
        orgId: g.orgId,
        name: g.name,
        folder: g.folderTitle,
        interval: secondsString(g.intervalSeconds),
        rules: g.rules.map(writeFileRule),
      };
    }),
  };
}
