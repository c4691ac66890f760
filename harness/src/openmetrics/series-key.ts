/**
 * The text of a series and of a sample value as the Prometheus text formats (exposition 0.0.4 and
 * OpenMetrics 1.0) spell them; the OpenMetrics writer and the live exporter's exposition share it.
 */
import type { Labels } from '@alertcraft/promql';
import { OpenMetricsError } from './errors.js';

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A label value in the text formats: escapes `\`, `"` and newlines. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** A sample value as text: numbers plainly, NaN and ±Inf spelled as the formats require. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

/**
 * `name{a="1",b="2"}` for a series' labels: `__name__` as the name, the other label names sorted,
 * empty values left out (an empty label value is the same as no label in Prometheus). A missing
 * or invalid metric name or an invalid label name is an `OpenMetricsError` (code
 * `openmetrics/invalid-series`) naming `where` (e.g. `series[3]`).
 */
export function seriesKey(labels: Labels, where?: string): string {
  const name = labels.__name__;
  if (!name || !METRIC_NAME.test(name)) {
    throw new OpenMetricsError(
      'openmetrics/invalid-series',
      `series has ${name ? `an invalid metric name ${JSON.stringify(name)}` : 'no __name__ label'}: every series needs a metric name`,
      where,
    );
  }
  const parts: string[] = [];
  for (const k of Object.keys(labels).sort()) {
    if (k === '__name__') continue;
    if (!LABEL_NAME.test(k))
      throw new OpenMetricsError(
        'openmetrics/invalid-series',
        `invalid label name ${JSON.stringify(k)} on ${name}`,
        where,
      );
    const v = labels[k]!;
    if (v === '') continue;
    parts.push(`${k}="${escapeLabelValue(v)}"`);
  }
  return parts.length ? `${name}{${parts.join(',')}}` : name;
}
