import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budgetConsumed, budgetRemaining, burnRate, errorBudget, timeToExhaustion } from './budget.js';
import { burnTiers, detectionTime, resetTime } from './windows.js';

const D = 86_400_000;
const objective = fc.double({ min: 50, max: 99.999, noNaN: true });
const ratio = fc.double({ min: 0, max: 1, noNaN: true });

describe('budget identities', () => {
  it('burn rate × budget is the error ratio, and remaining is 1 − burn', () => {
    fc.assert(
      fc.property(objective, ratio, (o, r) => {
        const b = errorBudget(o);
        expect(burnRate(r, o) * b).toBeCloseTo(r, 9);
        expect(budgetRemaining(r, o)).toBeCloseTo(1 - burnRate(r, o), 9);
      }),
    );
  });
  it('exhaustion: spending the remaining budget at a burn takes remaining × period / burn', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 1, noNaN: true }),
        fc.double({ min: 0.01, max: 1000, noNaN: true }),
        (rem, burn) => {
          const t = timeToExhaustion(rem, burn, 30 * D);
          expect(budgetConsumed(burn, t, 30 * D)).toBeCloseTo(rem, 9);
        },
      ),
    );
  });
  it('budget consumed grows with the burn', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(budgetConsumed(lo, 3_600_000, 30 * D)).toBeLessThanOrEqual(budgetConsumed(hi, 3_600_000, 30 * D));
        },
      ),
    );
  });
});

describe('detection and reset in the burn', () => {
  const tiers = burnTiers({ periodMs: 30 * D });
  const tier = fc.constantFrom(...tiers);
  it('detection time decreases as the burn grows, and the budget spent before firing is factor × long / period', () => {
    fc.assert(
      fc.property(
        tier,
        objective,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (t, o, u, v) => {
          const full = 1 / errorBudget(o);
          if (t.factor >= full) return;
          const [a, b] = [t.factor + (full - t.factor) * Math.min(u, v), t.factor + (full - t.factor) * Math.max(u, v)];
          if (!(a > t.factor)) return;
          expect(detectionTime(t, b, o)).toBeLessThanOrEqual(detectionTime(t, a, o));
          expect(budgetConsumed(a, detectionTime(t, a, o), 30 * D)).toBeCloseTo((t.factor * t.longMs) / (30 * D), 9);
        },
      ),
    );
  });
  it('reset time grows with the burn and stays under the short window', () => {
    fc.assert(
      fc.property(
        tier,
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        (t, a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(resetTime(t, lo)).toBeLessThanOrEqual(resetTime(t, hi));
          expect(resetTime(t, hi)).toBeLessThan(t.shortMs);
        },
      ),
    );
  });
});
