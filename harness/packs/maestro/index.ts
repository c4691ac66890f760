/**
 * # maestro: Maestro Conductor vNext post-GA alerting (seed 000)
 *
 * The seed's three alert files as one pack with three phases:
 *
 * | phase | days | group | alerts |
 * |---|---|---|---|
 * | `day0` | 0–3 | `maestro-day0-critical` (hair-trigger) | 5 |
 * | `day4` | 4–7 | `maestro-day4-calibrated` (baseline-derived thresholds) | 3 |
 * | `day8` | 8–14 | `maestro-mature-slos` (predictive, business impact) + `slo-maestro-availability`, `slo-maestro-latency` (generated, `slos.ts`) | 2 + 2 × 5 |
 *
 * plus the recording group `maestro.business` (4 rules, `interval: 30s`) in every phase, because
 * the dashboards and the health checker of the seed read it from day 0.
 *
 * Day 4 thresholds are baseline references resolved at render time (`--baselines`, the shape of the
 * seed's `week1-baselines.json`): error rate `error_rate.p95 × 1.5`, latency `p95_latency.p90 × 1.3`
 * under load above `run_rate.p50`, cost `cost_burn.p90 × 2` (USD/s) or `cost_burn.max × 60 × 1.5`
 * (USD/min). Day 8's capacity threshold is a context value, `capacity.maxRunsPerDay × 0.8`.
 *
 * ## Example baselines (`example-baselines.json`, `example-values.json`)
 *
 * The normal levels of the Maestro scenario family (`harness/src/scenario/families/maestro.ts`,
 * 12 runs/s at the weekday peak, 0.05 % errors, p95 step latency ≈ 0.9 s, ≈ $0.9/min) spread over a
 * diurnal week: `run_rate` in runs/s, `error_rate` as a ratio, `p95_latency` in seconds,
 * `cost_burn` in USD/s (it is `sum(rate(maestro_cost_usd_total[5m]))`, per second). They are
 * examples so every phase emits without live data; collect real ones with the seed's
 * `collect-baselines.py` queries. `capacity.maxRunsPerDay` = 1 700 000 (≈ 19.7 runs/s sustained
 * over a day; the threshold is 80 % of it).
 *
 * ## Corrections to the seed (each listed in `corrections` and linted in the tests)
 *
 * - Per-second vs per-minute: `rate()` is per second; thresholds stated per minute get `* 60`
 *   (`MaestroBudgetBurnSpike` "$2/min", `MaestroSafetyGuardianOverload` "50/min",
 *   `MaestroSagaCompensationStorm`, whose checklist states the compensation rate per minute).
 * - `rate(x[1m])` under a 30 s scrape sees two samples at best and none after one missed scrape:
 *   windows are at least `2m` (4 × scrape interval).
 * - Ratios get a minimum-volume guard (`and on() sum(increase(maestro_run_total[w])) >= n`), so a
 *   handful of runs at 3 a.m. cannot page and zero traffic is not silently "healthy".
 * - Day 4 `MaestroLatencyAnomaly`: `rate(maestro_run_total[5m]) > p50` was per series (per tenant,
 *   region, workflow) and could never match the label-less quantile in `and`: now `sum(rate(...))`.
 * - Day 4 `MaestroCostAnomalyDetection`: `increase(...[1h])` (USD per hour, per series) was compared
 *   with `cost_burn.max × 60 × 1.5` (USD per minute): now `sum(increase(...[1h])) / 60`, USD/min.
 * - Day 8 `MaestroSLOLatencyBudgetBurn`: the denominator summed every bucket of the histogram
 *   (all `le`), not the request count; now a latency SLO (steps within 1.5 s over
 *   `maestro_step_latency_count`) with generated tiers. Its objective is 98 %, not the seed's 95 %:
 *   at 95 % the page tier needs 72 % slow steps for an hour, and the scenario's regressions (about
 *   half the steps over 1.5 s for 45–120 min) would never page; the service's normal is 98.5 %.
 * - Day 8 `MaestroSLOErrorBudgetBurn`: one 14.4× rule over a single 1 h window (it stays firing
 *   for up to an hour after recovery and never sees a slower burn), unguarded, with a description
 *   calling `$value` hours; now a 99.9 % availability SLO whose page and ticket tiers slo-math
 *   generates (`MaestroSLOErrorBudgetBurnPageFast` …). The seed rule is kept as the `seed` variant.
 * - Day 8 `MaestroPredictiveCapacity`: predicted runs **per second** were compared with runs **per
 *   day** (the prediction is now `* 86400`), and the 4-hour slope of a diurnal signal extrapolated
 *   24 h ahead predicts a breach every morning (and negative load every evening): the trend is
 *   fitted on the daily mean instead, `predict_linear(sum(rate(maestro_run_total[1d]))[1d:2h], 86400)`.
 * - Day 8 rules had no `phase` label while the seed's route matched `phase: day8`: every alert now
 *   carries `phase` (pack `phaseLabel`), and the capacity route matches `type="predictive"` in every
 *   phase, as the seed's routing matrix says ("Predictive | All | Capacity Team").
 * - Recording rule `maestro:tenant_utilization:1h`: `sum by (tenant) / sum` has no matching labels
 *   and yields nothing: `/ ignoring(tenant) group_left`.
 * - Alertmanager: the deprecated `match:` blocks become `matchers:`; the day-0 snooze silence uses
 *   the v2 API payload (`/api/v1/silences` was removed in Alertmanager 0.27).
 */
