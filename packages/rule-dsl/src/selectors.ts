import type { LabelMatcher, MatchOp } from '@alertcraft/promql';
import { durationString, type DurationInput } from './duration.js';
import { RuleDslInputError } from './errors.js';
import { PromQLExpr, isLabelName, isMetricName, quoteString, type PromQLFragment } from './promql-template.js';

/** A matcher value: a plain string means equality; otherwise an explicit operator. */
export type MatcherInput = string | { op: MatchOp; value: string };

/** Escape RE2 metacharacters so `value` matches literally inside a regex matcher. */
export function escapeRegex(value: string): string {
  return value.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/** Regex matcher for an explicit list: `oneOf(['vip-customer-123', 'vip-customer-456'])` gives `=~"vip-customer-123|vip-customer-456"`. */
export function oneOf(values: readonly string[]): { op: '=~'; value: string } {
  if (values.length === 0)
    throw new RuleDslInputError(
      'oneOf([]): the list is empty, so the matcher would match nothing; give at least one value',
    );
  return { op: '=~', value: values.map(escapeRegex).join('|') };
}
/** `{ op: '!=' , value }` */
export function not(value: string): { op: '!='; value: string } {
  return { op: '!=', value };
}
/** `{ op: '=~', value }` (the value is a regex, not escaped). */
export function re(value: string): { op: '=~'; value: string } {
  return { op: '=~', value };
}
/** `{ op: '!~', value }` */
export function notRe(value: string): { op: '!~'; value: string } {
  return { op: '!~', value };
}

function formatMatchers(matchers: readonly LabelMatcher[]): string {
  return matchers.map((m) => `${m.name}${m.op}${quoteString(m.value)}`).join(', ');
}

/** An instant-vector selector `name{label="value", ...}` (immutable). */
export class Selector implements PromQLFragment {
  readonly metric: string | undefined;
  readonly matchers: readonly LabelMatcher[];
  readonly offset: string | undefined;
  constructor(metric: string | undefined, matchers: readonly LabelMatcher[], offset?: string) {
    if (metric !== undefined && !isMetricName(metric))
      throw new RuleDslInputError(
        `invalid metric name ${JSON.stringify(metric)}: metric names match [a-zA-Z_:][a-zA-Z0-9_:]*`,
      );
    for (const m of matchers) {
      if (!isLabelName(m.name))
        throw new RuleDslInputError(
          `invalid label name ${JSON.stringify(m.name)} in selector for ${metric ?? '{}'}: label names match [a-zA-Z_][a-zA-Z0-9_]*`,
        );
    }
    if (metric === undefined && matchers.length === 0)
      throw new RuleDslInputError('a selector needs a metric name or at least one matcher');
    this.metric = metric;
    this.matchers = matchers;
    this.offset = offset;
  }
  /** A copy with more matchers (a matcher for an existing label is added, not replaced, as PromQL allows). */
  where(matchers: Record<string, MatcherInput>): Selector {
    return new Selector(this.metric, [...this.matchers, ...toMatchers(matchers)], this.offset);
  }
  /** A copy with `offset <d>`. */
  offsetBy(d: DurationInput): Selector {
    return new Selector(this.metric, this.matchers, durationString(d));
  }
  /** `name{...}[d]` as an expression (a range vector). */
  range(d: DurationInput): PromQLExpr {
    return new PromQLExpr([`${this.base()}[${durationString(d)}]${this.offset ? ` offset ${this.offset}` : ''}`]);
  }
  toPromQL(): string {
    return `${this.base()}${this.offset ? ` offset ${this.offset}` : ''}`;
  }
  toString(): string {
    return this.toPromQL();
  }
  private base(): string {
    const body = this.matchers.length ? `{${formatMatchers(this.matchers)}}` : '';
    return `${this.metric ?? ''}${body}`;
  }
}

function toMatchers(matchers: Record<string, MatcherInput>): LabelMatcher[] {
  return Object.entries(matchers).map(([name, m]) =>
    typeof m === 'string' ? { name, op: '=' as const, value: m } : { name, op: m.op, value: m.value },
  );
}

/** `metric('maestro_run_total', { tenant: 'a', region: not('eu') })` */
export function metric(name: string, matchers: Record<string, MatcherInput> = {}): Selector {
  return new Selector(name, toMatchers(matchers));
}

/** A selector without a metric name: `selector({ __name__: re('maestro_.*') })`. */
export function selector(matchers: Record<string, MatcherInput>): Selector {
  return new Selector(undefined, toMatchers(matchers));
}
