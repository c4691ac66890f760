import type { BinaryExpr, Expr } from '@alertcraft/promql';
import { unparen } from './walk.js';

/**
 * What lint can tell about the label names of the series an expression returns.
 *
 * `exact`: the series carry exactly `present` (assuming labels named in `by (...)` exist on the
 * input: grouping by a label no series has is a mistake of its own). Otherwise the series carry at
 * least `present` and none of `absent`; anything else is unknown. `__name__` is never tracked.
 * Scraped series (metric names without a colon) are assumed to carry the target labels.
 */
export type LabelInfo =
  | { kind: 'scalar' }
  | { kind: 'string' }
  | { kind: 'vector'; exact: boolean; present: ReadonlySet<string>; absent: ReadonlySet<string> };

type VectorInfo = Extract<LabelInfo, { kind: 'vector' }>;

const SCALAR: LabelInfo = { kind: 'scalar' };
const STRING: LabelInfo = { kind: 'string' };
const EMPTY = new Set<string>();

function exact(labels: Iterable<string>): VectorInfo {
  const s = new Set(labels);
  s.delete('__name__');
  return { kind: 'vector', exact: true, present: s, absent: EMPTY };
}

function open(present: Iterable<string>, absent: Iterable<string> = []): VectorInfo {
  const p = new Set(present);
  p.delete('__name__');
  return { kind: 'vector', exact: false, present: p, absent: new Set(absent) };
}

/** True when series of `info` provably carry label `l`. */
export function hasLabel(info: VectorInfo, l: string): boolean {
  return info.present.has(l);
}

/** True when series of `info` provably lack label `l`. */
export function lacksLabel(info: VectorInfo, l: string): boolean {
  return info.exact ? !info.present.has(l) : info.absent.has(l);
}

function without(info: VectorInfo, drop: Iterable<string>): VectorInfo {
  const present = new Set(info.present);
  const absent = new Set(info.absent);
  for (const l of drop) {
    present.delete(l);
    absent.add(l);
  }
  return info.exact
    ? { kind: 'vector', exact: true, present, absent: EMPTY }
    : { kind: 'vector', exact: false, present, absent };
}

function withLabel(info: VectorInfo, l: string): VectorInfo {
  const present = new Set(info.present);
  present.add(l);
  const absent = new Set(info.absent);
  absent.delete(l);
  return { kind: 'vector', exact: info.exact, present, absent };
}

/** Functions that return a scalar. */
const SCALAR_FUNCS = new Set(['scalar', 'time', 'pi']);
/** Functions that with no argument read `vector(time())`: their result has no labels. */
const TIME_FUNCS = new Set([
  'day_of_month',
  'day_of_week',
  'day_of_year',
  'days_in_month',
  'hour',
  'minute',
  'month',
  'year',
]);

/**
 * Labels every scraped series carries (Prometheus attaches the target's `job` and `instance`).
 * Applied to selectors of metric names without a colon; recorded series (`level:metric:ops`)
 * carry whatever their rule kept.
 */
export const DEFAULT_TARGET_LABELS: readonly string[] = ['job', 'instance'];

/**
 * Memo of inferred label info per node, for the target-label list in use. Checks ask about the
 * same nodes repeatedly; `lint()` brackets a run with `withLabelCache` so the memo never outlives it
 * (a plain Map: WeakMaps with many short-lived keys make garbage collection slow).
 */
let memo: { targetLabels: readonly string[]; cache: Map<Expr, LabelInfo> } | undefined;

/** Runs `fn` with label inference memoised for `targetLabels`. */
export function withLabelCache<T>(targetLabels: readonly string[], fn: () => T): T {
  const previous = memo;
  memo = { targetLabels, cache: new Map() };
  try {
    return fn();
  } finally {
    memo = previous;
  }
}

/** Infers the label names of an expression's result. */
export function labelInfo(e: Expr, targetLabels: readonly string[] = DEFAULT_TARGET_LABELS): LabelInfo {
  const cache = memo && memo.targetLabels === targetLabels ? memo.cache : undefined;
  const hit = cache?.get(e);
  if (hit) return hit;
  const info = computeLabelInfo(e, targetLabels);
  cache?.set(e, info);
  return info;
}

function computeLabelInfo(e: Expr, targetLabels: readonly string[]): LabelInfo {
  const rec = (x: Expr): LabelInfo => labelInfo(x, targetLabels);
  switch (e.type) {
    case 'NumberLiteral':
      return SCALAR;
    case 'StringLiteral':
      return STRING;
    case 'VectorSelector': {
      const present = e.matchers.filter((m) => m.op === '=' && m.value !== '').map((m) => m.name);
      const absent = e.matchers.filter((m) => m.op === '=' && m.value === '').map((m) => m.name);
      const name = e.name ?? e.matchers.find((m) => m.name === '__name__' && m.op === '=')?.value;
      if (name !== undefined && !name.includes(':')) present.push(...targetLabels.filter((l) => !absent.includes(l)));
      return open(present, absent);
    }
    case 'MatrixSelector':
      return rec(e.vector);
    case 'SubqueryExpr':
    case 'ParenExpr':
    case 'UnaryExpr':
      return rec(e.expr);
    case 'AggregateExpr': {
      const inner = rec(e.expr);
      const base: VectorInfo = inner.kind === 'vector' ? inner : exact([]);
      if (e.op === 'topk' || e.op === 'bottomk' || e.op === 'limitk' || e.op === 'limit_ratio') return base;
      let out: VectorInfo = e.without ? without(base, e.grouping) : exact(e.grouping);
      if (e.op === 'count_values' && e.param) {
        const p = unparen(e.param);
        if (p.type === 'StringLiteral') out = withLabel(out, p.value);
      }
      return out;
    }
    case 'Call':
      return callInfo(e.func, e.args, targetLabels);
    case 'BinaryExpr':
      return binaryInfo(e, targetLabels);
  }
}

