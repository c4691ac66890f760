import type {
  AggregateOp,
  AtModifier,
  BinaryExpr,
  BinaryOp,
  Expr,
  LabelMatcher,
  MatrixSelector,
  ValueType,
  VectorMatching,
  VectorSelector,
} from '../ast.js';
import { parseAndCheck } from '../check/parse-and-check.js';
import { format } from '../format.js';
import { FUNCTIONS, type FunctionSignature } from '../functions.js';
import { chance, pick, randInt, type Rng } from './prng.js';

export interface GenerateOptions {
  /** Metric names to select. */
  metrics?: readonly string[];
  /** Label names for matchers and grouping. */
  labels?: readonly string[];
  /** Label values for matchers. */
  labelValues?: readonly string[];
  /** Function names that may be called (default: every non-experimental function). */
  functions?: readonly string[];
  /** Aggregation operators that may be used (default: all but the experimental limitk/limit_ratio). */
  aggregations?: readonly AggregateOp[];
  /** Maximum nesting depth (default 4). */
  maxDepth?: number;
  /** Value type of the root expression (default `vector`). */
  type?: Exclude<ValueType, 'none'>;
  /** Allow `@` modifiers (default true). */
  at?: boolean;
  /** Allow `offset` modifiers (default true). */
  offset?: boolean;
  /** Allow subqueries (default true). */
  subqueries?: boolean;
  /** Durations (ms) to use for ranges, subquery steps and offsets (default: 250ms .. 1w). */
  durationsMs?: readonly number[];
}

const DEFAULT_METRICS = [
  'http_requests_total',
  'node_cpu_seconds_total',
  'up',
  'request_duration_seconds_bucket',
  'queue_depth',
];
const DEFAULT_LABELS = ['job', 'instance', 'method', 'code', 'le', 'region'];
const DEFAULT_VALUES = ['api', 'web', 'GET', '500', '0.5', 'eu-west-1', 'a"b', 'x\\y', 'é'];
const DEFAULT_AGGREGATIONS: AggregateOp[] = [
  'sum',
  'avg',
  'count',
  'min',
  'max',
  'group',
  'stddev',
  'stdvar',
  'topk',
  'bottomk',
  'count_values',
  'quantile',
];

const PREC: Record<BinaryOp, number> = {
  or: 1,
  and: 2,
  unless: 2,
  '==': 3,
  '!=': 3,
  '>': 3,
  '<': 3,
  '>=': 3,
  '<=': 3,
  '+': 4,
  '-': 4,
  '*': 5,
  '/': 5,
  '%': 5,
  atan2: 5,
  '^': 6,
};
const ARITH: BinaryOp[] = ['+', '-', '*', '/', '%', '^', 'atan2'];
const COMPARE: BinaryOp[] = ['==', '!=', '>', '<', '>=', '<='];
const SETOPS: BinaryOp[] = ['and', 'or', 'unless'];

const R = { start: 0, end: 0 };
const range = (): { start: number; end: number } => ({ ...R });

interface Ctx {
  rng: Rng;
  metrics: readonly string[];
  labels: readonly string[];
  values: readonly string[];
  byReturn: Record<string, FunctionSignature[]>;
  aggregations: readonly AggregateOp[];
  at: boolean;
  offset: boolean;
  subqueries: boolean;
  durationsMs: readonly number[];
}

function makeCtx(rng: Rng, o: GenerateOptions): Ctx {
  const names = o.functions ?? [...FUNCTIONS.values()].filter((f) => !f.experimental).map((f) => f.name);
  const byReturn: Record<string, FunctionSignature[]> = { vector: [], scalar: [] };
  for (const n of names) {
    const f = FUNCTIONS.get(n);
    if (f) (byReturn[f.returnType] ??= []).push(f);
  }
  return {
    rng,
    metrics: o.metrics ?? DEFAULT_METRICS,
    labels: o.labels ?? DEFAULT_LABELS,
    values: o.labelValues ?? DEFAULT_VALUES,
    byReturn,
    aggregations: o.aggregations ?? DEFAULT_AGGREGATIONS,
    at: o.at ?? true,
    offset: o.offset ?? true,
    subqueries: o.subqueries ?? true,
    durationsMs: o.durationsMs ?? DEFAULT_DURATIONS,
  };
}

