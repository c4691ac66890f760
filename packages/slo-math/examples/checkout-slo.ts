import { emitRuleFile, metric, re } from '@alertcraft/rule-dsl';
import {
  defineSlo,
  detectionTime,
  emitUnitTests,
  generateRules,
  generateUnitTests,
  windowTable,
} from '@alertcraft/slo-math';

/** A 99.9 % availability SLO over 30 days, with the low-traffic guard and a relabelled ticket tier. */
export const checkout = defineSlo({
  name: 'checkout-availability',
  service: 'checkout',
  objective: 99.9,
  period: '30d',
  sli: {
    type: 'ratio',
    errors: metric('http_requests_total', { job: 'checkout', code: re('5..') }),
    total: metric('http_requests_total', { job: 'checkout' }),
  },
  alerting: { minEvents: 100, overrides: { 'ticket-slow': { severity: 'warning' } } },
});

/** The rule file and its promtool unit tests (`fast`: page tiers and absent alert; `slow`: ticket tiers). */
export function checkoutFiles(): Record<string, string> {
  const files: Record<string, string> = { 'checkout.rules.yaml': emitRuleFile(generateRules([checkout])) };
  for (const t of generateUnitTests([checkout], 'checkout.rules.yaml'))
    files[`checkout.${t.name}.test.yaml`] = emitUnitTests(t.data);
  return files;
}

/** Minutes until the fast page tier fires when 10 % of requests fail (a 100× burn). */
export function pageAfterMinutes(): number {
  return detectionTime(checkout.tiers[0]!, 100, checkout.objective) / 60_000;
}

export const table = windowTable(99.9, 30 * 86_400_000);
