/**
 * Everything alertcraft emits validates: the generated seed dashboards against the Grafana 11.2
 * dashboard schema (and the cross-field checks), their import bodies, a dashboard using every panel
 * builder, rows and variables, and the DevDiag alert group in each of the three shapes.
 */
import { describe, expect, it } from 'vitest';
import {
  aetherlinkDashboard,
  ALERT_SHAPES,
  barGauge,
  customVariable,
  dashboard,
  dashboardImport,
  datasourceIndex,
  datasourceVariable,
  devdiagAlertGroup,
  gauge,
  heatmap,
  intervalVariable,
  maestroCapacityDashboard,
  maestroExecutiveDashboard,
  pieChart,
  queryVariable,
  row,
  stat,
  table,
  text,
  thresholds,
  timeseries,
  validateDocument,
  writeAlertDocument,
  type Dashboard,
} from '../src/index.js';

const PROM = { type: 'prometheus', uid: 'prom-main' };

function everyBuilder(): Dashboard {
  const t = [{ expr: 'sum(rate(http_requests_total[5m]))' }];
  return dashboard({
    uid: 'every-builder',
    title: 'Every builder',
    panels: [
      text('About', 'Launch **status**'),
      timeseries('Requests', {
        datasource: PROM,
        targets: t,
        unit: 'reqps',
        links: [{ title: 'Runbook', url: 'https://example.com/rb' }],
      }),
      stat('Now', {
        datasource: PROM,
        targets: t,
        thresholds: thresholds([
          ['green', null],
          ['red', 100],
        ]),
      }),
      gauge('Ratio', {
        datasource: PROM,
        targets: t,
        unit: 'percentunit',
        min: 0,
        max: 1,
        thresholds: thresholds(
          [
            ['red', null],
            ['green', 0.5],
          ],
          'percentage',
        ),
      }),
      barGauge('By job', { datasource: PROM, targets: [{ expr: 'sum by (job) (up)', legendFormat: '{{job}}' }] }),
      row('Details', [
        table('Top', {
          datasource: PROM,
          targets: [{ expr: 'topk(5, up)', instant: true, format: 'table' }],
          overrides: [{ field: 'Value', properties: { unit: 'short' } }],
        }),
        heatmap('Latency', {
          datasource: PROM,
          targets: [{ expr: 'sum by (le) (rate(http_request_duration_seconds_bucket[5m]))', legendFormat: '{{le}}' }],
        }),
      ]),
      row(
        'Collapsed',
        [
          pieChart('Share', { datasource: PROM, targets: [{ expr: 'sum by (code) (rate(http_requests_total[5m]))' }] }),
          stat('Inner', { datasource: PROM, targets: t }),
        ],
        { collapsed: true },
      ),
    ],
    variables: [
      datasourceVariable('ds', 'prometheus'),
      queryVariable('job', PROM, 'label_values(up, job)', { multi: true, includeAll: true }),
      customVariable('env', ['prod', 'staging']),
      intervalVariable('window', ['1m', '5m', '1h'], { auto: true }),
    ],
    links: [{ title: 'Docs', url: 'https://example.com' }],
  });
}

const emitted: Array<[string, Dashboard]> = [
  ['maestro executive', maestroExecutiveDashboard()],
  ['maestro capacity', maestroCapacityDashboard()],
  ['aetherlink', aetherlinkDashboard()],
  ['every builder', everyBuilder()],
];

describe('emitted dashboards', () => {
  it.each(emitted)('%s has no problem at all against the 11.2 schema and the checks', (_, d) => {
    expect(validateDocument(d, { kind: 'dashboard' }).problems).toEqual([]);
    expect(d.schemaVersion).toBe(39);
  });

  it.each(emitted)('%s import body (POST /api/dashboards/db) validates', (_, d) => {
    expect(validateDocument(dashboardImport(d, { folderUid: 'launch' })).problems).toEqual([]);
  });

  it('lays rows out: collapsed rows hold their panels, ids are unique across nesting', () => {
    const d = everyBuilder();
    const rows = (d.panels ?? []).filter((p) => p.type === 'row');
    expect(
      rows.map((r) => [r.title, (r as { collapsed: boolean }).collapsed, (r as { panels: unknown[] }).panels.length]),
    ).toEqual([
      ['Details', false, 0],
      ['Collapsed', true, 2],
    ]);
    const ids = (d.panels ?? []).flatMap((p) => [
      p.id,
      ...((p as { panels?: Array<{ id: number }> }).panels ?? []).map((n) => n.id),
    ]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("a datasource list with the dashboards' uids accepts them; without the uid it names the panel", () => {
    const ds = datasourceIndex([{ uid: 'prom-main', type: 'prometheus' }]);
    expect(validateDocument(everyBuilder(), { datasources: ds }).problems).toEqual([]);
    const other = datasourceIndex([{ uid: 'prom-other', type: 'prometheus' }]);
    const ps = validateDocument(everyBuilder(), { datasources: other }).problems;
    expect(ps.some((p) => p.code === 'grafana/unknown-datasource' && p.path === '$.panels[1].datasource.uid')).toBe(
      true,
    );
    expect(ps.some((p) => p.path === '$.panels[8].panels[0].targets[0].datasource.uid')).toBe(true);
  });
});

describe('emitted DevDiag alerts', () => {
  const group = devdiagAlertGroup();

  it.each(ALERT_SHAPES)('validate in the %s shape with no problem', (shape) => {
    const doc = writeAlertDocument([group], shape);
    const r = validateDocument(doc, {
      datasources: datasourceIndex([{ uid: 'devdiag-postgres', type: 'grafana-postgresql-datasource' }]),
    });
    expect(r.problems).toEqual([]);
  });

  it('writes each provisioning API rule as POST /api/v1/provisioning/alert-rules takes it', () => {
    const doc = writeAlertDocument([group], 'provisioning-api') as { rules: unknown[] };
    for (const rule of doc.rules) expect(validateDocument(rule, { kind: 'provisioning-api' }).problems).toEqual([]);
  });

  it('models the five seed alerts with their thresholds and the stalled NoData → Alerting', () => {
    const summary = group.rules.map((r) => {
      const th = r.data.find((q) => q.model.type === 'threshold')?.model.conditions as Array<{
        evaluator: { type: string; params: number[] };
      }>;
      return [r.uid, th[0].evaluator.type, th[0].evaluator.params[0], r.noDataState];
    });
    expect(summary).toEqual([
      ['devdiag-confidence-drop', 'lt', 0.7, 'NoData'],
      ['devdiag-high-diversity', 'gt', 10, 'NoData'],
      ['devdiag-runs-stalled', 'lt', 1, 'Alerting'],
      ['devdiag-top-problem-dominates', 'gt', 0.2, 'NoData'],
      ['devdiag-ttr-regression', 'gt', 2, 'NoData'],
    ]);
    expect(group.rules.every((r) => r.data[0].datasourceUid === 'devdiag-postgres')).toBe(true);
    expect(group.intervalSeconds % 10).toBe(0);
  });
});
