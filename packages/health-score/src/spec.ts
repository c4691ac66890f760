/**
 * Health-score specifications: a weighted composite (weights sum to 1) or a penalty checker
 * (start at a base, subtract points per failing component), each over named components with a
 * normaliser, and a missing-data policy.
 */
import type { ExprInput } from '@alertcraft/rule-dsl';
import { HealthScoreError } from './errors.js';
import { validateNormalizer, type Normalizer } from './normalize.js';

/**
 * What a score does when a component has no reading:
 * - `renormalize` (default): score over the components present, weights rescaled to sum to 1
 *   (penalty: only the present components can deduct); `coverage` reports the weight present;
 * - `zero`: a missing component scores 0 (penalty: deducts its full points);
 * - `fail`: no score unless every component is present.
 */
export type MissingPolicy = 'renormalize' | 'zero' | 'fail';

export interface ComponentBase {
  /** Component name, a label value and a key of the readings (`[a-zA-Z_][a-zA-Z0-9_]*`). */
  name: string;
  /** Normaliser from the raw reading to 0..1 (default identity). */
  normalize?: Normalizer;
  /** PromQL instant-vector expression giving the raw reading (needed for rule emission). */
  input?: ExprInput;
  /** Human description (explanations, docs). */
  description?: string;
}

export interface WeightedComponent extends ComponentBase {
  /** Non-negative; the weights of a score sum to 1. */
  weight: number;
}

export interface PenaltyComponent extends ComponentBase {
  /** Points deducted when the component scores 0 (`points × (1 − score)` in general). */
  points: number;
  /** The issue reported while the component deducts points ("Availability below 99.9%"). */
  issue?: string;
}

export interface WeightedScoreSpec {
  kind: 'weighted';
  name: string;
  components: readonly WeightedComponent[];
  /** Multiplier of the 0..1 composite (default 100). */
  scale?: number;
  missing?: MissingPolicy;
}

export interface PenaltyScoreSpec {
  kind: 'penalty';
  name: string;
  /** Starting score (default 100). */
  base?: number;
  /** Lowest score (seed 000's `max(score, 0)`); none when undefined. */
  floor?: number;
  components: readonly PenaltyComponent[];
  missing?: MissingPolicy;
}

export type HealthScoreSpec = WeightedScoreSpec | PenaltyScoreSpec;

const NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** Tolerance on the sum of weights (0.1 + 0.2 + 0.7 is not exactly 1 in binary floating point). */
export const WEIGHT_SUM_TOLERANCE = 1e-9;

function finiteField(field: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new HealthScoreError(field, `expected a finite number, got ${String(v)}`);
  return v;
}

/** Throws `HealthScoreError` naming the field (and component) of the first problem in `spec`. */
export function validateSpec(spec: HealthScoreSpec): void {
  if (!spec || (spec.kind !== 'weighted' && spec.kind !== 'penalty')) {
    throw new HealthScoreError(
      'kind',
      `expected 'weighted' or 'penalty', got ${JSON.stringify((spec as { kind?: unknown } | undefined)?.kind)}`,
    );
  }
  if (typeof spec.name !== 'string' || !spec.name)
    throw new HealthScoreError('name', 'expected a non-empty score name');
  const missing = spec.missing ?? 'renormalize';
  if (!['renormalize', 'zero', 'fail'].includes(missing)) {
    throw new HealthScoreError('missing', `expected renormalize, zero or fail, got ${JSON.stringify(spec.missing)}`);
  }
  if (!Array.isArray(spec.components) || spec.components.length === 0)
    throw new HealthScoreError('components', 'expected at least one component');
  const seen = new Set<string>();
  spec.components.forEach((c, i) => {
    const at = `components[${i}]`;
    if (typeof c.name !== 'string' || !NAME_RE.test(c.name)) {
      throw new HealthScoreError(
        `${at}.name`,
        `invalid component name ${JSON.stringify(c.name)}; names match [a-zA-Z_][a-zA-Z0-9_]*`,
      );
    }
    if (seen.has(c.name)) throw new HealthScoreError(`${at}.name`, `duplicate component '${c.name}'`);
    seen.add(c.name);
    validateNormalizer(`${at}.normalize (component '${c.name}')`, c.normalize);
  });
  if (spec.kind === 'weighted') {
    let sum = 0;
    spec.components.forEach((c, i) => {
      const w = finiteField(`components[${i}].weight (component '${c.name}')`, c.weight);
      if (w < 0)
        throw new HealthScoreError(`components[${i}].weight (component '${c.name}')`, `must not be negative, got ${w}`);
      sum += w;
    });
    if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
      const list = spec.components.map((c) => `${c.name}=${c.weight}`).join(', ');
      throw new HealthScoreError('components[].weight', `weights must sum to 1, got ${sum} (${list})`);
    }
    if (spec.scale !== undefined && !(finiteField('scale', spec.scale) > 0))
      throw new HealthScoreError('scale', `must be positive, got ${spec.scale}`);
  } else {
    spec.components.forEach((c, i) => {
      const p = finiteField(`components[${i}].points (component '${c.name}')`, c.points);
      if (p < 0)
        throw new HealthScoreError(`components[${i}].points (component '${c.name}')`, `must not be negative, got ${p}`);
    });
    if (spec.base !== undefined) finiteField('base', spec.base);
    if (spec.floor !== undefined) finiteField('floor', spec.floor);
  }
}