import { budgetFromTargets, SEED_000_TARGETS } from '@alertcraft/alert-noise';
import {
  and,
  baseline,
  context,
  defineAlert,
  defineGroup,
  definePack,
  defineRecord,
  div,
  gt,
  histogramQuantile,
  increase,
  metric,
  minVolumeGuard,
  or,
  promql,
  rate,
  ratio,
  silence,
  sum,
  tierGuard,
  type Baselines,
  type AlertmanagerConfig,
  type Threshold,
} from '@alertcraft/rule-dsl';
import {
  webhookReceiver,
  type AlertmanagerOptions,
  type Correction,
  type PackSilence,
  type SeedPack,
} from '../types.js';
import { burnAlerts } from '../slo-alerts.js';
import {
  MAESTRO_SLOS,
  maestroAvailabilitySlo,
  maestroLatencySlo,
  maestroSloGroups,
  seedErrorBudgetBurn,
  seedSloGroup,
} from './slos.js';
import exampleBaselines from './example-baselines.json' with { type: 'json' };
import exampleValues from './example-values.json' with { type: 'json' };

const runs = metric('maestro_run_total');
const runErrors = metric('maestro_run_errors_total');
const runSuccess = metric('maestro_run_success_total');
const latencyBucket = metric('maestro_step_latency_bucket');
const cost = metric('maestro_cost_usd_total');
const sagaCompensations = metric('maestro_saga_compensations_total');
const safetyBlocks = metric('maestro_safety_blocks_total');
const safetyEvaluations = metric('maestro_safety_evaluations_total');

const RUNBOOK = 'https://runbooks/';

/** Expectations apply to incidents in the Maestro service (an API error spike is another pack's). */
const MAESTRO = { job: 'maestro' } as const;

// ---------------------------------------------------------------------------------------------
// Day 0-3: hair-trigger (group maestro-day0-critical)
// ---------------------------------------------------------------------------------------------

