/**
 * Dashboard previews without Grafana: each panel of a generated dashboard has its PromQL targets
 * evaluated by the embedded engine over the replay's series (a range query over the replay window),
 * so a user sees the dashboard on launch traffic before deploying it. A panel whose query fails
 * (does not parse, does not type-check, names an unknown variable) or returns nothing (no series,
 * or only NaN) is flagged with the reason. Pure: the storage and the window come in.
 *
 * Grafana's variables are substituted before the query runs: `$__rate_interval` (4 × the step, at
 * least 1m as for a 15 s scrape), `$__interval` (the step), `$__range`, and the dashboard's own
 * variables by their current value (custom: its first option when none is current). A variable
 * with no concrete value (All, a query variable never resolved) is an error, not a guess.
 */
import { runRangeQuery, type SeriesData, type Storage } from '@alertcraft/promql';

export type PanelPreviewStatus = 'ok' | 'empty' | 'error' | 'skipped';

export interface PreviewSeries {
  label: string;
  labels: Record<string, string>;
  timestamps: Float64Array;
  values: Float64Array;
}

export interface PanelPreview {
  id: number | undefined;
  title: string;
  type: string;
  /** The queries as run (variables substituted). */
  queries: string[];
  status: PanelPreviewStatus;
  /** Why the panel is flagged (error, empty) or skipped. */
  message?: string;
  series: PreviewSeries[];
  /** Threshold steps and unit from the panel's field config, for stat and gauge. */
  thresholds: { color: string; value: number | null }[];
  unit?: string;
  min?: number;
  max?: number;
}

export interface DashboardPreview {
  uid: string;
  title: string;
  window: { start: number; end: number };
  panels: PanelPreview[];
}

export interface PreviewOptions {
  /** Range-query step (ms); default: the window / 240, at least 15 s. */
  stepMs?: number;
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every panel, row panels' nested panels included, rows themselves left out. */
function flattenPanels(panels: unknown): Json[] {
  const out: Json[] = [];
  for (const p of Array.isArray(panels) ? panels : []) {
    if (!isObj(p)) continue;
    if (p.type === 'row') out.push(...flattenPanels(p.panels));
    else out.push(p);
  }
  return out;
}

function variableValues(dashboard: Json): Map<string, string | null> {
  const out = new Map<string, string | null>();
  const list = isObj(dashboard.templating) && Array.isArray(dashboard.templating.list) ? dashboard.templating.list : [];
  for (const v of list) {
    if (!isObj(v) || typeof v.name !== 'string') continue;
    const cur = isObj(v.current) ? v.current.value : undefined;
    const current = Array.isArray(cur) ? cur[0] : cur;
    if (typeof current === 'string' && current !== '' && current !== '$__all') {
      out.set(v.name, current);
      continue;
    }
    if (v.type === 'custom' && typeof v.query === 'string') {
      const first = v.query
        .split(',')
        .map((s) => s.trim())
        .find((s) => s !== '');
      out.set(v.name, first?.includes(' : ') ? first.split(' : ')[1]!.trim() : (first ?? null));
      continue;
    }
    if (v.type === 'datasource' || v.type === 'interval') {
      out.set(v.name, typeof current === 'string' ? current : null);
      continue;
    }
    out.set(v.name, null);
  }
  return out;
}

function promDuration(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  return s % 3600 === 0 ? `${s / 3600}h` : s % 60 === 0 ? `${s / 60}m` : `${s}s`;
}

/** Substitutes Grafana's and the dashboard's variables; throws naming one that has no value. */
export function interpolate(
  expr: string,
  vars: ReadonlyMap<string, string | null>,
  stepMs: number,
  rangeMs: number,
): string {
  const builtins: Record<string, string> = {
    __rate_interval: promDuration(Math.max(4 * stepMs, 60_000)),
    __interval: promDuration(stepMs),
    __range: promDuration(rangeMs),
  };
  return expr.replace(/\$\{(\w+)(?::\w+)?\}|\$(\w+)|\[\[(\w+)\]\]/g, (_whole, a, b, c) => {
    const name = (a ?? b ?? c) as string;
    if (name in builtins) return builtins[name]!;
    const v = vars.get(name);
    if (v === undefined) throw new Error(`unknown variable $${name}`);
    if (v === null) throw new Error(`variable $${name} has no concrete value to preview with`);
    return v;
  });
}

function seriesLabel(labels: Record<string, string>, legendFormat: unknown): string {
  if (typeof legendFormat === 'string' && legendFormat !== '' && legendFormat !== '__auto') {
    return legendFormat.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => labels[k] ?? '');
  }
  const keys = Object.keys(labels)
    .filter((k) => k !== '__name__')
    .sort();
  const inner = keys.map((k) => `${k}="${labels[k]}"`).join(', ');
  return `${labels.__name__ ?? ''}${inner ? `{${inner}}` : ''}` || '{}';
}

