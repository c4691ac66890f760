/**
 * Scenario series as OpenMetrics text with timestamps, streamed to a writable, for
 * `promtool tsdb create-blocks-from openmetrics <file> <dir>` (backtest mode).
 *
 * One line per sample, `name{labels} value timestamp`, timestamps in seconds (whole seconds
 * when the ms timestamp is a multiple of 1000, else three decimals), series after series, and
 * the mandatory `# EOF`. No `# TYPE` metadata is written: series of one family are not
 * necessarily contiguous in generation order, and promtool's backfill needs only the samples.
 *
 * Mind: Prometheus parses an OpenMetrics timestamp as a float and truncates `ts × 1000` to an
 * integer, so sub-second timestamps can land 1 ms early; scenario steps are whole seconds.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Labels, SeriesData } from '@alertcraft/promql';
import { ScenarioError } from './errors.js';

/** The minimal writable we need: Node streams qualify. */
export interface WritableLike {
  write(chunk: string): boolean;
  once(event: 'drain', listener: () => void): unknown;
}

export interface WriteStats {
  series: number;
  samples: number;
  bytes: number;
}

/** A metric/label value in OpenMetrics: escapes `\`, `"` and newlines. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** `name{a="1",b="2"}` with label names in sorted order (without `__name__`). */
export function seriesKey(labels: Labels): string {
  const name = labels.__name__;
  if (!name) throw new ScenarioError(`series without __name__: ${JSON.stringify(labels)}`, 'scenario/no-name');
  const parts: string[] = [];
  for (const k of Object.keys(labels).sort()) {
    if (k === '__name__') continue;
    parts.push(`${k}="${escapeLabelValue(labels[k]!)}"`);
  }
  return parts.length ? `${name}{${parts.join(',')}}` : name;
}

/** A sample value as text: integers plainly, NaN/±Inf spelled as the formats require. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

function formatSeconds(ms: number): string {
  if (ms % 1000 === 0) return String(ms / 1000);
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  return `${sign}${Math.floor(abs / 1000)}.${String(abs % 1000).padStart(3, '0')}`;
}

const CHUNK = 1 << 16;

/**
 * Streams `series` (iterated once, lazily) to `out` as OpenMetrics, honouring back-pressure.
 * Does not end `out`. Returns what was written.
 */
export async function writeOpenMetrics(series: Iterable<SeriesData> | AsyncIterable<SeriesData>, out: WritableLike): Promise<WriteStats> {
  const stats: WriteStats = { series: 0, samples: 0, bytes: 0 };
  let buf = '';
  const flush = async () => {
    if (!buf) return;
    stats.bytes += Buffer.byteLength(buf);
    const ok = out.write(buf);
    buf = '';
    if (!ok) await new Promise<void>((resolve) => out.once('drain', resolve));
  };
  for await (const s of series) {
    const key = seriesKey(s.labels) + ' ';
    const { timestamps, values } = s;
    if (timestamps.length !== values.length) {
      throw new ScenarioError(`series ${key.trim()}: ${timestamps.length} timestamps but ${values.length} values`, 'scenario/bad-series');
    }
    for (let i = 0; i < values.length; i++) {
      buf += key + formatValue(values[i]!) + ' ' + formatSeconds(timestamps[i]!) + '\n';
      if (buf.length >= CHUNK) await flush();
    }
    stats.series++;
    stats.samples += values.length;
  }
  buf += '# EOF\n';
  await flush();
  return stats;
}

/** Writes the series to `path` as OpenMetrics (see `writeOpenMetrics`) and closes the file. */
export async function writeOpenMetricsFile(series: Iterable<SeriesData> | AsyncIterable<SeriesData>, path: string): Promise<WriteStats> {
  const file = createWriteStream(path);
  const failed = once(file, 'error').then(([err]) => {
    throw new ScenarioError(`cannot write OpenMetrics to ${path}: ${(err as Error).message}`, 'scenario/write-failed', { cause: err });
  });
  const work = (async () => {
    const stats = await writeOpenMetrics(series, file);
    file.end();
    await once(file, 'finish');
    return stats;
  })();
  return Promise.race([work, failed]);
}
