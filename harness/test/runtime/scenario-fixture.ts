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
      { record: 'job:http_error_ratio:rate1m', expr: 'job:http_errors:rate1m / on (job) sum by (job) (rate(http_requests_total[1m]))' },
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
