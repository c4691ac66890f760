/**
 * Baselines computed from the replayed data, as seed 000's `collect-baselines.py` does from a
 * week of production: each baseline query is run as a range query at its step over the learning
 * window, and its values summarised into p50/p90/p95/p99/max. The day 4 rules of a launch replay
 * are rendered with the baselines of days 0–3 of the same replay.
 */
import { rangeQuery, type Storage } from '@alertcraft/promql';
import { summarize, DEFAULT_BASELINE_STATS } from '@alertcraft/baseline-stats';
import type { Baselines } from '@alertcraft/rule-dsl';
import type { BaselineQuery } from '../../packs/types.js';

export interface ComputedBaseline {
  name: string;
  expr: string;
  samples: number;
  stats: Record<string, number>;
}

/** Runs every baseline query over [start, end) with the embedded engine and summarises it. */
export function computeBaselines(
  storage: Storage,
  queries: Readonly<Record<string, BaselineQuery>>,
  start: number,
  end: number,
): { baselines: Baselines; details: ComputedBaseline[] } {
  const baselines: Baselines = {};
  const details: ComputedBaseline[] = [];
  for (const [name, q] of Object.entries(queries)) {
    const stepMs = q.stepMs ?? 300_000;
    const value = rangeQuery(storage, q.expr, start, end - 1, stepMs);
    const values: number[] = [];
    if (value.type === 'matrix') for (const s of value.series) for (const v of s.values) values.push(v);
    else if (value.type === 'scalar') values.push(value.v);
    const stats = summarize(values, q.stats ?? DEFAULT_BASELINE_STATS);
    baselines[name] = stats;
    details.push({ name, expr: q.expr, samples: values.length, stats });
  }
  return { baselines, details };
}
