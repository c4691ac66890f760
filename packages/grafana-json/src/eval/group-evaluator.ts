/**
 * A rule group evaluated in-process over time: the caller steps it at each evaluation instant
 * (multiples of the group interval) and gets the state transitions; time is an input, so a replay
 * over a simulated week is as deterministic as the data it reads. Paused rules are skipped, as
 * Grafana's scheduler skips them.
 */
import type { GrafanaAlertRuleGroup } from '../alerts/types.js';
import { evaluateRule, type SqlQueryFn } from './evaluate-rule.js';
import { RuleStateMachine, type InstanceState, type StateTransition } from './state.js';

export interface GroupEvaluator {
  /** Evaluates every rule at `atMs` (in rule order) and returns the transitions. */
  evaluate(atMs: number): Promise<StateTransition[]>;
  /** Current instance states per rule uid (or title). */
  states(): Record<string, InstanceState[]>;
}

export function groupEvaluator(
  group: GrafanaAlertRuleGroup,
  datasources: Readonly<Record<string, SqlQueryFn>>,
): GroupEvaluator {
  const machines = group.rules.filter((r) => !r.isPaused).map((r) => new RuleStateMachine(r, group.intervalSeconds));
  return {
    async evaluate(atMs) {
      const out: StateTransition[] = [];
      for (const m of machines) out.push(...m.apply(await evaluateRule(m.rule, atMs, datasources)));
      return out;
    },
    states() {
      return Object.fromEntries(machines.map((m) => [m.rule.uid ?? m.rule.title, [...m.instances.values()]]));
    },
  };
}

/** The instants a group is evaluated at in `[startMs, endMs]`: multiples of its interval. */
export function evaluationTimes(group: GrafanaAlertRuleGroup, startMs: number, endMs: number): number[] {
  const step = group.intervalSeconds * 1000;
  const out: number[] = [];
  for (let t = Math.ceil(startMs / step) * step; t <= endMs; t += step) out.push(t);
  return out;
}
