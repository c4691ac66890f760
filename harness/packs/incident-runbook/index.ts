/**
 * # incident-runbook: the alerts of the monitoring & observability incident runbook (seed 002)
 *
 * The runbook names seven alerts and their escalation (P1 `severity=page` for persistent SLO
 * breaches, P2 `severity=ticket` for revenue/signup anomalies, P3 capacity forecasts as tickets)
 * but not their expressions; this pack writes them against the metrics the runbook points at:
 *
 * | alert | severity | metric(s) |
 * |---|---|---|
 * | `ApiLatencySLOBreach` | page | `http_request_duration_seconds_bucket{job="maestro-api"}` (p95 > 300 ms, seed 003's target) |
 * | `ApiErrorBudgetBurn` | page | `http_requests_total{job="maestro-api",code=~"5.."}` (99.9 % SLO, 14.4× burn over 1 h and 5 m) |
 * | `BusinessSignupAnomaly` | ticket | `signups_total` outside the baseline band |
 * | `SignupZeroTraffic` | ticket | `signups_total` flat while the API serves traffic |
 * | `RevenueRunRateShortfall` | ticket | `business:revenue_per_minute` (a gauge in USD/min; absent = ingestion stopped) |
 * | `CapacityCPUForecastCritical` | ticket | `node_cpu_seconds_total{mode="idle"}`, 4 h linear forecast > 90 % busy |
 * | `CapacityMemoryForecastCritical` | ticket | `node_memory_MemAvailable_bytes` / `node_memory_MemTotal_bytes`, 4 h forecast < 10 % available |
 *
 * One phase, `production` (the runbook applies once the launch alerting has matured).
 *
 * ## Example baselines (`example-baselines.json`)
 *
 * `signup_rate` in signups per second (`sum(rate(signups_total[30m]))` over a week) and
 * `revenue_per_minute` in USD/min (`sum(business:revenue_per_minute)`), with the statistics the
 * seed-000 baseline job computes plus `p10` for the low side. The values follow the business
 * scenario family (`harness/src/scenario/families/business.ts`: 0.4 signups/s and $480/min at the
 * weekday peak, a diurnal trough around a third of that). Thresholds: signups below
 * `signup_rate.p10 × 0.5` or above `signup_rate.max × 3`; revenue below `revenue_per_minute.p10 × 0.5`.
 *
 * ## Notes
 *
 * - `business:revenue_per_minute` is already a per-minute gauge: it is averaged
 *   (`avg_over_time`), never `rate()`d (a rate of a gauge is meaningless).
 * - The zero-signup alert requires API traffic (`and on() … > 0`), so a quiet night or a
 *   platform-wide outage (already paged by the API alerts) does not also open a signup ticket.
 */
import {
  and,
  baseline,
  defineAlert,
  defineGroup,
  definePack,
  gt,
  histogramQuantile,
  lt,
  metric,
  minVolumeGuard,
  or,
  overTime,
  promql,
  rate,
  ratio,
  sum,
  type Baselines,
  type AlertmanagerConfig,
} from '@alertcraft/rule-dsl';
import { webhookReceiver, type AlertmanagerOptions, type SeedPack } from '../types.js';
import exampleBaselines from './example-baselines.json' with { type: 'json' };

const api = { job: 'maestro-api' };
const httpRequests = metric('http_requests_total', api);
const http5xx = metric('http_requests_total', { ...api, code: { op: '=~', value: '5..' } });
const latencyBucket = metric('http_request_duration_seconds_bucket', api);
const latencyCount = metric('http_request_duration_seconds_count', api);
const signups = metric('signups_total');
const revenuePerMinute = metric('business:revenue_per_minute');
const cpuIdle = metric('node_cpu_seconds_total', { mode: 'idle' });

const RUNBOOK = 'https://runbooks/ops/monitoring-incident-runbook';

const apiSlo = defineGroup({
  name: 'api-slo',
  rules: [
    defineAlert({
      alert: 'ApiLatencySLOBreach',
      expr: minVolumeGuard(gt(histogramQuantile(0.95, latencyBucket, { window: '5m' }), 0.3), {
        metric: latencyCount,
        window: '5m',
        min: 100,
      }),
      for: '10m',
      severity: 'page',
      annotations: {
        summary: 'maestro-api p95 latency {{ $value | humanizeDuration }} above the 300ms SLO',
        runbook_url: `${RUNBOOK}#apilatencyslobreach--apierrorbudgetburn`,
      },
    }),
    defineAlert({
      alert: 'ApiErrorBudgetBurn',
      // 99.9 % availability: 14.4× burn = 1.44 % errors, over the long (1 h) and short (5 m) window.
      expr: minVolumeGuard(
        and(gt(ratio(http5xx, httpRequests, '1h'), 0.0144), gt(ratio(http5xx, httpRequests, '5m'), 0.0144)),
        {
          metric: httpRequests,
          window: '1h',
          min: 1000,
        },
      ),
      for: '2m',
      severity: 'page',
      annotations: {
        summary: 'maestro-api 5xx ratio {{ $value | humanizePercentage }} burns the 99.9% error budget 14.4x too fast',
        runbook_url: `${RUNBOOK}#apilatencyslobreach--apierrorbudgetburn`,
      },
    }),
  ],
});

