import { createWriteStream } from 'node:fs';
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

/**
 * Write series as OpenMetrics text (the scenario writer's escaping and number format) (timestamps in seconds, `# EOF` last) for
 * `promtool tsdb create-blocks-from openmetrics`. Streams, with back-pressure; one line per
 * sample, no object per sample. Samples without a strictly increasing timestamp (promtool would
 * drop them silently) and staleness markers (not expressible in text) are dropped and counted.
 */
export async function writeOpenMetricsFile(series: Iterable<SeriesData>, path: string): Promise<OpenMetricsStats> {
  const out = createWriteStream(path);
  const stats: OpenMetricsStats = { series: 0, samples: 0, droppedStale: 0, droppedOutOfOrder: 0, minT: NaN, maxT: NaN, bytes: 0 };
  let buf = '';
  const flush = async (): Promise<void> => {
    if (!buf) return;
    stats.bytes += Buffer.byteLength(buf);
    const ok = out.write(buf);
    buf = '';
    if (!ok) await once(out, 'drain');
  };
  try {
    let i = 0;
    for (const s of series) {
      const key = seriesKey(s.labels, `series[${i++}]`);
      const prefix = `${key} `;
      let last = -Infinity;
      let written = 0;
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
        buf += `${prefix}${formatValue(v)} ${t / 1000}\n`;
        written++;
        if (Number.isNaN(stats.minT) || t < stats.minT) stats.minT = t;
        if (Number.isNaN(stats.maxT) || t > stats.maxT) stats.maxT = t;
        if (buf.length > 1 << 16) await flush();
      }
      if (written) stats.series++;
      stats.samples += written;
    }
    buf += '# EOF\n';
    await flush();
  } finally {
    out.end();
    await once(out, 'close');
  }
  return stats;
}
