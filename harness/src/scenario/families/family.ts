import type { Plan } from '../plan.js';
import type { ScenarioSeries } from '../types.js';

/** A metric family generator: how many series it yields for a plan, and the series, lazily. */
export interface Family {
  name: FamilyName;
  count(plan: Plan): number;
  generate(plan: Plan): Generator<ScenarioSeries>;
}

export type FamilyName = 'maestro' | 'aether' | 'api' | 'business' | 'node';

/** Seconds per step. */
export function stepSeconds(plan: Plan): number {
  return plan.stepMs / 1000;
}

/** Combines an optional effect array with a default: `out[i] = max(base, effect[i])`. */
export function maxWith(base: number, eff: Float64Array | undefined, i: number): number {
  return eff && eff[i]! > base ? eff[i]! : base;
}
