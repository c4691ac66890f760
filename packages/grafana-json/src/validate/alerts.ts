/**
 * Checks of Grafana alert documents in each shape: the shape against the endpoint it is meant for,
 * the foundation-sdk 11.2 schema where it has one (provisioning API rule and group), and the
 * cross-field mistakes users hit (condition naming no refId, interval 0 or off the 10 s tick,
 * camelCase inside the ruler's grafana_alert, provenance fields, a missing group, keys 11.2 ignores).
 */
import { childPath } from '../errors.js';
import { describeQuery } from '../alerts/expressions.js';
import { inferAlertDocumentKind, type AlertDocumentKind } from '../alerts/convert.js';
import {
  FILE_GROUP_KEYS,
  FILE_RULE_KEYS,
  IGNORED_BY_11_2,
  PROVISIONING_GROUP_KEYS,
  PROVISIONING_RULE_KEYS,
  PROVISIONING_RULE_READ_ONLY,
  RULER_CAMEL_CASE,
  RULER_GRAFANA_ALERT_KEYS,
  RULER_GRAFANA_ALERT_READ_ONLY,
  RULER_GROUP_KEYS,
  RULER_RULE_KEYS,
  RULER_RULE_PROMETHEUS_KEYS,
} from '../alerts/keys.js';
import { isObject, readQuery, type Json } from '../alerts/read-helpers.js';
import { isRulerNamespaceMap } from '../alerts/shapes/ruler.js';
import { EXEC_ERR_STATES, NO_DATA_STATES, type AlertQuery } from '../alerts/types.js';
import { isDuration, parseDuration } from '@alertcraft/rule-dsl';
import { problem, type Problem } from './problem.js';
import { schemaProblems } from './schemas.js';
import { uidProblems, type DatasourceIndex } from './uids.js';

/** Where an endpoint's body goes, for messages. */
export const ALERT_ENDPOINTS: Readonly<Record<AlertDocumentKind, string>> = {
  'provisioning-api': 'POST /api/v1/provisioning/alert-rules',
  'provisioning-api-group': 'PUT /api/v1/provisioning/folder/{folderUid}/rule-groups/{group}',
  file: 'a provisioning file (provisioning/alerting/*.yaml) or an export',
  ruler: 'POST /api/ruler/grafana/api/v1/rules/{folderUid}',
};

const CONVERT_TO: Readonly<Record<AlertDocumentKind, string>> = {
  'provisioning-api': 'provisioning-api',
  'provisioning-api-group': 'provisioning-api',
  file: 'file',
  ruler: 'ruler',
};

/** Where the fields of one rule live in its shape. */
interface RuleView {
  path: string;
  /** Object holding title, condition, data, states (grafana_alert in the ruler). */
  body: Json;
  bodyPath: string;
  /** Object holding `for`, labels, annotations. */
  outer: Json;
  keys: { noData: string; execErr: string; paused: string };
  /** Keys allowed in body and outer, read-only keys. */
  known: readonly string[];
  readOnly: readonly string[];
  outerKnown?: readonly string[];
}

interface GroupView {
  path: string;
  obj: Json;
  nameKey: string;
  /** interval as integer seconds (provisioning group) or duration string (file, ruler). */
  intervalKind: 'seconds' | 'duration';
  rules: RuleView[];
}

