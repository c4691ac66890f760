/**
 * In-process evaluation of a health score from one set of readings. The arithmetic mirrors the
 * recording rules of `emit.ts` (same operations, same order).
 */
import { HealthScoreError } from './errors.js';
import { normalize } from './normalize.js';
import { validateSpec, type HealthScoreSpec, type MissingPolicy } from './spec.js';

/** Raw readings by component name; `null`/`undefined` (or an absent key) is a missing reading. */
export type Readings = Readonly<Record<string, number | null | undefined>>;

export interface ComponentResult {
  name: string;
  /** The raw reading, or null when missing. */
  raw: number | null;
  /** The normalised score 0..1, or null when missing. */
  score: number | null;
  /** Weight (weighted) or points (penalty). */
  weight: number;
  /**
   * What the component adds to the score: weighted, `scale × weight × score / coverage`
   * (renormalize) or `scale × weight × score`; penalty, minus the points it deducts.
   */
  contribution: number;
}

export interface ScoreResult {
  name: string;
  /** The score, or null (no component present, or `fail` with one missing). */
  value: number | null;
  /** Share of the weight (penalty: points) whose component is present, 0..1. */
  coverage: number;
  missing: string[];
  policy: MissingPolicy;
  components: ComponentResult[];
  /** Penalty scores: the issues of the components deducting points. */
  issues: string[];
}

function reading(spec: HealthScoreSpec, readings: Readings, name: string): number | null {
  const v = readings[name];
  if (v === null || v === undefined) return null;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new HealthScoreError(`readings.${name}`, `score '${spec.name}': expected a finite reading, got ${String(v)}`);
  }
  return v;
}

/** Evaluates `spec` over `readings`. Throws `HealthScoreError` for a bad spec or a NaN/Inf reading. */
export function computeScore(
  spec: HealthScoreSpec,
  readings: Readings,
  options: { validated?: boolean } = {},
): ScoreResult {
  if (!options.validated) validateSpec(spec);
  for (const k of Object.keys(readings)) {
    if (!spec.components.some((c) => c.name === k)) {
      throw new HealthScoreError(
        `readings.${k}`,
        `score '${spec.name}' has no component '${k}'; its components are ${spec.components
          .map((c) => c.name)
          .join(', ')}`,
      );
    }
  }
  const policy = spec.missing ?? 'renormalize';
  const comps = spec.components.map((c) => {
    const raw = reading(spec, readings, c.name);
    const weight =
      spec.kind === 'weighted'
        ? spec.components.find((x) => x.name === c.name)!.weight
        : (c as { points: number }).points;
    return { name: c.name, raw, score: raw === null ? null : normalize(c.normalize, raw), weight, contribution: 0 };
  });
  const present = comps.filter((c) => c.score !== null);
  const missing = comps.filter((c) => c.score === null).map((c) => c.name);
  const total = comps.reduce((a, c) => a + c.weight, 0);
  const presentWeight = present.reduce((a, c) => a + c.weight, 0);
  const coverage = total > 0 ? presentWeight / total : present.length === comps.length ? 1 : 0;
  const issues: string[] = [];
  let value: number | null;
  if (present.length === 0 || (policy === 'fail' && missing.length > 0)) {
    value = null;
  } else if (spec.kind === 'weighted') {
    const scale = spec.scale ?? 100;
    let num = 0;
    for (const c of present) num += c.score! * c.weight;
    if (policy === 'renormalize') {
      value = presentWeight > 0 ? (scale * num) / presentWeight : null;
      for (const c of present) c.contribution = presentWeight > 0 ? (scale * c.weight * c.score!) / presentWeight : 0;
    } else {
      value = scale * num;
      for (const c of present) c.contribution = scale * c.weight * c.score!;
    }
  } else {
    const base = spec.base ?? 100;
    let v: number;
    if (policy === 'zero') {
      let num = 0;
      for (const c of present) num += c.score! * c.weight;
      v = base - total + num;
      for (const c of comps) c.contribution = -(c.weight * (1 - (c.score ?? 0)));
    } else {
      let deducted = 0;
      for (const c of present) deducted += (1 - c.score!) * c.weight;
      v = base - deducted;
      for (const c of present) c.contribution = -(c.weight * (1 - c.score!));
    }
    value = spec.floor === undefined ? v : Math.max(v, spec.floor);
    spec.components.forEach((c, i) => {
      const r = comps[i]!;
      const deducts = r.score === null ? policy === 'zero' : r.score < 1;
      if (deducts && r.weight > 0)
        issues.push((c as { issue?: string }).issue ?? `${c.name} ${r.score === null ? 'missing' : 'failing'}`);
    });
  }
  return { name: spec.name, value, coverage, missing, policy, components: comps, issues };
}
