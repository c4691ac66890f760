/**
 * Panel builders for Grafana 11.2: timeseries, stat, gauge, bar gauge, table, text, heatmap and pie chart,
 * with thresholds as `{ mode, steps }`, units, overrides, links and datasource refs `{ type, uid }`.
 * Panels get their `id` and `gridPos` from `layout` (./layout.ts).
 */
import type { DataSourceRef } from '../alerts/expressions.js';
import type { Panel, ThresholdsConfig } from './types.js';

/** A threshold step: colour and the value from which it applies (`null` is the base, -Infinity). */
export type Step = [color: string, value: number | null];

/** `{ mode, steps }` with the base step first; values must rise. */
export function thresholds(steps: readonly Step[], mode: 'absolute' | 'percentage' = 'absolute'): ThresholdsConfig {
  const out = steps.map(([color, value]) => ({ color, value }));
  if (out.length === 0 || out[0].value !== null) out.unshift({ color: 'green', value: null });
  for (let i = 2; i < out.length; i++) {
    if ((out[i].value as number) <= (out[i - 1].value as number))
      throw new Error(`thresholds: step ${i} value ${out[i].value} does not rise above ${out[i - 1].value}`);
  }
  return { mode: mode as ThresholdsConfig['mode'], steps: out };
}

export interface Target {
  expr?: string;
  rawSql?: string;
  legendFormat?: string;
  refId?: string;
  instant?: boolean;
  format?: string;
  datasource?: DataSourceRef;
}

export interface Override {
  /** Field name the override applies to (matcher `byName`). */
  field: string;
  properties: Record<string, unknown>;
}

export interface Link {
  title: string;
  url: string;
  targetBlank?: boolean;
}

export interface PanelOptions {
  description?: string;
  datasource?: DataSourceRef;
  targets?: Target[];
  unit?: string;
  min?: number;
  max?: number;
  decimals?: number;
  thresholds?: ThresholdsConfig;
  overrides?: Override[];
  /** Panel links (the corner menu), as Grafana 11.2's schema types them (`DashboardLink`). */
  links?: Link[];
  /** Panel plugin options (merged over the builder's defaults). */
  options?: Record<string, unknown>;
  /** fieldConfig.defaults.custom (merged over the builder's defaults). */
  custom?: Record<string, unknown>;
  /** Size in grid units (24 columns); `layout` places it. */
  w?: number;
  h?: number;
}

/** A panel before layout; `layout` sets id and gridPos. */
export type PanelSpec = Panel & { w: number; h: number };

function build(
  type: string,
  title: string,
  o: PanelOptions,
  defaults: { options?: Record<string, unknown>; custom?: Record<string, unknown>; w?: number; h?: number },
): PanelSpec {
  const targets = (o.targets ?? []).map((t, i) => {
    const { datasource, ...rest } = t;
    const ds = datasource ?? o.datasource;
    return {
      refId: t.refId ?? String.fromCharCode(65 + i),
      ...(ds ? { datasource: { type: ds.type, uid: ds.uid } } : {}),
      ...rest,
    } as Record<string, unknown>;
  });
  const fieldDefaults: Record<string, unknown> = {};
  if (o.unit !== undefined) fieldDefaults.unit = o.unit;
  if (o.min !== undefined) fieldDefaults.min = o.min;
  if (o.max !== undefined) fieldDefaults.max = o.max;
  if (o.decimals !== undefined) fieldDefaults.decimals = o.decimals;
  if (o.thresholds !== undefined) fieldDefaults.thresholds = o.thresholds;
  const custom = { ...defaults.custom, ...o.custom };
  if (Object.keys(custom).length) fieldDefaults.custom = custom;
  const p: PanelSpec = {
    type,
    title,
    w: o.w ?? defaults.w ?? 12,
    h: o.h ?? defaults.h ?? 8,
    fieldConfig: {
      defaults: fieldDefaults,
      overrides: (o.overrides ?? []).map((ov) => ({
        matcher: { id: 'byName', options: ov.field },
        properties: Object.entries(ov.properties).map(([id, value]) => ({ id, value })),
      })),
    },
    options: { ...defaults.options, ...o.options },
  };
  if (o.description !== undefined) p.description = o.description;
  if (o.links?.length) {
    p.links = o.links.map((l) => ({
      title: l.title,
      type: 'link' as NonNullable<Panel['links']>[number]['type'],
      url: l.url,
      icon: 'external link',
      tooltip: '',
      tags: [],
      asDropdown: false,
      targetBlank: l.targetBlank ?? false,
      includeVars: false,
      keepTime: false,
    }));
  }
  if (o.datasource) p.datasource = { type: o.datasource.type, uid: o.datasource.uid };
  if (type !== 'text') p.targets = targets;
  return p;
}