export function validateAlertDocument(
  v: unknown,
  intended: AlertDocumentKind | undefined,
  datasources?: DatasourceIndex,
): Problem[] {
  const found = inferAlertDocumentKind(v);
  const out: Problem[] = [];
  if (found === undefined) {
    out.push(
      problem(
        'error',
        'grafana/unknown-shape',
        '$',
        'not a Grafana alert document',
        'give a provisioning file (apiVersion, groups), a ruler group (name, interval, rules[].grafana_alert) or a provisioning API rule or rule group',
      ),
    );
    return out;
  }
  const kind = intended ?? found;
  if (intended !== undefined && found !== intended) {
    const exportToApi = found === 'file' && intended.startsWith('provisioning-api');
    out.push(
      problem(
        'error',
        exportToApi ? 'grafana/export-posted-to-api' : 'grafana/wrong-shape',
        '$',
        `this is ${ALERT_ENDPOINTS[found]} shape, not the body ${ALERT_ENDPOINTS[intended]} takes${exportToApi ? ' (Grafana answers "no queries or expressions are found", grafana#81387)' : ''}`,
        `convert it: alertcraft grafana convert FILE --to ${CONVERT_TO[intended]}${intended === 'file' ? '' : ' --folder-uid UID'}`,
      ),
    );
    return out;
  }
  const groups = viewGroups(v, kind, out);
  if (kind === 'provisioning-api') {
    (Array.isArray(v) ? v : [v]).forEach((r, i) => {
      out.push(...schemaProblems(r, 'Rule', Array.isArray(v) ? `$[${i}]` : '$').filter(notReadOnlyRequired));
    });
  } else if (kind === 'provisioning-api-group') {
    (Array.isArray(v) ? v : [v]).forEach((g, i) => {
      out.push(...schemaProblems(g, 'RuleGroup', Array.isArray(v) ? `$[${i}]` : '$').filter(notReadOnlyRequired));
    });
  }
  for (const g of groups) checkGroup(g, kind, out, datasources);
  return dedupe(out);
}

/** orgID is filled in by Grafana from the request's org; the foundation-sdk schema lists it as required. */
function notReadOnlyRequired(p: Problem): boolean {
  return !(p.code === 'grafana/schema-required' && p.path.endsWith('.orgID'));
}

