import type {
  AggregateExpr,
  AggregateOp,
  AtModifier,
  BinaryExpr,
  BinaryOp,
  Call,
  Expr,
  LabelMatcher,
  MatchOp,
  MatrixSelector,
  NumberLiteral,
  SubqueryExpr,
  TextRange,
  VectorMatching,
  VectorSelector,
} from '../ast.js';
import { lineColumn, type Diagnostic } from '../diagnostics.js';
import { parseDurationResult } from '../duration.js';
import { FUNCTIONS, getFunction } from '../functions.js';
import { isLabelName, lex } from './lexer.js';
import { parseNumber } from './numbers.js';
import { re2SyntaxError } from '../re2.js';
import { unquote } from './strings.js';
import { describeToken, type Token, type TokenType } from './tokens.js';

export interface ParseOptions {
  /**
   * Accept experimental functions and aggregations (`limitk`, `limit_ratio`, `sort_by_label`,
   * `sort_by_label_desc`, `mad_over_time`), like Prometheus with
   * `--enable-feature=promql-experimental-functions`. Default false, like the rule-file loader.
   */
  experimentalFunctions?: boolean;
}

export interface ParseResult {
  /** The syntax tree; absent when there is any diagnostic. */
  expr?: Expr;
  /** Syntax and parse-time errors (code `promql/parse`), in source order. */
  diagnostics: Diagnostic[];
}

/** Deepest expression nesting accepted (keeps recursion far from the JS stack limit). */
const MAX_DEPTH = 1000;

/** Thrown internally to stop at a syntax error (the diagnostic is already recorded). */
class Abort extends Error {}

const BINARY_PRECEDENCE: Partial<Record<TokenType, number>> = {
  LOR: 1,
  LAND: 2,
  LUNLESS: 2,
  EQLC: 3,
  NEQ: 3,
  LTE: 3,
  LSS: 3,
  GTE: 3,
  GTR: 3,
  ADD: 4,
  SUB: 4,
  MUL: 5,
  DIV: 5,
  MOD: 5,
  ATAN2: 5,
  POW: 6,
};

const MATCH_OPS: Partial<Record<TokenType, MatchOp>> = { EQL: '=', NEQ: '!=', EQL_REGEX: '=~', NEQ_REGEX: '!~' };

/** Tokens that may name a metric in expression position (Prometheus `metric_identifier`). */
const METRIC_IDENTIFIER_TOKENS = new Set<TokenType>([
  'IDENTIFIER',
  'METRIC_IDENTIFIER',
  'AGGREGATOR',
  'BY',
  'WITHOUT',
  'LAND',
  'LOR',
  'LUNLESS',
  'OFFSET',
  'START',
  'END',
]);

/** Tokens that may be a grouping label (Prometheus `maybe_label`); the text must also be a label name. */
const LABEL_TOKENS = new Set<TokenType>([
  'IDENTIFIER',
  'METRIC_IDENTIFIER',
  'AGGREGATOR',
  'BOOL',
  'BY',
  'GROUP_LEFT',
  'GROUP_RIGHT',
  'IGNORING',
  'LAND',
  'LOR',
  'LUNLESS',
  'OFFSET',
  'ON',
  'WITHOUT',
  'START',
  'END',
  'ATAN2',
]);

const PARAM_AGGREGATORS = new Set<AggregateOp>([
  'topk',
  'bottomk',
  'count_values',
  'quantile',
  'limitk',
  'limit_ratio',
]);

/** Go `math.Round`: half away from zero. */
function goRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** The largest Go `time.Duration` (2^63 − 1 ns), in whole ms. */
const MAX_DURATION_MS = 9_223_372_036_854;

/** Go `time.Duration(seconds * 1000) * time.Millisecond`, in ms. */
function secondsToMs(seconds: number): number {
  return Math.trunc(seconds * 1000);
}

