/**
 * Checks of Grafana 11.2 dashboards (GET/export JSON or the POST /api/dashboards/db body): the
 * foundation-sdk 11.2 dashboard schema, panel by panel, plus what the schema cannot see: duplicate
 * panel ids (nested rows too), overlapping grid positions, uids, unknown datasources, flat threshold
 * arrays, per-second rates labelled per minute, and heatmaps over `timestamp()`.
 */
import { childPath } from '../errors.js';
import { isObject, type Json } from '../alerts/read-helpers.js';
import { GRID_COLUMNS } from '../dashboards/layout.js';
import { problem, type Problem } from './problem.js';
import { schemaProblems } from './schemas.js';
import { uidProblems, type DatasourceIndex } from './uids.js';

interface PlacedPanel {
  path: string;
  title: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A dashboard as GET /api/dashboards/uid/{uid} gives it (`{ dashboard, meta }`) or saved/exported JSON. */
export function validateDashboard(v: unknown, datasources?: DatasourceIndex, base = '$'): Problem[] {
  if (!isObject(v))
    return [problem('error', 'grafana/shape', base, 'expected a dashboard object', 'give the dashboard JSON')];
  const out: Problem[] = [];
  const panels = Array.isArray(v.panels) ? v.panels : [];
  const { panels: _panels, ...withoutPanels } = v;
  out.push(...schemaProblems(withoutPanels, 'Dashboard', base));
  if (v.panels !== undefined && !Array.isArray(v.panels))
    out.push(
      problem('error', 'grafana/shape', childPath(base, 'panels'), 'panels must be an array', 'give panels: [...]'),
    );
  if (v.rows !== undefined)
    out.push(
      problem(
        'error',
        'grafana/legacy-rows',
        childPath(base, 'rows'),
        'rows is the pre-5.0 layout; Grafana 11.2 reads panels',
        'move the panels into panels with gridPos',
      ),
    );
  if (typeof v.schemaVersion === 'number' && v.schemaVersion < 39) {
    out.push(
      problem(
        'warning',
        'grafana/schema-version',
        childPath(base, 'schemaVersion'),
        `schemaVersion ${v.schemaVersion} is migrated by Grafana 11.2 on load (39 is current)`,
        'regenerate the dashboard for schemaVersion 39',
      ),
    );
  }
  if (typeof v.uid === 'string') out.push(...uidProblems(v.uid, childPath(base, 'uid'), 'dashboard'));
  else if (v.uid === undefined || v.uid === null) {
    out.push(
      problem(
        'warning',
        'grafana/no-uid',
        childPath(base, 'uid'),
        'the dashboard has no uid: every import creates a new copy',
        'set a stable uid (at most 40 of [A-Za-z0-9_-])',
      ),
    );
  }
  const ids = new Map<number, string>();
  const top: PlacedPanel[] = [];
  panels.forEach((p, i) => {
    const at = childPath(childPath(base, 'panels'), i);
    checkPanel(p, at, out, ids, top, datasources);
    if (isObject(p) && p.type === 'row' && p.collapsed === true && Array.isArray(p.panels)) {
      const inner: PlacedPanel[] = [];
      p.panels.forEach((np, j) => {
        checkPanel(np, childPath(childPath(at, 'panels'), j), out, ids, inner, datasources, true);
      });
      overlaps(inner, out);
    } else if (isObject(p) && p.type === 'row' && Array.isArray(p.panels) && p.panels.length > 0) {
      out.push(
        problem(
          'error',
          'grafana/expanded-row-panels',
          childPath(at, 'panels'),
          'an expanded row keeps its panels at the top level; Grafana ignores panels inside it',
          'set collapsed: true, or move the panels after the row in panels',
        ),
      );
    }
  });
  overlaps(top, out);
  checkVariables(v, base, out, datasources);
  return out;
}

function checkPanel(
  p: unknown,
  at: string,
  out: Problem[],
  ids: Map<number, string>,
  placed: PlacedPanel[],
  datasources: DatasourceIndex | undefined,
  nested = false,
): void {
  if (!isObject(p)) {
    out.push(problem('error', 'grafana/shape', at, 'expected a panel object', 'give { type, title, gridPos, ... }'));
    return;
  }
  const isRow = p.type === 'row';
  if (nested && isRow)
    out.push(problem('error', 'grafana/nested-row', at, 'rows cannot be nested', 'move the row to the top level'));
  const { panels: _inner, ...shallow } = p;
  out.push(
    ...schemaProblems(isRow ? { ...shallow, panels: [] } : p, isRow ? 'RowPanel' : 'Panel', at).filter(
      (x) => !isThresholdArrayNoise(p, x, at),
    ),
  );
  if (typeof p.id === 'number') {
    const first = ids.get(p.id);
    if (first !== undefined)
      out.push(
        problem(
          'error',
          'grafana/duplicate-panel-id',
          childPath(at, 'id'),
          `panel id ${p.id} is also used at ${first}`,
          'give every panel, including those inside rows, its own id',
        ),
      );
    else ids.set(p.id, childPath(at, 'id'));
  } else if (p.id === undefined) {
    out.push(
      problem(
        'warning',
        'grafana/no-panel-id',
        childPath(at, 'id'),
        'the panel has no id: links and alert rules cannot point at it',
        'set a unique id',
      ),
    );
  }
  const title = typeof p.title === 'string' ? p.title : '';
  const g = p.gridPos;
  if (isObject(g) && [g.x, g.y, g.w, g.h].every((n) => typeof n === 'number')) {
    const pos = {
      path: childPath(at, 'gridPos'),
      title,
      x: g.x as number,
      y: g.y as number,
      w: g.w as number,
      h: g.h as number,
    };
    if (pos.x + pos.w > GRID_COLUMNS)
      out.push(
        problem(
          'error',
          'grafana/grid-overflow',
          pos.path,
          `x ${pos.x} + w ${pos.w} is past the ${GRID_COLUMNS}-column grid`,
          `make x + w at most ${GRID_COLUMNS}`,
        ),
      );
    placed.push(pos);
  } else if (g === undefined) {
    out.push(
      problem(
        'warning',
        'grafana/no-grid-pos',
        childPath(at, 'gridPos'),
        'the panel has no gridPos: Grafana stacks such panels at the top left',
        'set gridPos { x, y, w, h } (the layout helper does)',
      ),
    );
  }
  checkFieldConfig(p, at, out);
  checkDatasource(p.datasource, childPath(at, 'datasource'), out, datasources);
  const targets = Array.isArray(p.targets) ? p.targets : [];
  targets.forEach((t, k) => {
    const tp = childPath(childPath(at, 'targets'), k);
    if (!isObject(t)) return;
    checkDatasource(t.datasource, childPath(tp, 'datasource'), out, datasources);
    checkTargetSemantics(p, t, tp, out);
  });
}

/** The seed's `fieldConfig.thresholds: [...]` gets one precise problem instead of three schema ones. */
function isThresholdArrayNoise(p: Json, x: Problem, at: string): boolean {
  const fc = p.fieldConfig;
  if (!isObject(fc) || !Array.isArray(fc.thresholds)) return false;
  const fcp = childPath(at, 'fieldConfig');
  return (
    x.path === childPath(fcp, 'thresholds') ||
    x.path === childPath(fcp, 'defaults') ||
    x.path === childPath(fcp, 'overrides')
  );
}

function checkFieldConfig(p: Json, at: string, out: Problem[]): void {
  const fc = p.fieldConfig;
  if (!isObject(fc)) return;
  const fcp = childPath(at, 'fieldConfig');
  const flat = (path: string, steps: unknown[]) =>
    problem(
      'error',
      'grafana/thresholds-array',
      path,
      'thresholds is a flat array of steps; Grafana 11.2 reads { mode, steps } in fieldConfig.defaults and ignores this',
      `write fieldConfig.defaults.thresholds: { "mode": "absolute", "steps": ${JSON.stringify(steps.map((s, i) => (i === 0 && isObject(s) ? { ...s, value: null } : s)))} }`,
    );
  if (Array.isArray(fc.thresholds)) out.push(flat(childPath(fcp, 'thresholds'), fc.thresholds));
  if (isObject(fc.defaults) && Array.isArray(fc.defaults.thresholds))
    out.push(flat(childPath(childPath(fcp, 'defaults'), 'thresholds'), fc.defaults.thresholds));
  const th = isObject(fc.defaults) ? fc.defaults.thresholds : undefined;
  if (
    isObject(th) &&
    Array.isArray(th.steps) &&
    th.steps.length > 0 &&
    isObject(th.steps[0]) &&
    th.steps[0].value !== null
  ) {
    out.push(
      problem(
        'warning',
        'grafana/thresholds-base',
        childPath(childPath(childPath(childPath(fcp, 'defaults'), 'thresholds'), 'steps'), 0),
        'the first threshold step is the base colour and should have value null (-Infinity)',
        'set the first step value to null',
      ),
    );
  }
}

const PER_SECOND = /\b(i?rate|deriv)\s*\(/;
const TIMES_SIXTY = /\*\s*60\b|\b60\s*\*/;

function checkTargetSemantics(p: Json, t: Json, tp: string, out: Problem[]): void {
  const expr = typeof t.expr === 'string' ? t.expr : '';
  const legend = typeof t.legendFormat === 'string' ? t.legendFormat : '';
  if (/\/\s*min\b|per\s+min(ute)?\b/i.test(legend) && PER_SECOND.test(expr) && !TIMES_SIXTY.test(expr)) {
    out.push(
      problem(
        'error',
        'grafana/per-second-legend',
        childPath(tp, 'legendFormat'),
        `legend ${JSON.stringify(legend)} says per minute but rate() is per second`,
        'multiply the query by 60, or label it per second (/s)',
      ),
    );
  }
  if (
    p.type === 'heatmap' &&
    /\b(hour|minute|day_of_week|timestamp)\s*\(\s*timestamp\s*\(|\btimestamp\s*\(\s*\)/.test(expr)
  ) {
    out.push(
      problem(
        'error',
        'grafana/heatmap-timestamp',
        childPath(tp, 'expr'),
        'the heatmap is over hour(timestamp()): the hour of the evaluation, not a distribution of the data',
        'give the heatmap histogram buckets (sum by (le) (rate(x_bucket[5m])), format heatmap) or a series with options.calculate: true',
      ),
    );
  }
}

function checkDatasource(ds: unknown, path: string, out: Problem[], datasources?: DatasourceIndex): void {
  if (ds === undefined || ds === null) return;
  if (typeof ds === 'string') {
    out.push(
      problem(
        'warning',
        'grafana/datasource-name',
        path,
        `datasource ${JSON.stringify(ds)} is a name; Grafana 11.2 refers to datasources as { type, uid }`,
        'write { "type": "<plugin id>", "uid": "<datasource uid>" }',
      ),
    );
    return;
  }
  if (!isObject(ds) || typeof ds.uid !== 'string' || !datasources) return;
  const uid = ds.uid;
  if (uid.startsWith('$') || uid.startsWith('-- ') || uid === '__expr__' || uid === 'grafana') return;
  const known = datasources.get(uid);
  if (!known) {
    out.push(
      problem(
        'error',
        'grafana/unknown-datasource',
        childPath(path, 'uid'),
        `no datasource with uid ${JSON.stringify(uid)} in the datasources file`,
        `use one of ${[...datasources.keys()].join(', ') || '(none listed)'}`,
      ),
    );
  } else if (typeof ds.type === 'string' && known.type !== undefined && known.type !== ds.type) {
    out.push(
      problem(
        'error',
        'grafana/datasource-type',
        childPath(path, 'type'),
        `datasource ${uid} is of type ${known.type}, not ${ds.type}`,
        `set type to ${known.type}`,
      ),
    );
  }
}

function checkVariables(v: Json, base: string, out: Problem[], datasources?: DatasourceIndex): void {
  const list = isObject(v.templating) && Array.isArray(v.templating.list) ? v.templating.list : [];
  const names = new Map<string, string>();
  list.forEach((x, i) => {
    const at = childPath(childPath(childPath(base, 'templating'), 'list'), i);
    if (!isObject(x)) return;
    if (typeof x.name === 'string') {
      if (names.has(x.name))
        out.push(
          problem(
            'error',
            'grafana/duplicate-variable',
            childPath(at, 'name'),
            `variable ${x.name} is also defined at ${names.get(x.name)}`,
            'rename one',
          ),
        );
      else names.set(x.name, at);
    }
    checkDatasource(x.datasource, childPath(at, 'datasource'), out, datasources);
  });
}

function overlaps(ps: PlacedPanel[], out: Problem[]): void {
  for (let i = 0; i < ps.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = ps[i];
      const b = ps[j];
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) {
        out.push(
          problem(
            'error',
            'grafana/grid-overlap',
            a.path,
            `panel ${JSON.stringify(a.title)} overlaps ${JSON.stringify(b.title)} at ${b.path}`,
            'move it below or beside the other panel (the layout helper places panels without overlap)',
          ),
        );
      }
    }
  }
}

/** The body of POST /api/dashboards/db: `{ dashboard, folderUid?, overwrite?, message? }`. */
export function validateDashboardImport(v: unknown, datasources?: DatasourceIndex): Problem[] {
  if (!isObject(v))
    return [
      problem('error', 'grafana/shape', '$', 'expected an object', 'give { "dashboard": {...}, "overwrite": true }'),
    ];
  if (!isObject(v.dashboard)) {
    const raw = 'panels' in v || 'title' in v;
    return [
      problem(
        'error',
        raw ? 'grafana/raw-dashboard-posted' : 'grafana/shape',
        '$.dashboard',
        raw
          ? 'this is a bare dashboard; POST /api/dashboards/db takes { dashboard, folderUid, overwrite } and answers "Dashboard title cannot be empty" to it'
          : 'the body has no dashboard',
        'wrap it: { "dashboard": <this file>, "folderUid": "<uid>", "overwrite": true }',
      ),
    ];
  }
  const out: Problem[] = [];
  for (const key of Object.keys(v)) {
    if (!['dashboard', 'folderUid', 'folderId', 'overwrite', 'message'].includes(key)) {
      out.push(
        problem(
          'error',
          'grafana/unknown-key',
          childPath('$', key),
          `unknown key ${JSON.stringify(key)} in a dashboard import body`,
          'keep dashboard, folderUid, overwrite, message',
        ),
      );
    }
  }
  if (v.folderId !== undefined)
    out.push(
      problem('warning', 'grafana/folder-id', '$.folderId', 'folderId is deprecated in Grafana 11', 'use folderUid'),
    );
  if (typeof v.folderUid === 'string') out.push(...uidProblems(v.folderUid, '$.folderUid', 'folder'));
  const d = v.dashboard;
  if (d.id !== undefined && d.id !== null) {
    out.push(
      problem(
        'warning',
        'grafana/dashboard-id',
        '$.dashboard.id',
        'id is the numeric id of one Grafana instance; importing elsewhere fails with "Dashboard not found"',
        'set id to null and rely on uid',
      ),
    );
  }
  out.push(...validateDashboard(d, datasources, '$.dashboard'));
  return out;
}
