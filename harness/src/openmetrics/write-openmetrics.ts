/**
 * Series as OpenMetrics text with timestamps, for
 * `promtool tsdb create-blocks-from openmetrics <file> <dir>`: the backtest path writes the
 * scenario (and recorded series) with it, and `writeOpenMetrics` streams the same text to any
 * writable.
 *
 * One line per sample, `name{labels} value timestamp`, timestamps in seconds (`ms / 1000`), series
 * after series, and the mandatory `# EOF`. No `# TYPE` metadata is written: promtool's backfill
 * needs only the samples. Samples whose timestamp is not after the previous one of their series
 * (promtool would drop them silently) are dropped and counted. Prometheus' staleness markers
 * (StaleNaN) cannot be carried by the text format: by default they are dropped and counted;
 * `staleMarkers: 'nan'` writes them as a plain `NaN` sample instead.
 *
 * Streams with back-pressure, no object per sample.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { isStaleNaN, type SeriesData } from '@alertcraft/promql';
import { OpenMetricsError } from './errors.js';
import { formatValue, seriesKey } from './series-key.js';

/** The minimal writable `writeOpenMetrics` needs: Node streams qualify. */
export interface WritableLike {
  write(chunk: string): boolean;
  once(event: 'drain', listener: () => void): unknown;
}

export interface OpenMetricsOptions {
  /** What to do with staleness markers: `drop` them (default, counted in `droppedStale`) or write them as `NaN`. */
  staleMarkers?: 'drop' | 'nan';
}

/** What went into the OpenMetrics text and what could not. */
export interface OpenMetricsStats {
  /** Series with at least one sample written. */
  series: number;
  samples: number;
  /** Staleness markers dropped (with `staleMarkers: 'drop'`). */
  droppedStale: number;
  /** Samples dropped because their timestamp was not after the previous one of their series. */
  droppedOutOfOrder: number;
  /** Smallest and largest sample timestamps written (ms), NaN when empty. */
  minT: number;
  maxT: number;
  bytes: number;
}

export interface OpenMetricsFiles extends OpenMetricsStats {
  /** Files written, in time order; each holds the samples of one block range and ends with `# EOF`. */
  files: string[];
}

/** promtool's block length (`tsdb.DefaultBlockDuration`): it builds one 2 h block per pass over its input. */
export const PROMTOOL_BLOCK_MS = 2 * 3600_000;

type SeriesInput = Iterable<SeriesData> | AsyncIterable<SeriesData>;

interface Sink {
  buf: string;
  write(chunk: string): boolean;
  drained(): Promise<void>;
}

const CHUNK = 1 << 16;

/** Writes the samples of `series` to the sink of their block (`Math.floor(t / blockMs)`), then `# EOF` to each sink used. */
async function writeSamples(
  series: SeriesInput,
  sinkFor: (block: number) => Sink,
  blockMs: number,
  options: OpenMetricsOptions,
): Promise<OpenMetricsStats> {
  const stats: OpenMetricsStats = {
    series: 0,
    samples: 0,
    droppedStale: 0,
    droppedOutOfOrder: 0,
    minT: NaN,
    maxT: NaN,
    bytes: 0,
  };
  const dropStale = (options.staleMarkers ?? 'drop') === 'drop';
  const used = new Set<Sink>();
  const flush = async (sink: Sink): Promise<void> => {
    if (!sink.buf) return;
    stats.bytes += Buffer.byteLength(sink.buf);
    const ok = sink.write(sink.buf);
    sink.buf = '';
    if (!ok) await sink.drained();
  };
  let i = 0;
  for await (const s of series) {
    const prefix = `${seriesKey(s.labels, `series[${i++}]`)} `;
    let last = -Infinity;
    let written = 0;
    let block = NaN;
    let sink: Sink | undefined;
    const n = Math.min(s.timestamps.length, s.values.length);
    for (let j = 0; j < n; j++) {
      const t = s.timestamps[j]!;
      const v = s.values[j]!;
      if (dropStale && isStaleNaN(v)) {
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
        used.add(sink);
      }
      sink.buf += `${prefix}${formatValue(v)} ${t / 1000}\n`;
      written++;
      if (Number.isNaN(stats.minT) || t < stats.minT) stats.minT = t;
      if (Number.isNaN(stats.maxT) || t > stats.maxT) stats.maxT = t;
      if (sink.buf.length >= CHUNK) await flush(sink);
    }
    if (written) stats.series++;
    stats.samples += written;
  }
  for (const sink of used) {
    sink.buf += '# EOF\n';
    await flush(sink);
  }
  return stats;
}