function callInfo(func: string, args: Expr[], targetLabels: readonly string[]): LabelInfo {
  if (SCALAR_FUNCS.has(func)) return SCALAR;
  if (func === 'vector') return exact([]);
  if (func === 'absent' || func === 'absent_over_time') {
    const a = args[0] ? unparen(args[0]) : undefined;
    const sel = a?.type === 'MatrixSelector' ? a.vector : a?.type === 'VectorSelector' ? a : undefined;
    return exact(sel ? sel.matchers.filter((m) => m.op === '=' && m.name !== '__name__').map((m) => m.name) : []);
  }
  if (TIME_FUNCS.has(func) && args.length === 0) return exact([]);
  if (func === 'histogram_quantile' || func === 'histogram_fraction') {
    const v = args[args.length - 1] ? labelInfo(args[args.length - 1], targetLabels) : undefined;
    return v?.kind === 'vector' ? without(v, ['le']) : open([], ['le']);
  }
  const first = args.map((a) => labelInfo(a, targetLabels)).find((i): i is VectorInfo => i.kind === 'vector');
  if (!first) return open([]);
  if (func === 'label_replace' || func === 'label_join') {
    // The destination label may be set, overwritten or (empty result, no regex match) left as is:
    // afterwards lint knows nothing about it.
    const dst = args[1] ? unparen(args[1]) : undefined;
    if (dst?.type !== 'StringLiteral') return { kind: 'vector', exact: false, present: first.present, absent: EMPTY };
    const present = new Set(first.present);
    present.delete(dst.value);
    return {
      kind: 'vector',
      exact: false,
      present,
      absent: new Set([...(first.exact ? [] : first.absent)].filter((l) => l !== dst.value)),
    };
  }
  return first;
}

function binaryInfo(e: BinaryExpr, targetLabels: readonly string[]): LabelInfo {
  const l = labelInfo(e.lhs, targetLabels);
  const r = labelInfo(e.rhs, targetLabels);
  if (l.kind !== 'vector' && r.kind !== 'vector') return SCALAR;
  if (l.kind !== 'vector') return r;
  if (r.kind !== 'vector') return l;
  if (e.op === 'or') {
    if (l.exact && r.exact && sameSet(l.present, r.present)) return l;
    return open(intersect(l.present, r.present), intersect(l.absent, r.absent));
  }
  if (e.op === 'and' || e.op === 'unless') return l;
  const m = e.matching;
  const card = m?.card ?? 'one-to-one';
  const side = card === 'one-to-many' ? r : l;
  const other = card === 'one-to-many' ? l : r;
  let out: VectorInfo = side;
  if (card === 'one-to-one' && m) {
    out = m.on ? restrict(side, m.labels) : without(side, m.labels);
  }
  if (m && (card === 'many-to-one' || card === 'one-to-many')) {
    for (const inc of m.include) {
      if (hasLabel(other, inc)) out = withLabel(out, inc);
      else {
        const present = new Set(out.present);
        present.delete(inc);
        out = { kind: 'vector', exact: false, present, absent: new Set([...out.absent].filter((x) => x !== inc)) };
      }
    }
  }
  return out;
}

function restrict(info: VectorInfo, keep: readonly string[]): VectorInfo {
  const k = new Set(keep);
  const present = [...info.present].filter((x) => k.has(x));
  if (info.exact) return exact(present);
  // Everything outside `keep` is dropped, so the result is exact up to the kept labels that may exist.
  const unknown = keep.filter((x) => !info.present.has(x) && !info.absent.has(x));
  return unknown.length === 0 ? exact(present) : open(present, []);
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

function intersect(a: ReadonlySet<string>, b: ReadonlySet<string>): string[] {
  return [...a].filter((x) => b.has(x));
}

/** Renders a label set for messages: `{tenant}`, `{}` or `{job, …}` for open sets. */
export function describeLabels(info: LabelInfo): string {
  if (info.kind !== 'vector') return info.kind;
  const names = [...info.present].sort();
  return info.exact ? `{${names.join(', ')}}` : `{${[...names, '…'].join(', ')}}`;
}

/**
 * Labels on which the two sides of a vector/vector operation provably disagree (one side has the
 * label, the other provably lacks it), taking `on(...)`/`ignoring(...)` into account. A non-empty
 * result means no pair of series can ever match, so the operation always returns nothing.
 */
export function mismatchedLabels(
  e: BinaryExpr,
  targetLabels: readonly string[] = DEFAULT_TARGET_LABELS,
): { lhsOnly: string[]; rhsOnly: string[] } | undefined {
  if (e.op === 'or') return undefined;
  const l = labelInfo(e.lhs, targetLabels);
  const r = labelInfo(e.rhs, targetLabels);
  if (l.kind !== 'vector' || r.kind !== 'vector') return undefined;
  const m = e.matching;
  const considered = (x: string): boolean => {
    if (x === '__name__') return false;
    if (m?.on) return m.labels.includes(x);
    return !(m?.labels ?? []).includes(x);
  };
  const lhsOnly = [...l.present].filter((x) => considered(x) && lacksLabel(r, x)).sort();
  const rhsOnly = [...r.present].filter((x) => considered(x) && lacksLabel(l, x)).sort();
  if (lhsOnly.length === 0 && rhsOnly.length === 0) return undefined;
  return { lhsOnly, rhsOnly };
}
