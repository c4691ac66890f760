/**
 * Scenario series as Prometheus text exposition (format 0.0.4) at one instant, for live mode: an
 * exporter serves what a scrape at time `t` would see. Each series contributes its latest sample
 * at or before `t` (none if that sample is older than `lookbackMs`). Families are grouped with
 * one `# HELP` and one `# TYPE` line each: `_total` → counter, `_bucket`/`_sum`/`_count` with a `_bucket`
 * sibling → histogram, everything else gauge.
 */
import type { SeriesData } from '@alertcraft/promql';
import { formatValue, seriesKey } from '../openmetrics/series-key.js';

export interface ExpositionOptions {
  /** Samples older than this before `t` are not exposed; default 5 minutes. */
  lookbackMs?: number;
}

/** Index of the last timestamp ≤ t, or -1. */
export function lastIndexAtOrBefore(timestamps: Float64Array, t: number): number {
  let lo = 0;
  let hi = timestamps.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (timestamps[mid]! <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export function exposition(series: Iterable<SeriesData>, t: number, options: ExpositionOptions = {}): string {
  const lookback = options.lookbackMs ?? 300_000;
  const all = [...series];
  const names = new Set(all.map((s) => s.labels.__name__!));
  const familyOf = (name: string): { family: string; type: string } => {
    for (const suffix of ['_bucket', '_sum', '_count']) {
      if (name.endsWith(suffix)) {
        const base = name.slice(0, -suffix.length);
        if (names.has(`${base}_bucket`)) return { family: base, type: 'histogram' };
      }
    }
    if (name.endsWith('_total')) return { family: name, type: 'counter' };
    return { family: name, type: 'gauge' };
  };
  const families = new Map<string, { type: string; lines: string[] }>();
  for (const s of all) {
    const i = lastIndexAtOrBefore(s.timestamps, t);
    if (i < 0 || t - s.timestamps[i]! > lookback) continue;
    const { family, type } = familyOf(s.labels.__name__!);
    let f = families.get(family);
    if (!f) families.set(family, (f = { type, lines: [] }));
    f.lines.push(`${seriesKey(s.labels)} ${formatValue(s.values[i]!)}`);
  }
  const out: string[] = [];
  for (const family of [...families.keys()].sort()) {
    const f = families.get(family)!;
    out.push(`# HELP ${family} alertcraft synthetic scenario series.`);
    out.push(`# TYPE ${family} ${f.type}`);
    out.push(...f.lines);
  }
  return out.length ? `${out.join('\n')}\n` : '';
}
