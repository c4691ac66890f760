/**
 * Letter grades with hysteresis. A score moves up to a better grade as soon as it reaches that
 * grade's minimum, but leaves its grade downwards only once it falls `hysteresis` below the
 * grade's minimum, so a score hovering at a boundary does not flap between two grades.
 */
import { HealthScoreError } from './errors.js';

export interface Grade {
  grade: string;
  /** Lowest score of the grade. */
  min: number;
}

export interface GradeOptions {
  /** Best first, minimums descending; the last grade should catch everything (`min: -Infinity` is allowed). */
  grades: readonly Grade[];
  /** Width of the band below each minimum where a score keeps its current grade (default 0). */
  hysteresis?: number;
}

/** Seed 001's dashboard bands for a 0..100 health score: green ≥ 80, yellow ≥ 60, red below. */
export const TRAFFIC_LIGHT_GRADES: readonly Grade[] = [
  { grade: 'green', min: 80 },
  { grade: 'yellow', min: 60 },
  { grade: 'red', min: -Infinity },
];

export interface Grader {
  /** The grade after score `value` (null keeps the current grade and returns it). */
  next(value: number | null): string | null;
  readonly current: string | null;
}

function validate(options: GradeOptions): void {
  if (!Array.isArray(options.grades) || options.grades.length === 0)
    throw new HealthScoreError('grades', 'expected at least one grade');
  options.grades.forEach((g, i) => {
    if (typeof g.grade !== 'string' || !g.grade)
      throw new HealthScoreError(`grades[${i}].grade`, 'expected a grade name');
    if (typeof g.min !== 'number' || Number.isNaN(g.min) || g.min === Infinity)
      throw new HealthScoreError(`grades[${i}].min`, `expected a number, got ${g.min}`);
    if (i > 0 && !(g.min < options.grades[i - 1]!.min))
      throw new HealthScoreError(
        `grades[${i}].min`,
        `minimums must descend (${g.min} after ${options.grades[i - 1]!.min})`,
      );
  });
  const h = options.hysteresis ?? 0;
  if (!Number.isFinite(h) || h < 0)
    throw new HealthScoreError('hysteresis', `expected a finite non-negative number, got ${h}`);
}

/** A stateful grader (one per score series). */
export function createGrader(options: GradeOptions): Grader {
  validate(options);
  const grades = options.grades;
  const h = options.hysteresis ?? 0;
  let idx = -1;
  const rawIndex = (v: number) => grades.findIndex((g) => v >= g.min);
  return {
    get current() {
      return idx < 0 ? null : grades[idx]!.grade;
    },
    next(value) {
      if (value === null) return idx < 0 ? null : grades[idx]!.grade;
      if (!Number.isFinite(value)) throw new HealthScoreError('value', `expected a finite score, got ${value}`);
      const r = rawIndex(value);
      if (idx < 0 || (r >= 0 && r <= idx)) {
        idx = r < 0 ? grades.length - 1 : r;
      } else {
        // Worse than the current grade: keep it while the score is within the band below its
        // minimum; once out of the band, take the score's own grade (no band for grades passed through).
        if (value < grades[idx]!.min - h) idx = r < 0 ? grades.length - 1 : r;
      }
      return grades[idx]!.grade;
    },
  };
}

/** Grades of a sequence of scores (null entries keep the grade). */
export function gradeSeries(values: readonly (number | null)[], options: GradeOptions): (string | null)[] {
  const g = createGrader(options);
  return values.map((v) => g.next(v));
}