function fieldDefaults(panel: Json): Pick<PanelPreview, 'thresholds' | 'unit' | 'min' | 'max'> {
  const d = isObj(panel.fieldConfig) && isObj(panel.fieldConfig.defaults) ? panel.fieldConfig.defaults : {};
  const steps = isObj(d.thresholds) && Array.isArray(d.thresholds.steps) ? d.thresholds.steps : [];
  return {
    thresholds: steps
      .filter(isObj)
      .map((s) => ({ color: String(s.color ?? 'green'), value: typeof s.value === 'number' ? s.value : null })),
    ...(typeof d.unit === 'string' ? { unit: d.unit } : {}),
    ...(typeof d.min === 'number' ? { min: d.min } : {}),
    ...(typeof d.max === 'number' ? { max: d.max } : {}),
  };
}

function previewPanel(
  panel: Json,
  storage: Storage,
  window: { start: number; end: number },
  stepMs: number,
  vars: ReadonlyMap<string, string | null>,
): PanelPreview {
  const base = {
    id: typeof panel.id === 'number' ? panel.id : undefined,
    title: typeof panel.title === 'string' ? panel.title : '(untitled)',
    type: typeof panel.type === 'string' ? panel.type : 'unknown',
    ...fieldDefaults(panel),
  };
  const targets = (Array.isArray(panel.targets) ? panel.targets : []).filter(isObj);
  if (targets.length === 0) return { ...base, queries: [], status: 'skipped', message: 'no query', series: [] };
  const prom = targets.filter((t) => typeof t.expr === 'string' && t.expr.trim() !== '');
  if (prom.length === 0) {
    return { ...base, queries: [], status: 'skipped', message: 'not a PromQL query (not previewed)', series: [] };
  }
  const queries: string[] = [];
  const series: PreviewSeries[] = [];
  const errors: string[] = [];
  for (const t of prom) {
    const refId = typeof t.refId === 'string' ? t.refId : '?';
    let expr: string;
    try {
      expr = interpolate(t.expr as string, vars, stepMs, window.end - window.start);
    } catch (err) {
      queries.push(t.expr as string);
      errors.push(`${refId}: ${(err as Error).message}`);
      continue;
    }
    queries.push(expr);
    try {
      const { value } = runRangeQuery(storage, expr, window.start, window.end, stepMs);
      const data: SeriesData[] =
        value.type === 'matrix'
          ? value.series
          : value.type === 'scalar'
            ? [{ labels: {}, timestamps: Float64Array.of(value.t), values: Float64Array.of(value.v) }]
            : [];
      for (const s of data) {
        const labels = { ...s.labels };
        series.push({ label: seriesLabel(labels, t.legendFormat), labels, timestamps: s.timestamps, values: s.values });
      }
    } catch (err) {
      errors.push(`${refId}: ${(err as Error).message}`);
    }
  }
  if (errors.length) return { ...base, queries, status: 'error', message: errors.join('; '), series };
  const finite = series.some((s) => s.values.some((v) => Number.isFinite(v)));
  if (!finite) {
    return {
      ...base,
      queries,
      status: 'empty',
      message: series.length
        ? 'the query returned only NaN over the replay'
        : 'the query returned no series over the replay',
      series,
    };
  }
  return { ...base, queries, status: 'ok', series };
}

/** Evaluates every panel of `dashboard` (Grafana dashboard JSON) over `storage` in `window`. */
export function previewDashboard(
  dashboard: unknown,
  storage: Storage,
  window: { start: number; end: number },
  options: PreviewOptions = {},
): DashboardPreview {
  const d = isObj(dashboard) && isObj(dashboard.dashboard) ? dashboard.dashboard : isObj(dashboard) ? dashboard : {};
  const stepMs = options.stepMs ?? Math.max(15_000, Math.ceil((window.end - window.start) / 240 / 1000) * 1000);
  const vars = variableValues(d);
  return {
    uid: typeof d.uid === 'string' ? d.uid : '',
    title: typeof d.title === 'string' ? d.title : '(untitled dashboard)',
    window,
    panels: flattenPanels(d.panels).map((p) => previewPanel(p, storage, window, stepMs, vars)),
  };
}

/** The panels a preview flags (a failing query or one that returned nothing). */
export function flaggedPanels(preview: DashboardPreview): PanelPreview[] {
  return preview.panels.filter((p) => p.status === 'error' || p.status === 'empty');
}
