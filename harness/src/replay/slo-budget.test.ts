import { createStorage } from '@alertcraft/promql';
import { metric } from '@alertcraft/rule-dsl';
import { defineSlo } from '@alertcraft/slo-math';
import { describe, expect, it } from 'vitest';
import { sloBudgets } from './slo-budget.js';

const HOUR = 3_600_000;

/** Two counters over `hours` at 15 s steps: 10 requests/s, of which `errorShare` are 5xx. */
function storageWith(errorShare: number, hours: number) {
  const n = (hours * HOUR) / 15_000 + 1;
  const ts = new Float64Array(n);
  const ok = new Float64Array(n);
  const bad = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    ts[i] = i * 15_000;
    ok[i] = i * 150 * (1 - errorShare);
    bad[i] = i * 150 * errorShare;
  }
  const s = createStorage();
  s.appendSeries({ __name__: 'req_total', code: '200' }, ts, ok);
  s.appendSeries({ __name__: 'req_total', code: '500' }, ts, bad);
  return s;
}

const spec = defineSlo({
  name: 'availability',
  objective: 99.9,
  period: '30d',
  sli: { type: 'ratio', errors: metric('req_total', { code: '500' }), total: metric('req_total') },
});

describe('sloBudgets', () => {
  it('a run burning exactly the budget: burn 1 x, spent = window / period, remaining 0', () => {
    const [b] = sloBudgets(storageWith(0.001, 2), [spec], HOUR, 2 * HOUR);
    expect(b!.windowSeconds).toBe(3600);
    expect(b!.errorRatio).toBeCloseTo(0.001, 9);
    expect(b!.burnRate).toEqual({ value: 1, unit: 'x' });
    expect(b!.budgetSpent.value).toBeCloseTo(3600 / (30 * 86400), 7);
    // Over the period ending with the run the ratio is the same 0.1 %: the whole budget is used.
    expect(b!.budgetRemaining.value).toBeCloseTo(0, 6);
    expect(b!.events).toBe(36_000);
  });

  it('at a tenth of the budget 90 % remains; without traffic the figures are null', () => {
    const [b] = sloBudgets(storageWith(0.0001, 2), [spec], HOUR, 2 * HOUR);
    expect(b!.burnRate.value).toBeCloseTo(0.1, 6);
    expect(b!.budgetRemaining.value).toBeCloseTo(0.9, 6);
    const [none] = sloBudgets(createStorage(), [spec], HOUR, 2 * HOUR);
    expect([none!.errorRatio, none!.burnRate.value, none!.budgetRemaining.value]).toEqual([null, null, null]);
  });
});
