import { isDuration } from './duration.js';
import { RuleDslInputError } from './errors.js';
import { formatNumber } from './number-format.js';
import { ValueRef, lookupRef, type ValueScope } from './values.js';

/** Anything that renders itself as a PromQL fragment (selectors, identifiers, raw text). */
export interface PromQLFragment {
  toPromQL(): string;
}

export function isFragment(v: unknown): v is PromQLFragment {
  return typeof v === 'object' && v !== null && typeof (v as PromQLFragment).toPromQL === 'function';
}

/** A segment of an expression: literal PromQL text, or a number resolved at render time. */
export type ExprSegment = string | ValueRef;

/**
 * A PromQL expression under construction. Built by the `promql` tagged template and the typed
 * builders; it may still hold `ValueRef`s (baseline/context thresholds) that `render()` resolves.
 */
export class PromQLExpr implements PromQLFragment {
  readonly segments: readonly ExprSegment[];
  constructor(segments: readonly ExprSegment[]) {
    // merge adjacent text so segments alternate text/ref
    const merged: ExprSegment[] = [];
    for (const s of segments) {
      const last = merged[merged.length - 1];
      if (typeof s === 'string' && typeof last === 'string') merged[merged.length - 1] = last + s;
      else if (s !== '') merged.push(s);
    }
    this.segments = merged;
  }
  /** The deferred values this expression needs. */
  get refs(): ValueRef[] {
    return this.segments.filter((s): s is ValueRef => s instanceof ValueRef);
  }
  /** True when the expression holds no deferred values. */
  get resolved(): boolean {
    return this.segments.every((s) => typeof s === 'string');
  }
  /**
   * The PromQL text. Deferred values are resolved with `resolve` (or from `scope`); without one,
   * an unresolved expression throws.
   */
  text(resolve?: ((ref: ValueRef) => number) | ValueScope): string {
    return this.segments
      .map((s) => {
        if (typeof s === 'string') return s;
        let n: number | undefined;
        if (typeof resolve === 'function') n = resolve(s);
        else if (resolve) {
          const base = lookupRef(s, resolve);
          n = base === undefined ? undefined : s.apply(base);
        }
        if (n === undefined) {
          throw new RuleDslInputError(
            `expression needs ${s.toString()}, which is not available; pass it to render() in { baselines, values }`,
            {
              code: 'rule-dsl/unresolved-value',
            },
          );
        }
        return formatNumber(n);
      })
      .join('');
  }
  /** Text for a type-check before render: every deferred value is replaced by `placeholder`. */
  placeholderText(placeholder = 1): string {
    return this.text(() => placeholder);
  }
  toPromQL(): string {
    return this.text();
  }
  /** Readable form, deferred values shown as `{{ baselines.error_rate.p95 * 1.5 }}`. */
  toString(): string {
    return this.segments.map((s) => (typeof s === 'string' ? s : `{{ ${s.toString()} }}`)).join('');
  }
}

/** Unchecked PromQL text, inserted as written (escape hatch; prefer the typed pieces). */
export function raw(text: string): PromQLFragment {
  return { toPromQL: () => text };
}

const METRIC_NAME_RE = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function isMetricName(s: string): boolean {
  return METRIC_NAME_RE.test(s);
}
export function isLabelName(s: string): boolean {
  return LABEL_NAME_RE.test(s);
}

/** A metric or label name, validated: `promql\`sum by (${ident('tenant')}) (...)\``. */
export function ident(name: string): PromQLFragment {
  if (!isMetricName(name)) {
    throw new RuleDslInputError(
      `invalid identifier ${JSON.stringify(name)}: metric names match [a-zA-Z_:][a-zA-Z0-9_:]*, label names [a-zA-Z_][a-zA-Z0-9_]*`,
    );
  }
  return { toPromQL: () => name };
}

/** A PromQL double-quoted string literal with every special character escaped. */
export function quoteString(value: string): string {
  return JSON.stringify(value);
}

/** A string literal fragment: `promql\`label_replace(x, "dst", ${str('$1')}, "src", "(.*)")\``. */
export function str(value: string): PromQLFragment {
  return { toPromQL: () => quoteString(value) };
}

/** A duration fragment (validated): `promql\`rate(x[${dur('5m')}])\``. */
export function dur(d: string): PromQLFragment {
  if (!isDuration(d))
    throw new RuleDslInputError(
      `invalid duration ${JSON.stringify(d)}: expected a Prometheus duration like 30s, 5m, 1h30m`,
      { code: 'rule-dsl/invalid-duration' },
    );
  return { toPromQL: () => d };
}

type Slot = 'duration' | 'label-value' | 'other';

function slotOf(before: string): Slot {
  // Inside a range/subquery bracket: `x[` or `x[4h:` ; or right after `offset`.
  if (/\[\s*$/.test(before) || /\[[^\]]*:\s*$/.test(before) || /\boffset\s+-?$/.test(before)) return 'duration';
  // Right after a label matcher operator inside braces.
  if (/(?:=~|!~|!=|=)\s*$/.test(before) && /\{[^}]*$/.test(before)) return 'label-value';
  return 'other';
}

function blankStrings(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/gs, '""');
}