function dedupe(ps: Problem[]): Problem[] {
  const seen = new Set<string>();
  return ps.filter((p) => {
    const k = `${p.path}\u0000${p.code}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function viewGroups(v: unknown, kind: AlertDocumentKind, out: Problem[]): GroupView[] {
  const provisioningRule = (r: unknown, path: string): RuleView | undefined =>
    isObject(r)
      ? {
          path,
          body: r,
          bodyPath: path,
          outer: r,
          keys: { noData: 'noDataState', execErr: 'execErrState', paused: 'isPaused' },
          known: PROVISIONING_RULE_KEYS,
          readOnly: PROVISIONING_RULE_READ_ONLY,
        }
      : undefined;
  switch (kind) {
    case 'provisioning-api': {
      const rules = (Array.isArray(v) ? v : [v])
        .map((r, i) => provisioningRule(r, Array.isArray(v) ? `$[${i}]` : '$'))
        .filter((r): r is RuleView => r !== undefined);
      for (const r of rules) {
        if (typeof r.body.ruleGroup !== 'string' || r.body.ruleGroup === '') {
          out.push(
            problem(
              'error',
              'grafana/missing-rule-group',
              childPath(r.path, 'ruleGroup'),
              'the rule names no rule group (Grafana rejects it, grafana#97475)',
              'set ruleGroup to the name of the group the rule belongs to',
            ),
          );
        }
        if (typeof r.body.folderUID !== 'string' || r.body.folderUID === '') {
          out.push(
            problem(
              'error',
              'grafana/missing-folder',
              childPath(r.path, 'folderUID'),
              'the rule names no folder',
              'set folderUID to the uid of an existing folder',
            ),
          );
        }
      }
      return [{ path: '$', obj: {}, nameKey: '', intervalKind: 'seconds', rules }];
    }
    case 'provisioning-api-group':
      return (Array.isArray(v) ? v : [v]).filter(isObject).map((g, i) => {
        const path = Array.isArray(v) ? `$[${i}]` : '$';
        const rp = childPath(path, 'rules');
        for (const key of Object.keys(g)) {
          if (!(PROVISIONING_GROUP_KEYS as readonly string[]).includes(key))
            unknownKey(out, childPath(path, key), key, PROVISIONING_GROUP_KEYS);
        }
        const rules = arr(g.rules)
          .map((r, j) => provisioningRule(r, childPath(rp, j)))
          .filter((r): r is RuleView => r !== undefined);
        for (const r of rules) {
          if (r.body.ruleGroup !== undefined && r.body.ruleGroup !== g.title) {
            out.push(
              problem(
                'error',
                'grafana/group-mismatch',
                childPath(r.path, 'ruleGroup'),
                `rule names group ${JSON.stringify(r.body.ruleGroup)}, the body is group ${JSON.stringify(g.title)}`,
                'make ruleGroup equal the group title',
              ),
            );
          }
          if (r.body.folderUID !== undefined && r.body.folderUID !== g.folderUid) {
            out.push(
              problem(
                'error',
                'grafana/folder-mismatch',
                childPath(r.path, 'folderUID'),
                `rule is in folder ${JSON.stringify(r.body.folderUID)}, the group in ${JSON.stringify(g.folderUid)}`,
                'make folderUID equal the group folderUid',
              ),
            );
          }
        }
        return { path, obj: g, nameKey: 'title', intervalKind: 'seconds', rules };
      });
    case 'file': {
      const o = v as Json;
      if (o.apiVersion !== 1)
        out.push(
          problem(
            'error',
            'grafana/api-version',
            '$.apiVersion',
            `expected apiVersion: 1, got ${JSON.stringify(o.apiVersion)}`,
            'set apiVersion: 1',
          ),
        );
      for (const key of Object.keys(o)) {
        if (!['apiVersion', 'groups'].includes(key))
          unknownKey(out, childPath('$', key), key, ['apiVersion', 'groups']);
      }
      if (!Array.isArray(o.groups)) {
        out.push(
          problem(
            'error',
            'grafana/missing-groups',
            '$.groups',
            'a provisioning file needs groups',
            'add groups: [{ orgId, name, folder, interval, rules }]',
          ),
        );
        return [];
      }
      return o.groups
        .map((g, i): GroupView | undefined => {
          const path = `$.groups[${i}]`;
          if (!isObject(g)) {
            out.push(
              problem(
                'error',
                'grafana/shape',
                path,
                'expected a group object',
                'give { orgId, name, folder, interval, rules }',
              ),
            );
            return undefined;
          }
          for (const key of Object.keys(g))
            if (!(FILE_GROUP_KEYS as readonly string[]).includes(key))
              unknownKey(out, childPath(path, key), key, FILE_GROUP_KEYS);
          if (typeof g.folder !== 'string' || g.folder === '') {
            out.push(
              problem(
                'error',
                'grafana/missing-folder',
                childPath(path, 'folder'),
                'the group names no folder',
                'set folder to the folder title',
              ),
            );
          }
          const rp = childPath(path, 'rules');
          const rules = arr(g.rules)
            .map((r, j): RuleView | undefined =>
              isObject(r)
                ? {
                    path: childPath(rp, j),
                    body: r,
                    bodyPath: childPath(rp, j),
                    outer: r,
                    keys: { noData: 'noDataState', execErr: 'execErrState', paused: 'isPaused' },
                    known: FILE_RULE_KEYS,
                    readOnly: [],
                  }
                : undefined,
            )
            .filter((r): r is RuleView => r !== undefined);
          return { path, obj: g, nameKey: 'name', intervalKind: 'duration', rules };
        })
        .filter((g): g is GroupView => g !== undefined);
    }
    case 'ruler': {
      const groups: Array<{ g: unknown; path: string }> = isRulerNamespaceMap(v)
        ? Object.entries(v as Json).flatMap(([ns, gs]) =>
            (gs as unknown[]).map((g, i) => ({ g, path: `${childPath('$', ns)}[${i}]` })),
          )
        : Array.isArray(v)
          ? v.map((g, i) => ({ g, path: `$[${i}]` }))
          : [{ g: v, path: '$' }];
      return groups
        .filter((x) => isObject(x.g))
        .map(({ g, path }) => {
          const go = g as Json;
          for (const key of Object.keys(go))
            if (!(RULER_GROUP_KEYS as readonly string[]).includes(key))
              unknownKey(out, childPath(path, key), key, RULER_GROUP_KEYS);
          const rp = childPath(path, 'rules');
          const rules = arr(go.rules)
            .map((r, j): RuleView | undefined => {
              const at = childPath(rp, j);
              if (!isObject(r)) return undefined;
              if (!isObject(r.grafana_alert)) {
                out.push(
                  problem(
                    'error',
                    'grafana/not-grafana-rule',
                    childPath(at, 'grafana_alert'),
                    'a rule posted to the Grafana ruler needs grafana_alert (this looks like a Prometheus rule)',
                    'wrap title, condition, data, no_data_state, exec_err_state in grafana_alert',
                  ),
                );
                return undefined;
              }
              for (const key of RULER_RULE_PROMETHEUS_KEYS) {
                if (r[key] !== undefined && !(key === 'expr' && r[key] === '')) {
                  out.push(
                    problem(
                      'error',
                      'grafana/prometheus-key',
                      childPath(at, key),
                      `${key} belongs to Prometheus rules; beside grafana_alert Grafana ignores it`,
                      `remove ${key}; the query is in grafana_alert.data`,
                    ),
                  );
                }
              }
              return {
                path: at,
                body: r.grafana_alert,
                bodyPath: childPath(at, 'grafana_alert'),
                outer: r,
                keys: { noData: 'no_data_state', execErr: 'exec_err_state', paused: 'is_paused' },
                known: RULER_GRAFANA_ALERT_KEYS,
                readOnly: RULER_GRAFANA_ALERT_READ_ONLY,
                outerKnown: [...RULER_RULE_KEYS, ...RULER_RULE_PROMETHEUS_KEYS],
              };
            })
            .filter((r): r is RuleView => r !== undefined);
          return { path, obj: go, nameKey: 'name', intervalKind: 'duration', rules };
        });
    }
  }
}

function unknownKey(out: Problem[], path: string, key: string, known: readonly string[]): void {
  const ignored = IGNORED_BY_11_2[key];
  if (ignored)
    out.push(
      problem(
        'error',
        'grafana/ignored-by-11.2',
        path,
        ignored,
        `remove ${key}; on Grafana 11.2 the rule behaves as if it were not there`,
      ),
    );
  else
    out.push(
      problem(
        'error',
        'grafana/unknown-key',
        path,
        `unknown key ${JSON.stringify(key)}; Grafana drops it`,
        `remove it; the keys here are ${known.join(', ')}`,
      ),
    );
}

function checkGroup(g: GroupView, kind: AlertDocumentKind, out: Problem[], datasources?: DatasourceIndex): void {
  if (g.nameKey !== '') {
    const name = g.obj[g.nameKey];
    if (typeof name !== 'string' || name === '') {
      out.push(
        problem(
          'error',
          'grafana/missing-rule-group',
          childPath(g.path, g.nameKey),
          'the rule group has no name (grafana#97475)',
          `set ${g.nameKey} to the group name`,
        ),
      );
    }
    checkInterval(g, out);
  }
  const uids = new Map<string, string>();
  for (const r of g.rules) {
    checkRule(r, kind, out, datasources);
    const uid = r.body.uid;
    if (typeof uid === 'string') {
      const first = uids.get(uid);
      if (first !== undefined)
        out.push(
          problem(
            'error',
            'grafana/duplicate-rule-uid',
            childPath(r.bodyPath, 'uid'),
            `uid ${uid} is also used at ${first}`,
            'give each rule its own uid',
          ),
        );
      else uids.set(uid, childPath(r.bodyPath, 'uid'));
    }
  }
}

function checkInterval(g: GroupView, out: Problem[]): void {
  const at = childPath(g.path, 'interval');
  const raw = g.obj.interval;
  let seconds: number | undefined;
  if (g.intervalKind === 'seconds') {
    if (typeof raw === 'number' && Number.isInteger(raw)) seconds = raw;
    else {
      out.push(
        problem(
          'error',
          'grafana/interval',
          at,
          `the group interval is whole seconds here, got ${JSON.stringify(raw)}`,
          'set interval to a multiple of 10, e.g. 60',
        ),
      );
      return;
    }
  } else {
    if (typeof raw !== 'string' || !isDuration(raw)) {
      out.push(
        problem(
          'error',
          'grafana/interval',
          at,
          `the group interval is a duration here, got ${JSON.stringify(raw)}`,
          'set interval to a duration like 1m',
        ),
      );
      return;
    }
    seconds = parseDuration(raw) / 1000;
  }
  if (seconds <= 0) {
    out.push(
      problem(
        'error',
        'grafana/interval-zero',
        at,
        'the group interval is 0: Grafana rejects the group (grafana#83154)',
        'set a positive multiple of 10 s, e.g. 1m',
      ),
    );
  } else if (seconds % 10 !== 0) {
    out.push(
      problem(
        'error',
        'grafana/interval-tick',
        at,
        `the group interval ${seconds}s is not a multiple of the scheduler's 10 s tick (grafana#97795)`,
        `use ${Math.max(10, Math.round(seconds / 10) * 10)}s`,
      ),
    );
  }
}

