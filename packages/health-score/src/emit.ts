/**
 * A health score as recording rules (built with rule-dsl). For a score recorded as `R`:
 *
 * - `R:component_score{component="<name>"}`: each component's normalised reading, 0..1. A NaN
 *   reading produces no sample (the `>= 0` filter after `clamp`, or `and (x == x)` for steps), so
 *   a NaN never reaches the composite;
 * - `R:component_weight{component="<name>"}` (penalty: `R:component_points`): the weights as series,
 *   so the composite can sum over the components that are present;
 * - `R:coverage`: the share of the weight whose component is present;
 * - `R`: the score, per label set of the inputs (the inputs' labels without `__name__`).
 *
 * Missing components are handled in PromQL: `renormalize` divides by the weight present (`> 0`,
 * so never 0/0), `zero` adds nothing for them, `fail` keeps the score only where
 * `count(R:component_score) == <components>`. Every literal is a finite number (weights and
 * thresholds are validated), written by rule-dsl's `formatNumber`.
 */
import {
  defineRecord,
  formatNumber,
  promql,
  raw,
  type ExprInput,
  type PromQLExpr,
  type RecordDefinition,
} from '@alertcraft/rule-dsl';
import { HealthScoreError } from './errors.js';
import type { Normalizer } from './normalize.js';
import { validateSpec, type HealthScoreSpec } from './spec.js';

const num = (n: number) => raw(formatNumber(n));
const asExpr = (e: ExprInput): PromQLExpr => (typeof e === 'string' ? promql`${raw(e)}` : e);

/** The PromQL of a component's normalised score (0..1) over `input`; NaN readings give no sample. */
export function normalizerExpr(n: Normalizer | undefined, input: ExprInput): PromQLExpr {
  const x = asExpr(input);
  if (!n || n.kind === 'identity') return promql`clamp(${x}, 0, 1) >= 0`;
  switch (n.kind) {
    case 'linear':
      return promql`clamp((${x} - ${num(n.min)}) / ${num(n.max - n.min)}, 0, 1) >= 0`;
    case 'slo':
      return n.direction === 'atLeast'
        ? promql`clamp(1 - (1 - ${x}) / ${num(1 - n.objective)}, 0, 1) >= 0`
        : promql`clamp(1 - ${x} / ${num(n.objective)}, 0, 1) >= 0`;
    case 'step': {
      let e = promql`${num(n.below)}`;
      let prev = n.below;
      for (const s of n.steps) {
        e = promql`${e} + ${num(s.score - prev)} * (${x} ${raw(s.strict ? '>' : '>=')} bool ${num(s.threshold)})`;
        prev = s.score;
      }
      return promql`(${e}) and (${x} == ${x})`;
    }
  }
}

export interface HealthScoreRulesOptions {
  /** Name of the recorded score (default: the spec's name). */
  record?: string;
  /**
   * One recording rule holding the whole score (`healthScoreExpr`) instead of the per-component
   * series and coverage; same values, no `:component_*`/`:coverage` series.
   */
  inline?: boolean;
}

const weightOf = (spec: HealthScoreSpec, c: HealthScoreSpec['components'][number]): number =>
  spec.kind === 'weighted' ? (c as { weight: number }).weight : (c as { points: number }).points;

/**
 * The score as ONE PromQL expression: each component's term is tagged with a `component` label
 * (`label_replace`) and the terms are joined with `or`, so `sum without (component)` adds the
 * components that are present, whichever are missing. Every component needs an `input`.
 */