const paren = (e: Expr): Expr => ({ type: 'ParenExpr', expr: e, range: range() });

/** Wrap `e` in parentheses when, printed as an operand of `op` on the given side, it would re-associate. */
function operand(e: Expr, op: BinaryOp, side: 'lhs' | 'rhs'): Expr {
  const p = PREC[op];
  if (e.type === 'BinaryExpr') {
    const q = PREC[e.op];
    if (q < p) return paren(e);
    if (q === p && (op === '^' ? side === 'lhs' : side === 'rhs')) return paren(e);
  }
  if (e.type === 'UnaryExpr' && op === '^' && side === 'lhs') return paren(e);
  if (
    e.type === 'NumberLiteral' &&
    op === '^' &&
    side === 'lhs' &&
    (e.value < 0 || e.value === Infinity || Object.is(e.value, -0))
  )
    return paren(e);
  return e;
}

/** Postfix operators (`[..]`, offset, @) bind tighter than unary and binary operators. */
function postfixOperand(e: Expr): Expr {
  return e.type === 'BinaryExpr' || e.type === 'UnaryExpr' || (e.type === 'NumberLiteral' && e.value < 0)
    ? paren(e)
    : e;
}

function number(c: Ctx): Expr {
  const r = c.rng();
  let value: number;
  if (r < 0.5) value = randInt(c.rng, 0, 100);
  else if (r < 0.8) value = randInt(c.rng, 0, 10000) / 100;
  else if (r < 0.9) value = pick(c.rng, [0.5, 0.95, 0.99, 1e-5, 1e6, 2.5e21]);
  else value = pick(c.rng, [Infinity, NaN, 3600, 86400]);
  return { type: 'NumberLiteral', value, range: range() };
}

const DEFAULT_DURATIONS = [
  1000,
  15000,
  30000,
  60000,
  5 * 60000,
  10 * 60000,
  3600000,
  5400000,
  86400000,
  7 * 86400000,
  1500,
  250,
];

function durationMs(c: Ctx): number {
  return pick(c.rng, c.durationsMs);
}

function atModifier(c: Ctx): AtModifier | undefined {
  if (!c.at || !chance(c.rng, 0.1)) return undefined;
  const r = c.rng();
  if (r < 0.3) return { kind: 'start' };
  if (r < 0.6) return { kind: 'end' };
  return { kind: 'timestamp', timestampMs: randInt(c.rng, 0, 2_000_000) * 1000 + pick(c.rng, [0, 0, 500]) };
}

function offsetMs(c: Ctx): number {
  if (!c.offset || !chance(c.rng, 0.15)) return 0;
  return durationMs(c) * (chance(c.rng, 0.2) ? -1 : 1);
}

function matcher(c: Ctx): LabelMatcher {
  const name = pick(c.rng, c.labels);
  const op = pick(c.rng, ['=', '=', '!=', '=~', '!~'] as const);
  const value =
    op === '=~' || op === '!~'
      ? pick(c.rng, ['a.*', 'GET|POST', '5..', '(api|web)-[0-9]+', '.+'])
      : pick(c.rng, c.values);
  return { name, op, value };
}

function selector(c: Ctx): VectorSelector {
  const matchers: LabelMatcher[] = [];
  const n = randInt(c.rng, 0, 2);
  for (let i = 0; i < n; i++) matchers.push(matcher(c));
  let name: string | undefined;
  if (matchers.length === 0 || chance(c.rng, 0.85)) {
    name = pick(c.rng, c.metrics);
    matchers.push({ name: '__name__', op: '=', value: name });
  } else {
    // Without a name, one matcher must not match the empty string.
    matchers.push({
      name: pick(c.rng, c.labels),
      op: '=',
      value: pick(
        c.rng,
        c.values.filter((v) => v !== ''),
      ),
    });
  }
  const vs: VectorSelector =
    name !== undefined
      ? { type: 'VectorSelector', name, matchers, offsetMs: offsetMs(c), range: range() }
      : { type: 'VectorSelector', matchers, offsetMs: offsetMs(c), range: range() };
  const at = atModifier(c);
  if (at) vs.at = at;
  return vs;
}

