import { createWriteStream, type WriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import type { Labels, SeriesData } from '@alertcraft/promql';
import { isStaleNaN } from '@alertcraft/promql';
import { escapeLabelValue, formatValue } from '../scenario/openmetrics.js';
import { RuntimeInputError } from './errors.js';

/** What went into an OpenMetrics file and what could not. */
export interface OpenMetricsStats {
  series: number;
  samples: number;
  /** Staleness markers dropped: OpenMetrics text cannot carry Prometheus' StaleNaN. */
  droppedStale: number;
  /** Samples dropped because their timestamp was not after the previous one of their series. */
  droppedOutOfOrder: number;
  /** Smallest and largest sample timestamps written (ms), NaN when empty. */
  minT: number;
  maxT: number;
  bytes: number;
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** `name{a="1",b="2"}` for a series' labels (sorted label names, `__name__` first as the name). */
export function seriesKey(labels: Labels, where: string): string {
  const name = labels.__name__;
  if (!name || !METRIC_NAME.test(name)) {
    throw new RuntimeInputError(`series has ${name ? `an invalid metric name ${JSON.stringify(name)}` : 'no __name__ label'}: every series needs a metric name`, where);
  }
  const parts: string[] = [];
  for (const k of Object.keys(labels).sort()) {
    if (k === '__name__') continue;
    if (!LABEL_NAME.test(k)) throw new RuntimeInputError(`invalid label name ${JSON.stringify(k)} on ${name}`, where);
    const v = labels[k]!;
    if (v === '') continue; // an empty label value is the same as no label in Prometheus
    parts.push(`${k}="${escapeLabelValue(v)}"`);
  }
  return parts.length ? `${name}{${parts.join(',')}}` : name;
}

/** promtool's block length (`tsdb.DefaultBlockDuration`): it builds one 2 h block per pass over its input. */
export const PROMTOOL_BLOCK_MS = 2 * 3600_000;

export interface OpenMetricsFiles extends OpenMetricsStats {
  /** Files written, in time order; each holds the samples of one block range and ends with `# EOF`. */
  files: string[];
}

interface Sink {
  path: string;
  out: WriteStream;
  buf: string;
}

/**
 * Write series as OpenMetrics text (the scenario writer's escaping and number format), one file
 * per `blockMs` time range (aligned like promtool's blocks), for
 * `promtool tsdb create-blocks-from openmetrics`. promtool re-parses its whole input once per 2 h
 * block, so one file for a 14-day scenario costs 169 passes; block-aligned files cost one each.
 *
 * Streams with back-pressure, one line per sample, no object per sample. Samples without a
 * strictly increasing timestamp (promtool would drop them silently) and staleness markers (not
 * expressible in text) are dropped and counted.
 */
export async function writeOpenMetricsBlocks(
  series: Iterable<SeriesData>,
  pathFor: (block: number) => string,
  blockMs = PROMTOOL_BLOCK_MS,
): Promise<OpenMetricsFiles> {
  const stats: OpenMetricsStats = { series: 0, samples: 0, droppedStale: 0, droppedOutOfOrder: 0, minT: NaN, maxT: NaN, bytes: 0 };
  const sinks = new Map<number, Sink>();
  const flush = async (sink: Sink): Promise<void> => {
    if (!sink.buf) return;
    stats.bytes += Buffer.byteLength(sink.buf);
    const ok = sink.out.write(sink.buf);
    sink.buf = '';
    if (!ok) await once(sink.out, 'drain');
  };
  const sinkFor = (block: number): Sink => {
    let sink = sinks.get(block);
    if (!sink) {
      const path = pathFor(block);
      sink = { path, out: createWriteStream(path), buf: '' };
      sinks.set(block, sink);
    }
    return sink;
  };
  try {
    let i = 0;
    for (const s of series) {
      const key = seriesKey(s.labels, `series[${i++}]`);
      const prefix = `${key} `;
      let last = -Infinity;
      let written = 0;
      let block = NaN;
      let sink: Sink | undefined;
      const n = Math.min(s.timestamps.length, s.values.length);
      for (let j = 0; j < n; j++) {
        const t = s.timestamps[j]!;
        const v = s.values[j]!;
        if (isStaleNaN(v)) {
          stats.droppedStale++;
          continue;
        }
        if (!(t > last)) {
          stats.droppedOutOfOrder++;
          continue;
        }
        last = t;
        const b = Number.isFinite(blockMs) ? Math.floor(t / blockMs) : 0;
        if (b !== block || !sink) {
          block = b;
          sink = sinkFor(b);
        }
        sink.buf += `${prefix}${formatValue(v)} ${t / 1000}\n`;
        written++;
        if (Number.isNaN(stats.minT) || t < stats.minT) stats.minT = t;
        if (Number.isNaN(stats.maxT) || t > stats.maxT) stats.maxT = t;
        if (sink.buf.length > 1 << 16) await flush(sink);
      }
      if (written) stats.series++;
      stats.samples += written;
    }
    for (const sink of sinks.values()) {
      sink.buf += '# EOF\n';
      await flush(sink);
    }
  } finally {
    await Promise.all(
      [...sinks.values()].map(async (sink) => {
        sink.out.end();
        await once(sink.out, 'close');
      }),
    );
  }
  const files = [...sinks.entries()].sort((x, y) => x[0] - y[0]).map(([, sink]) => sink.path);
  return { ...stats, files };
}

/** All series in one OpenMetrics file (see `writeOpenMetricsBlocks`); the file exists even when empty. */
export async function writeOpenMetricsFile(series: Iterable<SeriesData>, path: string): Promise<OpenMetricsStats> {
  const { files, ...stats } = await writeOpenMetricsBlocks(series, () => path, Infinity);
  if (!files.length) {
    await writeFile(path, '# EOF\n');
    stats.bytes += 6;
  }
  return stats;
}
