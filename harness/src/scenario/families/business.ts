/**
 * Business signals (seed 002): signups and revenue of the `growth` job.
 *
 * Normal levels (traffic multiplier 1): 0.4 signups/s (24/min) and $8/s revenue ($480/min).
 * `zero-traffic` on this job stops both (a blocked signup/checkout flow).
 */
import { counterSeries, gaugeSeries, jitter } from '../plan.js';
import { stepSeconds, type Family } from './family.js';
import { trafficFactor } from './maestro.js';

/** Metric names; kept in one place so they follow the incident-runbook pack. */
export const BUSINESS_METRICS = {
  signups: 'signups_total',
  revenue: 'revenue_usd_total',
  /** Seed 002 names `business:revenue_per_minute` as an ingested series; exported as a gauge. */
  revenuePerMinute: 'business:revenue_per_minute',
} as const;

const JOB = 'growth';

export const businessFamily: Family = {
  name: 'business',
  count() {
    return 3;
  },
  *generate(plan) {
    const dt = stepSeconds(plan);
    const n = plan.timestamps.length;
    const rng = plan.rng.fork('business');
    const factor = trafficFactor(plan, { job: JOB });
    const signups = new Float64Array(n);
    const revenue = new Float64Array(n);
    const perMinute = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      signups[i] = rng.poisson(0.4 * factor[i]! * dt);
      const orders = rng.poisson(0.16 * factor[i]! * dt);
      revenue[i] = orders * 50 * jitter(rng, 0.3);
      perMinute[i] = 8 * 60 * factor[i]! * jitter(rng, 0.08);
    }
    yield counterSeries(plan, { __name__: BUSINESS_METRICS.signups, job: JOB }, signups, 0);
    yield counterSeries(plan, { __name__: BUSINESS_METRICS.revenue, job: JOB }, revenue, 2);
    yield gaugeSeries(plan, { __name__: BUSINESS_METRICS.revenuePerMinute, job: JOB }, perMinute, 2);
  },
};
