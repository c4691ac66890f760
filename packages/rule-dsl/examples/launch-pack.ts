// One alert, three launch phases: a hair-trigger literal on day 0, a baseline-derived threshold
// on day 4, a longer window on day 8. Rendered per phase and emitted as Prometheus rule YAML.
import {
  baseline,
  defineAlert,
  defineGroup,
  definePack,
  emitRuleFile,
  metric,
  promql,
  render,
  trafficGuard,
} from '@alertcraft/rule-dsl';
import type { Threshold } from '@alertcraft/rule-dsl';

const errorRate = defineAlert<{ threshold: Threshold; window: string }>({
  alert: 'CheckoutErrorRate',
  params: { threshold: 0.02, window: '5m' },
  severity: 'page',
  for: '2m',
  expr: (p) =>
    trafficGuard(
      promql`sum(rate(checkout_errors_total[${p.window}])) / sum(rate(checkout_requests_total[${p.window}])) > ${p.threshold}`,
      { metric: metric('checkout_requests_total') },
    ),
  annotations: {
    summary: 'Checkout error rate above threshold',
    runbook_url: 'https://runbooks.example/checkout-errors',
  },
  phases: {
    day0: {},
    day4: { threshold: baseline('error_rate', 'p95').times(1.5), for: '10m' },
    day8: { window: '1h', for: '15m' },
  },
});

export const checkoutPack = definePack({
  name: 'checkout',
  description: 'Checkout launch alerts',
  scrapeInterval: '30s',
  phases: [
    { id: 'day0', days: [0, 3] },
    { id: 'day4', days: [4, 7] },
    { id: 'day8', days: [8, 13] },
  ],
  groups: [defineGroup({ name: (ph) => `checkout-${ph.id}`, rules: [errorRate] })],
});

export function renderCheckout(phase: 'day0' | 'day4' | 'day8'): string {
  return emitRuleFile(render(checkoutPack, phase, { baselines: { error_rate: { p95: 0.004 } } }));
}

console.log(renderCheckout('day4'));