const legend = { showLegend: true, displayMode: 'list', placement: 'bottom', calcs: [] };
const reduceLast = { values: false, calcs: ['lastNotNull'], fields: '' };

export function timeseries(title: string, o: PanelOptions = {}): PanelSpec {
  return build('timeseries', title, o, {
    options: { legend, tooltip: { mode: 'multi', sort: 'none' } },
    custom: { drawStyle: 'line', lineWidth: 1, fillOpacity: 10, showPoints: 'never', spanNulls: false },
  });
}

export function stat(title: string, o: PanelOptions = {}): PanelSpec {
  return build('stat', title, o, {
    options: {
      reduceOptions: reduceLast,
      colorMode: 'value',
      graphMode: 'area',
      justifyMode: 'auto',
      textMode: 'auto',
      orientation: 'auto',
    },
    w: 6,
    h: 4,
  });
}

export function gauge(title: string, o: PanelOptions = {}): PanelSpec {
  return build('gauge', title, o, {
    options: { reduceOptions: reduceLast, showThresholdLabels: false, showThresholdMarkers: true, orientation: 'auto' },
    w: 6,
    h: 6,
  });
}

export function barGauge(title: string, o: PanelOptions = {}): PanelSpec {
  return build('bargauge', title, o, {
    options: { reduceOptions: reduceLast, displayMode: 'gradient', orientation: 'horizontal', showUnfilled: true },
    w: 12,
    h: 8,
  });
}

export function table(title: string, o: PanelOptions = {}): PanelSpec {
  return build('table', title, o, {
    options: { showHeader: true, cellHeight: 'sm' },
    custom: { align: 'auto', cellOptions: { type: 'auto' } },
  });
}

export function text(title: string, content: string, o: PanelOptions & { mode?: 'markdown' | 'html' } = {}): PanelSpec {
  return build(
    'text',
    title,
    { ...o, options: { mode: o.mode ?? 'markdown', content, ...o.options } },
    { w: 24, h: 4 },
  );
}

/**
 * Heatmap of a histogram: give `sum by (le) (rate(x_bucket[$__rate_interval]))` with `format: 'heatmap'`;
 * Grafana buckets over time itself, so no `hour(timestamp())` is needed (or meaningful).
 */
export function heatmap(title: string, o: PanelOptions = {}): PanelSpec {
  return build(
    'heatmap',
    title,
    { ...o, targets: (o.targets ?? []).map((t) => ({ format: 'heatmap', ...t })) },
    {
      options: {
        calculate: false,
        yAxis: { axisPlacement: 'left' },
        cellGap: 1,
        color: { mode: 'scheme', scheme: 'Oranges', steps: 64 },
        tooltip: { mode: 'single' },
      },
      custom: { scaleDistribution: { type: 'linear' } },
    },
  );
}

export function pieChart(title: string, o: PanelOptions = {}): PanelSpec {
  return build('piechart', title, o, {
    options: { reduceOptions: reduceLast, pieType: 'pie', legend: { ...legend, placement: 'right' } },
  });
}
