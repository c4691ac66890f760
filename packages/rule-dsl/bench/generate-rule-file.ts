/**
 * A deterministic rule file of `rules` rules for benchmarks, built from the seed 000 rule shapes
 * with a seeded PRNG (same seed, same bytes): about half the rules carry one of the seed mistakes,
 * so every lint check does real work.
 */
import { mulberry32 } from '@alertcraft/promql/testing';

const SHAPES: Array<(m: string, w: string) => string> = [
  (m, w) => `(sum(rate(${m}_errors_total[${w}])) / sum(rate(${m}_total[${w}]))) > 0.02`,
  (m, w) => `histogram_quantile(0.95, sum(rate(${m}_latency_bucket[${w}])) by (le)) > 1.8`,
  (m, w) => `sum(rate(${m}_cost_usd_total[${w}])) > 2.0`,
  (m, w) =>
    `|\n          (sum by (tenant) (rate(${m}_errors_total[${w}])) > 0.1)\n          and on (tenant)\n          (${m}_tenant_tier{tier="premium"})`,
  (m, w) => `sum by (tenant) (increase(${m}_total[${w}])) / sum(increase(${m}_total[${w}]))`,
  (m, w) => `sum(rate(${m}_queue_depth[${w}])) > 10 and sum(rate(${m}_total[${w}])) > 0`,
];

export function generateRuleFile(rules: number, seed = 42): string {
  const rnd = mulberry32(seed);
  const lines = ['groups:'];
  const perGroup = 50;
  for (let i = 0; i < rules; i++) {
    if (i % perGroup === 0) lines.push(`  - name: generated-${i / perGroup}`, '    rules:');
    const m = `svc${Math.floor(rnd() * 200)}`;
    const w = ['1m', '2m', '5m', '10m'][Math.floor(rnd() * 4)];
    const shape = SHAPES[Math.floor(rnd() * SHAPES.length)](m, w);
    const severity = ['page', 'critical', 'warning'][Math.floor(rnd() * 3)];
    const expr = shape.startsWith('|') ? shape : JSON.stringify(shape);
    if (rnd() < 0.25) {
      lines.push(`      - record: ${m}:generated_${i}:${w}`, `        expr: ${expr}`);
    } else {
      lines.push(
        `      - alert: Generated${i}`,
        `        expr: ${expr}`,
        `        for: ${['0s', '30s', '2m', '5m'][Math.floor(rnd() * 4)]}`,
        `        labels: { severity: ${severity} }`,
        '        annotations:',
        `          summary: '${rnd() < 0.3 ? 'Budget burn > $2/min' : 'Something is wrong'}'`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
