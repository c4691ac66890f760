/**
 * Durations for rule-dsl callers: promql's duration module (`@alertcraft/promql`), with its errors
 * rethrown as `RuleDslInputError` (`rule-dsl/invalid-duration`). No second parser here.
 */
import {
  formatDuration as promqlFormatDuration,
  isDuration,
  parseDuration as promqlParseDuration,
} from '@alertcraft/promql';
import { RuleDslInputError } from './errors.js';

export { isDuration };

/** Milliseconds of a Prometheus duration string; throws `RuleDslInputError` for anything else. */
export function parseDuration(s: string): number {
  try {
    return promqlParseDuration(s);
  } catch (cause) {
    throw new RuleDslInputError(
      `invalid duration ${JSON.stringify(s)}: expected a Prometheus duration like 30s, 5m, 1h30m`,
      {
        code: 'rule-dsl/invalid-duration',
        cause,
      },
    );
  }
}

/** Canonical Prometheus duration string for `ms` (as Prometheus prints it): 5400000 gives `1h30m`, 0 gives `0s`. */
export function formatDuration(ms: number): string {
  try {
    return promqlFormatDuration(ms);
  } catch (cause) {
    throw new RuleDslInputError(`invalid duration ${ms} ms: expected a non-negative integer number of milliseconds`, {
      code: 'rule-dsl/invalid-duration',
      cause,
    });
  }
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
