/**
 * maestro_* (seed 000, Maestro Conductor): runs/errors/success counters per tenant, region and
 * workflow type; cost per tenant; saga compensations and states; Safety Guardian; FL rounds;
 * the step-latency classic histogram per region; the tenant tier gauge.
 *
 * Normal levels (traffic multiplier 1 = weekday 15:00 UTC at launch): 12 runs/s, error ratio
 * 0.05 %, $0.0012 per run (~$0.9/min), p95 step latency ~0.9 s, 0.02 saga compensations/s,
 * Safety Guardian blocking 1 % of evaluations (~7/min), an FL round every 30 s.
 */
import type { Labels } from '@alertcraft/promql';
import { disturbanceEffect, RETRY_STORM_EXTRA_RUNS } from '../disturbances.js';
import { observeStep, formatLe } from '../histogram.js';
import { counterSeries, distributedEffect, effect, gaugeSeries, jitter, type Cell, type Plan } from '../plan.js';
import type { ScenarioSeries } from '../types.js';
import { maxWith, stepSeconds, type Family } from './family.js';

export const MAESTRO_RUNS_PER_SECOND = 12;
export const MAESTRO_BASE_ERROR_RATIO = 0.0005;
export const MAESTRO_COST_PER_RUN_USD = 0.0012;
/** Step-latency buckets (seconds); `1.5` is the latency SLO bound of seed 000. */
export const MAESTRO_LATENCY_BUCKETS = [0.1, 0.25, 0.5, 1, 1.5, 1.8, 2.5, 5, 10, Infinity] as const;
const LATENCY_MEDIAN_S = 0.35;
const LATENCY_SIGMA = 0.55;
const STEPS_PER_RUN = 3;
const WORKFLOW_SHARE: Record<string, number> = { etl: 0.5, agent: 0.3, approval: 0.2 };
const SAGA_STATES = ['pending', 'running', 'compensating', 'failed'] as const;
const JOB = 'maestro';

function tenantShares(plan: Plan): Map<string, number> {
  const total = plan.topology.tenants.reduce((a, t) => a + t.weight, 0);
  return new Map(plan.topology.tenants.map((t) => [t.name, t.weight / total]));
}

function wfShare(wf: string, all: readonly string[]): number {
  return WORKFLOW_SHARE[wf] ?? 1 / all.length;
}

/**
 * The per-step run-rate multiplier for a scope: zero-traffic incidents zero it, maintenance
 * windows zero it, capacity creep grows it up to 1 + 2 × magnitude (unless `creep` is false);
 * benign traffic surges multiply it by their (decaying) level, retry storms add the retries.
 */
export function trafficFactor(plan: Plan, scope: Labels, options: { creep?: boolean } = {}): Float64Array {
  const out = plan.traffic.slice();
  const zero = effect(plan, scope, 'zero-traffic');
  const maint = effect(plan, scope, 'maintenance-window');
  const creep = options.creep === false ? undefined : effect(plan, scope, 'capacity-creep', true);
  const surge = disturbanceEffect(plan, scope, 'traffic-surge');
  const retries = disturbanceEffect(plan, scope, 'retry-storm');
  for (let i = 0; i < out.length; i++) {
    if ((zero && zero[i]! > 0) || (maint && maint[i]! > 0)) out[i] = 0;
    else if (creep) out[i] = out[i]! * (1 + 2 * creep[i]!);
    if (surge && surge[i]! > 1) out[i] = out[i]! * surge[i]!;
    if (retries && retries[i]! > 0) out[i] = out[i]! * (1 + RETRY_STORM_EXTRA_RUNS);
  }
  return out;
}

export const maestroFamily: Family = {
  name: 'maestro',
  count(plan) {
    const { tenants, workflowTypes, regions } = plan.topology;
    const perTenant = workflowTypes.length * 3 + 2; // runs/errors/success per workflow, cost, tier
    const histogram = regions.length * (MAESTRO_LATENCY_BUCKETS.length + 2);
    const saga = regions.length * workflowTypes.length + SAGA_STATES.length;
    const safety = regions.length * 4;
    return tenants.length * perTenant + histogram + saga + safety + 2;
  },
  *generate(plan) {
    yield* tenantsSeries(plan);
    yield* latencySeries(plan);
    yield* sagaSeries(plan);
    yield* safetySeries(plan);
    yield* flSeries(plan);
  },
};

