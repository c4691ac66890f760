import type { SeriesData } from '@alertcraft/promql';
import { MAX_STEPS_PER_QUERY, type PrometheusClient } from '../clients/prometheus-client.js';

export { MAX_STEPS_PER_QUERY };

/**
 * `query_range` over any number of steps (the client's `queryRangeChunked`, its one home): split
 * into chunks of at most `maxSteps` steps on the same grid, series merged by labels.
 */
export function queryRangeChunked(
  client: PrometheusClient,
  expr: string,
  startMs: number,
  endMs: number,
  stepMs: number,
  maxSteps = MAX_STEPS_PER_QUERY,
): Promise<SeriesData[]> {
  return client.queryRangeChunked(expr, startMs, endMs, stepMs, { maxSteps });
}
