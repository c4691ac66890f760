/**
 * What data a set of rules can read: the metric names its selectors name, and how far back from
 * an evaluation time it looks (ranges, subqueries and offsets plus the lookback delta). A replay
 * hands each backtest only those series, clipped to the window it evaluates, which changes no
 * result and keeps the local runtime's TSDB blocks small.
 */
import { parseAndCheck, walkExpr, type Expr } from '@alertcraft/promql';
import type { RuleGroup } from '@alertcraft/rule-dsl';
import type { ScenarioSeries } from '../scenario/types.js';

export interface RuleReads {
  /** Metric names selected by equality; undefined when some selector may match any name. */
  names?: Set<string>;
  /** How far before an evaluation time the rules read, ms (includes the lookback delta). */
  lookbehindMs: number;
  /** Infinity when an `@` modifier or a negative offset reads outside [t − lookbehind, t]; else 0. */
  lookaheadMs: number;
}

function reach(expr: Expr, lookbackMs: number): number {
  switch (expr.type) {
    case 'VectorSelector':
      return Math.max(0, expr.offsetMs) + lookbackMs;
    case 'MatrixSelector':
      return Math.max(0, expr.vector.offsetMs) + expr.rangeMs;
    case 'SubqueryExpr':
      return Math.max(0, expr.offsetMs) + expr.rangeMs + reach(expr.expr, lookbackMs);
    case 'NumberLiteral':
    case 'StringLiteral':
      return 0;
    case 'ParenExpr':
    case 'UnaryExpr':
      return reach(expr.expr, lookbackMs);
    case 'BinaryExpr':
      return Math.max(reach(expr.lhs, lookbackMs), reach(expr.rhs, lookbackMs));
    case 'AggregateExpr':
      return Math.max(reach(expr.expr, lookbackMs), expr.param ? reach(expr.param, lookbackMs) : 0);
    case 'Call':
      return expr.args.reduce((m, a) => Math.max(m, reach(a, lookbackMs)), 0);
  }
}

/** Names and reach of the rules' expressions (plus extra expressions, e.g. baseline queries). */
export function ruleReads(
  groups: readonly RuleGroup[],
  extraExprs: readonly string[] = [],
  lookbackMs = 300_000,
): RuleReads {
  let names: Set<string> | undefined = new Set<string>();
  let lookbehindMs = lookbackMs;
  let lookaheadMs = 0;
  const recorded = new Set(groups.flatMap((g) => g.rules.flatMap((r) => ('record' in r ? [r.record] : []))));
  const exprs = [...groups.flatMap((g) => g.rules.map((r) => r.expr)), ...extraExprs];
  for (const text of exprs) {
    const { expr } = parseAndCheck(text);
    if (!expr) return { names: undefined, lookbehindMs: Infinity, lookaheadMs: Infinity };
    lookbehindMs = Math.max(lookbehindMs, reach(expr, lookbackMs));
    walkExpr(expr, (node) => {
      if ((node.type === 'VectorSelector' || node.type === 'SubqueryExpr') && (node.at || node.offsetMs < 0)) {
        lookbehindMs = Infinity;
        lookaheadMs = Infinity;
      }
      if (node.type !== 'VectorSelector' || !names) return;
      const eq = node.matchers.find((m) => m.name === '__name__' && m.op === '=');
      if (!eq) names = undefined;
      else if (!recorded.has(eq.value)) names.add(eq.value);
    });
  }
  return { names, lookbehindMs, lookaheadMs };
}

/** The series the rules can read, clipped to [start − lookbehind, end]. */
export function* seriesFor(
  series: Iterable<ScenarioSeries>,
  reads: RuleReads,
  start: number,
  end: number,
): Generator<ScenarioSeries> {
  const from = start - reads.lookbehindMs;
  const to = end + reads.lookaheadMs;
  for (const s of series) {
    if (reads.names && !reads.names.has(s.labels.__name__ ?? '')) continue;
    const { timestamps, values } = s;
    let i0 = 0;
    while (i0 < timestamps.length && timestamps[i0]! < from) i0++;
    let i1 = i0;
    while (i1 < timestamps.length && timestamps[i1]! <= to) i1++;
    if (i1 === i0) continue;
    yield i0 === 0 && i1 === timestamps.length
      ? s
      : { labels: s.labels, timestamps: timestamps.subarray(i0, i1), values: values.subarray(i0, i1) };
  }
}
