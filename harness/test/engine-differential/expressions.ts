/**
 * Random well-typed expressions for the differential run: `generateExpr` restricted to what both
 * Prometheus 2.42 (the server here) and 2.54 (our semantics) know, over the generated series'
 * metric names, labels and values, with `@` timestamps moved into the data window and anything
 * too expensive to evaluate (huge subqueries) left out.
 */
import type { Expr } from '@alertcraft/promql';
import { FUNCTIONS, FUNCTIONS_NEWER_THAN_2_42, format, parseAndCheck, walkExpr } from '@alertcraft/promql';
import { GENERATED_SERIES_LABELS, generateExpr, pick, randInt, type Rng } from '@alertcraft/promql/testing';

/**
 * Native-histogram functions: Prometheus returns an empty vector for float input, the embedded
 * engine (floats only) refuses them with an error that points to the `local` runtime.
 */
export const NATIVE_HISTOGRAM_FUNCTIONS: ReadonlySet<string> = new Set([
  'histogram_count',
  'histogram_sum',
  'histogram_fraction',
]);

/** Functions both servers know (no experimental ones, nothing newer than 2.42), minus native-histogram ones. */
export const DIFF_FUNCTIONS: readonly string[] = [...FUNCTIONS.values()]
  .filter((f) => !f.experimental && !FUNCTIONS_NEWER_THAN_2_42.has(f.name) && !NATIVE_HISTOGRAM_FUNCTIONS.has(f.name))
  .map((f) => f.name);

export interface DiffExpr {
  text: string;
  expr: Expr;
  /** Range-query step for this expression (ms). */
  stepMs: number;
}

/** Samples one evaluation of `e` may touch, roughly: subquery steps multiply, range selectors add. */
export function evaluationCost(e: Expr, scrapeMs: number, defaultSubqueryStepMs = 60_000): number {
  switch (e.type) {
    case 'SubqueryExpr': {
      const step = e.stepMs || defaultSubqueryStepMs;
      return (e.rangeMs / step + 1) * evaluationCost(e.expr, scrapeMs, defaultSubqueryStepMs);
    }
    case 'MatrixSelector':
      return e.rangeMs / scrapeMs + 1;
    case 'VectorSelector':
      return 1;
    default: {
      let sum = 1;
      walkExpr(e, (n) => {
        if (n === e) return true;
        sum += evaluationCost(n, scrapeMs, defaultSubqueryStepMs);
        return false;
      });
      return sum;
    }
  }
}

export interface DiffExprOptions {
  /** Data window (ms): `@` timestamps are drawn around it. */
  dataStartMs: number;
  dataEndMs: number;
  scrapeMs: number;
  /** Most evaluation cost per step (see `evaluationCost`). */
  maxCost?: number;
  maxDepth?: number;
}

/** `count` expressions from `rng` (deterministic). */
export function generateDiffExprs(rng: Rng, count: number, o: DiffExprOptions): DiffExpr[] {
  const out: DiffExpr[] = [];
  const maxCost = o.maxCost ?? 20_000;
  for (let guard = 0; out.length < count && guard < count * 20; guard++) {
    const expr = generateExpr(rng, {
      metrics: GENERATED_SERIES_LABELS.metrics,
      labels: GENERATED_SERIES_LABELS.labels,
      labelValues: GENERATED_SERIES_LABELS.values,
      functions: DIFF_FUNCTIONS,
      maxDepth: o.maxDepth ?? 4,
      type: rng() < 0.9 ? 'vector' : 'scalar',
    });
    walkExpr(expr, (n) => {
      if ((n.type === 'VectorSelector' || n.type === 'SubqueryExpr') && n.at?.kind === 'timestamp') {
        const span = o.dataEndMs - o.dataStartMs;
        n.at = {
          kind: 'timestamp',
          timestampMs:
            o.dataStartMs -
            1_800_000 +
            randInt(rng, 0, Math.floor((span + 3_600_000) / 1000)) * 1000 +
            pick(rng, [0, 0, 500]),
        };
      }
    });
    if (evaluationCost(expr, o.scrapeMs) > maxCost) continue;
    const text = format(expr);
    const checked = parseAndCheck(text);
    if (!checked.ok || !checked.expr) continue;
    out.push({ text, expr: checked.expr, stepMs: pick(rng, [60_000, 97_000, 300_000, 15_000]) });
  }
  return out;
}

/**
 * Fixed expressions checked before the random ones: the rule shapes alerting actually uses, and
 * edge cases where the engine once differed from Prometheus (Go's float → int64 conversion in the
 * date functions, Go's sinh/cosh overflow).
 */
export const FIXED_EXPRS: readonly string[] = [
  'rate(http_requests_total[5m])',
  'sum by (job) (rate(http_requests_total{code="500"}[5m])) / sum by (job) (rate(http_requests_total[5m]))',
  'histogram_quantile(0.9, sum by (le) (rate(request_duration_seconds_bucket[5m])))',
  'histogram_quantile(0.5, rate(request_duration_seconds_bucket[10m]))',
  'rate(request_duration_seconds_sum[5m]) / rate(request_duration_seconds_count[5m])',
  'increase(http_requests_total[1h])',
  'avg_over_time(queue_depth[10m])',
  'deriv(queue_depth[15m])',
  'predict_linear(queue_depth[30m], 3600)',
  'holt_winters(queue_depth[30m], 0.3, 0.7)',
  'up == 0',
  'absent(up{job="db"})',
  'changes(up[30m]) > 0',
  'resets(http_requests_total[1h])',
  'quantile_over_time(0.95, queue_depth[30m])',
  'topk(3, rate(http_requests_total[5m]))',
  ...['days_in_month', 'day_of_month', 'day_of_week', 'day_of_year', 'hour', 'minute', 'month', 'year'].flatMap((f) => [
    `${f}(vector(NaN))`,
    `${f}(-vector(+Inf))`,
    `${f}(queue_depth * 1e9)`,
    `${f}(-queue_depth * 1e13)`,
    `${f}(vector(time() * 1e8))`,
  ]),
  'sinh(vector(709.9))',
  'sinh(-vector(710.4))',
  'cosh(vector(710))',
  'sinh(queue_depth / 10)',
  'cosh(queue_depth)',
];

/** `FIXED_EXPRS` parsed, each with a 60 s step. */
export function fixedDiffExprs(): DiffExpr[] {
  return FIXED_EXPRS.map((text) => {
    const checked = parseAndCheck(text);
    if (!checked.ok || !checked.expr) throw new Error(`fixed differential expression does not check: ${text}`);
    return { text, expr: checked.expr, stepMs: 60_000 };
  });
}