function checkRule(r: RuleView, kind: AlertDocumentKind, out: Problem[], datasources?: DatasourceIndex): void {
  const b = r.body;
  for (const key of Object.keys(b)) {
    if (r.known.includes(key)) continue;
    const at = childPath(r.bodyPath, key);
    if (kind === 'ruler' && RULER_CAMEL_CASE[key] !== undefined) {
      out.push(
        problem(
          'error',
          'grafana/ruler-camel-case',
          at,
          `the ruler API reads snake_case inside grafana_alert and drops ${key} silently`,
          `rename it to ${RULER_CAMEL_CASE[key]}`,
        ),
      );
    } else if (key === 'provenance') {
      out.push(
        problem(
          'warning',
          'grafana/provenance',
          at,
          `provenance ${JSON.stringify(b[key])} comes from a GET; re-importing fights it ("cannot change provenance from 'api' to ''")`,
          'remove provenance; send X-Disable-Provenance: true to keep the rule editable in the UI',
        ),
      );
    } else if (r.readOnly.includes(key)) {
      out.push(
        problem(
          'warning',
          'grafana/read-only-key',
          at,
          `${key} is set by Grafana and returned by GET; it is ignored on write`,
          `remove ${key}`,
        ),
      );
    } else if (kind !== 'ruler' && key === 'grafana_alert') {
      out.push(
        problem(
          'error',
          'grafana/wrong-shape',
          at,
          'grafana_alert belongs to the ruler API shape',
          'convert with alertcraft grafana convert FILE --to ruler, or flatten it',
        ),
      );
    } else if (
      kind !== 'ruler' &&
      ['no_data_state', 'exec_err_state', 'is_paused', 'namespace_uid', 'rule_group'].includes(key)
    ) {
      out.push(
        problem(
          'error',
          'grafana/snake-case',
          at,
          `${key} is the ruler API's spelling; this shape drops it`,
          `use the camelCase key (${key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())})`,
        ),
      );
    } else unknownKey(out, at, key, r.known);
  }
  if (r.outer !== b && r.outerKnown) {
    for (const key of Object.keys(r.outer))
      if (!r.outerKnown.includes(key)) unknownKey(out, childPath(r.path, key), key, r.outerKnown);
  }
  if (typeof b.title !== 'string' || b.title === '')
    out.push(
      problem('error', 'grafana/missing-title', childPath(r.bodyPath, 'title'), 'the rule has no title', 'set title'),
    );
  if (typeof b.uid === 'string') out.push(...uidProblems(b.uid, childPath(r.bodyPath, 'uid'), 'rule'));
  const forAt = childPath(r.path, 'for');
  const f = r.outer.for;
  if (f !== undefined && (typeof f !== 'string' || !isDuration(f))) {
    out.push(
      problem(
        'error',
        'grafana/for',
        forAt,
        `for must be a duration string like 5m, got ${JSON.stringify(f)}`,
        'write for as a duration, e.g. 5m',
      ),
    );
  }
  checkState(b, r.keys.noData, NO_DATA_STATES, r.bodyPath, out);
  checkState(b, r.keys.execErr, EXEC_ERR_STATES, r.bodyPath, out);
  checkData(r, out, datasources);
}

