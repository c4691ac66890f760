/**
 * Restricts series to a time range, lazily: a runtime that evaluates one phase window only
 * needs its samples plus the lookback before it (e.g. `[phase.start - 1h, phase.end]` for rules
 * whose widest range is 1 h). Counter values keep their absolute level (as a real TSDB would
 * hold them). Series left without samples are skipped.
 */
import type { SeriesData } from '@alertcraft/promql';

export function* clipSeries(series: Iterable<SeriesData>, start: number, end: number): Generator<SeriesData> {
  for (const s of series) {
    const { timestamps, values } = s;
    let i0 = 0;
    while (i0 < timestamps.length && timestamps[i0]! < start) i0++;
    let i1 = i0;
    while (i1 < timestamps.length && timestamps[i1]! <= end) i1++;
    if (i1 === i0) continue;
    if (i0 === 0 && i1 === timestamps.length) yield s;
    else yield { labels: s.labels, timestamps: timestamps.slice(i0, i1), values: values.slice(i0, i1) };
  }
}
