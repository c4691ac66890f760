/**
 * Durations, in one place. Prometheus durations (`model.Duration`): units y w d h m s ms, biggest
 * first, each at most once, `0` allowed without a unit; and Go's `time.Duration.String()`, which
 * promtool prints for rule-evaluation times. All values here are integer milliseconds.
 */
import { PromQLError } from './errors.js';
import { formatFloat } from './template/go-format.js';

const DAY_MS = 24 * 3600 * 1000;

const UNITS: ReadonlyMap<string, { pos: number; ms: number }> = new Map([
  ['y', { pos: 1, ms: 365 * DAY_MS }],
  ['w', { pos: 2, ms: 7 * DAY_MS }],
  ['d', { pos: 3, ms: DAY_MS }],
  ['h', { pos: 4, ms: 3600 * 1000 }],
  ['m', { pos: 5, ms: 60 * 1000 }],
  ['s', { pos: 6, ms: 1000 }],
  ['ms', { pos: 7, ms: 1 }],
]);

/** Largest duration Go's `time.Duration` holds, in ms (2^63-1 ns). */
const MAX_MS = 9223372036854.775;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Parses a Prometheus duration (`model.ParseDuration` of v2.54.1) without throwing: milliseconds,
 * or the error message in Prometheus's wording. For callers that report the message themselves.
 */
export function parseDurationResult(s: string): { ms: number } | { error: string } {
  if (s === '0') return { ms: 0 };
  if (s === '') return { error: 'empty duration string' };
  const invalid = { error: `not a valid duration string: ${JSON.stringify(s)}` };
  let i = 0;
  let total = 0;
  let lastPos = 0;
  while (i < s.length) {
    const numStart = i;
    while (i < s.length && isDigit(s.charCodeAt(i))) i++;
    if (i === numStart) return invalid;
    const v = Number(s.slice(numStart, i));
    if (v > 2 ** 64) return invalid;
    const unitStart = i;
    while (i < s.length && !isDigit(s.charCodeAt(i))) i++;
    if (i === unitStart) return invalid;
    const u = s.slice(unitStart, i);
    const unit = UNITS.get(u);
    if (!unit) return { error: `unknown unit ${JSON.stringify(u)} in duration ${JSON.stringify(s)}` };
    if (unit.pos <= lastPos) return invalid;
    lastPos = unit.pos;
    if (v * unit.ms > MAX_MS * 1.0000000001) return { error: 'duration out of range' };
    total += v * unit.ms;
    if (total > MAX_MS) return { error: 'duration out of range' };
  }
  return { ms: total };
}

/** Milliseconds of a Prometheus duration (`1h30m`, `5m`, `0`); throws PromQLError `promql/duration` when invalid. */
export function parseDuration(text: string): number {
  const d = parseDurationResult(text);
  if ('error' in d) throw new PromQLError('promql/duration', d.error);
  return d.ms;
}

/** Like `parseDuration`, but undefined instead of throwing. */
export function tryParseDuration(text: string): number | undefined {
  const d = parseDurationResult(text);
  return 'error' in d ? undefined : d.ms;
}

/** True when `text` is a Prometheus duration (`30s`, `1h30m`, `0`). */
export function isDuration(text: string): boolean {
  return !('error' in parseDurationResult(text));
}

/**
 * Formats milliseconds like Prometheus's `model.Duration.String()`: `1h30m`, `90d`, `0s`. Years and
 * weeks are used only for exact multiples (`2w`, `1y`; but `8d`, `366d`), as Prometheus does.
 * Throws PromQLError `promql/duration` unless `ms` is a non-negative integer.
 */
export function formatDuration(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0) {
    throw new PromQLError(
      'promql/duration',
      `cannot format ${ms} ms as a duration: expected a non-negative integer number of milliseconds`,
    );
  }
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const [unit, { ms: mult }] of UNITS) {
    if ((unit === 'y' || unit === 'w') && rest % mult !== 0) continue;
    const v = Math.floor(rest / mult);
    if (v > 0) {
      out += `${v}${unit}`;
      rest -= v * mult;
    }
  }
  return out;
}

/** Go's `time.Duration(ms * 1e6).String()`, e.g. `1h0m0s`, `1m30s`, `500ms`, `0s`. */
export function goDurationString(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let rest = Math.abs(ms);
  let out: string;
  if (rest < 1000) {
    out = `${formatFloat(rest, 'g', -1)}ms`;
  } else {
    const h = Math.floor(rest / 3_600_000);
    rest -= h * 3_600_000;
    const m = Math.floor(rest / 60_000);
    rest -= m * 60_000;
    const s = rest / 1000;
    out = `${formatFloat(s, 'f', -1)}s`;
    if (h > 0) out = `${h}h${m}m${out}`;
    else if (m > 0) out = `${m}m${out}`;
  }
  return (neg ? '-' : '') + out;
}