const day0 = defineGroup({
  name: 'maestro-day0-critical',
  phases: ['day0'],
  rules: [
    defineAlert({
      alert: 'MaestroErrorRateSpike',
      // Seed: bare ratio, no traffic guard.
      expr: minVolumeGuard(gt(ratio(runErrors, runs, '2m'), 0.02), { metric: runs, window: '2m', min: 20 }),
      for: '2m',
      severity: 'page',
      annotations: {
        summary: 'Error rate > 2% (day-0 sensitive)',
        runbook: `${RUNBOOK}error-spike`,
        runbook_url: `${RUNBOOK}error-spike`,
      },
    }),
    defineAlert({
      alert: 'MaestroLatencyRegression',
      expr: gt(histogramQuantile(0.95, latencyBucket, { window: '2m' }), 1.8),
      for: '3m',
      severity: 'page',
      annotations: {
        summary: 'p95 latency > 1.8s (relaxed from 1.5s for day-0)',
        runbook_url: `${RUNBOOK}latency-regression`,
      },
    }),
    defineAlert({
      alert: 'MaestroBudgetBurnSpike',
      // Seed: `sum(rate(maestro_cost_usd_total[1m])) > 2.0` is $2 per SECOND ($120/min), and [1m]
      // under a 30 s scrape is too short.
      expr: gt(promql`${sum(rate(cost, '2m'))} * 60`, 2),
      for: '1m',
      severity: 'page',
      annotations: { summary: 'Budget burn > $2/min (day-0 aggressive)', runbook_url: `${RUNBOOK}budget-burn` },
    }),
    defineAlert({
      alert: 'MaestroSagaCompensationStorm',
      // Seed: `> 10` on a per-second rate; the checklist states the compensation rate per minute
      // ("investigate >5/min sustained"), so the storm threshold is 10 per minute.
      expr: gt(promql`${sum(rate(sagaCompensations, '5m'))} * 60`, 10),
      for: '2m',
      severity: 'critical',
      annotations: {
        summary: 'High SAGA compensation rate (> 10/min) - investigate failures',
        runbook_url: `${RUNBOOK}saga-compensation-storm`,
      },
    }),
    defineAlert({
      alert: 'MaestroSafetyGuardianOverload',
      // Seed: `sum(rate(maestro_safety_blocks_total[1m])) > 50` is 50 per SECOND, and [1m] is too short.
      expr: gt(promql`${sum(rate(safetyBlocks, '2m'))} * 60`, 50),
      for: '1m',
      severity: 'warning',
      annotations: { summary: 'Safety Guardian blocking > 50/min - check for attack' },
    }),
  ],
});

// ---------------------------------------------------------------------------------------------
// Day 4-7: baseline-calibrated (group maestro-day4-calibrated)
// ---------------------------------------------------------------------------------------------

const day4 = defineGroup({
  name: 'maestro-day4-calibrated',
  phases: ['day4'],
  rules: [
    defineAlert({
      alert: 'MaestroErrorRateHigh',
      // `threshold` is a named parameter so a calibration can replace it (render `overrides`).
      params: { threshold: baseline('error_rate', 'p95').times(1.5) as Threshold },
      expr: (p) =>
        minVolumeGuard(gt(ratio(runErrors, runs, '5m'), p.threshold), {
          metric: runs,
          window: '5m',
          min: 50,
        }),
      for: '10m',
      severity: 'warning',
      annotations: { summary: 'Error rate above p95 baseline * 1.5' },
    }),
    defineAlert({
      alert: 'MaestroLatencyAnomaly',
      // Seed: `rate(maestro_run_total[5m]) > p50` without sum(): per-series, never matches the
      // label-less quantile on the left of `and`.
      params: { threshold: baseline('p95_latency', 'p90').times(1.3) as Threshold },
      expr: (p) =>
        and(
          gt(histogramQuantile(0.95, latencyBucket, { window: '5m' }), p.threshold),
          gt(sum(rate(runs, '5m')), baseline('run_rate', 'p50')),
        ),
      for: '15m',
      severity: 'warning',
      annotations: { summary: 'p95 latency anomaly under normal load' },
    }),
    defineAlert({
      alert: 'MaestroCostAnomalyDetection',
      // Seed: `increase(maestro_cost_usd_total[1h]) > max * 60 * 1.5` compared USD per hour, per
      // series, with a USD-per-minute threshold. Now the hour's spend per minute, summed.
      expr: or(
        gt(sum(rate(cost, '5m')), baseline('cost_burn', 'p90').times(2)),
        gt(div(sum(increase(cost, '1h')), 60), baseline('cost_burn', 'max').times(60).times(1.5)),
      ),
      for: '5m',
      severity: 'critical',
      annotations: { summary: 'Cost burn anomaly detected', runbook_url: `${RUNBOOK}cost-anomaly` },
    }),
  ],
});

