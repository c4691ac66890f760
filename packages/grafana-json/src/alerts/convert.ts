/**
 * Reading any of the three alert shapes into the model and writing the model as any of them.
 * `provisioning-api` is written as the rule-group body (PUT /api/v1/provisioning/folder/{uid}/rule-groups/{group}),
 * the only API body that holds the group interval; reading it also accepts single rules (POST /api/v1/provisioning/alert-rules).
 */
import { childPath, GrafanaJsonError } from '../errors.js';
import { expectArray, isObject, type Json } from './read-helpers.js';
import { readFileGroups, writeFile } from './shapes/file.js';
import { readProvisionedRule, readProvisioningGroup, writeProvisioningGroup } from './shapes/provisioning-api.js';
import { isRulerNamespaceMap, readRulerGroups, writeRulerGroup } from './shapes/ruler.js';
import type { AlertShape, GrafanaAlertRuleGroup, ShapeContext } from './types.js';

/** The document kinds the validator tells apart (`provisioning-api` is one rule, `provisioning-api-group` a group). */
export type AlertDocumentKind = 'provisioning-api' | 'provisioning-api-group' | 'file' | 'ruler';

/** Grafana's default interval for a group created by posting a single rule. */
export const DEFAULT_GROUP_INTERVAL_SECONDS = 60;

/** Which alert document `v` is, from its keys; undefined when it is none of them. */
export function inferAlertDocumentKind(v: unknown): AlertDocumentKind | undefined {
  if (Array.isArray(v)) {
    if (v.length > 0 && v.every((r) => isObject(r) && ('folderUID' in r || 'ruleGroup' in r)))
      return 'provisioning-api';
    if (v.length > 0 && v.every((g) => isObject(g) && 'folderUid' in g && 'rules' in g))
      return 'provisioning-api-group';
    if (v.length > 0 && v.every((g) => isObject(g) && 'name' in g && 'rules' in g)) return 'ruler';
    return undefined;
  }
  if (!isObject(v)) return undefined;
  if ('apiVersion' in v || 'groups' in v) return 'file';
  if (isRulerNamespaceMap(v)) return 'ruler';
  if (Array.isArray(v.rules)) {
    if (v.rules.some((r) => isObject(r) && 'grafana_alert' in r)) return 'ruler';
    if ('folderUid' in v || 'title' in v) return 'provisioning-api-group';
    if ('name' in v) return 'ruler';
  }
  if ('folderUID' in v || 'ruleGroup' in v || ('condition' in v && 'data' in v)) return 'provisioning-api';
  return undefined;
}

/** Reads an alert document of the given kind (inferred when left out) into rule groups. */
export function readAlertDocument(
  v: unknown,
  kind?: AlertDocumentKind,
  context: ShapeContext = {},
): GrafanaAlertRuleGroup[] {
  const k = kind ?? inferAlertDocumentKind(v);
  switch (k) {
    case 'file':
      return readFileGroups(v, context);
    case 'ruler':
      return readRulerGroups(v, context);
    case 'provisioning-api-group':
      if (Array.isArray(v)) return v.map((g, i) => readProvisioningGroup(g, context, `$[${i}]`));
      return [readProvisioningGroup(v, context)];
    case 'provisioning-api':
      return readProvisionedRules(v, context);
    default:
      throw new GrafanaJsonError(
        'grafana/unknown-shape',
        '$',
        'not a Grafana alert document: expected a provisioning file (apiVersion, groups), a ruler group (name, interval, rules with grafana_alert) or a provisioning API rule or group',
      );
  }
}

function readProvisionedRules(v: unknown, context: ShapeContext): GrafanaAlertRuleGroup[] {
  const items = Array.isArray(v) ? expectArray(v, '$') : [v];
  const groups = new Map<string, GrafanaAlertRuleGroup>();
  items.forEach((item, i) => {
    const placed = readProvisionedRule(item, Array.isArray(v) ? childPath('$', i) : '$');
    const key = JSON.stringify([placed.folderUid, placed.ruleGroup]);
    let g = groups.get(key);
    if (!g) {
      g = {
        name: placed.ruleGroup,
        folderUid: placed.folderUid,
        orgId: placed.orgId ?? context.orgId ?? 1,
        intervalSeconds: DEFAULT_GROUP_INTERVAL_SECONDS,
        rules: [],
      };
      if (context.folderTitle !== undefined) g.folderTitle = context.folderTitle;
      groups.set(key, g);
    }
    g.rules.push(placed.rule);
  });
  return [...groups.values()];
}

/** Writes rule groups as one shape: one group as an object, several as an array (a file holds them all). */
export function writeAlertDocument(groups: readonly GrafanaAlertRuleGroup[], shape: AlertShape): Json | Json[] {
  if (shape === 'file') return writeFile(groups);
  const write = shape === 'ruler' ? writeRulerGroup : writeProvisioningGroup;
  const out = groups.map(write);
  return out.length === 1 ? out[0] : out;
}

/** A copy of the groups with the folder (and org) of `context` filled in where the shape did not say. */
export function withContext(groups: readonly GrafanaAlertRuleGroup[], context: ShapeContext): GrafanaAlertRuleGroup[] {
  return groups.map((g) => {
    const out = structuredClone(g);
    if (context.folderUid !== undefined) out.folderUid = context.folderUid;
    if (context.folderTitle !== undefined) out.folderTitle = context.folderTitle;
    if (context.orgId !== undefined) out.orgId = context.orgId;
    return out;
  });
}
