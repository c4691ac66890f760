import { MetricMetadataError } from '../errors.js';

/** Metric types as Prometheus' `/api/v1/metadata` reports them (OpenMetrics types plus `unknown`). */
export type MetricType =
  | 'counter'
  | 'gauge'
  | 'histogram'
  | 'gaugehistogram'
  | 'summary'
  | 'info'
  | 'stateset'
  | 'unknown';

const TYPES: ReadonlySet<string> = new Set([
  'counter',
  'gauge',
  'histogram',
  'gaugehistogram',
  'summary',
  'info',
  'stateset',
  'unknown',
]);

/** Metric name → type; what `lint({ metricTypes })` reads before falling back to name heuristics. */
export type MetricTypes = Readonly<Record<string, MetricType>>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function typeAt(v: unknown, path: string): MetricType {
  if (typeof v !== 'string')
    throw new MetricMetadataError(
      path,
      `expected a metric type string, got ${v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v}`,
    );
  const t = v.toLowerCase() === 'untyped' ? 'unknown' : v.toLowerCase();
  if (!TYPES.has(t))
    throw new MetricMetadataError(
      path,
      `unknown metric type ${JSON.stringify(v)}; expected one of ${[...TYPES].join(', ')}`,
    );
  return t as MetricType;
}

/**
 * Reads metric types from parsed JSON: a Prometheus `/api/v1/metadata` response
 * (`{ status, data: { name: [{ type, help, unit }] } }`), its `data` object, or a plain
 * `{ "name": "counter" }` map. When targets disagree on a metric's type it is `unknown` (lint then
 * falls back to the name). Throws `MetricMetadataError` with the JSON path of a malformed value.
 */
export function metricTypesFromMetadata(json: unknown): MetricTypes {
  let data: unknown = json;
  let base = '$';
  if (isObject(json) && 'status' in json) {
    if (json.status !== 'success')
      throw new MetricMetadataError(
        '$.status',
        `the metadata response has status ${JSON.stringify(json.status)}, not "success"${typeof json.error === 'string' ? ` (${json.error})` : ''}`,
      );
    data = json.data;
    base = '$.data';
  }
  if (!isObject(data))
    throw new MetricMetadataError(
      base,
      'expected an object of metric names (a /api/v1/metadata response or its `data`)',
    );
  const out: Record<string, MetricType> = {};
  for (const [name, entry] of Object.entries(data)) {
    const path = `${base}[${JSON.stringify(name)}]`;
    if (typeof entry === 'string') {
      out[name] = typeAt(entry, path);
      continue;
    }
    if (!Array.isArray(entry))
      throw new MetricMetadataError(path, 'expected a list of { type, help, unit } entries or a type string');
    const types = new Set<MetricType>();
    entry.forEach((e, i) => {
      if (!isObject(e)) throw new MetricMetadataError(`${path}[${i}]`, 'expected an object with a `type`');
      types.add(typeAt(e.type, `${path}[${i}].type`));
    });
    if (types.size > 0) out[name] = types.size === 1 ? [...types][0]! : 'unknown';
  }
  return out;
}

/** Suffixes a sample name adds to its metric family name (Prometheus looks metadata up both ways). */
const FAMILY_SUFFIX = /_(total|bucket|count|sum|created)$/;

/**
 * The type metadata gives for the series `name`: its own entry, else its family's (`x` for
 * `x_bucket`, `x_total`, ...). `undefined` when metadata says nothing or `unknown`.
 */
export function metricTypeOf(
  types: MetricTypes | undefined,
  name: string,
): { type: MetricType; family: string } | undefined {
  if (!types) return undefined;
  const own = Object.hasOwn(types, name) ? types[name] : undefined;
  if (own !== undefined && own !== 'unknown') return { type: own, family: name };
  const m = FAMILY_SUFFIX.exec(name);
  if (!m) return undefined;
  const family = name.slice(0, m.index);
  const t = Object.hasOwn(types, family) ? types[family] : undefined;
  return t !== undefined && t !== 'unknown' ? { type: t, family } : undefined;
}
