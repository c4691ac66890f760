import type { BinaryExpr, Expr, LabelMatcher, TextRange, ValueType } from '../ast.js';
import { lineColumn, type Diagnostic } from '../diagnostics.js';
import { getFunction } from '../functions.js';
import { compileRe2Matcher, re2SyntaxError } from '../re2.js';
import { documentedType, typeOf } from './type-of.js';

export interface CheckOptions {
  /** Accept experimental functions (see `ParseOptions.experimentalFunctions`). Default false. */
  experimentalFunctions?: boolean;
}

/** Whether a label matcher matches the empty string (Prometheus `Matcher.Matches("")`). */
export function matchesEmpty(m: LabelMatcher): boolean {
  switch (m.op) {
    case '=':
      return m.value === '';
    case '!=':
      return m.value !== '';
    case '=~':
    case '!~': {
      const hit = re2SyntaxError(m.value) ? false : compileRe2Matcher(m.value).matches('');
      return m.op === '=~' ? hit : !hit;
    }
  }
}

function isComparison(op: BinaryExpr['op']): boolean {
  return op === '==' || op === '!=' || op === '>' || op === '<' || op === '>=' || op === '<=';
}
function isSetOp(op: BinaryExpr['op']): boolean {
  return op === 'and' || op === 'or' || op === 'unless';
}

class Checker {
  readonly diagnostics: Diagnostic[] = [];
  constructor(
    private readonly source: string | undefined,
    private readonly options: CheckOptions,
  ) {}

  private report(range: TextRange, message: string, code = 'promql/type', fix?: Diagnostic['fix']): void {
    const { line, column } =
      this.source !== undefined ? lineColumn(this.source, range.start) : { line: 1, column: range.start + 1 };
    const d: Diagnostic = {
      code,
      severity: 'error',
      message,
      range: { start: range.start, end: range.end },
      line,
      column,
    };
    if (fix) d.fix = fix;
    this.diagnostics.push(d);
  }

  private expectType(node: Expr, want: ValueType, context: string): void {
    const t = this.check(node);
    if (t !== want)
      this.report(node.range, `expected type ${documentedType(want)} in ${context}, got ${documentedType(t)}`);
  }

  /** Range of the operator of a binary expression (between the operands, without spaces). */
  private opRange(n: BinaryExpr): TextRange {
    let start = n.lhs.range.end;
    let end = n.rhs.range.start;
    if (this.source !== undefined) {
      while (start < end && /\s/.test(this.source[start]!)) start++;
      while (end > start && /\s/.test(this.source[end - 1]!)) end--;
    }
    return { start, end };
  }

  check(node: Expr): ValueType {
    let typ: ValueType | undefined;
    switch (node.type) {
      case 'AggregateExpr':
        this.expectType(node.expr, 'vector', 'aggregation expression');
        if (
          node.op === 'topk' ||
          node.op === 'bottomk' ||
          node.op === 'quantile' ||
          node.op === 'limitk' ||
          node.op === 'limit_ratio'
        ) {
          if (node.param) this.expectType(node.param, 'scalar', 'aggregation parameter');
          else
            this.report(node.range, `wrong number of arguments for aggregate expression provided, expected 2, got 1`);
        }
        if (node.op === 'count_values') {
          if (node.param) this.expectType(node.param, 'string', 'aggregation parameter');
          else
            this.report(node.range, `wrong number of arguments for aggregate expression provided, expected 2, got 1`);
        }
        if ((node.op === 'limitk' || node.op === 'limit_ratio') && !this.options.experimentalFunctions) {
          this.report(
            node.range,
            'limitk() and limit_ratio() are experimental and must be enabled with --enable-feature=promql-experimental-functions',
            'promql/parse',
          );
        }
        break;
      case 'BinaryExpr':
        typ = this.checkBinary(node);
        break;
      case 'Call': {
        const fn = getFunction(node.func);
        if (!fn) {
          this.report(node.range, `unknown function with name ${JSON.stringify(node.func)}`, 'promql/parse');
          for (const a of node.args) this.check(a);
          break;
        }
        if (fn.experimental && !this.options.experimentalFunctions) {
          this.report(node.range, `function ${JSON.stringify(fn.name)} is not enabled`, 'promql/parse');
        }
        const nargs = fn.argTypes.length;
        if (fn.variadic === 0) {
          if (nargs !== node.args.length) {
            this.report(
              node.range,
              `expected ${nargs} argument(s) in call to ${JSON.stringify(fn.name)}, got ${node.args.length}`,
            );
          }
        } else {
          const na = nargs - 1;
          if (na > node.args.length) {
            this.report(
              node.range,
              `expected at least ${na} argument(s) in call to ${JSON.stringify(fn.name)}, got ${node.args.length}`,
            );
          } else if (fn.variadic > 0 && na + fn.variadic < node.args.length) {
            this.report(
              node.range,
              `expected at most ${na + fn.variadic} argument(s) in call to ${JSON.stringify(fn.name)}, got ${node.args.length}`,
            );
          }
        }
        for (let i = 0; i < node.args.length; i++) {
          let k = i;
          if (k >= nargs) {
            if (fn.variadic === 0) break;
            k = nargs - 1;
          }
          this.expectType(node.args[i]!, fn.argTypes[k]!, `call to function ${JSON.stringify(fn.name)}`);
        }
        break;
      }
      case 'ParenExpr':
        typ = this.check(node.expr);
        break;
      case 'UnaryExpr': {
        const t = this.check(node.expr);
        typ = t;
        if (t !== 'scalar' && t !== 'vector') {
          this.report(
            node.range,
            `unary expression only allowed on expressions of type scalar or instant vector, got ${JSON.stringify(documentedType(t))}`,
          );
        }
        break;
      }
      case 'SubqueryExpr': {
        const t = this.check(node.expr);
        if (t !== 'vector') this.report(node.range, `subquery is only allowed on instant vector, got ${t} instead`);
        break;
      }
      case 'MatrixSelector':
        this.check(node.vector);
        break;
      case 'VectorSelector':
        this.checkSelector(node.name, node.matchers, node.range);
        break;
      case 'NumberLiteral':
      case 'StringLiteral':
        break;
    }
    return typ ?? typeOf(node);
  }

