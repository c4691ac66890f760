/**
 * The query sample budget (Prometheus' `--query.max-samples`): selectors and functions charge
 * the step values they allocate before allocating them, range windows are checked while read,
 * so a query over too many samples stops before its memory is taken.
 */
import { PromQLEvalError } from '../errors.js';
import type { SampleBudget } from './types.js';

/** Prometheus v2.54.1's message (`ErrTooManySamples("query execution")`). */
export const TOO_MANY_SAMPLES = 'query processing would load too many samples into memory in query execution';

/** Prometheus' default `--query.max-samples`. */
export const DEFAULT_MAX_SAMPLES = 50_000_000;

export function sampleBudget(maxSamples = DEFAULT_MAX_SAMPLES): SampleBudget {
  if (!(maxSamples > 0))
    throw new PromQLEvalError(`maxSamples must be a positive number, got ${maxSamples}`, { code: 'promql/bad-option' });
  return { samples: 0, maxSamples };
}

function tooMany(): never {
  throw new PromQLEvalError(TOO_MANY_SAMPLES, { code: 'promql/too-many-samples' });
}

/** Takes `n` samples from the budget (they stay held until the query ends). */
export function charge(b: SampleBudget, n: number): void {
  b.samples += n;
  if (b.samples > b.maxSamples) tooMany();
}

/** Gives back `n` samples charged for a buffer that was dropped. */
export function refund(b: SampleBudget, n: number): void {
  b.samples -= n;
}

/** Checks that `n` more samples, read and dropped (a range window), fit beside those held. */
export function fits(b: SampleBudget, n: number): void {
  if (b.samples + n > b.maxSamples) tooMany();
}
