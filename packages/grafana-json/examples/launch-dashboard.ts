// A launch dashboard with a stat, a time series and a collapsed row, validated against Grafana 11.2.
import {
  dashboard,
  datasourceVariable,
  row,
  stat,
  thresholds,
  timeseries,
  validateDocument,
} from '@alertcraft/grafana-json';

// biome-ignore lint/suspicious/noTemplateCurlyInString: `${datasource}` is Grafana's dashboard-variable syntax
const prom = { type: 'prometheus', uid: '${datasource}' };

export function launchDashboard() {
  return dashboard({
    uid: 'checkout-launch',
    title: 'Checkout launch',
    variables: [datasourceVariable('datasource', 'prometheus')],
    panels: [
      stat('Error ratio', {
        datasource: prom,
        targets: [
          { expr: 'sum(rate(http_requests_total{code=~"5.."}[5m])) / (sum(rate(http_requests_total[5m])) > 0)' },
        ],
        unit: 'percentunit',
        thresholds: thresholds([
          ['green', null],
          ['yellow', 0.01],
          ['red', 0.05],
        ]),
      }),
      timeseries('Requests', {
        datasource: prom,
        targets: [{ expr: 'sum(rate(http_requests_total[5m])) * 60', legendFormat: 'requests/min' }],
        w: 18,
      }),
      row(
        'Details',
        [
          timeseries('By code', {
            datasource: prom,
            targets: [{ expr: 'sum by (code) (rate(http_requests_total[5m]))' }],
          }),
        ],
        { collapsed: true },
      ),
    ],
  });
}

export function launchDashboardProblems() {
  return validateDocument(launchDashboard()).problems;
}
