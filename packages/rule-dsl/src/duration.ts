import { RuleDslInputError } from './errors.js';

const UNITS: readonly (readonly [string, number])[] = [
  ['y', 365 * 24 * 3600 * 1000],
  ['w', 7 * 24 * 3600 * 1000],
  ['d', 24 * 3600 * 1000],
  ['h', 3600 * 1000],
  ['m', 60 * 1000],
  ['s', 1000],
  ['ms', 1],
];

const DURATION_RE = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

/** True when `s` is a Prometheus duration string (`5m`, `1h30m`, `0s`); units must be in order y w d h m s ms. */
export function isDuration(s: string): boolean {
  return s !== '' && DURATION_RE.test(s);
}

/** Milliseconds of a Prometheus duration string; throws `RuleDslInputError` for anything else. */
export function parseDuration(s: string): number {
  const m = s === '' ? null : DURATION_RE.exec(s);
  if (!m) {
    throw new RuleDslInputError(`invalid duration ${JSON.stringify(s)}: expected a Prometheus duration like 30s, 5m, 1h30m`, {
      code: 'rule-dsl/invalid-duration',
    });
  }
  let ms = 0;
  for (let i = 0; i < UNITS.length; i++) {
    const part = m[i + 1];
    if (part !== undefined) ms += Number(part) * UNITS[i]![1];
  }
  return ms;
}

/** Canonical Prometheus duration string for `ms` (as Prometheus prints it): 5400000 gives `1h30m`, 0 gives `0s`. */
export function formatDuration(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0) {
    throw new RuleDslInputError(`invalid duration ${ms} ms: expected a non-negative integer number of milliseconds`, {
      code: 'rule-dsl/invalid-duration',
    });
  }
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const [unit, size] of UNITS) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}

/** A duration input: a Prometheus duration string, or `{ ms }`. */
export type DurationInput = string | { ms: number };

/** Normalise a duration input to its Prometheus string, validating it. Strings are kept as written. */
export function durationString(d: DurationInput): string {
  if (typeof d === 'string') {
    parseDuration(d);
    return d;
  }
  return formatDuration(d.ms);
}
