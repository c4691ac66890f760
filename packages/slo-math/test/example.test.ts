import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { needBinary, PROMTOOL_HINT } from '../../../test-support/requirements.js';
import { checkoutFiles, pageAfterMinutes, table } from '../examples/checkout-slo.js';

const promtool = needBinary('local', ['promtool'], PROMTOOL_HINT);

describe('docs example: checkout-slo', () => {
  it('pages after 14.4 × 1h / 100 = 8.64 minutes at a 100x burn', () => {
    expect(pageAfterMinutes()).toBeCloseTo(8.64, 9);
    expect(table.map((r) => r.budgetConsumed)).toEqual([0.02, 0.05, 0.1, 0.1]);
  });
  it('has the traffic guard and the overridden severity', () => {
    const rules = checkoutFiles()['checkout.rules.yaml']!;
    expect(rules).toContain('>= 100)');
    expect(rules).toMatch(/alert: CheckoutAvailabilityBudgetBurnTicketSlow[\s\S]*?severity: warning/);
  });
  it.skipIf(!promtool.ok)(
    'promtool accepts the rules and passes the fast tests',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'slo-example-'));
      try {
        for (const [n, text] of Object.entries(checkoutFiles())) writeFileSync(join(dir, n), text);
        expect(
          execFileSync(promtool.value!, ['check', 'rules', 'checkout.rules.yaml'], { cwd: dir, encoding: 'utf8' }),
        ).toMatch(/SUCCESS/);
        expect(
          execFileSync(promtool.value!, ['test', 'rules', 'checkout.fast.test.yaml'], { cwd: dir, encoding: 'utf8' }),
        ).toMatch(/SUCCESS/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