/** True when `t` has a binary operator at the top level (outside parentheses, brackets, braces and strings). */
export function isCompound(t: string): boolean {
  let depth = 0;
  let quote = '';
  const trimmed = t.trim();
  if (/^[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i.test(trimmed) || /^[-+]?Inf$|^NaN$/i.test(trimmed)) return false;
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (depth === 0) {
      if ('+-*/%^=!<>'.includes(c)) return true;
      if (/\s/.test(c) && /^\s+(and|or|unless|atan2)\s/i.test(trimmed.slice(i))) return true;
    }
  }
  return false;
}

/** Values the `promql` template accepts. */
export type PromQLInterpolation = PromQLExpr | PromQLFragment | ValueRef | number | string;

/**
 * Tagged template for PromQL. Interpolations are made safe by kind:
 * - `PromQLExpr`s and fragments (selectors, `ident()`, `dur()`, `str()`, `raw()`) are inserted as PromQL;
 *   a compound `PromQLExpr` (top-level binary operator) is parenthesised unless already enclosed;
 * - numbers are formatted without exponent surprises (`formatNumber`); `ValueRef`s
 *   (`baseline(...)`, `context(...)`) stay deferred until `render()`;
 * - a string is a duration inside `[...]` / after `offset` (validated), a quoted and escaped label
 *   value after a matcher operator inside `{...}`; anywhere else it is ambiguous and throws
 *   (use `ident()`, `str()` or `dur()`).
 * The result is not type-checked here (fragments may be partial); rules check when built.
 */
export function promql(strings: TemplateStringsArray, ...values: PromQLInterpolation[]): PromQLExpr {
  const segments: ExprSegment[] = [];
  let before = '';
  for (let i = 0; i < strings.length; i++) {
    const chunk = strings[i]!;
    segments.push(chunk);
    before += chunk;
    if (i >= values.length) break;
    const v = values[i];
    const slot = slotOf(blankStrings(before));
    let piece: ExprSegment[];
    if (v instanceof PromQLExpr) {
      // A compound expression is parenthesised unless the template already encloses it, so
      // promql`${a or b} == 0` keeps the meaning of its parts.
      const enclosed = /\(\s*$/.test(chunk) && /^\s*[),]/.test(strings[i + 1] ?? '');
      piece = !enclosed && isCompound(v.toString()) ? ['(', ...v.segments, ')'] : [...v.segments];
    } else if (v instanceof ValueRef) {
      if (slot === 'duration')
        throw new RuleDslInputError(
          `promql template: ${v.toString()} cannot be used as a duration (after ${JSON.stringify(before.slice(-20))})`,
        );
      piece = [v];
    } else if (typeof v === 'number') {
      if (slot === 'duration') {
        throw new RuleDslInputError(
          `promql template: number ${v} where a duration is expected (after ${JSON.stringify(before.slice(-20))}); write a duration string like '5m'`,
          {
            code: 'rule-dsl/invalid-duration',
          },
        );
      }
      piece = [formatNumber(v)];
    } else if (typeof v === 'string') {
      if (slot === 'duration') {
        if (!isDuration(v)) {
          throw new RuleDslInputError(
            `promql template: invalid duration ${JSON.stringify(v)} (after ${JSON.stringify(before.slice(-20))}); expected e.g. 30s, 5m, 1h30m`,
            {
              code: 'rule-dsl/invalid-duration',
            },
          );
        }
        piece = [v];
      } else if (slot === 'label-value') piece = [quoteString(v)];
      else {
        throw new RuleDslInputError(
          `promql template: string ${JSON.stringify(v)} is ambiguous here (after ${JSON.stringify(before.slice(-20))}); wrap it in ident() for a name, str() for a string literal, dur() for a duration, or raw() for PromQL text`,
        );
      }
    } else if (isFragment(v)) piece = [v.toPromQL()];
    else {
      throw new RuleDslInputError(
        `promql template: cannot interpolate ${v === null ? 'null' : typeof v} (after ${JSON.stringify(before.slice(-20))})`,
      );
    }
    for (const p of piece) {
      segments.push(p);
      // Context for the next slot: string literals blanked so a quoted `}` or `[` cannot confuse it.
      before += typeof p === 'string' ? blankStrings(p) : '0';
    }
  }
  return new PromQLExpr(segments);
}

/** Wrap any accepted value as a `PromQLExpr` (numbers formatted, refs deferred, fragments rendered). */
export function toExpr(v: PromQLExpr | PromQLFragment | ValueRef | number): PromQLExpr {
  if (v instanceof PromQLExpr) return v;
  if (v instanceof ValueRef) return new PromQLExpr([v]);
  if (typeof v === 'number') return new PromQLExpr([formatNumber(v)]);
  if (isFragment(v)) return new PromQLExpr([v.toPromQL()]);
  // Plain JavaScript callers: say what to write instead of failing inside the builder.
  const got: unknown = v;
  if (typeof got === 'string') {
    throw new RuleDslInputError(
      `expected a selector or an expression as operand, got the string ${JSON.stringify(got)}; write metric(${JSON.stringify(got)}) for a metric or promql\`${got}\` for PromQL text`,
    );
  }
  throw new RuleDslInputError(
    `expected a selector (metric('name')), an expression (promql\`...\`), a baseline/context value or a number as operand, got ${got === null ? 'null' : typeof got}`,
  );
}
