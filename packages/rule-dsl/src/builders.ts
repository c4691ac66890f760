import type { BinaryOp } from '@alertcraft/promql';
import { durationString, type DurationInput } from './duration.js';
import { RuleDslInputError } from './errors.js';
import { PromQLExpr, isCompound, isLabelName, toExpr, type PromQLFragment } from './promql-template.js';

export { isCompound };
import { Selector } from './selectors.js';
import type { ValueRef } from './values.js';

/** Anything an expression builder accepts as an operand. */
export type Operand = PromQLExpr | PromQLFragment | ValueRef | number;

function labelList(labels: readonly string[]): string {
  for (const l of labels)
    if (!isLabelName(l))
      throw new RuleDslInputError(
        `invalid label name ${JSON.stringify(l)} in grouping: label names match [a-zA-Z_][a-zA-Z0-9_]*`,
      );
  return labels.join(', ');
}

function rangeArg(v: Selector | PromQLExpr, window: DurationInput | undefined, fn: string): PromQLExpr {
  if (typeof v === 'string') {
    const text: string = v;
    const hint =
      window !== undefined
        ? `${fn}(metric(${JSON.stringify(text)}), ${JSON.stringify(window)})`
        : `${fn}(promql\`${text}\`)`;
    throw new RuleDslInputError(
      `${fn}(${JSON.stringify(text)}): expected a selector or an expression, got a string; write ${hint}`,
    );
  }
  if (!(v instanceof Selector) && !(v instanceof PromQLExpr)) {
    throw new RuleDslInputError(
      `${fn}(): expected a selector (metric('name')) or an expression (promql\`...\`), got ${v === null ? 'null' : typeof v}`,
    );
  }
  if (v instanceof Selector) {
    if (window === undefined)
      throw new RuleDslInputError(`${fn}(${v.toPromQL()}): a window is required, e.g. ${fn}(sel, '5m')`);
    return v.range(window);
  }
  if (window !== undefined)
    throw new RuleDslInputError(
      `${fn}(): pass a window only with a selector; the expression ${v.toString()} is already a range`,
    );
  return v;
}

function call(fn: string, args: readonly PromQLExpr[]): PromQLExpr {
  const segs: (string | ValueRef)[] = [`${fn}(`];
  args.forEach((a, i) => {
    if (i > 0) segs.push(', ');
    segs.push(...a.segments);
  });
  segs.push(')');
  return new PromQLExpr(segs);
}

/** `rate(sel[window])`; with a range expression (e.g. `sel.range('5m')`) pass no window. */
export function rate(v: Selector | PromQLExpr, window?: DurationInput): PromQLExpr {
  return call('rate', [rangeArg(v, window, 'rate')]);
}
export function irate(v: Selector | PromQLExpr, window?: DurationInput): PromQLExpr {
  return call('irate', [rangeArg(v, window, 'irate')]);
}
export function increase(v: Selector | PromQLExpr, window?: DurationInput): PromQLExpr {
  return call('increase', [rangeArg(v, window, 'increase')]);
}
/** `<fn>_over_time(sel[window])`, e.g. `overTime('avg', sel, '10m')`. */
export function overTime(
  fn: 'avg' | 'min' | 'max' | 'sum' | 'count' | 'last' | 'present' | 'absent' | 'stddev' | 'stdvar',
  v: Selector | PromQLExpr,
  window?: DurationInput,
): PromQLExpr {
  return call(`${fn}_over_time`, [rangeArg(v, window, `${fn}_over_time`)]);
}
/** `absent(sel)` */
export function absent(v: Selector | PromQLExpr): PromQLExpr {
  return call('absent', [toExpr(v)]);
}

/** Grouping for aggregations: `{ by: ['le'] }` or `{ without: ['instance'] }`. */
export interface Grouping {
  by?: readonly string[];
  without?: readonly string[];
}

function aggregate(op: string, e: Operand, g: Grouping = {}, param?: Operand): PromQLExpr {
  if (g.by && g.without) throw new RuleDslInputError(`${op}(): use either by or without, not both`);
  const clause = g.by ? ` by (${labelList(g.by)})` : g.without ? ` without (${labelList(g.without)})` : '';
  const inner = toExpr(e);
  const segs: (string | ValueRef)[] = [clause ? `${op}${clause} (` : `${op}(`];
  if (param !== undefined) segs.push(...toExpr(param).segments, ', ');
  segs.push(...inner.segments, ')');
  return new PromQLExpr(segs);
}