function* tenantsSeries(plan: Plan): Generator<ScenarioSeries> {
  const dt = stepSeconds(plan);
  const shares = tenantShares(plan);
  const n = plan.timestamps.length;
  const wfs = plan.topology.workflowTypes;
  const cells: Cell[] = plan.topology.tenants.flatMap((t) =>
    wfs.map((wf) => ({
      labels: { job: JOB, tenant: t.name, region: t.region, tier: t.tier, workflow_type: wf },
      share: shares.get(t.name)! * wfShare(wf, wfs),
    })),
  );
  for (const tenant of plan.topology.tenants) {
    const cost = new Float64Array(n);
    const tenantScope = { job: JOB, tenant: tenant.name, region: tenant.region, tier: tenant.tier };
    for (const wf of wfs) {
      const scope: Labels = { ...tenantScope, workflow_type: wf };
      const rng = plan.rng.fork(`maestro/runs/${tenant.name}/${wf}`);
      const factor = trafficFactor(plan, scope);
      const spike = effect(plan, scope, 'error-spike');
      const outage = effect(plan, scope, 'premium-tenant-outage');
      const slow = effect(plan, scope, 'slow-budget-burn');
      const deploy = disturbanceEffect(plan, scope, 'deploy-blip');
      // cost-burn magnitude: extra USD per minute across the incident's scope.
      const costBurn = distributedEffect(
        plan,
        'cost-burn',
        cells.find((c) => c.labels.tenant === tenant.name && c.labels.workflow_type === wf)!,
        cells,
      );
      const runs = new Float64Array(n);
      const errors = new Float64Array(n);
      const success = new Float64Array(n);
      const base = MAESTRO_RUNS_PER_SECOND * shares.get(tenant.name)! * wfShare(wf, wfs);
      for (let i = 0; i < n; i++) {
        const r = rng.poisson(base * factor[i]! * dt);
        let ratio = MAESTRO_BASE_ERROR_RATIO;
        ratio = maxWith(ratio, spike, i);
        ratio = maxWith(ratio, outage, i);
        ratio = maxWith(ratio, slow, i);
        ratio = maxWith(ratio, deploy, i);
        const e = Math.min(r, rng.poisson(r * ratio * jitter(rng, 0.1)));
        runs[i] = r;
        errors[i] = e;
        success[i] = r - e;
        cost[i] = cost[i]! + r * MAESTRO_COST_PER_RUN_USD * jitter(rng, 0.1);
        if (costBurn && costBurn[i]! > 0) cost[i] = cost[i]! + (costBurn[i]! / 60) * dt * jitter(rng, 0.05);
      }
      const labels = { job: JOB, region: tenant.region, tenant: tenant.name, workflow_type: wf };
      yield counterSeries(plan, { __name__: 'maestro_run_total', ...labels }, runs, 0);
      yield counterSeries(plan, { __name__: 'maestro_run_errors_total', ...labels }, errors, 0);
      yield counterSeries(plan, { __name__: 'maestro_run_success_total', ...labels }, success, 0);
    }
    yield counterSeries(
      plan,
      { __name__: 'maestro_cost_usd_total', job: JOB, region: tenant.region, tenant: tenant.name },
      cost,
      6,
    );
    yield gaugeSeries(
      plan,
      { __name__: 'maestro_tenant_tier', job: JOB, tenant: tenant.name, tier: tenant.tier },
      new Float64Array(n).fill(1),
    );
  }
}

function* latencySeries(plan: Plan): Generator<ScenarioSeries> {
  const dt = stepSeconds(plan);
  const shares = tenantShares(plan);
  const n = plan.timestamps.length;
  const bounds = MAESTRO_LATENCY_BUCKETS;
  const step = new Float64Array(bounds.length);
  for (const region of plan.topology.regions) {
    const scope: Labels = { job: JOB, region };
    const rng = plan.rng.fork(`maestro/latency/${region}`);
    const regionShare = plan.topology.tenants
      .filter((t) => t.region === region)
      .reduce((a, t) => a + shares.get(t.name)!, 0);
    const factor = trafficFactor(plan, scope);
    const regression = effect(plan, scope, 'latency-regression');
    const storm = disturbanceEffect(plan, scope, 'retry-storm');
    const buckets = bounds.map(() => new Float64Array(n));
    const sum = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const obs = MAESTRO_RUNS_PER_SECOND * regionShare * STEPS_PER_RUN * factor[i]! * dt;
      // Busier is a little slower; a regression (or a retry storm) multiplies the median by its magnitude.
      const median = LATENCY_MEDIAN_S * (1 + 0.1 * plan.traffic[i]!) * maxWith(1, regression, i) * maxWith(1, storm, i);
      sum[i] = observeStep(rng, obs, bounds, median, LATENCY_SIGMA, step);
      for (let b = 0; b < bounds.length; b++) buckets[b]![i] = step[b]!;
    }
    for (let b = 0; b < bounds.length; b++) {
      yield counterSeries(
        plan,
        { __name__: 'maestro_step_latency_bucket', job: JOB, le: formatLe(bounds[b]!), region },
        buckets[b]!,
        0,
      );
    }
    yield counterSeries(plan, { __name__: 'maestro_step_latency_sum', job: JOB, region }, sum, 6);
    yield counterSeries(
      plan,
      { __name__: 'maestro_step_latency_count', job: JOB, region },
      buckets[bounds.length - 1]!.slice(),
      0,
    );
  }
}

