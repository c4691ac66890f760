// Lint a rule file: seed 000's day-0 budget alert compares a per-second rate with a per-minute
// threshold ("> $2/min") over a window too short for a 30 s scrape.
import { lintFile } from '@alertcraft/rule-dsl';

export const seedRule = `groups:
  - name: maestro-day0-critical
    rules:
      - alert: MaestroBudgetBurnSpike
        expr: sum(rate(maestro_cost_usd_total[1m])) > 2.0
        for: 1m
        labels: { severity: page, phase: day0 }
        annotations:
          summary: 'Budget burn > $2/min (day-0 aggressive)'
`;

export function lintSeedRule(): string[] {
  return lintFile(seedRule, 'day0-hair-trigger.yaml', { scrapeInterval: '30s' }).map(
    (d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}`,
  );
}

console.log(lintSeedRule().join('\n'));
