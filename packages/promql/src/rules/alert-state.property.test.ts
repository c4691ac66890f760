/**
 * Properties of the alert state machine over random presence patterns (fast-check): whatever the
 * input, the timeline is consistent with the definition of `for`, `keep_firing_for` and resolution.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alertTimelineFromVectors } from './alert-state.js';
import type { VectorSample } from '../values.js';

const STEP = 60_000;

describe('alert state machine properties', () => {
  it('timeline entries follow presence, for and keep_firing_for', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.boolean(), { minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 4 }),
        (presence, holdSteps, keepSteps) => {
          const n = Math.max(...presence.map((p) => p.length));
          const evals = Array.from({ length: n }, (_, i) => ({
            t: i * STEP,
            vector: presence.flatMap((p, s): VectorSample[] =>
              p[i] ? [{ labels: { s: String(s) }, t: i * STEP, v: 1 }] : [],
            ),
          }));
          const { timeline } = alertTimelineFromVectors(
            { alert: 'P', expr: 'x', for: `${holdSteps}m`, keep_firing_for: keepSteps ? `${keepSteps}m` : undefined },
            evals,
          );
          for (let s = 0; s < presence.length; s++) {
            const p = presence[s]!;
            const present = (i: number) => Boolean(p[i]);
            const mine = timeline.filter((e) => e.labels.s === String(s));
            // Entries do not overlap and only the last may be unresolved.
            mine.forEach((e, k) => {
              if (k < mine.length - 1) expect(e.resolvedAt).toBeDefined();
              if (k > 0) expect(e.activeAt).toBeGreaterThanOrEqual(mine[k - 1]!.resolvedAt!);
            });
            for (const e of mine) {
              const a = e.activeAt / STEP;
              expect(present(a)).toBe(true);
              expect(a === 0 || !present(a - 1) || mine.some((o) => o.resolvedAt === e.activeAt)).toBe(true);
              if (e.firedAt !== undefined) {
                const f = e.firedAt / STEP;
                // Fired at the first evaluation at least `for` after activeAt, present all along.
                expect(f).toBe(a + holdSteps);
                for (let i = a; i <= f; i++) expect(present(i)).toBe(true);
              }
              if (e.resolvedAt !== undefined) {
                const r = e.resolvedAt / STEP;
                expect(present(r)).toBe(false);
                if (e.firedAt === undefined || keepSteps === 0) {
                  // Resolved at the first absence.
                  for (let i = a; i < r; i++) expect(present(i)).toBe(true);
                } else {
                  // keep_firing_for: resolved keepSteps evaluations after the first absence of a run of absences.
                  for (let i = r - keepSteps; i <= r; i++) expect(present(i)).toBe(false);
                  expect(present(r - keepSteps - 1)).toBe(true);
                }
                expect(e.state).toBe('inactive');
              } else {
                expect(e.state).toBe(e.firedAt !== undefined ? 'firing' : 'pending');
              }
            }
            // Every presence is covered by some entry (pending, firing, or the start of a new one).
            for (let i = 0; i < p.length; i++) {
              if (!present(i)) continue;
              const t = i * STEP;
              expect(mine.some((e) => e.activeAt <= t && (e.resolvedAt === undefined || t < e.resolvedAt))).toBe(true);
            }
          }
        },
      ),
      { numRuns: 300, seed: 20260601 },
    );
  });
});