const businessSignals = defineGroup({
  name: 'business-signals',
  rules: [
    defineAlert({
      alert: 'BusinessSignupAnomaly',
      expr: or(
        lt(sum(rate(signups, '30m')), baseline('signup_rate', 'p10').times(0.5)),
        gt(sum(rate(signups, '30m')), baseline('signup_rate', 'max').times(3)),
      ),
      for: '15m',
      severity: 'ticket',
      annotations: {
        summary: 'Signup rate {{ $value | printf "%.3f" }}/s is outside the baseline band',
        runbook_url: `${RUNBOOK}#businesssignupanomaly--signupzerotraffic`,
      },
    }),
    defineAlert({
      alert: 'SignupZeroTraffic',
      expr: and(promql`(${sum(rate(signups, '10m'))} or on () vector(0)) == 0`, gt(sum(rate(httpRequests, '10m')), 0), {
        on: [],
      }),
      for: '10m',
      severity: 'ticket',
      annotations: {
        summary: 'No signups for 10 minutes while maestro-api serves traffic',
        runbook_url: `${RUNBOOK}#businesssignupanomaly--signupzerotraffic`,
      },
    }),
    defineAlert({
      alert: 'RevenueRunRateShortfall',
      expr: or(
        lt(sum(overTime('avg', revenuePerMinute, '30m')), baseline('revenue_per_minute', 'p10').times(0.5)),
        promql`absent_over_time(${revenuePerMinute.range('15m')})`,
        {
          on: [],
        },
      ),
      for: '10m',
      severity: 'ticket',
      annotations: {
        summary: 'Revenue run rate below half the baseline p10 (or business:revenue_per_minute not ingested)',
        runbook_url: `${RUNBOOK}#revenuerunrateshortfall`,
      },
    }),
  ],
});

const capacity = defineGroup({
  name: 'capacity-forecast',
  rules: [
    defineAlert({
      alert: 'CapacityCPUForecastCritical',
      expr: gt(promql`predict_linear((1 - avg by (instance) (${rate(cpuIdle, '5m')}))[6h:5m], 4 * 3600)`, 0.9),
      for: '30m',
      severity: 'ticket',
      labels: { type: 'capacity' },
      annotations: {
        summary: 'CPU on {{ $labels.instance }} forecast above 90% busy within 4h',
        runbook_url: `${RUNBOOK}#capacity-forecast-alerts`,
      },
    }),
    defineAlert({
      alert: 'CapacityMemoryForecastCritical',
      expr: lt(
        promql`predict_linear(node_memory_MemAvailable_bytes[6h], 4 * 3600)`,
        promql`0.1 * node_memory_MemTotal_bytes`,
      ),
      for: '30m',
      severity: 'ticket',
      labels: { type: 'capacity' },
      annotations: {
        summary: 'Available memory on {{ $labels.instance }} forecast below 10% within 4h',
        runbook_url: `${RUNBOOK}#capacity-forecast-alerts`,
      },
    }),
  ],
});

export const incidentRunbookRules = definePack({
  name: 'incident-runbook',
  description:
    'The seven alerts of the monitoring & observability incident runbook: API SLO pages, signup/revenue tickets, capacity forecasts (seed 002).',
  scrapeInterval: '30s',
  evaluationInterval: '30s',
  phases: [{ id: 'production', title: 'Production operations', days: [0, 365] }],
  groups: [apiSlo, businessSignals, capacity],
  expectations: {
    production: [
      { incident: 'error-spike', labels: { job: 'maestro-api' }, alerts: ['ApiErrorBudgetBurn'], within: '30m' },
      {
        incident: 'latency-regression',
        labels: { job: 'maestro-api' },
        alerts: ['ApiLatencySLOBreach'],
        within: '30m',
      },
      {
        incident: 'zero-traffic',
        labels: { job: 'growth' },
        alerts: ['SignupZeroTraffic', 'RevenueRunRateShortfall'],
        within: '60m',
      },
      {
        incident: 'capacity-creep',
        alerts: ['CapacityCPUForecastCritical', 'CapacityMemoryForecastCritical'],
        within: '12h',
      },
    ],
  },
  exampleBaselines: exampleBaselines as Baselines,
});

/** Escalation matrix of the runbook: page → incident commander (P1), ticket → Jira (P2), capacity → planning (P3). */
function alertmanager(_phase: 'production', options: AlertmanagerOptions = {}): AlertmanagerConfig {
  return {
    route: {
      receiver: 'default',
      group_by: ['alertname', 'job'],
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: '12h',
      routes: [
        { matchers: ['severity="page"'], receiver: 'pagerduty-p1', group_wait: '10s', repeat_interval: '1h' },
        { matchers: ['severity="ticket"', 'type="capacity"'], receiver: 'capacity-planning', repeat_interval: '24h' },
        { matchers: ['severity="ticket"'], receiver: 'jira-p2', repeat_interval: '12h' },
      ],
    },
    receivers: ['default', 'pagerduty-p1', 'jira-p2', 'capacity-planning'].map((r) => webhookReceiver(r, options)),
    inhibit_rules: [
      // A burning API budget explains a latency page for the same job: page once.
      { source_matchers: ['alertname="ApiErrorBudgetBurn"'], target_matchers: ['alertname="ApiLatencySLOBreach"'] },
    ],
  };
}

export const incidentRunbook: SeedPack<'production'> = {
  name: 'incident-runbook',
  seed: '002_d8846212ebb27b89.txt',
  summary: incidentRunbookRules.description,
  rules: incidentRunbookRules,
  alertmanager,
  corrections: [],
  // How example-baselines.json is measured: a week of the signal at a 5-minute step.
  baselineQueries: {
    signup_rate: { expr: 'sum(rate(signups_total[30m]))', stats: ['p10', 'p50', 'p90', 'p95', 'p99', 'max'] },
    revenue_per_minute: { expr: 'sum(business:revenue_per_minute)', stats: ['p10', 'p50', 'p90', 'p95', 'p99', 'max'] },
  },
};
