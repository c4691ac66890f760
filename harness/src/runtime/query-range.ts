import { labelsKey, type SeriesData } from '@alertcraft/promql';
import type { PrometheusClient } from '../clients/prometheus-client.js';

/** Prometheus refuses range queries of more than 11,000 steps; stay under it. */
export const MAX_STEPS_PER_QUERY = 10_000;

function concat(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * `query_range` over any number of steps: split into chunks of at most `maxSteps` steps aligned on
 * the same grid (`start + k × step`), series merged by labels. The steps are exactly those a
 * single query would evaluate.
 */
export async function queryRangeChunked(
  client: PrometheusClient,
  expr: string,
  startMs: number,
  endMs: number,
  stepMs: number,
  maxSteps = MAX_STEPS_PER_QUERY,
): Promise<SeriesData[]> {
  const total = Math.floor((endMs - startMs) / stepMs) + 1;
  if (total <= 0) return [];
  const merged = new Map<string, SeriesData>();
  for (let first = 0; first < total; first += maxSteps) {
    const last = Math.min(total, first + maxSteps) - 1;
    const part = await client.queryRange(expr, startMs + first * stepMs, startMs + last * stepMs, stepMs);
    for (const s of part) {
      const k = labelsKey(s.labels);
      const prev = merged.get(k);
      if (!prev) merged.set(k, s);
      else
        merged.set(k, {
          labels: prev.labels,
          timestamps: concat(prev.timestamps, s.timestamps),
          values: concat(prev.values, s.values),
        });
    }
  }
  return [...merged.values()];
}
