import type { RuleGroup } from '@alertcraft/rule-dsl';
import { isAlertingRule, parseDuration } from '@alertcraft/rule-dsl';
import { RuntimeInputError } from './errors.js';
import type { RuntimeWarning } from './types.js';

/** One rule with everything the backtest needs to evaluate it. */
export interface PlannedRule {
  groupIndex: number;
  ruleIndex: number;
  group: string;
  path: string;
  kind: 'record' | 'alert';
  name: string;
  expr: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  forMs: number;
  keepFiringForMs: number;
  /** The rule's `for` / `keep_firing_for` as written (what the state machine takes). */
  forText?: string;
  keepFiringForText?: string;
  intervalMs: number;
  queryOffsetMs: number;
  /** The group's alert limit (0 = none). */
  limit: number;
  /**
   * Backtest stage: 0 = reads only scenario series; n = reads a recording rule evaluated in stage
   * n − 1. A server restart with the recorded blocks separates stages.
   */
  stage: number;
}

const STRING_LITERAL = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g;
const IDENTIFIER = /[a-zA-Z_:][a-zA-Z0-9_:]*/g;
const NAME_MATCHER = /__name__\s*(=~|=)\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`)/g;

/**
 * Metric names an expression may read: identifiers outside string literals, plus `__name__`
 * matchers (regex matchers returned as RegExp). An over-approximation (a label name equal to a
 * recorded name counts too): it can only add a restart, never miss a dependency.
 */
export function referencedNames(expr: string): { names: Set<string>; patterns: RegExp[] } {
  const patterns: RegExp[] = [];
  const names = new Set<string>();
  for (const m of expr.matchAll(NAME_MATCHER)) {
    const raw = m[2]!;
    const value = raw.startsWith('`')
      ? raw.slice(1, -1)
      : (JSON.parse(raw.startsWith("'") ? `"${raw.slice(1, -1).replace(/"/g, '\\"')}"` : raw) as string);
    if (m[1] === '=~') {
      try {
        patterns.push(new RegExp(`^(?:${value})$`));
      } catch {
        // An invalid regex fails in Prometheus too; nothing to depend on.
      }
    } else names.add(value);
  }
  for (const m of expr.replace(STRING_LITERAL, '""').matchAll(IDENTIFIER)) names.add(m[0]);
  return { names, patterns };
}

function duration(value: string | undefined, fallback: number, path: string): number {
  if (value === undefined || value === '') return fallback;
  try {
    return parseDuration(value);
  } catch (err) {
    throw new RuntimeInputError(
      `invalid duration ${JSON.stringify(value)}: use a Prometheus duration like 30s, 5m`,
      path,
      { cause: err },
    );
  }
}

/**
 * Flatten rule groups into evaluation order and assign stages. A rule depending on a recording
 * rule that comes later in the same group (or itself) reads, in a live Prometheus, the previous
 * evaluation's value; the backtest cannot give it that, so the reference is ignored and a
 * `runtime/backward-reference` warning says so.
 */
export function planRules(
  groups: readonly RuleGroup[],
  defaultIntervalMs: number,
  warnings: RuntimeWarning[],
): PlannedRule[] {
  const planned: PlannedRule[] = [];
  groups.forEach((g, gi) => {
    const gpath = `groups[${gi}]`;
    const intervalMs = duration(g.interval, defaultIntervalMs, `${gpath}.interval`);
    if (!(intervalMs > 0)) throw new RuntimeInputError('the evaluation interval must be positive', `${gpath}.interval`);
    const queryOffsetMs = duration(g.query_offset, 0, `${gpath}.query_offset`);
    g.rules.forEach((r, ri) => {
      const path = `${gpath}.rules[${ri}]`;
      const alerting = isAlertingRule(r);
      planned.push({
        groupIndex: gi,
        ruleIndex: ri,
        group: g.name,
        path,
        kind: alerting ? 'alert' : 'record',
        name: alerting ? r.alert : r.record,
        expr: r.expr,
        labels: { ...(r.labels ?? {}) },
        annotations: alerting ? { ...(r.annotations ?? {}) } : {},
        forMs: alerting ? duration(r.for, 0, `${path}.for`) : 0,
        keepFiringForMs: alerting ? duration(r.keep_firing_for, 0, `${path}.keep_firing_for`) : 0,
        forText: alerting ? r.for : undefined,
        keepFiringForText: alerting ? r.keep_firing_for : undefined,
        intervalMs,
        queryOffsetMs,
        limit: g.limit ?? 0,
        stage: 0,
      });
    });
  });
  // Edges: rule i reads recording rule j. Same-group references to j ≥ i are back-references.
  const deps: number[][] = planned.map((rule, i) => {
    const { names, patterns } = referencedNames(rule.expr);
    const out: number[] = [];
    planned.forEach((dep, j) => {
      if (dep.kind !== 'record' || !(names.has(dep.name) || patterns.some((p) => p.test(dep.name)))) return;
      if (dep.groupIndex === rule.groupIndex && j >= i) {
        warnings.push({
          code: 'runtime/backward-reference',
          path: rule.path,
          message: `${rule.name} reads ${dep.name}, recorded by ${j === i ? 'itself' : 'a later rule of its group'}: Prometheus gives it the previous evaluation's value, the backtest gives it none. Move the recording rule first.`,
        });
        return;
      }
      out.push(j);
    });
    return out;
  });
  // Stage = longest chain of recording rules below a rule (fixpoint; a cycle across groups is cut).
  let changed = true;
  for (let round = 0; changed; round++) {
    changed = false;
    if (round > planned.length) {
      warnings.push({
        code: 'runtime/cyclic-reference',
        message:
          'recording rules of different groups read each other in a cycle: the backtest evaluates them in a fixed order, Prometheus in whatever order its groups run.',
      });
      break;
    }
    planned.forEach((rule, i) => {
      for (const j of deps[i]!) {
        if (rule.stage <= planned[j]!.stage) {
          rule.stage = planned[j]!.stage + 1;
          changed = true;
        }
      }
    });
  }
  return planned;
}