// ---------------------------------------------------------------------------------------------
// Day 8-14: mature SLO alerting (group maestro-mature-slos)
// ---------------------------------------------------------------------------------------------

const day8 = defineGroup({
  name: 'maestro-mature-slos',
  phases: ['day8'],
  rules: [
    defineAlert({
      alert: 'MaestroPredictiveCapacity',
      // Seed: `predict_linear(sum(rate(maestro_run_total[2h]))[4h:5m], 24*3600) > maxRunsPerDay * 0.8`
      // compared predicted runs per SECOND with runs per DAY (now `* 86400`), and extrapolated a
      // 4-hour slope of diurnal traffic 24 h ahead: every morning's upswing predicts a breach and
      // every evening a negative load. The trend is now fitted on the daily mean (`rate(...[1d])`,
      // sampled every 2 h over the last day), which has no diurnal cycle.
      expr: gt(
        promql`predict_linear(${sum(rate(runs, '1d'))}[1d:2h], 24 * 3600) * 86400`,
        context('capacity.maxRunsPerDay').times(0.8),
      ),
      for: '15m',
      severity: 'warning',
      labels: { type: 'predictive' },
      annotations: { summary: 'Predicted capacity breach in 24h' },
    }),
    defineAlert({
      alert: 'MaestroRevenueImpactingOutage',
      expr: tierGuard(gt(sum(rate(runErrors, '10m'), { by: ['tenant'] }), 0.1), {
        tierMetric: 'maestro_tenant_tier',
        tier: 'premium',
        on: 'tenant',
      }),
      for: '5m',
      // A small premium tenant's error rate hovers around the absolute 0.1/s threshold during an
      // outage; without this the alert resolves and re-pages every few minutes (replay: 6 flaps).
      keepFiringFor: '10m',
      severity: 'critical',
      labels: { impact: 'revenue' },
      annotations: {
        summary: 'Premium tenant {{ $labels.tenant }} experiencing errors',
        runbook_url: `${RUNBOOK}premium-tenant-outage`,
      },
    }),
  ],
});

// ---------------------------------------------------------------------------------------------
// Recording rules (group maestro.business, every phase)
// ---------------------------------------------------------------------------------------------

const business = defineGroup({
  name: 'maestro.business',
  interval: '30s',
  rules: [
    defineRecord({
      record: 'maestro:success_rate:5m',
      expr: div(sum(rate(runSuccess, '5m')), gt(sum(rate(runs, '5m')), 0)),
    }),
    defineRecord({
      record: 'maestro:cost_per_success:5m',
      expr: div(sum(rate(cost, '5m')), gt(sum(rate(runSuccess, '5m')), 0)),
    }),
    defineRecord({
      record: 'maestro:tenant_utilization:1h',
      // Seed: `sum by (tenant) (...) / sum(...)`: no label set in common, the result is empty.
      expr: div(sum(increase(runs, '1h'), { by: ['tenant'] }), gt(sum(increase(runs, '1h')), 0), {
        ignoring: ['tenant'],
        groupLeft: [],
      }),
    }),
    defineRecord({
      record: 'maestro:safety_effectiveness:1h',
      expr: div(sum(rate(safetyBlocks, '1h')), gt(sum(rate(safetyEvaluations, '1h')), 0)),
    }),
  ],
});

type MaestroPhase = 'day0' | 'day4' | 'day8';

const packBase = {
  name: 'maestro',
  description:
    'Maestro Conductor vNext post-GA alerting: day-0 hair-trigger, day-4 baseline-calibrated, day-8 SLO burn-rate and predictive (seed 000).',
  scrapeInterval: '30s',
  evaluationInterval: '30s',
  phaseLabel: 'phase',
  phases: [
    { id: 'day0', title: 'Launch window (fire-drill readiness)', days: [0, 3] },
    { id: 'day4', title: 'Pattern learning (baseline calibration)', days: [4, 7] },
    { id: 'day8', title: 'Optimization (noise reduction, SLO burn rates)', days: [8, 14] },
  ] as { id: MaestroPhase; title: string; days: [number, number] }[],
};

