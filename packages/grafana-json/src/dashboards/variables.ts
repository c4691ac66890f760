/** Templating variables of Grafana 11.2: query, custom, datasource and interval. */
import type { DataSourceRef } from '../alerts/expressions.js';
import type { VariableModel } from './types.js';

type Refresh = VariableModel['refresh'];

function current(value: string): VariableModel['current'] {
  return { selected: false, text: value, value };
}

/** Values from a datasource query, e.g. `label_values(maestro_run_total, tenant)`; refreshed on time-range change. */
export function queryVariable(
  name: string,
  datasource: DataSourceRef,
  query: string,
  o: { label?: string; multi?: boolean; includeAll?: boolean; regex?: string } = {},
): VariableModel {
  return {
    type: 'query',
    name,
    label: o.label ?? name,
    datasource: { type: datasource.type, uid: datasource.uid },
    // A string: the 11.2 schema's object form only holds objects, and Grafana reads the string for every datasource.
    query,
    refresh: 2 as Refresh,
    regex: o.regex ?? '',
    sort: 1 as VariableModel['sort'],
    multi: o.multi ?? false,
    includeAll: o.includeAll ?? false,
    options: [],
  };
}

/** A fixed list of values (written comma-separated in `query`, as Grafana does). */
export function customVariable(
  name: string,
  values: readonly string[],
  o: { label?: string; multi?: boolean; includeAll?: boolean } = {},
): VariableModel {
  if (values.length === 0) throw new Error(`custom variable ${name} needs at least one value`);
  return {
    type: 'custom',
    name,
    label: o.label ?? name,
    query: values.join(','),
    current: current(values[0]),
    options: values.map((v, i) => ({ selected: i === 0, text: v, value: v })),
    multi: o.multi ?? false,
    includeAll: o.includeAll ?? false,
  };
}

/** Choose a datasource of one plugin type (`prometheus`, `grafana-postgresql-datasource`); panels use `${name}`. */
export function datasourceVariable(
  name: string,
  pluginType: string,
  o: { label?: string; regex?: string } = {},
): VariableModel {
  return {
    type: 'datasource',
    name,
    label: o.label ?? name,
    query: pluginType,
    regex: o.regex ?? '',
    refresh: 1 as Refresh,
    options: [],
  };
}

/** A choice of intervals (`1m,5m,1h`), optionally with `auto`. */
export function intervalVariable(
  name: string,
  intervals: readonly string[],
  o: { label?: string; auto?: boolean; autoCount?: number; autoMin?: string } = {},
): VariableModel {
  if (intervals.length === 0) throw new Error(`interval variable ${name} needs at least one interval`);
  return {
    type: 'interval',
    name,
    label: o.label ?? name,
    query: intervals.join(','),
    current: current(intervals[0]),
    options: intervals.map((v, i) => ({ selected: i === 0, text: v, value: v })),
    auto: o.auto ?? false,
    auto_count: o.autoCount ?? 30,
    auto_min: o.autoMin ?? '10s',
    refresh: 2 as Refresh,
    // auto, auto_count and auto_min are in the 11.2 dashboard JSON schema but not in @grafana/schema's type.
  } as unknown as VariableModel;
}

/** `${name}` as a datasource ref, for panels that follow a datasource variable. */
export function datasourceFromVariable(name: string, pluginType: string): DataSourceRef {
  return { type: pluginType, uid: `\${${name}}` };
}
