// Fixtures for the dashboard-preview tests: replayed series in an engine storage and a dashboard
// with one panel of each previewed type plus three broken ones (a typo, no data, an unresolved variable).
import {
  customVariable,
  dashboard,
  gauge,
  heatmap,
  queryVariable,
  row,
  stat,
  table,
  text,
  timeseries,
} from '@alertcraft/grafana-json';
import { createStorage } from '@alertcraft/promql';

const T0 = Date.UTC(2025, 8, 1, 6);
export const window = { start: T0 + 10 * 60_000, end: T0 + 3 * 3_600_000 };
const PROM = { type: 'prometheus', uid: 'prom' };

/** Three hours of 15 s samples: a counter per status code, a constant gauge, histogram buckets. */
export function previewStorage() {
  const storage = createStorage();
  const ts: number[] = [];
  for (let t = T0; t <= window.end; t += 15_000) ts.push(t);
  const counter = (perSecond: number) => ts.map((t) => ((t - T0) / 1000) * perSecond);
  storage.appendSeries({ __name__: 'http_requests_total', job: 'maestro', code: '200' }, ts, counter(10));
  storage.appendSeries({ __name__: 'http_requests_total', job: 'maestro', code: '500' }, ts, counter(0.5));
  storage.appendSeries(
    { __name__: 'queue_depth', job: 'maestro' },
    ts,
    ts.map(() => 7),
  );
  for (const [le, share] of [
    ['0.1', 0.5],
    ['0.5', 0.9],
    ['+Inf', 1],
  ] as const) {
    storage.appendSeries({ __name__: 'request_duration_seconds_bucket', job: 'maestro', le }, ts, counter(10 * share));
  }
  return storage;
}

export function previewFixtureDashboard() {
  const t = (expr: string, legendFormat?: string) => ({ expr, ...(legendFormat ? { legendFormat } : {}) });
  return dashboard({
    uid: 'preview-test',
    title: 'Preview test',
    variables: [customVariable('job', ['maestro', 'other']), queryVariable('tenant', PROM, 'label_values(tenant)')],
    panels: [
      timeseries('Requests/s by code', {
        datasource: PROM,
        targets: [t('sum by (code) (rate(http_requests_total{job="$job"}[$__rate_interval]))', '{{code}}')],
      }),
      stat('Queue depth', { datasource: PROM, targets: [t('sum(queue_depth)')], thresholds: undefined }),
      gauge('Error ratio', {
        datasource: PROM,
        unit: 'percentunit',
        min: 0,
        max: 1,
        targets: [t('sum(rate(http_requests_total{code="500"}[5m])) / sum(rate(http_requests_total[5m]))')],
      }),
      table('Requests by code', {
        datasource: PROM,
        targets: [t('sum by (code) (increase(http_requests_total[1h]))')],
      }),
      heatmap('Latency buckets', {
        datasource: PROM,
        targets: [t('sum by (le) (rate(request_duration_seconds_bucket[$__rate_interval]))', '{{le}}')],
      }),
      row('Broken', [
        timeseries('Typo', { datasource: PROM, targets: [t('rate(http_requests_total[5m]')] }),
        stat('Nothing there', { datasource: PROM, targets: [t('sum(up{job="absent"})')] }),
        stat('Unresolved variable', { datasource: PROM, targets: [t('sum(queue_depth{tenant="$tenant"})')] }),
      ]),
      text('Notes', { options: { content: 'hello', mode: 'markdown' } }),
    ],
  });
}
