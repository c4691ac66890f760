/**
 * Known, explained differences between the embedded engine (Prometheus v2.54.1 semantics) and the
 * Prometheus this machine runs (Debian 2.42). The differential test fails on any mismatch that no
 * entry here covers, and reports how many (expression, time) pairs each entry covered.
 *
 * Each entry names the upstream change (commit in prometheus/prometheus, first release) and
 * matches as narrowly as the expression allows. `rate-zero-point.test.ts` pins the first version
 * entry on a hand-computed series. Two entries are not version differences: `platform-math-ulp`
 * (JS and Go math libraries round differently in the last bit) and `prometheus-unstable`
 * (Prometheus disagrees with itself when the query is repeated).
 *
 * Not differences but exclusions (see `expressions.ts`): functions newer than 2.42
 * (`FUNCTIONS_NEWER_THAN_2_42`), experimental functions, and the native-histogram functions
 * (`histogram_count`, `histogram_sum`, `histogram_fraction`), which the embedded engine refuses
 * with an error (it stores floats only) where Prometheus returns an empty vector for float input.
 */
import type { Expr } from '@alertcraft/promql';
import { walkExpr } from '@alertcraft/promql';
import { almostEqual, type PairMismatch } from './compare.js';

/** promqltest's own tolerance (`defaultEpsilon`), used by Prometheus to compare its test results. */
export const PROMQLTEST_EPSILON = 1e-6;

/** Functions and operators computed by the platform math library (Go `math` vs V8's fdlibm ports). */
const LIBM_FUNCTIONS = new Set([
  'exp',
  'ln',
  'log2',
  'log10',
  'sqrt',
  'sin',
  'cos',
  'tan',
  'asin',
  'acos',
  'atan',
  'sinh',
  'cosh',
  'tanh',
  'asinh',
  'acosh',
  'atanh',
  'holt_winters',
  'histogram_quantile',
]);

/** What an entry is asked about: one mismatching pair, or an expression only one side rejected. */
export interface DiffCase {
  text: string;
  expr: Expr;
  mismatch?: PairMismatch;
  /** Error messages when one side failed the whole query. */
  oursError?: string;
  theirsError?: string;
  /** Prometheus itself gave different results at this time when the query was repeated. */
  theirsUnstable?: boolean;
}

export interface KnownDifference {
  id: string;
  /** What changed between 2.42 and 2.54, and where upstream. */
  explanation: string;
  covers(c: DiffCase): boolean;
}

function unparen(e: Expr): Expr {
  while (e.type === 'ParenExpr') e = e.expr;
  return e;
}

/** True when some Call in `e` satisfies `pred`. */
function someCall(e: Expr, pred: (call: Extract<Expr, { type: 'Call' }>) => boolean): boolean {
  let found = false;
  walkExpr(e, (n) => {
    if (!found && n.type === 'Call' && pred(n)) found = true;
    return !found;
  });
  return found;
}

