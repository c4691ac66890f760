import { describe, expect, it } from 'vitest';
import { firingStates, nagiosFlapping, percentStateChange } from './nagios-flapping.js';

describe("Nagios' weighted percent state change", () => {
  it('weights one change 0.75 when oldest and 1.25 when newest (of 20 possible changes)', () => {
    const ok = Array(21).fill('OK');
    expect(percentStateChange(ok)).toBe(0);
    expect(percentStateChange([...ok.slice(1), 'CRIT'])).toBeCloseTo((1.25 * 100) / 20, 12); // 6.25
    expect(percentStateChange(['CRIT', ...ok.slice(1)])).toBeCloseTo((0.75 * 100) / 20, 12); // 3.75
  });
  it('a state that changes at every check is 100 %', () => {
    // Weights 0.75 + k·0.5/19 for k = 0..19 sum to 15 + 5 = 20.
    expect(percentStateChange(Array.from({ length: 21 }, (_, i) => i % 2 === 0))).toBeCloseTo(100, 12);
  });
});

describe('nagiosFlapping hysteresis', () => {
  it('starts at >= high, holds in between, stops at <= low', () => {
    // Three quick changes: newest weights 1.25, 1.224, 1.197 → 18.4 %, then a fourth → 24.3 %.
    const states = [false, true, false, true, false];
    const r = nagiosFlapping([...Array(10).fill(false), ...states, ...Array(30).fill(false)]);
    const firstFlap = r.flapping.indexOf(true);
    expect(firstFlap).toBeGreaterThan(10);
    expect(r.percent[firstFlap]).toBeGreaterThanOrEqual(20);
    expect(r.percent[firstFlap - 1]).toBeLessThan(20);
    const stop = r.flapping.indexOf(false, firstFlap);
    expect(r.percent[stop]).toBeLessThanOrEqual(5);
    // Between start and stop the percentage fell below 20 without ending the flap.
    expect(r.percent.slice(firstFlap, stop).some((p) => p < 20 && p > 5)).toBe(true);
    expect(r.flapStarts).toBe(1);
  });
  it('rejects thresholds in the wrong order', () => {
    expect(() => nagiosFlapping([true], { low: 30, high: 20 })).toThrow(/0 <= low < high <= 100/);
  });
});

it('firingStates samples an alert timeline', () => {
  expect(firingStates([{ firedAt: 60_000, resolvedAt: 180_000 }], 0, 300_000, 60_000)).toEqual([
    false,
    true,
    true,
    false,
    false,
  ]);
});