export const sum = (e: Operand, g?: Grouping): PromQLExpr => aggregate('sum', e, g);
export const avg = (e: Operand, g?: Grouping): PromQLExpr => aggregate('avg', e, g);
export const min = (e: Operand, g?: Grouping): PromQLExpr => aggregate('min', e, g);
export const max = (e: Operand, g?: Grouping): PromQLExpr => aggregate('max', e, g);
export const count = (e: Operand, g?: Grouping): PromQLExpr => aggregate('count', e, g);
export const topk = (k: number, e: Operand, g?: Grouping): PromQLExpr => aggregate('topk', e, g, k);
export const quantile = (q: Operand, e: Operand, g?: Grouping): PromQLExpr => aggregate('quantile', e, g, q);

/** `histogram_quantile(q, sum by (le, ...) (rate(bucket[window])))` when given a bucket selector; or the raw call for an expression. */
export function histogramQuantile(
  q: number,
  e: Selector | PromQLExpr,
  opts: { window?: DurationInput; by?: readonly string[] } = {},
): PromQLExpr {
  if (q < 0 || q > 1) throw new RuleDslInputError(`histogramQuantile(${q}): the quantile must be between 0 and 1`);
  const inner = e instanceof Selector ? sum(rate(e, opts.window ?? '5m'), { by: ['le', ...(opts.by ?? [])] }) : e;
  return call('histogram_quantile', [toExpr(q), inner]);
}

/** Vector matching clause for binary operators. */
export interface Matching {
  on?: readonly string[];
  ignoring?: readonly string[];
  groupLeft?: readonly string[];
  groupRight?: readonly string[];
}

function matchingClause(m: Matching | undefined): string {
  if (!m) return '';
  let s = '';
  if (m.on && m.ignoring) throw new RuleDslInputError('binary operator: use either on or ignoring, not both');
  if (m.on) s += ` on (${labelList(m.on)})`;
  if (m.ignoring) s += ` ignoring (${labelList(m.ignoring)})`;
  if (m.groupLeft && m.groupRight)
    throw new RuleDslInputError('binary operator: use either groupLeft or groupRight, not both');
  // The label list is always written, even empty: `group_left (rhs)` would read a parenthesised
  // right-hand side as the label list.
  if (m.groupLeft) s += ` group_left (${labelList(m.groupLeft)})`;
  if (m.groupRight) s += ` group_right (${labelList(m.groupRight)})`;
  return s;
}

function paren(e: PromQLExpr): (string | ValueRef)[] {
  return isCompound(e.toString()) ? ['(', ...e.segments, ')'] : [...e.segments];
}

/** `lhs <op> [bool] [on/ignoring ...] rhs`, operands parenthesised when they are compound. */
export function binary(op: BinaryOp, lhs: Operand, rhs: Operand, opts: Matching & { bool?: boolean } = {}): PromQLExpr {
  const b = opts.bool ? ' bool' : '';
  return new PromQLExpr([...paren(toExpr(lhs)), ` ${op}${b}${matchingClause(opts)} `, ...paren(toExpr(rhs))]);
}

export const gt = (l: Operand, r: Operand, m?: Matching & { bool?: boolean }): PromQLExpr => binary('>', l, r, m);
export const ge = (l: Operand, r: Operand, m?: Matching & { bool?: boolean }): PromQLExpr => binary('>=', l, r, m);
export const lt = (l: Operand, r: Operand, m?: Matching & { bool?: boolean }): PromQLExpr => binary('<', l, r, m);
export const le = (l: Operand, r: Operand, m?: Matching & { bool?: boolean }): PromQLExpr => binary('<=', l, r, m);
export const eq = (l: Operand, r: Operand, m?: Matching & { bool?: boolean }): PromQLExpr => binary('==', l, r, m);
export const and = (l: Operand, r: Operand, m?: Matching): PromQLExpr => binary('and', l, r, m);
export const or = (l: Operand, r: Operand, m?: Matching): PromQLExpr => binary('or', l, r, m);
export const unless = (l: Operand, r: Operand, m?: Matching): PromQLExpr => binary('unless', l, r, m);
export const div = (l: Operand, r: Operand, m?: Matching): PromQLExpr => binary('/', l, r, m);
export const mul = (l: Operand, r: Operand, m?: Matching): PromQLExpr => binary('*', l, r, m);

/**
 * Ratio of two counters' rates: `sum by (g) (rate(num[w])) / sum by (g) (rate(den[w]))`
 * (seed 000's error rate: `ratio(errors, runs, '5m')`).
 */
export function ratio(num: Selector, den: Selector, window: DurationInput, g: Grouping = {}): PromQLExpr {
  durationString(window);
  return div(sum(rate(num, window), g), sum(rate(den, window), g));
}