export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  {
    id: 'prometheus-unstable',
    explanation:
      'Not a version difference: Prometheus itself answers the same query differently from run to run at this time (the ' +
      'test repeats a mismatching query up to 4 times). Range evaluation collects intermediate series in a Go map and ' +
      'iterates it in random order, so an aggregation sums in a different order each time; where the result is all ' +
      'rounding noise (e.g. stdvar of values that are all 1 within an ulp) the order decides it.',
    covers: (c) => c.mismatch !== undefined && c.theirsUnstable === true,
  },
  {
    id: 'platform-math-ulp',
    explanation:
      "Not a version difference: Go's math package and V8's Math round some results differently in the last bit (measured " +
      'on this Prometheus: 53 of 400 values of tanh/exp/ln/log10/log2/sin/cos/sqrt/atan/asinh differ by one ulp, e.g. ' +
      'exp(0.37) = 1.4477346146633245 in Go, 1.4477346146633243 in JS). An ill-conditioned expression (variance of nearly ' +
      'equal values, a difference of large terms) amplifies that beyond 1e-9. Covers a pair only when the expression uses ' +
      "such a function or ^/atan2, the same series are present on both sides, and every value agrees within promqltest's own " +
      'tolerance (1e-6 relative).',
    covers: (c) => {
      if (!c.mismatch || c.mismatch.oursCount !== c.mismatch.theirsCount) return false;
      if (
        !c.mismatch.diffs.every(
          (d) => d.ours !== undefined && d.theirs !== undefined && almostEqual(d.ours, d.theirs, PROMQLTEST_EPSILON),
        )
      )
        return false;
      let libm = false;
      walkExpr(c.expr, (n) => {
        if (
          (n.type === 'Call' && LIBM_FUNCTIONS.has(n.func)) ||
          (n.type === 'BinaryExpr' && (n.op === '^' || n.op === 'atan2'))
        )
          libm = true;
        return !libm;
      });
      return libm;
    },
  },
  {
    id: 'rate-zero-point-extrapolation',
    explanation:
      "rate()/increase() limit extrapolation at the start of the range to the counter's zero point. Up to 2.50 the zero point was " +
      'compared with the full distance to the range start even when that distance was beyond the extrapolation threshold (so ' +
      'the range was extended to the zero point instead of half a sample interval); 2.51 compares it with the already ' +
      'shortened distance (prometheus/prometheus 7f912db15a "promql: Fix limiting of extrapolation to negative values", v2.51.0). ' +
      'Only mismatches of expressions that call rate() or increase() on a range selector are attributed to it.',
    covers: (c) =>
      c.mismatch !== undefined &&
      someCall(
        c.expr,
        (call) =>
          (call.func === 'rate' || call.func === 'increase') && unparen(call.args[0]!).type === 'MatrixSelector',
      ),
  },
  {
    id: 'predict-linear-at-range',
    explanation:
      'predict_linear() over a range selector fixed in time with @: in a range query 2.42 re-reads the range at every step ' +
      'relative to the step (the @ offset is computed once for the first step), so the window slides and empties; 2.50 reads ' +
      'it once (prometheus/prometheus 86d7618d84 "promql: Fix wrongly scoped range vectors", issue #11708, v2.50.0).',
    covers: (c) =>
      c.mismatch !== undefined &&
      someCall(c.expr, (call) => {
        if (call.func !== 'predict_linear') return false;
        const arg = unparen(call.args[0]!);
        return arg.type === 'MatrixSelector' && arg.vector.at !== undefined;
      }),
  },
  {
    id: 'atan2-drops-metric-name',
    explanation:
      '`atan2` between a vector and a scalar (or two vectors) drops the metric name since 2.47 like the other arithmetic ' +
      'operators; 2.42 keeps it (prometheus/prometheus 531567d46e "Drop metric name for atan2 binary operator", v2.47.0). ' +
      'Covers only pairs where every differing series is one that differs by __name__ alone.',
    covers: (c) => {
      if (!c.mismatch) return false;
      let hasAtan2 = false;
      walkExpr(c.expr, (n) => {
        if (n.type === 'BinaryExpr' && n.op === 'atan2') hasAtan2 = true;
        return !hasAtan2;
      });
      if (!hasAtan2) return false;
      const strip = (k: string): string => k.replace(/^__name__="[^"]*",?/, '').replace(/,__name__="[^"]*"/, '');
      const ours = new Map(
        c.mismatch.diffs.filter((d) => d.theirs === undefined).map((d) => [strip(d.labels), d.ours!]),
      );
      const theirs = c.mismatch.diffs.filter((d) => d.ours === undefined);
      if (theirs.length === 0 || theirs.length !== ours.size || theirs.length !== c.mismatch.diffs.length / 2)
        return false;
      return theirs.every((d) => d.labels.includes('__name__=') && ours.has(strip(d.labels)));
    },
  },
  {
    id: 'aggregation-param-first-step',
    explanation:
      'In a range query 2.54 evaluates the parameter of topk/bottomk/quantile once, at the first step, and uses it for every ' +
      'step (rangeEvalAgg, `fParam = val.(Matrix)[0].Floats[0].F`, prometheus/prometheus 74eed67ef6, v2.52.0); 2.42 evaluates ' +
      'it at each step, so a parameter that varies (or is NaN at a later step: "Scalar value NaN overflows int64") gives ' +
      'different results. Covers expressions with such an aggregation whose parameter is not a number literal.',
    covers: (c) => {
      let found = false;
      walkExpr(c.expr, (n) => {
        if (
          n.type === 'AggregateExpr' &&
          (n.op === 'topk' || n.op === 'bottomk' || n.op === 'quantile') &&
          n.param &&
          unparen(n.param).type !== 'NumberLiteral'
        )
          found = true;
        return !found;
      });
      return found;
    },
  },
];