function grouping(c: Ctx, max = 2): string[] {
  const out = new Set<string>();
  const n = randInt(c.rng, 0, max);
  for (let i = 0; i < n; i++) out.add(pick(c.rng, c.labels));
  return [...out];
}

function matrix(c: Ctx, depth: number): Expr {
  if (c.subqueries && depth > 0 && chance(c.rng, 0.25)) {
    const inner = postfixOperand(gen(c, 'vector', depth - 1));
    const sq: Expr = {
      type: 'SubqueryExpr',
      expr: inner,
      rangeMs: durationMs(c) * 4,
      stepMs: chance(c.rng, 0.3) ? 0 : durationMs(c),
      offsetMs: offsetMs(c),
      range: range(),
    };
    const at = atModifier(c);
    if (at) sq.at = at;
    return sq;
  }
  const vs = selector(c);
  const ms: MatrixSelector = { type: 'MatrixSelector', vector: vs, rangeMs: durationMs(c), range: range() };
  return ms;
}

function call(c: Ctx, fn: FunctionSignature, depth: number): Expr {
  const args: Expr[] = [];
  const types = [...fn.argTypes];
  if (fn.variadic > 0)
    for (let i = randInt(c.rng, -1, fn.variadic - 1); i > 0; i--) types.push(types[types.length - 1]!);
  if (fn.variadic > 0 && types.length === fn.argTypes.length && chance(c.rng, 0.5)) types.pop();
  if (fn.variadic < 0) for (let i = randInt(c.rng, 0, 2); i > 0; i--) types.push(types[types.length - 1]!);
  for (const t of types) args.push(gen(c, t as Exclude<ValueType, 'none'>, depth - 1));
  return { type: 'Call', func: fn.name, args, range: range() };
}

function binary(
  _c: Ctx,
  op: BinaryOp,
  lhs: Expr,
  rhs: Expr,
  returnBool: boolean,
  matching?: VectorMatching,
): BinaryExpr {
  const b: BinaryExpr = {
    type: 'BinaryExpr',
    op,
    lhs: operand(lhs, op, 'lhs'),
    rhs: operand(rhs, op, 'rhs'),
    returnBool,
    range: range(),
  };
  if (matching) b.matching = matching;
  return b;
}

function vectorMatching(c: Ctx, op: BinaryOp): VectorMatching | undefined {
  const isSet = SETOPS.includes(op);
  if (!chance(c.rng, 0.35)) return isSet ? { card: 'many-to-many', on: false, labels: [], include: [] } : undefined;
  const on = chance(c.rng, 0.6);
  const labels = grouping(c);
  if (isSet) return { card: 'many-to-many', on, labels, include: [] };
  if (chance(c.rng, 0.3)) {
    const include = grouping(c).filter((l) => !(on && labels.includes(l)));
    return { card: chance(c.rng, 0.5) ? 'many-to-one' : 'one-to-many', on, labels, include };
  }
  // An empty ignoring() is no clause at all (the parser drops it).
  if (!on && labels.length === 0) return undefined;
  return { card: 'one-to-one', on, labels, include: [] };
}