export function healthScoreExpr(spec: HealthScoreSpec): PromQLExpr {
  validateSpec(spec);
  const policy = spec.missing ?? 'renormalize';
  const terms = spec.components.map((c, i) => {
    if (c.input === undefined || c.input === '') {
      throw new HealthScoreError(
        `components[${i}].input (component '${c.name}')`,
        'rule emission needs the PromQL expression of the reading',
      );
    }
    return { name: c.name, n: normalizerExpr(c.normalize, c.input), w: weightOf(spec, c) };
  });
  const tagged = (f: (t: (typeof terms)[number]) => PromQLExpr) =>
    terms
      .map((t) => promql`label_replace(${f(t)}, "component", ${raw(JSON.stringify(t.name))}, "", "")`)
      .reduce((a, b) => promql`${a} or ${b}`);
  const sumOf = (f: (t: (typeof terms)[number]) => PromQLExpr) => promql`sum without (component) (${tagged(f)})`;
  const total = terms.reduce((a, t) => a + t.w, 0);
  let expr: PromQLExpr;
  if (spec.kind === 'weighted') {
    const scale = num(spec.scale ?? 100);
    const weighted = sumOf((t) => promql`(${t.n}) * ${num(t.w)}`);
    expr =
      policy === 'renormalize'
        ? promql`${scale} * ${weighted} / (${sumOf((t) => promql`(${t.n}) * 0 + ${num(t.w)}`)} > 0)`
        : promql`${scale} * ${weighted}`;
  } else {
    const base = spec.base ?? 100;
    expr =
      policy === 'zero'
        ? promql`${num(base - total)} + ${sumOf((t) => promql`(${t.n}) * ${num(t.w)}`)}`
        : promql`${num(base)} - ${sumOf((t) => promql`(1 - (${t.n})) * ${num(t.w)}`)}`;
    if (spec.floor !== undefined) expr = promql`clamp_min(${expr}, ${num(spec.floor)})`;
  }
  if (policy === 'fail')
    expr = promql`(${expr}) and (count without (component) (${tagged((t) => t.n)}) == ${num(terms.length)})`;
  return expr;
}

/** The record names `healthScoreRules` writes for score `record`. */
export function healthScoreRecordNames(record: string, kind: HealthScoreSpec['kind'] = 'weighted') {
  return {
    score: record,
    coverage: `${record}:coverage`,
    componentScore: `${record}:component_score`,
    componentWeight: kind === 'weighted' ? `${record}:component_weight` : `${record}:component_points`,
  };
}

/**
 * The recording rules of `spec`, in evaluation order (put them in one group: later rules read
 * earlier ones at the same evaluation). Every component needs an `input`.
 */
export function healthScoreRules(spec: HealthScoreSpec, options: HealthScoreRulesOptions = {}): RecordDefinition[] {
  validateSpec(spec);
  const record = options.record ?? spec.name;
  if (options.inline) return [defineRecord({ record, expr: healthScoreExpr(spec) })];
  const names = healthScoreRecordNames(record, spec.kind);
  const policy = spec.missing ?? 'renormalize';
  const out: RecordDefinition[] = [];
  spec.components.forEach((c, i) => {
    if (c.input === undefined || c.input === '') {
      throw new HealthScoreError(
        `components[${i}].input (component '${c.name}')`,
        'rule emission needs the PromQL expression of the reading',
      );
    }
    out.push(
      defineRecord({
        record: names.componentScore,
        labels: { component: c.name },
        expr: normalizerExpr(c.normalize, c.input),
      }),
    );
  });
  spec.components.forEach((c) => {
    const w = spec.kind === 'weighted' ? (c as { weight: number }).weight : (c as { points: number }).points;
    out.push(
      defineRecord({ record: names.componentWeight, labels: { component: c.name }, expr: promql`vector(${num(w)})` }),
    );
  });
  const score = raw(names.componentScore);
  const weight = raw(names.componentWeight);
  const total = spec.components.reduce(
    (a, c) => a + (spec.kind === 'weighted' ? (c as { weight: number }).weight : (c as { points: number }).points),
    0,
  );
  const presentWeight = promql`sum without (component) ((${score} * 0 + 1) * on (component) group_left ${weight})`;
  out.push(
    defineRecord({
      record: names.coverage,
      expr: total > 0 && total !== 1 ? promql`${presentWeight} / ${num(total)}` : presentWeight,
    }),
  );
  const weighted = promql`sum without (component) (${score} * on (component) group_left ${weight})`;
  let expr: PromQLExpr;
  if (spec.kind === 'weighted') {
    const scale = num(spec.scale ?? 100);
    expr =
      policy === 'renormalize'
        ? promql`${scale} * ${weighted} / (${presentWeight} > 0)`
        : promql`${scale} * ${weighted}`;
  } else {
    const base = spec.base ?? 100;
    expr =
      policy === 'zero'
        ? promql`${num(base - total)} + ${weighted}`
        : promql`${num(base)} - sum without (component) ((1 - ${score}) * on (component) group_left ${weight})`;
    if (spec.floor !== undefined) expr = promql`clamp_min(${expr}, ${num(spec.floor)})`;
  }
  if (policy === 'fail')
    expr = promql`(${expr}) and (count without (component) (${score}) == ${num(spec.components.length)})`;
  out.push(defineRecord({ record: names.score, expr }));
  return out;
}