/** Day 8 expects the generated burn tiers (any tier catches the incident: pages first, tickets later). */
const day8Availability = burnAlerts(maestroAvailabilitySlo);
const day8Latency = burnAlerts(maestroLatencySlo);

/** What each phase must catch; `availability` names the day-8 alerts answering for run errors. */
const expectations = (availability: readonly string[]) => ({
  day0: [
    { incident: 'error-spike', labels: MAESTRO, alerts: ['MaestroErrorRateSpike'], within: '10m' },
    { incident: 'latency-regression', labels: MAESTRO, alerts: ['MaestroLatencyRegression'], within: '10m' },
    { incident: 'cost-burn', labels: MAESTRO, alerts: ['MaestroBudgetBurnSpike'], within: '5m' },
    { incident: 'saga-compensation-storm', labels: MAESTRO, alerts: ['MaestroSagaCompensationStorm'], within: '10m' },
    { incident: 'safety-guardian-attack', labels: MAESTRO, alerts: ['MaestroSafetyGuardianOverload'], within: '5m' },
  ],
  day4: [
    { incident: 'error-spike', labels: MAESTRO, alerts: ['MaestroErrorRateHigh'], within: '20m' },
    { incident: 'latency-regression', labels: MAESTRO, alerts: ['MaestroLatencyAnomaly'], within: '30m' },
    { incident: 'cost-burn', labels: MAESTRO, alerts: ['MaestroCostAnomalyDetection'], within: '15m' },
  ],
  day8: [
    { incident: 'error-spike', labels: MAESTRO, alerts: availability, within: '30m' },
    { incident: 'slow-budget-burn', labels: MAESTRO, alerts: availability, within: '2h' },
    { incident: 'latency-regression', labels: MAESTRO, alerts: day8Latency, within: '90m' },
    { incident: 'capacity-creep', alerts: ['MaestroPredictiveCapacity'], within: '12h' },
    { incident: 'premium-tenant-outage', labels: MAESTRO, alerts: ['MaestroRevenueImpactingOutage'], within: '20m' },
  ],
});

export const maestroRules = definePack({
  ...packBase,
  groups: [day0, day4, day8, ...maestroSloGroups, business],
  expectations: expectations(day8Availability),
  exampleBaselines: exampleBaselines as Baselines,
  exampleValues,
});

/** The pack with seed 000's own single-window availability alert in place of the generated tiers. */
const seedVariantRules = definePack({
  ...packBase,
  groups: [day0, day4, day8, seedSloGroup, ...maestroSloGroups.slice(1), business],
  expectations: expectations([seedErrorBudgetBurn.spec.alert]),
  exampleBaselines: exampleBaselines as Baselines,
  exampleValues,
});

/**
 * Routing of seed 000 (day-8 ConfigMap) with the routing matrix: revenue-impacting criticals go to
 * premium support, predictive alerts to capacity planning (every phase), then paging severities
 * (`page`, `critical`) to the pager and warnings (and the SLO tickets) to tickets.
 */
function alertmanager(_phase: MaestroPhase, options: AlertmanagerOptions = {}): AlertmanagerConfig {
  return {
    route: {
      receiver: 'default',
      group_by: ['alertname', 'severity', 'tenant'],
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: '24h',
      routes: [
        {
          matchers: ['severity="critical"', 'impact="revenue"'],
          receiver: 'premium-support',
          group_wait: '10s',
          repeat_interval: '1h',
        },
        { matchers: ['type="predictive"'], receiver: 'capacity-planning', repeat_interval: '4h' },
        { matchers: ['severity=~"page|critical"'], receiver: 'paging', repeat_interval: '1h' },
        // slo-math's ticket tiers and absent-SLI alerts (severity ticket) go with the seed's warnings.
        { matchers: ['severity=~"warning|ticket"'], receiver: 'ticket' },
      ],
    },
    receivers: ['default', 'premium-support', 'capacity-planning', 'paging', 'ticket'].map((r) =>
      webhookReceiver(r, options),
    ),
  };
}

