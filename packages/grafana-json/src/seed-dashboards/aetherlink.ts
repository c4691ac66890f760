/**
 * Seed 001's 5-panel AetherLink dashboard (Grafana 11.2.0): three health gauges, the 30-day cost
 * estimate and the health score, over the aetherlink pack's recording rules, with the seed's
 * thresholds (30/50, 60/80, 30/50, $50/$200, 60/80).
 */
import { dashboard } from '../dashboards/dashboard.js';
import { gauge, stat, thresholds } from '../dashboards/panels.js';
import type { Dashboard } from '../dashboards/types.js';
import { datasourceFromVariable, datasourceVariable } from '../dashboards/variables.js';

const PROM = datasourceFromVariable('datasource', 'prometheus');

export function aetherlinkDashboard(): Dashboard {
  return dashboard({
    uid: 'aetherlink-health',
    title: 'AetherLink Health',
    tags: ['aetherlink'],
    refresh: '1m',
    variables: [datasourceVariable('datasource', 'prometheus', { label: 'Prometheus' })],
    panels: [
      gauge('Cache Hit Ratio', {
        datasource: PROM,
        targets: [{ expr: '100 * aether:cache_hit_ratio:5m:all' }],
        unit: 'percent',
        min: 0,
        max: 100,
        thresholds: thresholds([
          ['red', null],
          ['yellow', 30],
          ['green', 50],
        ]),
        w: 8,
      }),
      gauge('Rerank Utilization', {
        datasource: PROM,
        targets: [{ expr: 'aether:rerank_utilization_pct:15m:all' }],
        unit: 'percent',
        min: 0,
        max: 100,
        thresholds: thresholds([
          ['green', null],
          ['yellow', 60],
          ['red', 80],
        ]),
        w: 8,
      }),
      gauge('Low-Confidence Share', {
        datasource: PROM,
        targets: [{ expr: 'aether:lowconfidence_pct:15m:all' }],
        unit: 'percent',
        min: 0,
        max: 100,
        thresholds: thresholds([
          ['green', null],
          ['yellow', 30],
          ['red', 50],
        ]),
        w: 8,
      }),
      stat('30-Day Cost Estimate', {
        datasource: PROM,
        targets: [{ expr: 'aether:estimated_cost_30d_usd' }],
        unit: 'currencyUSD',
        decimals: 0,
        thresholds: thresholds([
          ['green', null],
          ['yellow', 50],
          ['red', 200],
        ]),
        w: 12,
        h: 6,
      }),
      stat('System Health Score', {
        datasource: PROM,
        targets: [{ expr: 'aether:health_score:15m' }],
        unit: 'none',
        min: 0,
        max: 100,
        thresholds: thresholds([
          ['red', null],
          ['yellow', 60],
          ['green', 80],
        ]),
        w: 12,
        h: 6,
      }),
    ],
  });
}
