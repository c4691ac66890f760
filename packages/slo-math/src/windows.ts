/**
 * Multi-window, multi-burn-rate alerting (the Google SRE workbook, chapter 5, "Alerting on SLOs"):
 * an alert fires when the error ratio over a long and a short window both exceed `factor × budget`.
 * The workbook's table is for a 30-day period; other periods scale the windows in proportion, which
 * keeps each tier's budget consumed before firing (factor × long / period) the same.
 */
import { budgetConsumed, errorBudget } from './budget.js';
import { SloInputError } from './errors.js';
import { clean } from './numbers.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The workbook's period. */
export const WORKBOOK_PERIOD_MS = 30 * DAY;

export interface BurnTier {
  /** Tier name, also the value of the tier label (`slo_tier`) for inhibition. */
  name: string;
  /** `severity` label value. */
  severity: string;
  factor: number;
  longMs: number;
  shortMs: number;
  /** Optional `for:` on the alert. */
  forMs?: number;
  /** Extra labels on the alert. */
  labels?: Readonly<Record<string, string>>;
}

/** The workbook's recommended table for a 30-day SLO. */
export const WORKBOOK_TIERS: readonly BurnTier[] = Object.freeze([
  { name: 'page-fast', severity: 'page', factor: 14.4, longMs: HOUR, shortMs: 5 * MINUTE },
  { name: 'page-slow', severity: 'page', factor: 6, longMs: 6 * HOUR, shortMs: 30 * MINUTE },
  { name: 'ticket-fast', severity: 'ticket', factor: 3, longMs: DAY, shortMs: 2 * HOUR },
  { name: 'ticket-slow', severity: 'ticket', factor: 1, longMs: 3 * DAY, shortMs: 6 * HOUR },
]);

/** A tier override: any field, or `false` to disable the tier. */
export type TierOverride = Partial<Omit<BurnTier, 'name'>> | false;

export interface TierOptions {
  /** The SLO period (ms). */
  periodMs: number;
  /** Replaces the workbook table (windows as written for `periodMs`, not scaled). */
  tiers?: readonly BurnTier[];
  /** Per tier name: fields to change, or false to drop the tier. */
  overrides?: Readonly<Record<string, TierOverride>>;
}

/** Scales a 30-day window to `periodMs`, rounded to whole seconds. */
export function scaleWindow(ms: number, periodMs: number): number {
  return Math.max(1000, Math.round((ms * periodMs) / WORKBOOK_PERIOD_MS / 1000) * 1000);
}

/** The tiers for a period: the workbook's (scaled) or the given ones, with overrides applied. */
export function burnTiers(opts: TierOptions): BurnTier[] {
  const base = opts.tiers
    ? opts.tiers.map((t) => ({ ...t }))
    : WORKBOOK_TIERS.map((t) => ({
        ...t,
        longMs: scaleWindow(t.longMs, opts.periodMs),
        shortMs: scaleWindow(t.shortMs, opts.periodMs),
      }));
  const names = new Set(base.map((t) => t.name));
  for (const name of Object.keys(opts.overrides ?? {})) {
    if (!names.has(name))
      throw new SloInputError(`alerting.tiers.${name}`, `unknown tier; the tiers are ${[...names].join(', ')}`, {
        code: 'slo/unknown-tier',
      });
  }
  const out: BurnTier[] = [];
  for (const t of base) {
    const o = opts.overrides?.[t.name];
    if (o === false) continue;
    out.push(o ? { ...t, ...o, labels: { ...(t.labels ?? {}), ...(o.labels ?? {}) } } : t);
  }
  return out;
}

