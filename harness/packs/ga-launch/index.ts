/**
 * # ga-launch: the GA launch-window SLO alerts (seed 003)
 *
 * The success report's targets for the Maestro Conductor GA window, as alerts on the
 * `maestro-api` service (`http_requests_total`, `http_request_duration_seconds`), one phase `ga`
 * (day 0, the launch itself):
 *
 * | target | alert | expression |
 * |---|---|---|
 * | availability > 99.9 % | `GaAvailabilityBelowTarget` | non-5xx share over 30m < 0.999 |
 * | p95 latency < 300 ms | `GaLatencyP95AboveTarget` | p95 over 5m > 0.3 s |
 * | error rate < 1 % | `GaErrorRateAboveTarget` | 5xx share over 5m > 0.01 |
 *
 * Availability uses the longer window (30 minutes: the whole change window) so that it measures
 * the launch, while the error rate catches a burst within minutes. Every ratio has a
 * minimum-volume guard: traffic ramps from zero at T+0 and the first handful of requests must
 * not page. The seed gives targets, not rules, so there is nothing to correct; thresholds are
 * literal (no baselines: there is no history before GA).
 */
import {
  defineAlert,
  defineGroup,
  definePack,
  gt,
  histogramQuantile,
  lt,
  metric,
  minVolumeGuard,
  ratio,
  type AlertmanagerConfig,
} from '@alertcraft/rule-dsl';
import { webhookReceiver, type AlertmanagerOptions, type SeedPack } from '../types.js';

const api = { job: 'maestro-api' };
const requests = metric('http_requests_total', api);
const ok = metric('http_requests_total', { ...api, code: { op: '!~', value: '5..' } });
const errors = metric('http_requests_total', { ...api, code: { op: '=~', value: '5..' } });
const latencyBucket = metric('http_request_duration_seconds_bucket', api);
const latencyCount = metric('http_request_duration_seconds_count', api);

const RUNBOOK = 'https://runbooks/maestro/ga-launch';

const slo = defineGroup({
  name: 'maestro-ga-slo',
  rules: [
    defineAlert({
      alert: 'GaAvailabilityBelowTarget',
      expr: minVolumeGuard(lt(ratio(ok, requests, '30m'), 0.999), { metric: requests, window: '30m', min: 1000 }),
      for: '5m',
      severity: 'page',
      annotations: {
        summary: 'GA availability {{ $value | humanizePercentage }} below the 99.9% target',
        runbook_url: `${RUNBOOK}#availability`,
      },
    }),
    defineAlert({
      alert: 'GaLatencyP95AboveTarget',
      expr: minVolumeGuard(gt(histogramQuantile(0.95, latencyBucket, { window: '5m' }), 0.3), {
        metric: latencyCount,
        window: '5m',
        min: 100,
      }),
      for: '5m',
      severity: 'page',
      annotations: {
        summary: 'GA p95 latency {{ $value | humanizeDuration }} above the 300ms target',
        runbook_url: `${RUNBOOK}#latency`,
      },
    }),
    defineAlert({
      alert: 'GaErrorRateAboveTarget',
      expr: minVolumeGuard(gt(ratio(errors, requests, '5m'), 0.01), { metric: requests, window: '5m', min: 100 }),
      for: '5m',
      severity: 'page',
      annotations: {
        summary: 'GA 5xx error rate {{ $value | humanizePercentage }} above the 1% target',
        runbook_url: `${RUNBOOK}#error-rate`,
      },
    }),
  ],
});

export const gaLaunchRules = definePack({
  name: 'ga-launch',
  description: 'GA launch-window SLO alerts: availability > 99.9%, p95 < 300ms, error rate < 1% (seed 003).',
  scrapeInterval: '15s',
  evaluationInterval: '15s',
  phaseLabel: 'phase',
  phases: [{ id: 'ga', title: 'GA launch window (T+0 to T+30m)', days: [0, 0] }],
  groups: [slo],
  expectations: {
    ga: [
      {
        incident: 'error-spike',
        labels: api,
        alerts: ['GaErrorRateAboveTarget', 'GaAvailabilityBelowTarget'],
        within: '10m',
      },
      { incident: 'latency-regression', labels: api, alerts: ['GaLatencyP95AboveTarget'], within: '10m' },
    ],
  },
});

/** Seed 003: PagerDuty service maestro-conductor-prod pages; Slack #maestro-alerts sees everything. */
function alertmanager(_phase: 'ga', options: AlertmanagerOptions = {}): AlertmanagerConfig {
  return {
    route: {
      receiver: 'slack-maestro-alerts',
      group_by: ['alertname'],
      group_wait: '10s',
      group_interval: '1m',
      repeat_interval: '30m',
      routes: [
        { matchers: ['severity="page"'], receiver: 'pagerduty-maestro-conductor-prod', continue: true },
        { matchers: ['severity="page"'], receiver: 'slack-maestro-alerts' },
      ],
    },
    receivers: ['slack-maestro-alerts', 'pagerduty-maestro-conductor-prod'].map((r) => webhookReceiver(r, options)),
  };
}

export const gaLaunch: SeedPack<'ga'> = {
  name: 'ga-launch',
  seed: '003_401afc8331685d1b.txt',
  summary: gaLaunchRules.description,
  rules: gaLaunchRules,
  alertmanager,
  corrections: [],
};
