import type { AtModifier, BinaryExpr, Expr, LabelMatcher, VectorMatching, VectorSelector } from './ast.js';
import { formatDuration } from './duration.js';
import { formatGoFloat } from './template/go-format.js';
import { isLabelName } from './parser/lexer.js';
import { goQuoteString } from './parser/strings.js';

/**
 * Print an expression in canonical form, like Prometheus's `Expr.String()`: one space around
 * binary operators, `sum by (a) (x)`, durations as `1h30m`, numbers as Go's `%v`, strings
 * double-quoted, `@` before `offset`. Deliberate differences, so that `parse(format(e))` gives back
 * `e` exactly: label matchers keep their order (Prometheus sorts them), a zero range prints as `0`,
 * and `group_left`/`group_right` after an empty `ignoring ()` are kept.
 */
export function format(expr: Expr): string {
  switch (expr.type) {
    case 'NumberLiteral':
      return formatGoFloat(expr.value);
    case 'StringLiteral':
      return goQuoteString(expr.value);
    case 'VectorSelector':
      return formatSelector(expr) + formatModifiers(expr.at, expr.offsetMs);
    case 'MatrixSelector':
      return `${formatSelector(expr.vector)}[${formatRange(expr.rangeMs)}]${formatModifiers(expr.vector.at, expr.vector.offsetMs)}`;
    case 'SubqueryExpr':
      return `${formatSubqueried(expr.expr)}[${formatRange(expr.rangeMs)}:${expr.stepMs !== 0 ? formatDuration(expr.stepMs) : ''}]${formatModifiers(expr.at, expr.offsetMs)}`;
    case 'ParenExpr':
      return `(${format(expr.expr)})`;
    case 'UnaryExpr':
      return `${expr.op}${format(expr.expr)}`;
    case 'BinaryExpr':
      return `${format(expr.lhs)} ${expr.op}${expr.returnBool ? ' bool' : ''}${formatMatching(expr)} ${format(expr.rhs)}`;
    case 'AggregateExpr': {
      let s: string = expr.op;
      if (expr.without) s += ` without (${expr.grouping.map(formatLabelName).join(', ')}) `;
      else if (expr.grouping.length > 0) s += ` by (${expr.grouping.map(formatLabelName).join(', ')}) `;
      s += '(';
      if (expr.param) s += `${format(expr.param)}, `;
      return `${s}${format(expr.expr)})`;
    }
    case 'Call':
      return `${expr.func}(${expr.args.map(format).join(', ')})`;
  }
}

/** `+Inf[1h:]` would parse back as `+(Inf[1h:])`; the literal before a subquery prints as `Inf`. */
function formatSubqueried(e: Expr): string {
  return e.type === 'NumberLiteral' && e.value === Infinity ? 'Inf' : format(e);
}

/** A zero range prints as `0` (Prometheus prints `0s`, which it cannot parse back). */
function formatRange(ms: number): string {
  return ms === 0 ? '0' : formatDuration(ms);
}

function formatLabelName(name: string): string {
  return isLabelName(name) ? name : goQuoteString(name);
}

function formatMatcher(m: LabelMatcher): string {
  return `${formatLabelName(m.name)}${m.op}${goQuoteString(m.value)}`;
}

function formatSelector(vs: VectorSelector): string {
  let matchers = vs.matchers;
  if (vs.name !== undefined) {
    const last = matchers[matchers.length - 1];
    if (last && last.name === '__name__' && last.op === '=' && last.value === vs.name) matchers = matchers.slice(0, -1);
  }
  const name = vs.name ?? '';
  if (matchers.length === 0 && name !== '') return name;
  return `${name}{${matchers.map(formatMatcher).join(',')}}`;
}

function formatModifiers(at: AtModifier | undefined, offsetMs: number): string {
  let s = '';
  if (at) {
    if (at.kind === 'start') s += ' @ start()';
    else if (at.kind === 'end') s += ' @ end()';
    else s += ` @ ${(at.timestampMs / 1000).toFixed(3)}`;
  }
  if (offsetMs > 0) s += ` offset ${formatDuration(offsetMs)}`;
  else if (offsetMs < 0) s += ` offset -${formatDuration(-offsetMs)}`;
  return s;
}

function formatMatching(expr: BinaryExpr): string {
  const vm: VectorMatching | undefined = expr.matching;
  if (!vm) return '';
  const grouped = vm.card === 'many-to-one' || vm.card === 'one-to-many';
  // Like Prometheus: no clause for the implicit matching (e.g. of set operators).
  if (!vm.on && vm.labels.length === 0 && !grouped) return '';
  let s = ` ${vm.on ? 'on' : 'ignoring'} (${vm.labels.map(formatLabelName).join(', ')})`;
  if (grouped)
    s += ` group_${vm.card === 'many-to-one' ? 'left' : 'right'} (${vm.include.map(formatLabelName).join(', ')})`;
  return s;
}