function checkState(b: Json, key: string, allowed: readonly string[], path: string, out: Problem[]): void {
  const v = b[key];
  if (v === undefined) {
    out.push(
      problem(
        'error',
        'grafana/missing-state',
        childPath(path, key),
        `${key} is missing`,
        `set ${key} to one of ${allowed.join(', ')}`,
      ),
    );
  } else if (typeof v !== 'string' || !allowed.includes(v)) {
    out.push(
      problem(
        'error',
        'grafana/state',
        childPath(path, key),
        `${JSON.stringify(v)} is not a ${key} of Grafana 11.2`,
        `use one of ${allowed.join(', ')}`,
      ),
    );
  }
}

function checkData(r: RuleView, out: Problem[], datasources?: DatasourceIndex): void {
  const b = r.body;
  const dp = childPath(r.bodyPath, 'data');
  if (!Array.isArray(b.data) || b.data.length === 0) {
    out.push(
      problem(
        'error',
        'grafana/no-data',
        dp,
        'the rule has no queries or expressions (Grafana: "no queries or expressions are found")',
        'add data: the datasource queries and the expressions the condition reads',
      ),
    );
    return;
  }
  const queries: Array<{ q: AlertQuery; at: string }> = [];
  b.data.forEach((raw, i) => {
    const at = childPath(dp, i);
    try {
      queries.push({ q: readQuery(raw, at), at });
    } catch (err) {
      const e = err as { path?: string; message: string };
      out.push(
        problem(
          'error',
          'grafana/query',
          e.path ?? at,
          e.message.replace(/^\S+: /, ''),
          'give refId, datasourceUid, relativeTimeRange and model',
        ),
      );
    }
  });
  const refIds = new Map<string, string>();
  for (const { q, at } of queries) {
    if (refIds.has(q.refId))
      out.push(
        problem(
          'error',
          'grafana/duplicate-ref-id',
          childPath(at, 'refId'),
          `refId ${q.refId} is also used at ${refIds.get(q.refId)}`,
          'give each query its own refId',
        ),
      );
    else refIds.set(q.refId, childPath(at, 'refId'));
  }
  for (const { q, at } of queries) {
    const d = describeQuery(q);
    if (d.kind === 'query') {
      if (datasources && !datasources.has(q.datasourceUid)) {
        out.push(
          problem(
            'error',
            'grafana/unknown-datasource',
            childPath(at, 'datasourceUid'),
            `no datasource with uid ${JSON.stringify(q.datasourceUid)} in the datasources file`,
            `use one of ${[...datasources.keys()].join(', ') || '(none listed)'}`,
          ),
        );
      }
      if (q.relativeTimeRange === undefined) {
        out.push(
          problem(
            'warning',
            'grafana/relative-time-range',
            childPath(at, 'relativeTimeRange'),
            'a datasource query without relativeTimeRange queries an empty range',
            'set relativeTimeRange: { from: 600, to: 0 } (seconds before the evaluation)',
          ),
        );
      }
      continue;
    }
    if (d.kind === 'unknown-expression') {
      out.push(
        problem(
          'error',
          'grafana/expression-type',
          childPath(childPath(at, 'model'), 'type'),
          `unknown expression type ${JSON.stringify(d.type)}`,
          'use reduce, threshold, math, resample or classic_conditions',
        ),
      );
    }
    for (const input of d.inputs) {
      if (!refIds.has(input)) {
        out.push(
          problem(
            'error',
            'grafana/unknown-ref-id',
            childPath(at, 'model'),
            `expression ${q.refId} reads ${input}, which is not a refId in data`,
            `use one of ${[...refIds.keys()].join(', ')}`,
          ),
        );
      }
    }
  }
  const cond = b.condition;
  const cp = childPath(r.bodyPath, 'condition');
  if (typeof cond !== 'string' || cond === '') {
    out.push(
      problem(
        'error',
        'grafana/missing-condition',
        cp,
        'the rule has no condition',
        `set condition to the refId that decides firing (${[...refIds.keys()].at(-1) ?? 'the last expression'})`,
      ),
    );
  } else if (!refIds.has(cond)) {
    out.push(
      problem(
        'error',
        'grafana/condition-ref-id',
        cp,
        `condition ${JSON.stringify(cond)} is not a refId in data (grafana#56388)`,
        `set condition to one of ${[...refIds.keys()].join(', ')}`,
      ),
    );
  }
}