const silences: readonly PackSilence<MaestroPhase>[] = [
  {
    name: 'day0-minor-snooze',
    description:
      'Day 0-3 launch window: snooze MaestroMinorLatencyFluctuation at severity info (seed script day0-alert-snooze.sh), as an API v2 payload.',
    phases: ['day0'],
    // Seed: `startsAt 2025-01-15T00:00:00Z`, `endsAt 2025-01-18T23:59:59Z` (the four launch days);
    // the start is an input here, the default length is those four days.
    build: ({ now, durationMinutes = 4 * 24 * 60 - 1 / 60, comment, createdBy }) =>
      silence({ alertname: 'MaestroMinorLatencyFluctuation', severity: 'info' })
        .from(now)
        .for({ ms: Math.round(durationMinutes * 60_000) })
        .by(createdBy ?? 'sre-team')
        .comment(comment ?? 'Day 0-3 launch window - snoozing minor alerts')
        .build(),
  },
];

const FIXTURE_DAY0 = '000-maestro-day0-hair-trigger.yaml';
const FIXTURE_DAY4 = '000-maestro-day4-calibrated.yaml';
const FIXTURE_DAY8 = '000-maestro-day8-mature.yaml';
const FIXTURE_REC = '000-maestro-business-recording.yaml';

const corrections: readonly Correction[] = [
  {
    rule: 'MaestroErrorRateSpike',
    what: 'ratio without a traffic guard; now guarded by a minimum run volume',
    lintCode: 'lint/ratio-without-traffic-guard',
    fixture: FIXTURE_DAY0,
  },
  {
    rule: 'MaestroBudgetBurnSpike',
    what: 'per-second rate compared with a per-minute threshold ($2/min); now `* 60`',
    lintCode: 'lint/per-second-vs-per-minute',
    fixture: FIXTURE_DAY0,
  },
  {
    rule: 'MaestroBudgetBurnSpike',
    what: '`rate(...[1m])` under a 30 s scrape; now `[2m]`',
    lintCode: 'lint/range-too-short',
    fixture: FIXTURE_DAY0,
  },
  {
    rule: 'MaestroSafetyGuardianOverload',
    what: 'per-second rate compared with a per-minute threshold (50/min); now `* 60`',
    lintCode: 'lint/per-second-vs-per-minute',
    fixture: FIXTURE_DAY0,
  },
  {
    rule: 'MaestroSafetyGuardianOverload',
    what: '`rate(...[1m])` under a 30 s scrape; now `[2m]`',
    lintCode: 'lint/range-too-short',
    fixture: FIXTURE_DAY0,
  },
  {
    rule: 'MaestroSagaCompensationStorm',
    what: 'threshold 10 on a per-second rate while the seed states compensation rates per minute; now `* 60 > 10`',
    fixture: FIXTURE_DAY0,
  },
  {
    rule: 'MaestroErrorRateHigh',
    what: 'ratio without a traffic guard; now guarded by a minimum run volume',
    lintCode: 'lint/ratio-without-traffic-guard',
    fixture: FIXTURE_DAY4,
  },
  {
    rule: 'MaestroLatencyAnomaly',
    what: '`rate(maestro_run_total[5m]) > p50` without sum(): per-series labels never match the label-less quantile in `and`',
    lintCode: 'lint/vector-match-impossible',
    fixture: FIXTURE_DAY4,
  },
  {
    rule: 'MaestroCostAnomalyDetection',
    what: '`increase(...[1h])` (USD/hour, per series) compared with `cost_burn.max × 60 × 1.5` (USD/min); now `sum(increase(...[1h])) / 60`',
    fixture: FIXTURE_DAY4,
  },
  {
    rule: 'MaestroSLOErrorBudgetBurn',
    what: 'single 1 h window at 14.4x, no traffic guard, `$value` described as hours; now the workbook multi-window page and ticket tiers of a 99.9 % SLO (slo-math), guarded; the seed rule is the `seed` variant',
    lintCode: 'lint/ratio-without-traffic-guard',
    fixture: FIXTURE_DAY8,
    replacedBy: burnAlerts(maestroAvailabilitySlo),
  },
  {
    rule: 'MaestroSLOLatencyBudgetBurn',
    what: 'denominator sums every histogram bucket (all `le`) instead of the request count; now a 95 % latency SLO (steps within 1.5 s over `maestro_step_latency_count`) with multi-window burn tiers (slo-math)',
    lintCode: 'lint/bucket-sum-across-le',
    fixture: FIXTURE_DAY8,
    replacedBy: burnAlerts(maestroLatencySlo),
  },
  {
    rule: 'MaestroPredictiveCapacity',
    what: 'predicted runs per second compared with runs per day (now `* 86400`), and a 4 h slope of diurnal traffic extrapolated 24 h (fires every morning); now fitted on the daily mean',
    fixture: FIXTURE_DAY8,
  },
  {
    rule: 'maestro:tenant_utilization:1h',
    what: '`sum by (tenant) / sum` has no common labels and yields nothing; now `/ ignoring(tenant) group_left`',
    lintCode: 'lint/vector-match-impossible',
    fixture: FIXTURE_REC,
  },
  {
    rule: 'maestro:success_rate:5m',
    what: 'divisor unguarded: NaN at zero traffic; now `/ (sum(rate(...)) > 0)`',
    lintCode: 'lint/ratio-without-traffic-guard',
    fixture: FIXTURE_REC,
  },
];