function* sagaSeries(plan: Plan): Generator<ScenarioSeries> {
  const dt = stepSeconds(plan);
  const n = plan.timestamps.length;
  const wfs = plan.topology.workflowTypes;
  const regions = plan.topology.regions;
  const compensating = new Float64Array(n);
  const running = new Float64Array(n);
  const cells: Cell[] = regions.flatMap((region) =>
    wfs.map((wf) => ({ labels: { job: JOB, region, workflow_type: wf }, share: wfShare(wf, wfs) / regions.length })),
  );
  for (const region of regions) {
    for (const wf of wfs) {
      const scope: Labels = { job: JOB, region, workflow_type: wf };
      const rng = plan.rng.fork(`maestro/saga/${region}/${wf}`);
      const factor = trafficFactor(plan, scope);
      const share = wfShare(wf, wfs) / regions.length;
      // storm magnitude: compensations per second across the incident's scope.
      const storm = distributedEffect(plan, 'saga-compensation-storm', { labels: scope, share }, cells);
      const inc = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const rate = 0.02 * share * factor[i]! + (storm ? storm[i]! : 0);
        inc[i] = rng.poisson(rate * dt);
        compensating[i] = compensating[i]! + rate * 20;
        running[i] = running[i]! + 40 * share * factor[i]!;
      }
      yield counterSeries(
        plan,
        { __name__: 'maestro_saga_compensations_total', job: JOB, region, workflow_type: wf },
        inc,
        0,
      );
    }
  }
  const rng = plan.rng.fork('maestro/saga-states');
  const states: Record<(typeof SAGA_STATES)[number], (i: number) => number> = {
    pending: (i) => Math.round(running[i]! * 0.2 * jitter(rng, 0.2)),
    running: (i) => Math.round(running[i]! * jitter(rng, 0.1)),
    compensating: (i) => Math.round(compensating[i]! * jitter(rng, 0.2)),
    failed: (i) => Math.round(compensating[i]! * 0.1 * jitter(rng, 0.3)),
  };
  for (const state of SAGA_STATES) {
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = states[state](i);
    yield gaugeSeries(plan, { __name__: 'maestro_saga_states', job: JOB, state }, v, 0);
  }
}

function* safetySeries(plan: Plan): Generator<ScenarioSeries> {
  const dt = stepSeconds(plan);
  const n = plan.timestamps.length;
  const regions = plan.topology.regions;
  const cells: Cell[] = regions.map((region) => ({ labels: { job: JOB, region }, share: 1 / regions.length }));
  for (const region of regions) {
    const scope: Labels = { job: JOB, region };
    const rng = plan.rng.fork(`maestro/safety/${region}`);
    const factor = trafficFactor(plan, scope);
    // attack magnitude: extra blocked requests per second across the incident's scope.
    const attack = distributedEffect(
      plan,
      'safety-guardian-attack',
      { labels: scope, share: 1 / regions.length },
      cells,
    );
    const evals = new Float64Array(n);
    const blocks = new Float64Array(n);
    const warns = new Float64Array(n);
    const allows = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const e = rng.poisson((MAESTRO_RUNS_PER_SECOND / regions.length) * factor[i]! * dt);
      const extra = attack ? rng.poisson(attack[i]! * dt) : 0;
      const b = Math.min(e, rng.poisson(e * 0.01)) + extra;
      const w = Math.min(e - Math.min(e, b), rng.poisson(e * 0.03));
      evals[i] = e + extra;
      blocks[i] = b;
      warns[i] = w;
      allows[i] = e + extra - b - w;
    }
    const labels = { job: JOB, region };
    yield counterSeries(plan, { __name__: 'maestro_safety_evaluations_total', ...labels }, evals, 0);
    yield counterSeries(plan, { __name__: 'maestro_safety_blocks_total', ...labels }, blocks, 0);
    yield counterSeries(plan, { __name__: 'maestro_safety_warnings_total', ...labels }, warns, 0);
    yield counterSeries(plan, { __name__: 'maestro_safety_allows_total', ...labels }, allows, 0);
  }
}

function* flSeries(plan: Plan): Generator<ScenarioSeries> {
  const dt = stepSeconds(plan);
  const n = plan.timestamps.length;
  const region = plan.topology.regions[0]!;
  const rng = plan.rng.fork('maestro/fl');
  const rounds = new Float64Array(n);
  const byz = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    rounds[i] = plan.timestamps[i]! >= plan.launchAt ? rng.poisson(dt / 30) : 0;
    byz[i] = rng.poisson(rounds[i]! * 0.02);
  }
  yield counterSeries(plan, { __name__: 'maestro_fl_rounds_total', job: JOB, region }, rounds, 0);
  yield counterSeries(plan, { __name__: 'maestro_fl_byzantine_detected_total', job: JOB, region }, byz, 0);
}