/**
 * Streams `series` (iterated once, lazily) to `out` as one OpenMetrics text, honouring
 * back-pressure. Always ends with `# EOF`; does not end `out`.
 */
export async function writeOpenMetrics(
  series: SeriesInput,
  out: WritableLike,
  options: OpenMetricsOptions = {},
): Promise<OpenMetricsStats> {
  const sink: Sink = {
    buf: '',
    write: (chunk) => out.write(chunk),
    drained: () => new Promise<void>((resolve) => out.once('drain', resolve)),
  };
  const stats = await writeSamples(series, () => sink, Infinity, options);
  if (stats.samples === 0) {
    // No sample reached the sink: it still gets its `# EOF`.
    sink.buf = '# EOF\n';
    stats.bytes += 6;
    const ok = out.write(sink.buf);
    if (!ok) await sink.drained();
  }
  return stats;
}

interface FileSink extends Sink {
  path: string;
  out: WriteStream;
  failed?: Error;
}

function writeFailed(path: string, err: Error): OpenMetricsError {
  return new OpenMetricsError('openmetrics/write-failed', `cannot write OpenMetrics: ${err.message}`, path, {
    cause: err,
  });
}

/**
 * Writes series as OpenMetrics, one file per `blockMs` time range (aligned like promtool's
 * blocks), for `promtool tsdb create-blocks-from openmetrics`. promtool re-parses its whole input
 * once per 2 h block, so one file for a 14-day scenario costs 169 passes; block-aligned files cost
 * one each. A file that cannot be written is an `OpenMetricsError` (`openmetrics/write-failed`)
 * naming it; every file opened is closed either way.
 */
export async function writeOpenMetricsBlocks(
  series: SeriesInput,
  pathFor: (block: number) => string,
  blockMs = PROMTOOL_BLOCK_MS,
  options: OpenMetricsOptions = {},
): Promise<OpenMetricsFiles> {
  const sinks = new Map<number, FileSink>();
  const sinkFor = (block: number): FileSink => {
    let sink = sinks.get(block);
    if (!sink) {
      const path = pathFor(block);
      const out = createWriteStream(path);
      const s: FileSink = {
        path,
        out,
        buf: '',
        write: (chunk) => {
          if (s.failed) throw writeFailed(path, s.failed);
          return out.write(chunk);
        },
        drained: () =>
          new Promise<void>((resolve, reject) => {
            const done = () => {
              out.off('drain', done);
              out.off('close', done);
              if (s.failed) reject(writeFailed(path, s.failed));
              else resolve();
            };
            out.on('drain', done);
            out.on('close', done);
          }),
      };
      out.on('error', (err) => (s.failed ??= err));
      sinks.set(block, (sink = s));
    }
    return sink;
  };
  let stats: OpenMetricsStats;
  try {
    stats = await writeSamples(series, sinkFor, blockMs, options);
  } finally {
    await Promise.all(
      [...sinks.values()].map(async (sink) => {
        if (sink.out.closed) return;
        const closed = new Promise<void>((resolve) => sink.out.once('close', () => resolve()));
        sink.out.end();
        await closed;
      }),
    );
  }
  for (const sink of sinks.values()) if (sink.failed) throw writeFailed(sink.path, sink.failed);
  const files = [...sinks.entries()].sort((x, y) => x[0] - y[0]).map(([, sink]) => sink.path);
  return { ...stats, files };
}

/** All series in one OpenMetrics file (see `writeOpenMetricsBlocks`); the file exists even when empty. */
export async function writeOpenMetricsFile(
  series: SeriesInput,
  path: string,
  options: OpenMetricsOptions = {},
): Promise<OpenMetricsStats> {
  const { files, ...stats } = await writeOpenMetricsBlocks(series, () => path, Infinity, options);
  if (!files.length) {
    try {
      await writeFile(path, '# EOF\n');
    } catch (err) {
      throw writeFailed(path, err as Error);
    }
    stats.bytes += 6;
  }
  return stats;
}
