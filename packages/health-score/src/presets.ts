/**
 * The launch documents' health recipes as specs.
 *
 * - seed 001 (AetherLink): 40 % cache / 40 % quality / 20 % efficiency, reweighted from 50/30/20;
 * - seed 000 (`health-checker.py`): start at 100; −20 availability < 99.9 %, −15 p95 > 1.5 s,
 *   −10 cost > $1/min; floor 0. The seed compares `sum(rate(maestro_cost_usd_total[5m]))`, a cost
 *   per second, with "$1/min"; the preset's cost input is per minute (`× 60`). The seed reads a
 *   missing signal as "no penalty" (`health.get('availability', 1)`, and a `None` there raises in
 *   Python); here a missing signal follows the missing-data policy;
 * - seed 000's executive dashboard: `100 − error %`; the seed's `errors / runs` is NaN at zero
 *   traffic, the preset's input divides by `(runs > 0)` so the score is absent instead;
 * - Apdex: `(satisfied + tolerating / 2) / total` = ½ · (share ≤ T) + ½ · (share ≤ 4T), a weighted
 *   score with two components and scale 1, over a classic histogram.
 */
import { formatNumber, type ExprInput } from '@alertcraft/rule-dsl';
import { HealthScoreError } from './errors.js';
import type { MissingPolicy, PenaltyScoreSpec, WeightedScoreSpec } from './spec.js';

/** Seed 001's reweighted health score; inputs are the pack's aggregate recording rules. */
export function aetherlinkHealthSpec(
  options: {
    missing?: MissingPolicy;
    inputs?: { cache?: ExprInput; quality?: ExprInput; efficiency?: ExprInput };
  } = {},
): WeightedScoreSpec {
  return {
    kind: 'weighted',
    name: 'aether:health_score:15m',
    scale: 100,
    missing: options.missing ?? 'renormalize',
    components: [
      {
        name: 'cache',
        weight: 0.4,
        description: 'cache hit ratio (0..1)',
        normalize: { kind: 'identity' },
        input: options.inputs?.cache ?? 'aether:cache_hit_ratio:5m:all',
      },
      {
        name: 'quality',
        weight: 0.4,
        description: '1 − low-confidence share (reading: low-confidence %, 0..100)',
        normalize: { kind: 'linear', min: 100, max: 0 },
        input: options.inputs?.quality ?? 'aether:lowconfidence_pct:15m:all',
      },
      {
        name: 'efficiency',
        weight: 0.2,
        description: '1 − rerank utilisation, capped at 1 (reading: rerank utilisation %, 0..100+)',
        normalize: { kind: 'linear', min: 100, max: 0 },
        input: options.inputs?.efficiency ?? 'aether:rerank_utilization_pct:15m:all',
      },
    ],
  };
}

/** Seed 001's original weights (before the week 7-8 reweighting), for comparison. */
export const AETHERLINK_ORIGINAL_WEIGHTS = { cache: 0.5, quality: 0.3, efficiency: 0.2 } as const;

/** Seed 000's `health-checker.py` traffic-light penalties. */
export function maestroPenaltySpec(options: { missing?: MissingPolicy } = {}): PenaltyScoreSpec {
  return {
    kind: 'penalty',
    name: 'maestro:health_score:penalty',
    base: 100,
    floor: 0,
    missing: options.missing ?? 'renormalize',
    components: [
      {
        name: 'availability',
        points: 20,
        issue: 'Availability below 99.9%',
        normalize: { kind: 'step', below: 0, steps: [{ threshold: 0.999, score: 1 }] },
        input: 'maestro:success_rate:5m',
      },
      {
        name: 'latency',
        points: 15,
        issue: 'p95 latency above 1.5s',
        normalize: { kind: 'step', below: 1, steps: [{ threshold: 1.5, score: 0, strict: true }] },
        input: 'histogram_quantile(0.95, sum by (le) (rate(maestro_step_latency_bucket[5m])))',
      },
      {
        name: 'cost',
        points: 10,
        issue: 'Cost burn above $1/min',
        normalize: { kind: 'step', below: 1, steps: [{ threshold: 1, score: 0, strict: true }] },
        input: 'sum(rate(maestro_cost_usd_total[5m])) * 60',
      },
    ],
  };
}

/** Seed 000's executive `100 − error %` (reading: error ratio 0..1). */
export function executiveErrorSpec(
  options: { errors?: string; total?: string; window?: string } = {},
): WeightedScoreSpec {
  const errors = options.errors ?? 'maestro_run_errors_total';
  const total = options.total ?? 'maestro_run_total';
  const w = options.window ?? '5m';
  return {
    kind: 'weighted',
    name: 'maestro:executive_health:5m',
    scale: 100,
    missing: 'renormalize',
    components: [
      {
        name: 'success',
        weight: 1,
        description: '1 − error ratio',
        normalize: { kind: 'linear', min: 1, max: 0 },
        input: `sum(rate(${errors}[${w}])) / (sum(rate(${total}[${w}])) > 0)`,
      },
    ],
  };
}

/** Apdex over a classic histogram with target `t` seconds (tolerating up to 4t). */
export function apdexSpec(options: {
  histogram: string;
  t: number;
  window?: string;
  by?: readonly string[];
  name?: string;
}): WeightedScoreSpec {
  const { histogram, t } = options;
  if (typeof t !== 'number' || !Number.isFinite(t) || t <= 0)
    throw new HealthScoreError('t', `Apdex target must be a positive number of seconds, got ${t}`);
  if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(histogram))
    throw new HealthScoreError('histogram', `invalid histogram name ${JSON.stringify(histogram)}`);
  const w = options.window ?? '5m';
  const by = options.by?.length ? ` by (${options.by.join(', ')})` : '';
  const total = `(sum${by} (rate(${histogram}_count[${w}])) > 0)`;
  // Exporters write a whole-number bound as `1` (Go client) or `1.0` (Python client): match both.
  const leMatcher = (le: number) =>
    Number.isInteger(le) ? `le=~"${formatNumber(le)}|${formatNumber(le)}\\\\.0"` : `le="${formatNumber(le)}"`;
  const share = (le: number) => `sum${by} (rate(${histogram}_bucket{${leMatcher(le)}}[${w}])) / ${total}`;
  return {
    kind: 'weighted',
    name: options.name ?? `${histogram}:apdex:${w}`,
    scale: 1,
    missing: 'fail',
    components: [
      { name: 'satisfied', weight: 0.5, description: `share of requests ≤ ${t}s`, input: share(t) },
      {
        name: 'tolerable',
        weight: 0.5,
        description: `share of requests ≤ ${4 * t}s`,
        input: share(Number((4 * t).toPrecision(15))),
      },
    ],
  };
}

/** Apdex from counts: `(satisfied + tolerating / 2) / total`; null when `total` is 0. */
export function apdex(counts: { satisfied: number; tolerating: number; total: number }): number | null {
  for (const k of ['satisfied', 'tolerating', 'total'] as const) {
    const v = counts[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      throw new HealthScoreError(k, `expected a finite non-negative count, got ${v}`);
  }
  if (counts.satisfied + counts.tolerating > counts.total) {
    throw new HealthScoreError(
      'total',
      `satisfied + tolerating (${counts.satisfied + counts.tolerating}) exceeds total (${counts.total})`,
    );
  }
  return counts.total === 0 ? null : (counts.satisfied + counts.tolerating / 2) / counts.total;
}
