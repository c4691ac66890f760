/**
 * A noise budget: the most noise a run may make and still pass. A run over budget fails its
 * verdict even when every incident was caught.
 */
import type { PhaseTargets } from './scorecard.js';

export interface NoiseBudget {
  /** Highest false-positive rate (0–1). */
  maxFalsePositiveRate?: number;
  maxPagesPerDay?: number;
  /** Most re-fires of an alert identity within the flap window (`kpis.flapping`). */
  maxFlapping?: number;
  /** Highest fatigue score (0–10). */
  maxFatigue?: number;
}

/** What a budget is checked against (a subset of the measures, as a result file stores them). */
export interface BudgetMeasures {
  falsePositiveRate: number | null;
  pagesPerDay: number;
  flapping: number;
  fatigue?: number;
  /**
   * Length of the window in days. Under one day, `maxPagesPerDay` caps the pages themselves (a
   * 30-minute scenario with 2 pages is 2 pages, not 96 a day).
   */
  windowDays?: number;
}

export interface BudgetBreach {
  key: keyof NoiseBudget;
  limit: number;
  actual: number;
  message: string;
}

/**
 * The budget of a pack without its own: seed 000's launch-window false-positive ceiling (20 %,
 * the loosest false-positive target in the seeds), the SRE book's two pages per 12-hour shift
 * (4 a day), and at most 3 flaps in a run.
 */
export const DEFAULT_NOISE_BUDGET: Readonly<NoiseBudget> = {
  maxFalsePositiveRate: 0.2,
  maxPagesPerDay: 4,
  maxFlapping: 3,
};

export function checkBudget(m: BudgetMeasures, budget: NoiseBudget): BudgetBreach[] {
  const out: BudgetBreach[] = [];
  const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
  if (budget.maxFalsePositiveRate !== undefined && (m.falsePositiveRate ?? 0) > budget.maxFalsePositiveRate)
    out.push({
      key: 'maxFalsePositiveRate',
      limit: budget.maxFalsePositiveRate,
      actual: m.falsePositiveRate!,
      message: `false positives ${pct(m.falsePositiveRate!)} > ${pct(budget.maxFalsePositiveRate)}`,
    });
  const short = m.windowDays !== undefined && m.windowDays < 1;
  const pages = short ? Math.round(m.pagesPerDay * m.windowDays!) : m.pagesPerDay;
  if (budget.maxPagesPerDay !== undefined && pages > budget.maxPagesPerDay)
    out.push({
      key: 'maxPagesPerDay',
      limit: budget.maxPagesPerDay,
      actual: pages,
      message: short
        ? `${pages} pages in a window under a day > ${budget.maxPagesPerDay}`
        : `${pages.toFixed(2)} pages/day > ${budget.maxPagesPerDay}`,
    });
  if (budget.maxFlapping !== undefined && m.flapping > budget.maxFlapping)
    out.push({
      key: 'maxFlapping',
      limit: budget.maxFlapping,
      actual: m.flapping,
      message: `${m.flapping} flaps > ${budget.maxFlapping}`,
    });
  if (budget.maxFatigue !== undefined && m.fatigue !== undefined && m.fatigue > budget.maxFatigue)
    out.push({
      key: 'maxFatigue',
      limit: budget.maxFatigue,
      actual: m.fatigue,
      message: `fatigue ${m.fatigue.toFixed(1)}/10 > ${budget.maxFatigue}/10`,
    });
  return out;
}

/**
 * The budget a phase's scorecard targets imply: its false-positive and fatigue ceilings, with the
 * latest earlier phase's false-positive ceiling carried forward when the phase sets none (seed
 * 000's day 4–7 block has no false-positive target: day 0–3's 20 % still holds), on top of `base`.
 */
export function budgetFromTargets(
  targets: readonly PhaseTargets[],
  phase: string,
  base: NoiseBudget = { maxPagesPerDay: DEFAULT_NOISE_BUDGET.maxPagesPerDay },
): NoiseBudget {
  const out: NoiseBudget = { ...base };
  for (const p of targets) {
    for (const t of p.targets) {
      if (t.kpi === 'false_positive_rate') out.maxFalsePositiveRate = t.value;
      if (t.kpi === 'alert_fatigue_score') out.maxFatigue = t.value;
    }
    if (p.phase === phase) return out;
  }
  return { ...base };
}