export const maestro: SeedPack<MaestroPhase> = {
  name: 'maestro',
  seed: '000_f57bc8c7379662da.txt',
  summary: maestroRules.description,
  rules: maestroRules,
  alertmanager,
  silences,
  // Seed 000's KPI scorecard per phase as the budget: false positives < 20 % (day 0-7), < 5 % and fatigue < 3/10 (day 8-14).
  noiseBudget: (phase) => budgetFromTargets(SEED_000_TARGETS, phase),
  corrections,
  slos: { day8: MAESTRO_SLOS },
  variants: [
    {
      name: 'seed',
      phase: 'day8',
      description:
        "Seed 000's own availability alert: error ratio over one 1 h window above 14.4x the budget, for 5m, unguarded, in place of the generated page and ticket tiers",
      rules: seedVariantRules,
      replaces: burnAlerts(maestroAvailabilitySlo),
      by: [seedErrorBudgetBurn.spec.alert],
    },
  ],
  // The seed's collect-baselines.py queries (7 days, 5-minute step, p50/p90/p95/p99/max).
  baselineQueries: {
    run_rate: { expr: 'sum(rate(maestro_run_total[5m]))' },
    error_rate: { expr: 'sum(rate(maestro_run_errors_total[5m])) / sum(rate(maestro_run_total[5m]))' },
    p95_latency: { expr: 'histogram_quantile(0.95, sum(rate(maestro_step_latency_bucket[5m])) by (le))' },
    cost_burn: { expr: 'sum(rate(maestro_cost_usd_total[5m]))' },
  },
  // Day 4's error-rate and latency thresholds (and their `for`) calibrated from days 0-3: at most
  // one false page every two days. The cost alert is an `or` of two thresholds and keeps its
  // baseline multiples.
  calibration: {
    phase: 'day4',
    comparedWith: 'day0',
    maxFalsePositivesPerDay: 0.5,
    alerts: {
      MaestroErrorRateHigh: {
        signal:
          '(sum(rate(maestro_run_errors_total[5m])) / sum(rate(maestro_run_total[5m]))) and on () (sum(increase(maestro_run_total[5m])) >= 50)',
        incidentKinds: ['error-spike'],
      },
      MaestroLatencyAnomaly: {
        signal: (b) => {
          const p50 = b.run_rate?.p50;
          if (p50 === undefined) throw new Error('MaestroLatencyAnomaly calibration needs the baseline run_rate.p50');
          return `histogram_quantile(0.95, sum by (le) (rate(maestro_step_latency_bucket[5m]))) and (sum(rate(maestro_run_total[5m])) > ${p50})`;
        },
        incidentKinds: ['latency-regression'],
      },
    },
  },
};