function vector(c: Ctx, depth: number): Expr {
  if (depth <= 0) return selector(c);
  const r = c.rng();
  if (r < 0.15) return selector(c);
  if (r < 0.35) {
    const fns = c.byReturn.vector ?? [];
    if (fns.length > 0) return call(c, pick(c.rng, fns), depth);
    return selector(c);
  }
  if (r < 0.5) {
    const op = pick(c.rng, c.aggregations);
    const agg: Expr = {
      type: 'AggregateExpr',
      op,
      expr: gen(c, 'vector', depth - 1),
      grouping: grouping(c),
      without: chance(c.rng, 0.2),
      range: range(),
    };
    if (op === 'topk' || op === 'bottomk' || op === 'quantile' || op === 'limitk' || op === 'limit_ratio')
      agg.param = gen(c, 'scalar', depth - 1);
    if (op === 'count_values') agg.param = { type: 'StringLiteral', value: pick(c.rng, c.labels), range: range() };
    return agg;
  }
  if (r < 0.8) {
    const kind = c.rng();
    if (kind < 0.4) {
      const op = pick(c.rng, [...ARITH, ...COMPARE, ...SETOPS]);
      const isCmp = COMPARE.includes(op);
      return binary(
        c,
        op,
        gen(c, 'vector', depth - 1),
        gen(c, 'vector', depth - 1),
        isCmp && chance(c.rng, 0.3),
        vectorMatching(c, op),
      );
    }
    const op = pick(c.rng, [...ARITH, ...COMPARE]);
    const isCmp = COMPARE.includes(op);
    const v = gen(c, 'vector', depth - 1);
    const s = gen(c, 'scalar', depth - 1);
    return chance(c.rng, 0.5)
      ? binary(c, op, v, s, isCmp && chance(c.rng, 0.3))
      : binary(c, op, s, v, isCmp && chance(c.rng, 0.3));
  }
  if (r < 0.88) {
    const inner = gen(c, 'vector', depth - 1);
    const wrapped = inner.type === 'BinaryExpr' && inner.op !== '^' ? paren(inner) : inner;
    return { type: 'UnaryExpr', op: chance(c.rng, 0.8) ? '-' : '+', expr: wrapped, range: range() };
  }
  return paren(gen(c, 'vector', depth - 1));
}

function scalar(c: Ctx, depth: number): Expr {
  if (depth <= 0) return number(c);
  const r = c.rng();
  if (r < 0.45) return number(c);
  if (r < 0.6) {
    const fns = c.byReturn.scalar ?? [];
    if (fns.length > 0) return call(c, pick(c.rng, fns), depth);
    return number(c);
  }
  if (r < 0.85) {
    const op = pick(c.rng, [...ARITH, ...COMPARE]);
    return binary(c, op, gen(c, 'scalar', depth - 1), gen(c, 'scalar', depth - 1), COMPARE.includes(op));
  }
  if (r < 0.93) return { type: 'UnaryExpr', op: '-', expr: paren(gen(c, 'scalar', depth - 1)), range: range() };
  return paren(gen(c, 'scalar', depth - 1));
}

function gen(c: Ctx, type: Exclude<ValueType, 'none'>, depth: number): Expr {
  switch (type) {
    case 'vector':
      return vector(c, depth);
    case 'scalar':
      return scalar(c, depth);
    case 'matrix':
      return matrix(c, depth);
    case 'string':
      return { type: 'StringLiteral', value: pick(c.rng, [...c.labels, ...c.values, '$1', '']), range: range() };
  }
}

/**
 * A random well-typed PromQL expression (a syntax tree whose `format()` parses back to the same
 * tree and passes `check()`). Deterministic for a given `rng` state. Ranges are all {0, 0}.
 */
export function generateExpr(rng: Rng, options: GenerateOptions = {}): Expr {
  const c = makeCtx(rng, options);
  return gen(c, options.type ?? 'vector', options.maxDepth ?? 4);
}

