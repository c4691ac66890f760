/**
 * Per-component normalisation: a raw reading (a ratio, a latency, a cost) to a score in 0..1.
 * The same arithmetic is written out as PromQL by `emit.ts`, in the same order, so the in-process
 * and the recording-rule results agree to the last bits.
 */
import { HealthScoreError } from './errors.js';

/** One step of a step normaliser: readings `>= threshold` (`> threshold` when `strict`) score `score`. */
export interface Step {
  threshold: number;
  score: number;
  strict?: boolean;
}

export type Normalizer =
  /** The reading is already a 0..1 score; clamped. */
  | { kind: 'identity' }
  /** `(x - min) / (max - min)` clamped to 0..1; `min > max` for lower-is-better readings. */
  | { kind: 'linear'; min: number; max: number }
  /** `below` under the first threshold, then the score of the highest threshold reached (thresholds ascending). */
  | { kind: 'step'; below: number; steps: readonly Step[] }
  /**
   * SLO-relative: the share of the error budget left, clamped to 0..1. `atLeast`: the reading is a
   * good ratio with objective `objective` (0.999): `1 - (1 - x) / (1 - objective)`. `atMost`: the
   * reading is a bad ratio allowed up to `objective` (0.01): `1 - x / objective`.
   */
  | { kind: 'slo'; objective: number; direction: 'atLeast' | 'atMost' };

const finite = (field: string, v: unknown): number => {
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new HealthScoreError(field, `expected a finite number, got ${String(v)}`);
  return v;
};

const unit = (field: string, v: unknown): number => {
  const n = finite(field, v);
  if (n < 0 || n > 1) throw new HealthScoreError(field, `expected a score in 0..1, got ${n}`);
  return n;
};

/** Throws `HealthScoreError` naming the field when `n` is not a usable normaliser. */
export function validateNormalizer(field: string, n: Normalizer | undefined): void {
  if (n === undefined) return;
  switch (n.kind) {
    case 'identity':
      return;
    case 'linear':
      finite(`${field}.min`, n.min);
      finite(`${field}.max`, n.max);
      if (n.min === n.max) throw new HealthScoreError(`${field}.max`, `must differ from min (${n.min})`);
      return;
    case 'step': {
      unit(`${field}.below`, n.below);
      if (!Array.isArray(n.steps) || n.steps.length === 0)
        throw new HealthScoreError(`${field}.steps`, 'expected at least one step');
      n.steps.forEach((s, i) => {
        finite(`${field}.steps[${i}].threshold`, s.threshold);
        unit(`${field}.steps[${i}].score`, s.score);
        if (i > 0 && !(s.threshold > n.steps[i - 1]!.threshold)) {
          throw new HealthScoreError(
            `${field}.steps[${i}].threshold`,
            `thresholds must ascend (${s.threshold} after ${n.steps[i - 1]!.threshold})`,
          );
        }
      });
      return;
    }
    case 'slo': {
      const o = finite(`${field}.objective`, n.objective);
      if (!(o > 0 && o < 1))
        throw new HealthScoreError(`${field}.objective`, `expected a ratio strictly between 0 and 1, got ${o}`);
      if (n.direction !== 'atLeast' && n.direction !== 'atMost') {
        throw new HealthScoreError(
          `${field}.direction`,
          `expected 'atLeast' or 'atMost', got ${JSON.stringify(n.direction)}`,
        );
      }
      return;
    }
    default:
      throw new HealthScoreError(
        `${field}.kind`,
        `unknown normaliser ${JSON.stringify((n as { kind: unknown }).kind)}; expected identity, linear, step or slo`,
      );
  }
}

/** Go's `math.Max(lo, math.Min(hi, v))`, as PromQL's `clamp`. */
export const clamp01 = (v: number): number => Math.max(0, Math.min(1, v));

/** The score (0..1) of reading `x` (finite) under `n` (identity when undefined). */
export function normalize(n: Normalizer | undefined, x: number): number {
  if (!n || n.kind === 'identity') return clamp01(x);
  switch (n.kind) {
    case 'linear':
      return clamp01((x - n.min) / (n.max - n.min));
    case 'step': {
      let v = n.below;
      let prev = n.below;
      for (const s of n.steps) {
        const hit = s.strict ? x > s.threshold : x >= s.threshold;
        v = v + (s.score - prev) * (hit ? 1 : 0);
        prev = s.score;
      }
      return v;
    }
    case 'slo':
      return n.direction === 'atLeast' ? clamp01(1 - (1 - x) / (1 - n.objective)) : clamp01(1 - x / n.objective);
  }
}
