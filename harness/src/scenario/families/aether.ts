/**
 * aether_* (seed 001, AetherLink RAG): per `tenant_id` cache requests/hits, answers by
 * confidence, rerank usage against a budget gauge, and cost.
 *
 * Normal levels (traffic multiplier 1): 5 requests/s, cache hit ratio ~60 %, low-confidence
 * answers ~12 %, rerank on 40 % of requests using ~35 % of the 15-minute rerank budget at peak,
 * $0.002 per request. Incident magnitudes: `cache-degradation` = hit ratio during the incident,
 * `low-confidence-spike` = low-confidence share, `rerank-budget-burn` = rerank utilisation
 * (0..1 of the budget), `premium-tenant-outage` = both hit ratio 0.1 and low-confidence share 0.6.
 */
import type { Labels } from '@alertcraft/promql';
import { counterSeries, effect, gaugeSeries, jitter } from '../plan.js';
import { stepSeconds, type Family } from './family.js';
import { trafficFactor } from './maestro.js';

/** Metric names; kept in one place so they follow the aetherlink pack. */
export const AETHER_METRICS = {
  cacheRequests: 'aether_cache_requests_total',
  cacheHits: 'aether_cache_hits_total',
  answers: 'aether_answers_total',
  rerankRequests: 'aether_rerank_requests_total',
  rerankBudget: 'aether_rerank_budget_per_15m',
  cost: 'aether_cost_usd_total',
} as const;

export const AETHER_REQUESTS_PER_SECOND = 5;
const JOB = 'aetherlink';
const BASE_HIT = 0.6;
const BASE_LOWCONF = 0.12;
const RERANK_SHARE = 0.4;

export const aetherFamily: Family = {
  name: 'aether',
  count(plan) {
    return plan.topology.aetherTenants.length * 7;
  },
  *generate(plan) {
    const dt = stepSeconds(plan);
    const n = plan.timestamps.length;
    const total = plan.topology.aetherTenants.reduce((a, t) => a + t.weight, 0);
    for (const tenant of plan.topology.aetherTenants) {
      const share = tenant.weight / total;
      const scope: Labels = { job: JOB, tenant_id: tenant.id, vip: String(tenant.vip) };
      const rng = plan.rng.fork(`aether/${tenant.id}`);
      const factor = trafficFactor(plan, scope);
      const cacheDrop = effect(plan, scope, 'cache-degradation');
      const lowConf = effect(plan, scope, 'low-confidence-spike');
      const rerankBurn = effect(plan, scope, 'rerank-budget-burn');
      const outage = effect(plan, scope, 'premium-tenant-outage');
      const costBurn = effect(plan, scope, 'cost-burn');
      const requests = new Float64Array(n);
      const hits = new Float64Array(n);
      const low = new Float64Array(n);
      const high = new Float64Array(n);
      const rerank = new Float64Array(n);
      const cost = new Float64Array(n);
      // Budget: rerank calls allowed per 15 minutes, sized so the launch-day peak uses ~35 %.
      const budget = Math.round((AETHER_REQUESTS_PER_SECOND * share * RERANK_SHARE * 900 * 1.6) / 0.35);
      for (let i = 0; i < n; i++) {
        const r = rng.poisson(AETHER_REQUESTS_PER_SECOND * share * factor[i]! * dt);
        let hitRatio = BASE_HIT * jitter(rng, 0.05);
        let lowRatio = BASE_LOWCONF * jitter(rng, 0.1);
        if (cacheDrop && cacheDrop[i]! > 0) hitRatio = cacheDrop[i]!;
        if (lowConf && lowConf[i]! > 0) lowRatio = lowConf[i]!;
        if (outage && outage[i]! > 0) {
          hitRatio = 0.1;
          lowRatio = 0.6;
        }
        const h = Math.min(r, rng.poisson(r * hitRatio));
        const l = Math.min(r, rng.poisson(r * lowRatio));
        requests[i] = r;
        hits[i] = h;
        low[i] = l;
        high[i] = r - l;
        // A rerank burn drives usage to `magnitude` of the 15-minute budget.
        const rr =
          rerankBurn && rerankBurn[i]! > 0
            ? rng.poisson(((rerankBurn[i]! * budget) / 900) * dt)
            : rng.poisson(r * RERANK_SHARE);
        rerank[i] = rr;
        cost[i] = r * 0.002 * jitter(rng, 0.1) + rr * 0.001 + (costBurn ? (costBurn[i]! / 60) * dt * share : 0);
      }
      const labels = { job: JOB, tenant_id: tenant.id };
      yield counterSeries(plan, { __name__: AETHER_METRICS.cacheRequests, ...labels }, requests, 0);
      yield counterSeries(plan, { __name__: AETHER_METRICS.cacheHits, ...labels }, hits, 0);
      yield counterSeries(plan, { __name__: AETHER_METRICS.answers, ...labels, confidence: 'low' }, low, 0);
      yield counterSeries(plan, { __name__: AETHER_METRICS.answers, ...labels, confidence: 'high' }, high, 0);
      yield counterSeries(plan, { __name__: AETHER_METRICS.rerankRequests, ...labels }, rerank, 0);
      yield gaugeSeries(
        plan,
        { __name__: AETHER_METRICS.rerankBudget, ...labels },
        new Float64Array(n).fill(budget),
        0,
      );
      yield counterSeries(plan, { __name__: AETHER_METRICS.cost, ...labels }, cost, 6);
    }
  },
};