  private checkSelector(name: string | undefined, matchers: LabelMatcher[], range: TextRange): void {
    for (const m of matchers) {
      if (m.op === '=~' || m.op === '!~') {
        const err = re2SyntaxError(m.value);
        if (err) this.report(range, err.message, 'promql/parse');
      }
    }
    if (name !== undefined && name !== '') {
      // The last matcher is the one for the name written before the braces.
      for (let i = 0; i < matchers.length - 1; i++) {
        const m = matchers[i]!;
        if (m.name === '__name__')
          this.report(
            range,
            `metric name must not be set twice: ${JSON.stringify(name)} or ${JSON.stringify(m.value)}`,
          );
      }
      return;
    }
    // Plain matchers first: a regex's program is compiled only when they all match "".
    const byCost = [
      ...matchers.filter((m) => m.op === '=' || m.op === '!='),
      ...matchers.filter((m) => m.op === '=~' || m.op === '!~'),
    ];
    if (!byCost.some((m) => !matchesEmpty(m))) {
      this.report(range, 'vector selector must contain at least one non-empty matcher');
    }
  }

  private checkBinary(n: BinaryExpr): ValueType {
    const lt = this.check(n.lhs);
    const rt = this.check(n.rhs);
    const vm = n.matching;
    if (n.returnBool && !isComparison(n.op))
      this.report(this.opRange(n), 'bool modifier can only be used on comparison operators');
    if (isComparison(n.op) && !n.returnBool && rt === 'scalar' && lt === 'scalar') {
      this.report(this.opRange(n), 'comparisons between scalars must use BOOL modifier', 'promql/type', {
        message: `add the bool modifier: ${n.op} bool`,
        replacement: `${n.op} bool`,
      });
    }
    let card = vm?.card ?? 'one-to-one';
    if (isSetOp(n.op) && card === 'one-to-one') card = 'many-to-many';
    if (vm?.on) {
      for (const l1 of vm.labels) {
        for (const l2 of vm.include) {
          if (l1 === l2)
            this.report(this.opRange(n), `label ${JSON.stringify(l1)} must not occur in ON and GROUP clause at once`);
        }
      }
    }
    if (lt !== 'scalar' && lt !== 'vector')
      this.report(n.lhs.range, 'binary expression must contain only scalar and instant vector types');
    if (rt !== 'scalar' && rt !== 'vector')
      this.report(n.rhs.range, 'binary expression must contain only scalar and instant vector types');
    if (lt !== 'vector' || rt !== 'vector') {
      if (vm && vm.labels.length > 0) this.report(n.range, 'vector matching only allowed between instant vectors');
    } else if (isSetOp(n.op)) {
      if (card === 'one-to-many' || card === 'many-to-one')
        this.report(n.range, `no grouping allowed for ${JSON.stringify(n.op)} operation`);
      if (card !== 'many-to-many') this.report(n.range, 'set operations must always be many-to-many');
    }
    if ((lt === 'scalar' || rt === 'scalar') && isSetOp(n.op)) {
      this.report(n.range, `set operator ${JSON.stringify(n.op)} not allowed in binary scalar expression`);
    }
    return lt === 'scalar' && rt === 'scalar' ? 'scalar' : 'vector';
  }
}

/**
 * Type-check an expression like Prometheus v2.54.1's `checkAST`. Pass the source text to get
 * correct line/column numbers. Returns diagnostics with code `promql/type` (and `promql/parse` for
 * problems Prometheus finds while parsing, when the tree was built by hand).
 */
export function check(expr: Expr, source?: string, options: CheckOptions = {}): Diagnostic[] {
  const c = new Checker(source, options);
  c.check(expr);
  return c.diagnostics;
}
