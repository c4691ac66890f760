/**
 * Error-budget arithmetic. Objectives are percentages (99.9), ratios are fractions (0.001), times
 * are milliseconds. Every result is `clean`ed of float noise.
 */
import { SloInputError } from './errors.js';
import { clean } from './numbers.js';

/** Checks a percentage objective: finite, above 0 and below 100. */
export function checkObjective(objective: unknown, field = 'objective'): number {
  if (typeof objective !== 'number' || Number.isNaN(objective)) {
    throw new SloInputError(field, `expected a number (a percentage such as 99.9), got ${JSON.stringify(objective)}`, {
      code: 'slo/invalid-objective',
    });
  }
  if (!(objective > 0 && objective < 100)) {
    throw new SloInputError(field, `the objective must be above 0 and below 100 (a percentage), got ${objective}`, {
      code: 'slo/invalid-objective',
    });
  }
  return objective;
}

/** The error budget as a fraction of events: 99.9 gives 0.001. */
export function errorBudget(objective: number): number {
  checkObjective(objective);
  return clean((100 - objective) / 100);
}

/** Burn rate of an error ratio: how many times faster than sustainable the budget is spent (1 = exactly on budget). */
export function burnRate(errorRatio: number, objective: number): number {
  return clean(errorRatio / errorBudget(objective));
}

/** Fraction of the budget left after a period whose error ratio was `errorRatio` (negative when overspent). */
export function budgetRemaining(errorRatio: number, objective: number): number {
  return clean(1 - errorRatio / errorBudget(objective));
}

/** Fraction of the period's budget a burn spends in `durationMs`. */
export function budgetConsumed(burn: number, durationMs: number, periodMs: number): number {
  return clean((burn * durationMs) / periodMs);
}

/** Time until a remaining budget fraction is spent at a constant burn (Infinity at burn ≤ 0, 0 when nothing is left). */
export function timeToExhaustion(remaining: number, burn: number, periodMs: number): number {
  if (remaining <= 0) return 0;
  if (!(burn > 0)) return Infinity;
  return (remaining * periodMs) / burn;
}
