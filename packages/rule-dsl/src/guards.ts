import { absent, and, ge, increase, or, rate, sum, type Operand } from './builders.js';
import { durationString, type DurationInput } from './duration.js';
import { RuleDslInputError } from './errors.js';
import { defineAlert, type AlertDefinition, type CommonAlertParams } from './pack.js';
import { type PromQLExpr, promql } from './promql-template.js';
import { type Selector, metric, oneOf } from './selectors.js';

/** Options shared by the traffic and volume guards. */
export interface TrafficGuardOptions {
  /** The counter whose traffic must be non-zero, e.g. `metric('maestro_run_total')`. */
  metric: Selector;
  /** Rate window, default `5m`. */
  window?: DurationInput;
  /**
   * Labels the condition is per (e.g. `['tenant']`): traffic is then required per tenant and matched
   * `on(tenant)`. Default `[]`: total traffic, matched `on()` so it guards a condition with any labels.
   */
  by?: readonly string[];
}

/**
 * Traffic guard (seed 001): `(cond) and on(<by>) (sum by (<by>) (rate(x[5m])) > 0)`. Unlike the
 * seed's bare `(cond) and sum(rate(x[5m])) > 0`, the explicit `on(...)` keeps the guard working when
 * the condition carries labels (with a bare `and`, a per-tenant condition never matches the
 * label-less sum and the alert can never fire).
 */
export function trafficGuard(cond: Operand, opts: TrafficGuardOptions): PromQLExpr {
  const by = opts.by ?? [];
  const traffic = sum(rate(opts.metric, opts.window ?? '5m'), by.length ? { by } : {});
  return and(cond, promql`${traffic} > 0`, { on: by });
}

/**
 * Minimum-volume guard: the condition only counts when at least `min` events happened in the
 * window: `(cond) and on(<by>) (sum by (<by>) (increase(x[w])) >= min)`. Use it on ratios so a
 * handful of requests cannot page.
 */
export function minVolumeGuard(cond: Operand, opts: TrafficGuardOptions & { min: number }): PromQLExpr {
  if (!(opts.min >= 0)) throw new RuleDslInputError(`minVolumeGuard: min ${opts.min} must be a non-negative number`);
  const by = opts.by ?? [];
  const volume = sum(increase(opts.metric, opts.window ?? '5m'), by.length ? { by } : {});
  return and(cond, ge(volume, opts.min), { on: by });
}

/**
 * Tenant allow-list by tier metric (seed 000): `(cond) and on(tenant) maestro_tenant_tier{tier="premium"}`.
 */
export function tierGuard(
  cond: Operand,
  opts: { tierMetric: string; tier: string | readonly string[]; on?: string; tierLabel?: string },
): PromQLExpr {
  const label = opts.tierLabel ?? 'tier';
  const tiers = typeof opts.tier === 'string' ? opts.tier : oneOf(opts.tier);
  return and(cond, metric(opts.tierMetric, { [label]: tiers }), { on: [opts.on ?? 'tenant'] });
}

/**
 * Tenant allow-list by explicit list (seed 001's VIP list): a selector restricted to the tenants,
 * `x{tenant_id=~"vip-customer-123|vip-customer-456"}` (values are regex-escaped).
 */
export function allowList(sel: Selector, label: string, values: readonly string[]): Selector {
  return sel.where({ [label]: oneOf(values) });
}

interface CompanionOptions extends Omit<CommonAlertParams, 'alert' | 'enabled'> {
  /** Alert name of the companion. */
  alert: string;
  phases?: Record<string, CommonAlertParams | false>;
}

/**
 * Zero-traffic companion: fires when the counter has no traffic at all (including when the series
 * is absent): `(sum(rate(x[w])) or on() vector(0)) == 0`. Pair it with a traffic-guarded alert so
 * "no traffic" is reported instead of silently suppressing the guarded alert.
 */
export function zeroTrafficAlert(
  opts: CompanionOptions & { metric: Selector; window?: DurationInput },
): AlertDefinition {
  const w = durationString(opts.window ?? '5m');
  const expr = promql`${or(sum(rate(opts.metric, w)), promql`vector(0)`, { on: [] })} == 0`;
  const { metric: _m, window: _w, ...rest } = opts;
  return defineAlert<object>({
    ...rest,
    expr,
    annotations: { summary: `No traffic on ${opts.metric.toPromQL()} for ${w}`, ...(opts.annotations ?? {}) },
  });
}

/**
 * Absent companion: fires when no series matches the selector, `absent(x)`, or with a window
 * `absent_over_time(x[w])` (tolerates scrape gaps shorter than the window).
 */
export function absentAlert(opts: CompanionOptions & { selector: Selector; window?: DurationInput }): AlertDefinition {
  const expr =
    opts.window === undefined ? absent(opts.selector) : promql`absent_over_time(${opts.selector.range(opts.window)})`;
  const { selector: _s, window: _w, ...rest } = opts;
  return defineAlert<object>({
    ...rest,
    expr,
    annotations: { summary: `No series for ${opts.selector.toPromQL()}`, ...(opts.annotations ?? {}) },
  });
}