/** Mistakes that Prometheus rejects, built on well-typed parts. Each returns source text. */
const INVALID_BUILDERS: ReadonlyArray<(c: Ctx, depth: number) => string> = [
  // range-vector function given an instant vector
  (c) => `rate(${format(selector(c))})`,
  // aggregation over a range vector
  (c) => `sum(${format(matrix(c, 1))})`,
  // aggregation over a scalar
  (c) => `avg(${format(number(c))})`,
  // subquery of a scalar
  (c) => `${format(paren(scalar(c, 1)))}[5m:1m]`,
  // set operator with a scalar
  (c, d) => `${format(operand(vector(c, d), 'and', 'lhs'))} and ${format(number(c))}`,
  // comparison between scalars without bool
  (c) => `${format(number(c))} > ${format(number(c))}`,
  // bool on an arithmetic operator
  (c, d) => `${format(operand(vector(c, d), '+', 'lhs'))} + bool ${format(operand(vector(c, d), '+', 'rhs'))}`,
  // topk with a string parameter
  (c) => `topk("3", ${format(selector(c))})`,
  // count_values with a scalar parameter
  (c) => `count_values(1, ${format(selector(c))})`,
  // matching labels between a scalar and a vector
  (c) => `1 + on(job) ${format(selector(c))}`,
  // group_left on a set operator
  (c) => `${format(selector(c))} and on(job) group_left ${format(selector(c))}`,
  // label both in on() and group_left()
  (c) => `${format(selector(c))} * on(job) group_left(job) ${format(selector(c))}`,
  // wrong number of arguments
  (c) => `histogram_quantile(${format(selector(c))})`,
  (c) => `round(${format(selector(c))}, 1, 2)`,
  // selectors that match everything
  () => '{}',
  () => '{job=~".*"}',
  () => '{job=""}',
  // metric name twice
  (c) => `${pick(c.rng, c.metrics)}{__name__="other"}`,
  // unknown function
  (c) => `rates(${format(matrix(c, 0))})`,
  // range on a non-selector
  (c) => `(${format(selector(c))})[5m]`,
  // offset on a function call
  (c) => `abs(${format(selector(c))}) offset 5m`,
  // @ twice
  (c) => `${pick(c.rng, c.metrics)} @ 100 @ 200`,
  // invalid regex
  (c) => `${pick(c.rng, c.metrics)}{job=~"(unclosed"}`,
  // bad durations
  (c) => `rate(${pick(c.rng, c.metrics)}[5m1h])`,
  (c) => `rate(${pick(c.rng, c.metrics)}[0s])`,
  // unary minus on a string
  () => '-"text"',
  // binary operator on a range vector
  (c) => `${format(matrix(c, 0))} + 1`,
  // trailing comma
  (c) => `clamp_max(${format(selector(c))}, 1,)`,
];

/** Text-level corruptions of a valid expression (most become syntax errors). */
function corrupt(c: Ctx, text: string): string {
  const r = c.rng();
  const at = randInt(c.rng, 0, Math.max(0, text.length - 1));
  if (r < 0.3) return text.slice(0, at) + text.slice(at + 1);
  if (r < 0.6)
    return (
      text.slice(0, at) +
      pick(c.rng, ['(', ')', '[', ']', '{', '}', ',', '"', '=~', ' by ', ' offset ', '@', ':', '!']) +
      text.slice(at)
    );
  if (r < 0.8) return text.slice(0, Math.max(1, at));
  return `${text} ${pick(c.rng, ['+', 'and', 'offset', 'by (job)', '[5m]', ')'])}`;
}

/**
 * A random expression that Prometheus rejects: a typed mistake from a catalogue of real errors,
 * or a text-level corruption of a valid expression (kept only when our checker rejects it).
 * Returns source text.
 */
export function generateInvalidExpr(rng: Rng, options: GenerateOptions = {}): string {
  const c = makeCtx(rng, options);
  const depth = Math.min(options.maxDepth ?? 3, 3);
  if (chance(rng, 0.6)) return pick(rng, INVALID_BUILDERS)(c, Math.max(0, depth - 1));
  // A corruption can leave a valid expression: retry a few times, then use the catalogue.
  for (let attempt = 0; attempt < 8; attempt++) {
    const text = corrupt(c, format(gen(c, options.type ?? 'vector', depth)));
    if (!parseAndCheck(text, { experimentalFunctions: true }).ok) return text;
  }
  return pick(rng, INVALID_BUILDERS)(c, Math.max(0, depth - 1));
}
