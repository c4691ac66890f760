// A launch pack for an `orders` service: a hair-trigger error-rate alert on day 0 that waits
// longer and looks over a longer window from day 8, and an instance-down alert for every phase.
import { defineAlert, defineGroup, definePack, metric, promql, trafficGuard } from '@alertcraft/rule-dsl';

const errorRate = defineAlert<{ threshold: number; window: string }>({
  alert: 'OrdersErrorRate',
  params: { threshold: 0.05, window: '5m' },
  severity: 'page',
  for: '2m',
  expr: (p) =>
    trafficGuard(
      promql`sum(rate(orders_errors_total[${p.window}])) / sum(rate(orders_requests_total[${p.window}])) > ${p.threshold}`,
      { metric: metric('orders_requests_total') },
    ),
  annotations: {
    summary: 'Orders error rate above {{ $value | humanizePercentage }}',
    runbook_url: 'https://runbooks.example/orders-errors',
  },
  phases: { day0: {}, day8: { threshold: 0.02, window: '30m', for: '10m' } },
});

const instanceDown = defineAlert({
  alert: 'OrdersInstanceDown',
  severity: 'page',
  for: '2m',
  expr: () => promql`up{job="orders"} == 0`,
  annotations: {
    summary: 'Orders instance {{ $labels.instance }} is down',
    runbook_url: 'https://runbooks.example/orders-down',
  },
});

export const ordersPack = definePack({
  name: 'orders',
  description: 'Orders service launch alerts',
  scrapeInterval: '30s',
  phases: [
    { id: 'day0', days: [0, 7] },
    { id: 'day8', days: [8, 13] },
  ],
  groups: [defineGroup({ name: (ph) => `orders-${ph.id}`, rules: [errorRate, instanceDown] })],
});
