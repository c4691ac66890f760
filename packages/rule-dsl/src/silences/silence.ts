import { matchesEmpty } from '@alertcraft/promql';
import { parseDuration, type DurationInput, durationString } from '../duration.js';
import { RuleDslInputError } from '../errors.js';
import type { MatcherInput } from '../selectors.js';

/** The Alertmanager API v2 path silences are POSTed to (v1 was removed in Alertmanager 0.27). */
export const SILENCES_API_PATH = '/api/v2/silences';

/** One matcher of a v2 silence. */
export interface SilenceMatcher {
  name: string;
  value: string;
  isRegex: boolean;
  /** false for `!=` / `!~` (Alertmanager >= 0.22). */
  isEqual: boolean;
}

/** Body of `POST /api/v2/silences` (`id` only when updating an existing silence). */
export interface SilencePayload {
  id?: string;
  matchers: SilenceMatcher[];
  /** RFC 3339 */
  startsAt: string;
  /** RFC 3339 */
  endsAt: string;
  createdBy: string;
  comment: string;
}

/** A time input: a `Date`, an RFC 3339 string or Unix milliseconds. Never "now": the caller passes it. */
export type TimeInput = Date | string | number;

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

export function isRfc3339(s: string): boolean {
  return RFC3339.test(s) && !Number.isNaN(Date.parse(s));
}

export function toMillis(t: TimeInput, what = 'time'): number {
  const ms = t instanceof Date ? t.getTime() : typeof t === 'number' ? t : isRfc3339(t) ? Date.parse(t) : NaN;
  if (!Number.isFinite(ms))
    throw new RuleDslInputError(
      `invalid ${what} ${JSON.stringify(t)}: expected a Date, Unix milliseconds or an RFC 3339 string like 2025-01-15T00:00:00Z`,
    );
  return ms;
}

/** RFC 3339 in UTC, without fractional seconds when they are zero: `2025-01-15T00:00:00Z`. */
export function formatRfc3339(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

function toSilenceMatcher(name: string, m: MatcherInput): SilenceMatcher {
  if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name))
    throw new RuleDslInputError(`invalid label name ${JSON.stringify(name)} in silence matcher`);
  if (typeof m === 'string') return { name, value: m, isRegex: false, isEqual: true };
  return { name, value: m.value, isRegex: m.op === '=~' || m.op === '!~', isEqual: m.op === '=' || m.op === '=~' };
}

/**
 * Immutable builder of a v2 silence: `silence({ alertname: 'X', severity: 'info' })
 * .from('2025-01-15T00:00:00Z').for('60m').by('sre-team').comment('maintenance').build()`.
 * Time is an input (`from`/`until`), never the clock.
 */
export class SilenceBuilder {
  private constructor(
    private readonly m: readonly SilenceMatcher[],
    private readonly start?: number,
    private readonly duration?: number,
    private readonly end?: number,
    private readonly author?: string,
    private readonly text?: string,
  ) {}
  static create(matchers: Record<string, MatcherInput> = {}): SilenceBuilder {
    return new SilenceBuilder(Object.entries(matchers).map(([k, v]) => toSilenceMatcher(k, v)));
  }
  /** Add a matcher. */
  matching(name: string, m: MatcherInput): SilenceBuilder {
    return new SilenceBuilder(
      [...this.m, toSilenceMatcher(name, m)],
      this.start,
      this.duration,
      this.end,
      this.author,
      this.text,
    );
  }
  /** Start time. */
  from(t: TimeInput): SilenceBuilder {
    return new SilenceBuilder(this.m, toMillis(t, 'silence start'), this.duration, this.end, this.author, this.text);
  }
  /** Duration (auto-expiry): `for('60m')`. */
  for(d: DurationInput): SilenceBuilder {
    const ms = parseDuration(durationString(d));
    if (ms <= 0) throw new RuleDslInputError(`silence duration ${durationString(d)} must be greater than 0`);
    return new SilenceBuilder(this.m, this.start, ms, undefined, this.author, this.text);
  }
  /** Explicit end time (instead of `for`). */
  until(t: TimeInput): SilenceBuilder {
    return new SilenceBuilder(this.m, this.start, undefined, toMillis(t, 'silence end'), this.author, this.text);
  }
  by(createdBy: string): SilenceBuilder {
    return new SilenceBuilder(this.m, this.start, this.duration, this.end, createdBy, this.text);
  }
  comment(comment: string): SilenceBuilder {
    return new SilenceBuilder(this.m, this.start, this.duration, this.end, this.author, comment);
  }
  /** The `POST /api/v2/silences` body. Throws when something Alertmanager requires is missing. */
  build(): SilencePayload {
    const problems: string[] = [];
    if (this.m.length === 0) problems.push('no matchers (add them with silence({...}) or .matching())');
    else if (this.m.every(silenceMatcherMatchesEmpty))
      problems.push(
        'every matcher matches the empty string, so Alertmanager rejects the silence; add one that requires a label value',
      );
    if (this.start === undefined) problems.push('no start time (.from(t))');
    if (this.duration === undefined && this.end === undefined) problems.push('no expiry (.for(d) or .until(t))');
    if (!this.author) problems.push('no author (.by(name))');
    if (!this.text) problems.push('no comment (.comment(text))');
    const endMs =
      this.end ?? (this.start !== undefined && this.duration !== undefined ? this.start + this.duration : undefined);
    if (this.start !== undefined && endMs !== undefined && endMs <= this.start)
      problems.push('the end time is not after the start time');
    if (problems.length)
      throw new RuleDslInputError(`silence: ${problems.join('; ')}`, { code: 'rule-dsl/invalid-silence' });
    return {
      matchers: this.m.map((x) => ({ ...x })),
      startsAt: formatRfc3339(this.start!),
      endsAt: formatRfc3339(endMs!),
      createdBy: this.author!,
      comment: this.text!,
    };
  }
}

/** Start a silence builder with equality (or explicit-operator) matchers. */
export function silence(matchers: Record<string, MatcherInput> = {}): SilenceBuilder {
  return SilenceBuilder.create(matchers);
}

/** Maintenance mode (seed 001): silence every alert, `alertname=~".+"`. */
export function silenceAll(): SilenceBuilder {
  return SilenceBuilder.create({ alertname: { op: '=~', value: '.+' } });
}

/** Whether a silence matcher matches the empty string (Alertmanager requires at least one that does not): promql's `matchesEmpty`. */
export function silenceMatcherMatchesEmpty(m: SilenceMatcher): boolean {
  const op = m.isRegex ? (m.isEqual === false ? '!~' : '=~') : m.isEqual === false ? '!=' : '=';
  return matchesEmpty({ name: m.name, op, value: m.value });
}
