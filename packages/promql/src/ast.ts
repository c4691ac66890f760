/**
 * The typed PromQL syntax tree produced by `parse()` and consumed by the type checker,
 * the formatter, the evaluator and rule-dsl's lint. Shapes follow Prometheus v2.54.1's
 * `promql/parser/ast.go`; nodes are plain objects so they cross package boundaries as data.
 *
 * All durations and offsets are integers in milliseconds. `range` is the node's span in the
 * source text as UTF-16 offsets [start, end).
 */

/** The value type a PromQL expression evaluates to (Prometheus `parser.ValueType`). */
export type ValueType = 'scalar' | 'vector' | 'matrix' | 'string' | 'none';

/** Half-open span [start, end) of UTF-16 code-unit offsets into the parsed source. */
export interface TextRange {
  start: number;
  end: number;
}

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  name: string;
  op: MatchOp;
  value: string;
}

/** `@ <timestamp>`, `@ start()` or `@ end()`. Timestamps are in milliseconds. */
export type AtModifier = { kind: 'timestamp'; timestampMs: number } | { kind: 'start' } | { kind: 'end' };

export interface NumberLiteral {
  type: 'NumberLiteral';
  value: number;
  range: TextRange;
}

export interface StringLiteral {
  type: 'StringLiteral';
  value: string;
  range: TextRange;
}

export interface VectorSelector {
  type: 'VectorSelector';
  /** Metric name written before the braces, if any (it is also present in `matchers` as `__name__=`). */
  name?: string;
  /** All matchers, including the implicit `__name__="<name>"` one when a name was written. */
  matchers: LabelMatcher[];
  /** Signed offset in ms (`offset -5m` gives -300000); 0 when absent. */
  offsetMs: number;
  at?: AtModifier;
  range: TextRange;
}

export interface MatrixSelector {
  type: 'MatrixSelector';
  vector: VectorSelector;
  rangeMs: number;
  range: TextRange;
}

export interface SubqueryExpr {
  type: 'SubqueryExpr';
  expr: Expr;
  rangeMs: number;
  /** Resolution in ms; 0 means "use the global evaluation interval". */
  stepMs: number;
  offsetMs: number;
  at?: AtModifier;
  range: TextRange;
}

export interface ParenExpr {
  type: 'ParenExpr';
  expr: Expr;
  range: TextRange;
}

export interface UnaryExpr {
  type: 'UnaryExpr';
  op: '+' | '-';
  expr: Expr;
  range: TextRange;
}

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%' | '^' | 'atan2';
export type ComparisonOp = '==' | '!=' | '>' | '<' | '>=' | '<=';
export type SetOp = 'and' | 'or' | 'unless';
export type BinaryOp = ArithmeticOp | ComparisonOp | SetOp;

export type VectorMatchCardinality = 'one-to-one' | 'many-to-one' | 'one-to-many' | 'many-to-many';

export interface VectorMatching {
  card: VectorMatchCardinality;
  /** true for `on(...)`, false for `ignoring(...)` or no clause. */
  on: boolean;
  /** Labels listed in `on(...)` / `ignoring(...)`. */
  labels: string[];
  /** Labels listed in `group_left(...)` / `group_right(...)`. */
  include: string[];
}

export interface BinaryExpr {
  type: 'BinaryExpr';
  op: BinaryOp;
  lhs: Expr;
  rhs: Expr;
  /** `bool` modifier on a comparison. */
  returnBool: boolean;
  /**
   * Present when an `on`/`ignoring`/`group_*` clause was written, and always for set operators
   * (cardinality many-to-many) as in Prometheus.
   */
  matching?: VectorMatching;
  range: TextRange;
}

export type AggregateOp =
  | 'sum'
  | 'avg'
  | 'count'
  | 'min'
  | 'max'
  | 'group'
  | 'stddev'
  | 'stdvar'
  | 'topk'
  | 'bottomk'
  | 'count_values'
  | 'quantile'
  | 'limitk'
  | 'limit_ratio';

export interface AggregateExpr {
  type: 'AggregateExpr';
  op: AggregateOp;
  expr: Expr;
  /** The parameter of topk/bottomk/quantile/count_values/limitk/limit_ratio. */
  param?: Expr;
  /** Labels of `by (...)` or `without (...)`. */
  grouping: string[];
  without: boolean;
  range: TextRange;
}

export interface Call {
  type: 'Call';
  func: string;
  args: Expr[];
  range: TextRange;
}

export type Expr =
  | NumberLiteral
  | StringLiteral
  | VectorSelector
  | MatrixSelector
  | SubqueryExpr
  | ParenExpr
  | UnaryExpr
  | BinaryExpr
  | AggregateExpr
  | Call;

export type ExprType = Expr['type'];