/** Why a tier cannot work for this objective and period, or undefined when it can. */
export function tierProblem(tier: BurnTier, objective: number, periodMs: number): string | undefined {
  const budget = errorBudget(objective);
  if (!(Number.isFinite(tier.factor) && tier.factor > 0))
    return `burn factor must be a positive number, got ${tier.factor}`;
  if (!(tier.longMs > 0) || !(tier.shortMs > 0)) return 'windows must be positive durations';
  if (tier.shortMs >= tier.longMs)
    return `the short window (${tier.shortMs / 1000}s) must be shorter than the long window (${tier.longMs / 1000}s)`;
  if (tier.longMs > periodMs) return `the long window is longer than the SLO period`;
  const threshold = clean(tier.factor * budget);
  if (threshold >= 1) {
    return (
      `burn factor ${clean(tier.factor)} × error budget ${clean(budget * 100)}% = ${clean(threshold * 100)}% ≥ 100%: ` +
      'the error ratio can never exceed it, so this alert can never fire'
    );
  }
  return undefined;
}

/** Throws an `SloInputError` naming the first impossible tier and the reason. */
export function checkTiers(
  tiers: readonly BurnTier[],
  objective: number,
  periodMs: number,
  field = 'alerting.tiers',
): void {
  for (const t of tiers) {
    const p = tierProblem(t, objective, periodMs);
    if (p) throw new SloInputError(`${field}.${t.name}`, p, { code: 'slo/impossible-tier' });
  }
}

/** The error-ratio threshold of a tier: factor × budget, without float noise. */
export function tierThreshold(tier: BurnTier, objective: number): number {
  return clean(tier.factor * errorBudget(objective));
}

/**
 * Time from the start of a constant burn (error ratio = burn × budget, steady traffic, no errors
 * before) until the tier fires: the long window's ratio grows as burn × budget × t / long, and both
 * windows must exceed factor × budget (`>`), so t = factor × long / burn, plus `for`. Infinity when
 * the burn never exceeds the factor or the ratio cannot reach it.
 */
export function detectionTime(tier: BurnTier, burn: number, objective: number): number {
  const budget = errorBudget(objective);
  if (!(burn > tier.factor) || burn * budget > 1 + 1e-12) return Infinity;
  return (tier.factor * tier.longMs) / burn + (tier.forMs ?? 0);
}

/**
 * Time from the end of a burn that fired the tier until it resolves: the short window's ratio
 * falls as burn × budget × (short − s) / short, so s = short × (1 − factor / burn). 0 when the
 * burn never fired it.
 */
export function resetTime(tier: BurnTier, burn: number): number {
  if (!(burn > tier.factor)) return 0;
  return tier.shortMs * (1 - tier.factor / burn);
}

export interface TierRow {
  tier: string;
  severity: string;
  longMs: number;
  shortMs: number;
  factor: number;
  /** factor × budget (error ratio). */
  threshold: number;
  /** Fraction of the period's budget spent before firing (the same for every burn above the factor). */
  budgetConsumed: number;
  /** Detection time at 100 % errors. */
  detectionAtFullOutageMs: number;
  /** Detection time as the burn approaches the tier's own factor from above (the long window). */
  detectionAtOwnBurnMs: number;
  /** Reset time after a 100 % outage. */
  resetAfterFullOutageMs: number;
}

/** The window table for an objective and period. */
export function windowTable(
  objective: number,
  periodMs: number,
  tiers: readonly BurnTier[] = burnTiers({ periodMs }),
): TierRow[] {
  checkTiers(tiers, objective, periodMs);
  const full = 1 / errorBudget(objective);
  return tiers.map((t) => ({
    tier: t.name,
    severity: t.severity,
    longMs: t.longMs,
    shortMs: t.shortMs,
    factor: t.factor,
    threshold: tierThreshold(t, objective),
    budgetConsumed: budgetConsumed(t.factor, t.longMs, periodMs),
    detectionAtFullOutageMs: clean(detectionTime(t, full, objective)),
    detectionAtOwnBurnMs: t.longMs + (t.forMs ?? 0),
    resetAfterFullOutageMs: clean(resetTime(t, full)),
  }));
}
