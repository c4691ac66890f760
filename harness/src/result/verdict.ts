/**
 * What a result says happened, computed one way for every reader (the result JSON's `verdict`, the
 * HTML report, the CLI's replay table): the pass/fail verdict of a run and of the document, and
 * the alert counts (firing vs pending only).
 */
import { checkBudget, type BudgetBreach } from '@alertcraft/alert-noise';
import type { ResultIncident, ResultRun, ResultVerdict } from './types.js';

export interface RunVerdict {
  pass: boolean;
  required: number;
  detected: number;
  missed: ResultIncident[];
  quietViolations: number;
  /** Noise budget limits the run exceeded (none when the run carries no budget). */
  overBudget: BudgetBreach[];
}

/**
 * A run passes when every incident it had to catch was caught in time, quiet periods stayed quiet
 * and its noise stayed within its budget (`run.noise.budget`).
 */
export function runVerdict(run: ResultRun): RunVerdict {
  const required = run.incidents.filter((i) => i.required.length > 0);
  const missed = required.filter((i) => i.detection === null);
  const windowDays = (Date.parse(run.window.end) - Date.parse(run.window.start)) / 86_400_000;
  const overBudget = run.noise
    ? checkBudget({ ...run.kpis, fatigue: run.noise.fatigue, windowDays }, run.noise.budget)
    : [];
  return {
    pass: missed.length === 0 && run.kpis.quietViolations === 0 && overBudget.length === 0,
    overBudget,
    required: required.length,
    detected: required.length - missed.length,
    missed,
    quietViolations: run.kpis.quietViolations,
  };
}

/** The document's verdict: `pass` when every run passes (an empty result passes: nothing was asked). */
export function documentVerdict(runs: readonly ResultRun[]): ResultVerdict {
  const failing = runs.filter((r) => !runVerdict(r).pass).length;
  return { result: failing === 0 ? 'pass' : 'fail', runs: runs.length, failing };
}

export interface AlertCounts {
  /** Alerts that fired in the run's window (`kpis.firingAlerts`: what pages and KPIs count). */
  firing: number;
  /** Alerts that went pending but never fired (their `for` did not elapse). */
  pendingOnly: number;
}

/** Firing and pending-only alerts of a run, as the CLI table and the report both show them. */
export function alertCounts(run: ResultRun): AlertCounts {
  return { firing: run.kpis.firingAlerts, pendingOnly: run.alerts.filter((a) => a.firedAt === null).length };
}
