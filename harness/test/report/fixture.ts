// A small result built by hand for the report tests: maestro day0 catches its error spike,
// maestro day8 misses a premium-tenant outage and fires during a maintenance window.
import type { TimelineAlert } from '@alertcraft/promql';
import type { AlertmanagerConfig } from '@alertcraft/rule-dsl';
import { buildResult, buildRun } from '../../src/result/build.js';
import type { AlertSamples } from '../../src/report/render.js';
import type { Incident } from '../../src/scenario/types.js';
import type { ResultDocument } from '../../src/result/types.js';

export const T = Date.UTC(2025, 8, 1, 6);
const MIN = 60_000;
const H = 60 * MIN;
export const HOSTILE = `<script>window.__pwned = 1</script>&"x'`;

export const incidents: Incident[] = [
  {
    id: '01-error-spike',
    kind: 'error-spike',
    start: T + H,
    end: T + H + 20 * MIN,
    labels: { job: 'maestro' },
    magnitude: 0.08,
    description: '',
    expected: [
      { alertname: 'MaestroErrorRateSpike', pack: 'maestro', phases: ['day0'], within: 600 },
      { alertname: 'MaestroSLOErrorBudgetBurn', pack: 'maestro', phases: ['day8'], within: 1800 },
    ],
  },
  {
    id: '02-maintenance-window',
    kind: 'maintenance-window',
    start: T + 3 * H,
    end: T + 3 * H + 30 * MIN,
    labels: { job: 'maestro' },
    magnitude: 1,
    description: '',
    expected: [],
  },
  {
    id: '03-premium-tenant-outage',
    kind: 'premium-tenant-outage',
    start: T + 4 * H,
    end: T + 4 * H + 40 * MIN,
    labels: { job: 'maestro', tenant: HOSTILE },
    magnitude: 0.4,
    description: '',
    expected: [{ alertname: 'MaestroRevenueImpactingOutage', pack: 'maestro', phases: ['day8'], within: 1200 }],
  },
];

const day0Alerts: TimelineAlert[] = [
  {
    alertname: 'MaestroErrorRateSpike',
    labels: { severity: 'page' },
    state: 'inactive',
    activeAt: T + H + 2 * MIN,
    firedAt: T + H + 4 * MIN,
    resolvedAt: T + H + 25 * MIN,
  },
  {
    alertname: 'MaestroLatencyRegression',
    labels: { severity: 'page' },
    state: 'inactive',
    activeAt: T + 2 * H,
    resolvedAt: T + 2 * H + 2 * MIN,
  },
];
const day8Alerts: TimelineAlert[] = [
  {
    alertname: 'MaestroSLOErrorBudgetBurn',
    labels: { severity: 'critical', slo: 'availability' },
    state: 'inactive',
    activeAt: T + H + 10 * MIN,
    firedAt: T + H + 15 * MIN,
    resolvedAt: T + 2 * H,
  },
  {
    alertname: 'MaestroSLOErrorBudgetBurn',
    labels: { severity: 'critical', slo: 'availability' },
    state: 'inactive',
    activeAt: T + 3 * H + 5 * MIN,
    firedAt: T + 3 * H + 10 * MIN,
    resolvedAt: T + 3 * H + 20 * MIN,
  },
  {
    alertname: 'MaestroRevenueImpactingOutage',
    labels: { severity: 'critical', tenant: HOSTILE },
    state: 'firing',
    activeAt: T + 5 * H,
    firedAt: T + 5 * H + 5 * MIN,
  },
];

export const window = { start: T, end: T + 6 * H };

export function fixtureResult(): ResultDocument {
  const base = { scenario: 'maestro-smoke', runtime: 'embedded', seed: 1, window, incidents, pack: 'maestro' };
  return buildResult([
    buildRun({ ...base, phase: 'day8', alerts: day8Alerts }),
    buildRun({ ...base, phase: 'day0', alerts: day0Alerts }),
  ]);
}

/** A made-up error-ratio curve with a bump during the spike, as a runtime would sample it. */
export function fixtureSamples(): AlertSamples[] {
  const ts: number[] = [];
  const vs: number[] = [];
  for (let t = window.start; t <= window.end; t += 30_000) {
    ts.push(t);
    const inSpike = t >= T + H && t < T + H + 20 * MIN;
    vs.push(t >= T + 3 * H && t < T + 3 * H + 3 * MIN ? NaN : inSpike ? 0.08 : 0.0005 + 0.0002 * Math.sin(t / 3.6e6));
  }
  return [
    {
      pack: 'maestro',
      phase: 'day0',
      alertname: 'MaestroErrorRateSpike',
      query: 'sum(rate(maestro_run_errors_total[2m])) / sum(rate(maestro_run_total[2m]))',
      threshold: 0.05,
      timestamps: ts,
      values: vs,
    },
  ];
}

/**
 * A small Alertmanager configuration for the fixture: severity=critical to `oncall` (resolved
 * not sent), everything else to `pager` (resolved sent); group_wait 30s, group_interval 5m,
 * repeat_interval 4h (longer than any firing here, so no repeats).
 */
export function fixtureAlertmanager(): AlertmanagerConfig {
  return {
    route: {
      receiver: 'pager',
      group_by: ['alertname'],
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: '4h',
      routes: [{ receiver: 'oncall', matchers: ['severity="critical"'] }],
    },
    receivers: [
      { name: 'pager', webhook_configs: [{ url: 'http://pager.invalid/', send_resolved: true }] },
      { name: 'oncall', webhook_configs: [{ url: 'http://oncall.invalid/', send_resolved: false }] },
    ],
  };
}
