/**
 * Seed 000's Maestro launch dashboards, generated with the builders: the executive view and the
 * week-2 capacity planning dashboard, each with the seed's defects fixed and named in `corrections`.
 */
import type { DataSourceRef } from '../alerts/expressions.js';
import { dashboard } from '../dashboards/dashboard.js';
import { row } from '../dashboards/layout.js';
import { heatmap, stat, thresholds, timeseries, type PanelOptions } from '../dashboards/panels.js';
import type { Dashboard } from '../dashboards/types.js';
import { datasourceFromVariable, datasourceVariable } from '../dashboards/variables.js';
import type { DashboardCorrection } from './corrections.js';

const PROM: DataSourceRef = datasourceFromVariable('datasource', 'prometheus');
const vars = () => [datasourceVariable('datasource', 'prometheus', { label: 'Prometheus' })];
const q = (expr: string, legendFormat?: string): NonNullable<PanelOptions['targets']>[number] =>
  legendFormat === undefined ? { expr } : { expr, legendFormat };

export const maestroExecutiveCorrections: readonly DashboardCorrection[] = [
  {
    panel: '🚦 Health Score',
    code: 'grafana/thresholds-array',
    correction:
      'fieldConfig.thresholds was a flat array Grafana ignores; now fieldConfig.defaults.thresholds { mode: absolute, steps } with a null base step',
  },
  {
    panel: '🚦 Health Score',
    correction:
      'the error ratio divided by a rate that is 0 before launch traffic (NaN); the denominator is guarded with > 0',
  },
  {
    panel: '🛡️ Safety Guardian Actions',
    code: 'grafana/per-second-legend',
    correction: '"Blocks/min" and "Warnings/min" labelled per-second rates; the queries are multiplied by 60',
  },
  {
    panel: '💰 Cost Burn Rate',
    code: 'grafana/per-second-legend',
    correction: '"USD/min" labelled a per-second rate; multiplied by 60',
  },
  {
    panel: '(dashboard)',
    code: 'grafana/schema-required',
    correction: 'no uid, schemaVersion, templating or annotations; the seed also garbled the emoji of one title',
  },
];

export function maestroExecutiveDashboard(): Dashboard {
  return dashboard({
    uid: 'maestro-ga-executive',
    title: 'Maestro GA Launch - Executive View',
    tags: ['maestro', 'ga-launch'],
    from: 'now-6h',
    refresh: '30s',
    variables: vars(),
    panels: [
      stat('🚦 Health Score', {
        datasource: PROM,
        targets: [q('100 - 100 * sum(rate(maestro_run_errors_total[5m])) / (sum(rate(maestro_run_total[5m])) > 0)')],
        unit: 'percent',
        min: 0,
        max: 100,
        decimals: 2,
        thresholds: thresholds([
          ['red', null],
          ['yellow', 95],
          ['green', 99],
        ]),
        w: 6,
        h: 8,
      }),
      timeseries('📊 Run Volume (5m)', {
        datasource: PROM,
        targets: [q('sum(rate(maestro_run_total[5m]))', 'Runs/sec')],
        unit: 'ops',
        w: 9,
      }),
      timeseries('💰 Cost Burn Rate', {
        datasource: PROM,
        targets: [q('sum(rate(maestro_cost_usd_total[5m])) * 60', 'USD/min')],
        unit: 'currencyUSD',
        w: 9,
      }),
      timeseries('🛡️ Safety Guardian Actions', {
        datasource: PROM,
        targets: [
          q('sum(rate(maestro_safety_blocks_total[5m])) * 60', 'Blocks/min'),
          q('sum(rate(maestro_safety_warnings_total[5m])) * 60', 'Warnings/min'),
        ],
        unit: 'short',
        overrides: [{ field: 'Blocks/min', properties: { color: { mode: 'fixed', fixedColor: 'red' } } }],
        w: 24,
      }),
    ],
  });
}

export const maestroCapacityCorrections: readonly DashboardCorrection[] = [
  {
    panel: 'Resource Utilization Heatmap',
    code: 'grafana/heatmap-timestamp',
    correction:
      'the heatmap multiplied run rates by hour(timestamp()), the hour of evaluation, so it drew the clock, not load; now Grafana buckets the run rate per tenant over time (calculate: true)',
  },
  {
    panel: '(dashboard)',
    code: 'grafana/schema-required',
    correction: 'no uid, schemaVersion, templating or annotations',
  },
];

export function maestroCapacityDashboard(): Dashboard {
  return dashboard({
    uid: 'maestro-capacity-week2',
    title: 'Maestro Capacity Planning - Week 2',
    tags: ['maestro', 'capacity'],
    from: 'now-7d',
    refresh: '5m',
    variables: vars(),
    panels: [
      timeseries('Growth Trajectory', {
        datasource: PROM,
        targets: [
          q('predict_linear(sum(rate(maestro_run_total[2h]))[7d:1h], 7*24*3600)', '7-day prediction'),
          q('sum(rate(maestro_run_total[2h]))', 'Current rate'),
        ],
        unit: 'ops',
        w: 24,
      }),
      row(
        'Utilization',
        [
          heatmap('Resource Utilization Heatmap', {
            datasource: PROM,
            targets: [{ expr: 'sum by (tenant) (rate(maestro_run_total[1h]))', format: 'time_series' }],
            options: { calculate: true, calculation: { xBuckets: { mode: 'size', value: '1h' } } },
            unit: 'ops',
          }),
          timeseries('Cost Efficiency Trend', {
            datasource: PROM,
            targets: [q('maestro:cost_per_success:5m', 'USD per successful run')],
            unit: 'currencyUSD',
          }),
        ],
        { collapsed: true },
      ),
    ],
  });
}
