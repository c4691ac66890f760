/**
 * Error budget of a run: for each SLO a pack's phase carries, the SLI measured over the run's
 * window and over the period that ends with it, read from the replayed series with the SLI's own
 * expressions (`@alertcraft/slo-math` `errorRatioExpr`, counter increases, never an average of
 * short ratios). The run's burn rate is its error ratio over the budget; the budget remaining is
 * what the generated `slo:error_budget:remaining_ratio` rule records at the end of the run.
 */
import { instantQuery, type Storage } from '@alertcraft/promql';
import { increase, Selector, sum } from '@alertcraft/rule-dsl';
import {
  budgetRemaining,
  burnRate,
  durationText,
  errorBudget,
  errorRatioExpr,
  sliSources,
  type SloSpec,
} from '@alertcraft/slo-math';
import type { ResultSlo } from '../result/types.js';

const r6 = (v: number) => Number(v.toPrecision(6));

/** The single value of an instant query, or null when it gives no sample or a non-finite one. */
function scalarAt(storage: Storage, expr: string, t: number): number | null {
  const v = instantQuery(storage, expr, t);
  const n = v.type === 'scalar' ? v.v : v.type === 'vector' && v.samples.length === 1 ? v.samples[0]!.v : Number.NaN;
  return Number.isFinite(n) ? n : null;
}

/** Events counted by the SLI over `window` ending at `t` (null when its total is a query template). */
function totalEvents(storage: Storage, spec: SloSpec, window: string, t: number): number | null {
  if (spec.sli.type === 'ratio' && spec.sli.errorRatio) return null;
  const total = sliSources(spec).total;
  if (!(total instanceof Selector)) return null;
  return scalarAt(storage, sum(increase(total, window)).toString(), t);
}

/**
 * The budget figures of `specs` over [start, end): `end` is the evaluation time of both windows
 * (the run's window and the SLO's period before `end`). Windows are whole seconds.
 */
export function sloBudgets(storage: Storage, specs: readonly SloSpec[], start: number, end: number): ResultSlo[] {
  const runMs = Math.max(1000, Math.floor((end - start) / 1000) * 1000);
  const runWindow = durationText(runMs);
  const t = end - 1;
  return specs.map((spec) => {
    const budget = errorBudget(spec.objective);
    const ratio = scalarAt(storage, errorRatioExpr(spec, runWindow, 'increase').toString(), t);
    const periodRatio = scalarAt(storage, errorRatioExpr(spec, spec.period, 'increase').toString(), t);
    const burn = ratio === null ? null : burnRate(ratio, spec.objective);
    const events = totalEvents(storage, spec, runWindow, t);
    return {
      name: spec.name,
      ...(spec.service ? { service: spec.service } : {}),
      objectivePercent: spec.objective,
      period: spec.period,
      periodSeconds: spec.periodMs / 1000,
      windowSeconds: runMs / 1000,
      events: events === null ? null : Math.round(events),
      errorRatio: ratio === null ? null : r6(ratio),
      errorBudgetRatio: budget,
      burnRate: { value: burn === null ? null : r6(burn), unit: 'x' },
      budgetSpent: {
        value: burn === null ? null : r6((burn * runMs) / spec.periodMs),
        unit: 'ratio of the period budget',
      },
      budgetRemaining: {
        value: periodRatio === null ? null : r6(budgetRemaining(periodRatio, spec.objective)),
        unit: 'ratio of the period budget',
      },
    };
  });
}