class Parser {
  private readonly tokens: Token[];
  private i = 0;
  private depth = 0;
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly input: string,
    private readonly options: ParseOptions,
  ) {
    this.tokens = lex(input);
  }

  private peek(): Token {
    return this.tokens[this.i]!;
  }
  private peekAt(k: number): Token {
    return this.tokens[Math.min(this.i + k, this.tokens.length - 1)]!;
  }
  private advance(): Token {
    const t = this.tokens[this.i]!;
    if (this.i < this.tokens.length - 1) this.i++;
    return t;
  }

  error(range: TextRange, message: string, fix?: Diagnostic['fix']): void {
    const { line, column } = lineColumn(this.input, range.start);
    const d: Diagnostic = {
      code: 'promql/parse',
      severity: 'error',
      message,
      range: { start: range.start, end: range.end },
      line,
      column,
    };
    if (fix) d.fix = fix;
    this.diagnostics.push(d);
  }

  /** Record a syntax error at the current token and stop. Lexer errors take precedence. */
  private unexpected(context?: string, expected?: string): never {
    const t = this.peek();
    if (t.type === 'ERROR') {
      this.error({ start: t.start, end: t.end }, t.val);
      throw new Abort();
    }
    let msg = `unexpected ${describeToken(t)}`;
    if (context) msg += ` in ${context}`;
    if (expected) msg += `, expected ${expected}`;
    this.error({ start: t.start, end: t.end }, msg);
    throw new Abort();
  }

  private expect(type: TokenType, context?: string, expected?: string): Token {
    if (this.peek().type !== type) this.unexpected(context, expected);
    return this.advance();
  }

  parseTop(): Expr | undefined {
    try {
      if (this.peek().type === 'EOF') {
        this.error({ start: 0, end: 0 }, 'no expression found in input');
        return undefined;
      }
      const expr = this.parseExpr(0);
      if (this.peek().type !== 'EOF') this.unexpected();
      return expr;
    } catch (err) {
      if (err instanceof Abort) return undefined;
      throw err;
    }
  }

  /** Precedence climbing over binary operators; `minPrec` is the lowest precedence accepted. */
  private parseExpr(minPrec: number): Expr {
    if (++this.depth > MAX_DEPTH) {
      const t = this.peek();
      this.error({ start: t.start, end: t.end }, `expression nested too deeply (more than ${MAX_DEPTH} levels)`);
      throw new Abort();
    }
    try {
      return this.parseBinary(minPrec);
    } finally {
      this.depth--;
    }
  }

  private parseBinary(minPrec: number): Expr {
    let lhs = this.parseUnary();
    // Each operator of a left-associative chain nests the tree one level deeper.
    let chain = 0;
    for (;;) {
      const opTok = this.peek();
      const prec = BINARY_PRECEDENCE[opTok.type];
      if (prec === undefined || prec < minPrec) return lhs;
      if (this.depth + ++chain > MAX_DEPTH) {
        this.error(
          { start: opTok.start, end: opTok.end },
          `expression nested too deeply (more than ${MAX_DEPTH} levels)`,
        );
        throw new Abort();
      }
      this.advance();
      const op = opTok.val.toLowerCase() as BinaryOp;
      let returnBool = false;
      let matching: VectorMatching | undefined;
      if (this.peek().type === 'BOOL') {
        this.advance();
        returnBool = true;
      }
      const mt = this.peek().type;
      if (mt === 'ON' || mt === 'IGNORING') {
        this.advance();
        const labels = this.parseGroupingLabels();
        matching = { card: 'one-to-one', on: mt === 'ON', labels, include: [] };
        const gt = this.peek().type;
        if (gt === 'GROUP_LEFT' || gt === 'GROUP_RIGHT') {
          this.advance();
          matching.card = gt === 'GROUP_LEFT' ? 'many-to-one' : 'one-to-many';
          if (this.peek().type === 'LEFT_PAREN') matching.include = this.parseGroupingLabels();
        }
      }
      const isSet = op === 'and' || op === 'or' || op === 'unless';
      // `ignoring()` alone changes nothing; drop it so the tree equals the one without it.
      if (matching && !matching.on && matching.labels.length === 0 && matching.card === 'one-to-one')
        matching = undefined;
      if (isSet) {
        if (!matching) matching = { card: 'many-to-many', on: false, labels: [], include: [] };
        else if (matching.card === 'one-to-one') matching.card = 'many-to-many';
      }
      // `^` is right-associative; everything else is left-associative.
      const rhs = this.parseExpr(opTok.type === 'POW' ? prec : prec + 1);
      const bin: BinaryExpr = {
        type: 'BinaryExpr',
        op,
        lhs,
        rhs,
        returnBool,
        range: { start: lhs.range.start, end: rhs.range.end },
      };
      if (matching) bin.matching = matching;
      lhs = bin;
    }
  }

  /** Unary +/- binds like `*`: its operand may contain `^` but no lower-precedence operator. */
  private parseUnary(): Expr {
    const t = this.peek();
    if (t.type === 'ADD' || t.type === 'SUB') {
      this.advance();
      const operand = this.parseExpr(6);
      if (operand.type === 'NumberLiteral') {
        return {
          type: 'NumberLiteral',
          value: t.type === 'SUB' ? -operand.value : operand.value,
          range: { start: t.start, end: operand.range.end },
        };
      }
      return {
        type: 'UnaryExpr',
        op: t.type === 'SUB' ? '-' : '+',
        expr: operand,
        range: { start: t.start, end: operand.range.end },
      };
    }
    return this.parsePostfix(this.parsePrimary());
  }

  private parsePrimary(): Expr {
    const t = this.peek();
    switch (t.type) {
      case 'NUMBER':
      case 'DURATION':
        return this.parseNumberLiteral();
      case 'STRING': {
        this.advance();
        return { type: 'StringLiteral', value: this.unquoteToken(t), range: { start: t.start, end: t.end } };
      }
      case 'LEFT_PAREN': {
        this.advance();
        const inner = this.parseExpr(0);
        const close = this.expect('RIGHT_PAREN');
        return { type: 'ParenExpr', expr: inner, range: { start: t.start, end: close.end } };
      }
      case 'LEFT_BRACE': {
        const { matchers, end } = this.parseLabelMatchers();
        return { type: 'VectorSelector', matchers, offsetMs: 0, range: { start: t.start, end } };
      }
      case 'IDENTIFIER':
        if (this.peekAt(1).type === 'LEFT_PAREN') return this.parseCall();
        return this.parseVectorSelector();
      case 'AGGREGATOR': {
        const nt = this.peekAt(1).type;
        if (nt === 'LEFT_PAREN' || nt === 'BY' || nt === 'WITHOUT') return this.parseAggregate();
        return this.parseVectorSelector();
      }
      default:
        if (METRIC_IDENTIFIER_TOKENS.has(t.type)) return this.parseVectorSelector();
        return this.unexpected();
    }
  }

  /** NUMBER or DURATION as a literal (Prometheus `number_duration_literal`); durations in seconds. */
  private parseNumberLiteral(): NumberLiteral {
    const t = this.advance();
    return { type: 'NumberLiteral', value: this.numberValue(t), range: { start: t.start, end: t.end } };
  }

  private numberValue(t: Token): number {
    if (t.type === 'DURATION') {
      const d = parseDurationResult(t.val);
      if ('error' in d) {
        this.error(t, d.error);
        return 0;
      }
      if (d.ms === 0) {
        this.error(t, 'duration must be greater than 0');
        return 0;
      }
      // Go: dur.Seconds() = whole seconds + remaining nanoseconds / 1e9.
      return Math.floor(d.ms / 1000) + ((d.ms % 1000) * 1e6) / 1e9;
    }
    const n = parseNumber(t.val);
    if ('error' in n) {
      this.error(t, n.error);
      return 0;
    }
    return n.value;
  }

  private unquoteToken(t: Token): string {
    const u = unquote(t.val);
    if ('error' in u) {
      this.error(t, `error unquoting string ${JSON.stringify(t.val)}: ${u.error}`);
      return '';
    }
    return u.value;
  }

  private parseVectorSelector(): VectorSelector {
    const nameTok = this.advance();
    let matchers: LabelMatcher[] = [];
    let end = nameTok.end;
    if (this.peek().type === 'LEFT_BRACE') {
      const m = this.parseLabelMatchers();
      matchers = m.matchers;
      end = m.end;
    }
    matchers.push({ name: '__name__', op: '=', value: nameTok.val });
    return { type: 'VectorSelector', name: nameTok.val, matchers, offsetMs: 0, range: { start: nameTok.start, end } };
  }

  private parseLabelMatchers(): { matchers: LabelMatcher[]; end: number } {
    this.expect('LEFT_BRACE');
    const matchers: LabelMatcher[] = [];
    if (this.peek().type === 'RIGHT_BRACE') return { matchers, end: this.advance().end };
    for (;;) {
      const t = this.peek();
      if (t.type === 'IDENTIFIER') {
        this.advance();
        const op = MATCH_OPS[this.peek().type];
        if (!op) this.unexpected('label matching', 'label matching operator');
        this.advance();
        const v = this.expect('STRING', 'label matching', 'string');
        matchers.push(this.newMatcher(t.val, op, this.unquoteToken(v), { start: t.start, end: v.end }));
      } else if (t.type === 'STRING') {
        this.advance();
        const name = this.unquoteToken(t);
        const op = MATCH_OPS[this.peek().type];
        if (op) {
          this.advance();
          const v = this.expect('STRING', 'label matching', 'string');
          matchers.push(this.newMatcher(name, op, this.unquoteToken(v), { start: t.start, end: v.end }));
        } else {
          matchers.push({ name: '__name__', op: '=', value: name });
        }
      } else {
        this.unexpected('label matching', 'identifier or "}"');
      }
      const sep = this.peek();
      if (sep.type === 'RIGHT_BRACE') return { matchers, end: this.advance().end };
      if (sep.type !== 'COMMA') this.unexpected('label matching', '"," or "}"');
      this.advance();
      if (this.peek().type === 'RIGHT_BRACE') return { matchers, end: this.advance().end };
    }
  }

  private newMatcher(name: string, op: MatchOp, value: string, range: TextRange): LabelMatcher {
    if (op === '=~' || op === '!~') {
      const err = re2SyntaxError(value);
      if (err) this.error(range, err.message);
    }
    return { name, op, value };
  }

  private parseGroupingLabels(): string[] {
    if (this.peek().type !== 'LEFT_PAREN') this.unexpected('grouping opts', '"("');
    this.advance();
    const labels: string[] = [];
    if (this.peek().type === 'RIGHT_PAREN') {
      this.advance();
      return labels;
    }
    for (;;) {
      const t = this.peek();
      if (!LABEL_TOKENS.has(t.type) || !isLabelName(t.val)) this.unexpected('grouping opts', 'label');
      this.advance();
      labels.push(t.val);
      const sep = this.peek();
      if (sep.type === 'RIGHT_PAREN') {
        this.advance();
        return labels;
      }
      if (sep.type !== 'COMMA') this.unexpected('grouping opts', '"," or ")"');
      this.advance();
      if (this.peek().type === 'RIGHT_PAREN') {
        this.advance();
        return labels;
      }
    }
  }

  /** `( expr, ... )`: returns the arguments and the end offset of `)`. */
  private parseCallBody(): { args: Expr[]; end: number } {
    this.expect('LEFT_PAREN');
    const args: Expr[] = [];
    if (this.peek().type === 'RIGHT_PAREN') return { args, end: this.advance().end };
    for (;;) {
      args.push(this.parseExpr(0));
      const sep = this.peek();
      if (sep.type === 'RIGHT_PAREN') return { args, end: this.advance().end };
      if (sep.type !== 'COMMA') this.unexpected();
      this.advance();
      if (this.peek().type === 'RIGHT_PAREN') {
        this.error(sep, 'trailing commas not allowed in function call args');
        return { args, end: this.advance().end };
      }
    }
  }

  private parseCall(): Call {
    const nameTok = this.advance();
    const fn = getFunction(nameTok.val);
    if (!fn) {
      const suggestion = closestFunction(nameTok.val);
      this.error(
        nameTok,
        `unknown function with name ${JSON.stringify(nameTok.val)}`,
        suggestion ? { message: `did you mean ${JSON.stringify(suggestion)}?`, replacement: suggestion } : undefined,
      );
    } else if (fn.experimental && !this.options.experimentalFunctions) {
      this.error(nameTok, `function ${JSON.stringify(nameTok.val)} is not enabled`);
    }
    const { args, end } = this.parseCallBody();
    return { type: 'Call', func: nameTok.val, args, range: { start: nameTok.start, end } };
  }

  private parseAggregate(): Expr {
    const opTok = this.advance();
    const op = opTok.val.toLowerCase() as AggregateOp;
    let grouping: string[] = [];
    let without = false;
    let hasModifier = false;
    const parseModifier = (): void => {
      without = this.advance().type === 'WITHOUT';
      grouping = this.parseGroupingLabels();
      hasModifier = true;
    };
    if (this.peek().type === 'BY' || this.peek().type === 'WITHOUT') parseModifier();
    if (this.peek().type !== 'LEFT_PAREN') this.unexpected('aggregation');
    const body = this.parseCallBody();
    let end = body.end;
    if (!hasModifier && (this.peek().type === 'BY' || this.peek().type === 'WITHOUT')) {
      parseModifier();
      end = this.tokens[this.i - 1]!.end;
    }
    const range = { start: opTok.start, end };
    const agg: AggregateExpr = { type: 'AggregateExpr', op, expr: body.args[0]!, grouping, without, range };
    if (body.args.length === 0) {
      this.error(range, 'no arguments for aggregate expression provided');
      return agg;
    }
    let desired = 1;
    if (PARAM_AGGREGATORS.has(op)) {
      if (!this.options.experimentalFunctions && (op === 'limitk' || op === 'limit_ratio')) {
        this.error(
          range,
          'limitk() and limit_ratio() are experimental and must be enabled with --enable-feature=promql-experimental-functions',
        );
        return agg;
      }
      desired = 2;
      agg.param = body.args[0]!;
    }
    if (body.args.length !== desired) {
      this.error(
        range,
        `wrong number of arguments for aggregate expression provided, expected ${desired}, got ${body.args.length}`,
      );
      return agg;
    }
    agg.expr = body.args[desired - 1]!;
    return agg;
  }

  /** Range/subquery brackets, `offset` and `@` modifiers, which bind tighter than any operator. */
  private parsePostfix(expr: Expr): Expr {
    for (let chain = 1; ; chain++) {
      const t = this.peek();
      if (this.depth + chain > MAX_DEPTH) {
        this.error({ start: t.start, end: t.end }, `expression nested too deeply (more than ${MAX_DEPTH} levels)`);
        throw new Abort();
      }
      if (t.type === 'LEFT_BRACKET') expr = this.parseBrackets(expr);
      else if (t.type === 'OFFSET') expr = this.parseOffset(expr);
      else if (t.type === 'AT') expr = this.parseAt(expr);
      else return expr;
    }
  }

  private parseBrackets(expr: Expr): Expr {
    const open = this.advance();
    const rangeTok = this.peek();
    if (rangeTok.type !== 'NUMBER' && rangeTok.type !== 'DURATION')
      this.unexpected('subquery selector', 'number or duration');
    this.advance();
    const rangeMs = this.bracketMs(rangeTok);
    const t = this.peek();
    if (t.type === 'RIGHT_BRACKET') {
      const close = this.advance();
      let msg: string | undefined;
      if (expr.type !== 'VectorSelector') msg = 'ranges only allowed for vector selectors';
      else if (expr.offsetMs !== 0) msg = 'no offset modifiers allowed before range';
      else if (expr.at?.kind === 'timestamp') msg = 'no @ modifiers allowed before range';
      if (msg) {
        this.error({ start: open.start, end: close.end }, msg);
        return expr;
      }
      const ms: MatrixSelector = {
        type: 'MatrixSelector',
        vector: expr as VectorSelector,
        rangeMs,
        range: { start: expr.range.start, end: close.end },
      };
      return ms;
    }
    if (t.type !== 'COLON') this.unexpected('subquery or range', '":" or "]"');
    this.advance();
    let stepMs = 0;
    const s = this.peek();
    if (s.type === 'NUMBER' || s.type === 'DURATION') {
      this.advance();
      stepMs = this.bracketMs(s);
      if (this.peek().type !== 'RIGHT_BRACKET') this.unexpected('subquery selector', '"]"');
    } else if (s.type !== 'RIGHT_BRACKET') {
      this.unexpected('subquery selector', 'number or duration or "]"');
    }
    const close = this.advance();
    const sq: SubqueryExpr = {
      type: 'SubqueryExpr',
      expr,
      rangeMs,
      stepMs,
      offsetMs: 0,
      range: { start: expr.range.start, end: close.end },
    };
    return sq;
  }

  /**
   * A range or subquery step in ms. A number past Go's time.Duration range is "duration out of
   * range", as a duration literal is (found by the fuzzer: `x[9999999999999999]` parsed to a range
   * `format()` could not print).
   */
  private bracketMs(t: Token): number {
    const ms = secondsToMs(this.numberValue(t));
    if (Number.isFinite(ms) && Math.abs(ms) <= MAX_DURATION_MS) return ms;
    this.error({ start: t.start, end: t.end }, 'duration out of range');
    return 0;
  }

  private parseOffset(expr: Expr): Expr {
    this.advance();
    let sign = 1;
    if (this.peek().type === 'SUB') {
      this.advance();
      sign = -1;
    }
    const t = this.peek();
    if (t.type !== 'NUMBER' && t.type !== 'DURATION') this.unexpected('offset', 'number or duration');
    this.advance();
    const offsetMs = sign * secondsToMs(this.numberValue(t));
    // A number too large for a duration (`Inf`, `1e400`, or past Go's time.Duration range of about
    // 292 years) is not one (found by the fuzzer; promtool: "expected duration").
    if (!Number.isFinite(offsetMs) || Math.abs(offsetMs) > MAX_DURATION_MS)
      this.error(
        { start: t.start, end: t.end },
        `unexpected number ${JSON.stringify(t.val)} in offset, expected duration`,
      );
    const target = this.modifierTarget(
      expr,
      'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery',
    );
    if (!target) return expr;
    if (target.offsetMs !== 0) this.error(expr.range, 'offset may not be set multiple times');
    else target.offsetMs = offsetMs;
    expr.range.end = t.end;
    return expr;
  }

  private parseAt(expr: Expr): Expr {
    this.advance();
    let at: AtModifier;
    let end: number;
    const t = this.peek();
    if (t.type === 'START' || t.type === 'END') {
      this.advance();
      this.expect('LEFT_PAREN');
      end = this.expect('RIGHT_PAREN').end;
      at = { kind: t.type === 'START' ? 'start' : 'end' };
    } else {
      let sign = 1;
      if (t.type === 'ADD' || t.type === 'SUB') {
        this.advance();
        if (t.type === 'SUB') sign = -1;
      }
      const nt = this.peek();
      if (nt.type !== 'NUMBER' && nt.type !== 'DURATION') this.unexpected('@', 'timestamp');
      this.advance();
      end = nt.end;
      const ts = sign * this.numberValue(nt);
      if (!Number.isFinite(ts) || ts >= 2 ** 63 || ts <= -(2 ** 63)) {
        this.error(expr.range, `timestamp out of bounds for @ modifier: ${formatGoF(ts)}`);
      }
      at = { kind: 'timestamp', timestampMs: goRound(ts * 1000) };
    }
    const target = this.modifierTarget(
      expr,
      '@ modifier must be preceded by an instant vector selector or range vector selector or a subquery',
    );
    if (!target) return expr;
    if (target.at) {
      this.error(expr.range, '@ <timestamp> may not be set multiple times');
      return expr;
    }
    target.at = at;
    expr.range.end = end;
    return expr;
  }

  /** The node that holds offset/@ for `expr`, or undefined (with an error) when there is none. */
  private modifierTarget(expr: Expr, message: string): VectorSelector | SubqueryExpr | undefined {
    if (expr.type === 'VectorSelector' || expr.type === 'SubqueryExpr') return expr;
    if (expr.type === 'MatrixSelector') return expr.vector;
    this.error(expr.range, message);
    return undefined;
  }
}

/** Edit distance between two short strings. */
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** The known function closest to a misspelt name (case-insensitive match first), if close enough. */
function closestFunction(name: string): string | undefined {
  let best: string | undefined;
  let bestDist = Infinity;
  for (const fn of FUNCTIONS.keys()) {
    if (fn === name.toLowerCase()) return fn;
    const d = editDistance(name.toLowerCase(), fn);
    if (d < bestDist) {
      bestDist = d;
      best = fn;
    }
  }
  return bestDist <= Math.max(1, Math.floor(name.length / 4)) ? best : undefined;
}

/** Go's `%f` of a float64 (used in one error message). */
function formatGoF(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  return x.toFixed(6);
}

/**
 * Parse a PromQL expression with the grammar and parse-time checks of Prometheus v2.54.1.
 * Never throws for bad input: problems come back as diagnostics (code `promql/parse`), and then
 * `expr` is absent. Type rules are checked separately by `check()` (or use `parseAndCheck()`).
 */
export function parse(input: string, options: ParseOptions = {}): ParseResult {
  const p = new Parser(input, options);
  const expr = p.parseTop();
  if (p.diagnostics.length > 0 || !expr) return { diagnostics: p.diagnostics };
  return { expr, diagnostics: [] };
}
