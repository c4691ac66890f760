/**
 * Grafana 11.2's alert state machine (learned from `pkg/services/ngalert/state`), per rule and
 * instance, over results from `evaluateRule`:
 *
 * - an Alerting result goes Normal → Pending → Alerting once `for` has elapsed since Pending began
 *   (straight to Alerting when `for` is 0); a state is kept only while its reason is the same, so a
 *   Pending caused by NoData restarts as Pending when real Alerting results arrive;
 * - a NoData evaluation follows `noDataState`: `Alerting` and `OK` are applied to every existing
 *   instance of the rule (reason `NoData`; Grafana 11's default `alertingNoDataErrorExecution`), and
 *   `NoData` puts a NoData instance labelled `datasource_uid`/`ref_id`; Error follows `execErrState` alike;
 * - an instance missing from two evaluation intervals of results is stale and resolved (reason
 *   `MissingSeries`) and removed.
 *
 * Pure: time comes in with each evaluation; the machine keeps its states in a plain Map.
 */
import type { GrafanaAlertRule } from '../alerts/types.js';
import type { EvalResult, RuleEvaluation } from './evaluate-rule.js';

export type AlertState = 'Normal' | 'Pending' | 'Alerting' | 'NoData' | 'Error';

export interface InstanceState {
  labels: Record<string, string>;
  state: AlertState;
  reason: string;
  /** When the current state began (Pending start, Alerting start). */
  startsAtMs: number;
  lastEvaluatedAtMs: number;
  values: Record<string, number>;
}

export interface StateTransition {
  ruleUid: string;
  title: string;
  labels: Record<string, string>;
  atMs: number;
  from: AlertState;
  fromReason: string;
  to: AlertState;
  reason: string;
  values: Record<string, number>;
  error?: string;
}

export function instanceKey(labels: Record<string, string>): string {
  return JSON.stringify(
    Object.keys(labels)
      .sort()
      .map((k) => [k, labels[k]]),
  );
}

type Next = { state: AlertState; reason: string; startsAtMs: number };

function alerting(cur: InstanceState, rule: GrafanaAlertRule, at: number, reason: string): Next {
  if (cur.state === 'Alerting' && cur.reason === reason) return cur;
  if (cur.state === 'Pending' && cur.reason === reason) {
    return at - cur.startsAtMs >= rule.forSeconds * 1000 ? { state: 'Alerting', reason, startsAtMs: at } : cur;
  }
  return rule.forSeconds > 0
    ? { state: 'Pending', reason, startsAtMs: at }
    : { state: 'Alerting', reason, startsAtMs: at };
}

function normal(cur: InstanceState, at: number, reason: string): Next {
  return cur.state === 'Normal' && cur.reason === reason ? cur : { state: 'Normal', reason, startsAtMs: at };
}

function next(cur: InstanceState, rule: GrafanaAlertRule, r: EvalResult, at: number): Next {
  switch (r.state) {
    case 'Alerting':
      return alerting(cur, rule, at, '');
    case 'Normal':
      return normal(cur, at, '');
    case 'NoData':
      if (rule.noDataState === 'Alerting') return alerting(cur, rule, at, 'NoData');
      if (rule.noDataState === 'OK') return normal(cur, at, 'NoData');
      return cur.state === 'NoData' ? cur : { state: 'NoData', reason: '', startsAtMs: at };
    default:
      if (rule.execErrState === 'Alerting') return alerting(cur, rule, at, 'Error');
      if (rule.execErrState === 'OK') return normal(cur, at, 'Error');
      return cur.state === 'Error' ? cur : { state: 'Error', reason: '', startsAtMs: at };
  }
}

/** The states of one rule's instances, advanced one evaluation at a time. */
export class RuleStateMachine {
  readonly instances = new Map<string, InstanceState>();
  constructor(
    readonly rule: GrafanaAlertRule,
    readonly intervalSeconds: number,
  ) {}

  /** Applies one evaluation; returns the transitions (state or reason changed). */
  apply(evaluation: RuleEvaluation): StateTransition[] {
    const at = evaluation.evaluatedAtMs;
    const out: StateTransition[] = [];
    const step = (key: string, r: EvalResult) => {
      const cur = this.instances.get(key) ?? {
        labels: r.labels,
        state: 'Normal' as const,
        reason: '',
        startsAtMs: at,
        lastEvaluatedAtMs: at,
        values: {},
      };
      const n = next(cur, this.rule, r, at);
      if (n.state !== cur.state || n.reason !== cur.reason) {
        out.push({
          ruleUid: this.rule.uid ?? this.rule.title,
          title: this.rule.title,
          labels: cur.labels,
          atMs: at,
          from: cur.state,
          fromReason: cur.reason,
          to: n.state,
          reason: n.reason,
          values: r.values,
          ...(r.error ? { error: r.error } : {}),
        });
      }
      this.instances.set(key, { ...cur, ...n, lastEvaluatedAtMs: at, values: r.values });
    };
    const applyToAll =
      this.instances.size > 0 &&
      ((evaluation.noData && this.rule.noDataState !== 'NoData') ||
        (evaluation.error !== undefined && this.rule.execErrState !== 'Error'));
    if (applyToAll) {
      const r = evaluation.results[0];
      for (const [key, inst] of this.instances) step(key, { ...r, labels: inst.labels });
    } else {
      for (const r of evaluation.results) step(instanceKey(r.labels), r);
    }
    // stale instances: not evaluated for two intervals
    for (const [key, inst] of this.instances) {
      if (inst.lastEvaluatedAtMs + 2 * this.intervalSeconds * 1000 > at) continue;
      if (inst.state !== 'Normal') {
        out.push({
          ruleUid: this.rule.uid ?? this.rule.title,
          title: this.rule.title,
          labels: inst.labels,
          atMs: at,
          from: inst.state,
          fromReason: inst.reason,
          to: 'Normal',
          reason: 'MissingSeries',
          values: {},
        });
      }
      this.instances.delete(key);
    }
    return out;
  }
}
