/**
 * A small hand-built scenario shared by the runtime tests. Scrape interval 15 s, 2 hours from
 * `start`. Every expected alert time in the tests is derived from these numbers (see comments there).
 */
import type { SeriesData } from '@alertcraft/promql';
import type { RuleGroup } from '@alertcraft/rule-dsl';

export const SCRAPE_MS = 15_000;
export const SAMPLES = 480; // 2 h
export const MIN = 60_000;

/** Sample i is at start + i × 15 s. */
export function smallScenario(start: number): SeriesData[] {
  const ts = new Float64Array(SAMPLES);
  const up = new Float64Array(SAMPLES);
  const ok = new Float64Array(SAMPLES);
  const err = new Float64Array(SAMPLES);
  for (let i = 0; i < SAMPLES; i++) {
    ts[i] = start + i * SCRAPE_MS;
    // Instance down from minute 60 (i = 240) to minute 75 (i = 300, up again).
    up[i] = i >= 240 && i < 300 ? 0 : 1;
    // 200s: +100 per scrape. 500s: +1 per scrape, +10 per scrape for i in [120, 200) (minutes 30–50).
    ok[i] = i === 0 ? 0 : ok[i - 1]! + 100;
    err[i] = i === 0 ? 0 : err[i - 1]! + (i >= 120 && i < 200 ? 10 : 1);
  }
  return [
    { labels: { __name__: 'up', job: 'api', instance: 'a' }, timestamps: ts, values: up },
    { labels: { __name__: 'http_requests_total', job: 'api', code: '200' }, timestamps: ts, values: ok },
    { labels: { __name__: 'http_requests_total', job: 'api', code: '500' }, timestamps: ts, values: err },
  ];
}

/** Two chained recording rules (so the backtest needs stages 0, 1, 2) and three alerts. */
export const SMALL_RULES: RuleGroup[] = [
  {
    name: 'api',
    interval: '30s',
    rules: [
      { record: 'job:http_errors:rate1m', expr: 'sum by (job) (rate(http_requests_total{code="500"}[1m]))' },
      {
        record: 'job:http_error_ratio:rate1m',
        expr: 'job:http_errors:rate1m / on (job) sum by (job) (rate(http_requests_total[1m]))',
      },
      {
        alert: 'HighErrorRatio',
        expr: 'job:http_error_ratio:rate1m > 0.05',
        for: '2m',
        labels: { severity: 'page' },
        annotations: { summary: 'error ratio high on {{ $labels.job }}' },
      },
      { alert: 'InstanceDown', expr: 'up == 0', for: '5m', labels: { severity: 'page' } },
      { alert: 'InstanceDownFast', expr: 'up == 0', keep_firing_for: '3m', labels: { severity: 'ticket' } },
    ],
  },
];

/**
 * The alert timeline `SMALL_RULES` must give over `smallScenario(start)` evaluated every 30 s from
 * `start`, derived by hand from Prometheus' semantics:
 *
 * - InstanceDown: up = 0 for samples 240..299, i.e. minutes [60, 75). Pending at the first
 *   evaluation seeing 0 (60m), firing when 5m have passed (65m), resolved when up is 1 again (75m).
 * - InstanceDownFast: for = 0 → firing at 60m in the same evaluation. Gone at 75m; keep_firing_for
 *   3m keeps it while ts − 75m < 3m (75m .. 77m30s); 78m resolves it.
 * - HighErrorRatio: rate(x[1m]) at a 30 s-aligned evaluation sees 5 samples (15 s scrape; range
 *   selectors include the left bound before Prometheus 3). Error increments are 10 from sample 120
 *   (30m). At 30m: increments 1,1,1,10 → 13 errors of 413 requests = 0.031 (< 0.05). At 30m30s:
 *   1,10,10,10 → 31/431 = 0.072 → pending; for 2m → firing at 32m30s. Increments are 1 again from
 *   sample 200 (50m): at 50m 10,10,10,1 → 0.072 still; at 50m30s 10,1,1,1 → 13/413 → resolved.
 */
export function expectedSmallAlerts(start: number): Array<Record<string, unknown>> {
  return [
    {
      alertname: 'HighErrorRatio',
      labels: { alertname: 'HighErrorRatio', job: 'api', severity: 'page' },
      annotations: { summary: 'error ratio high on api' },
      state: 'inactive',
      activeAt: start + 30.5 * MIN,
      firedAt: start + 32.5 * MIN,
      resolvedAt: start + 50.5 * MIN,
    },
    {
      alertname: 'InstanceDown',
      labels: { alertname: 'InstanceDown', instance: 'a', job: 'api', severity: 'page' },
      annotations: {},
      state: 'inactive',
      activeAt: start + 60 * MIN,
      firedAt: start + 65 * MIN,
      resolvedAt: start + 75 * MIN,
    },
    {
      alertname: 'InstanceDownFast',
      labels: { alertname: 'InstanceDownFast', instance: 'a', job: 'api', severity: 'ticket' },
      annotations: {},
      state: 'inactive',
      activeAt: start + 60 * MIN,
      firedAt: start + 60 * MIN,
      resolvedAt: start + 78 * MIN,
    },
  ];
}
