/**
 * Rule-group evaluation over a time range (Prometheus `rules/group.go`): groups evaluated at their
 * interval, rules in order within a group so that a recording rule's output (appended at the
 * evaluation timestamp) is visible to later rules of the same evaluation; alerting rules drive the
 * alert state machine and write `ALERTS`/`ALERTS_FOR_STATE`; series a rule stops producing get a
 * staleness marker. The query engine and the storage are injected (`RuleEngine`).
 */
import type { Labels, TimelineAlert, VectorSample } from '../values.js';
import { STALE_NAN } from '../storage/stale.js';
import { createAlertStateMachine, type AlertStateMachine, type ActiveAlert } from './alert-state.js';
import { parseDuration } from '../duration.js';
import { prometheusGroupOffsetNs } from './group-offset.js';
import { labelsKey, normalizeLabels } from '../labels.js';
import { isAlertingRuleInput, type RecordingRuleInput, type RuleGroupInput } from './types.js';
import type { TemplateQueryFunc } from '../template/functions.js';

/** What rule evaluation needs from a query engine and a storage. */
export interface RuleEngine {
  /** Instant query at `t` (ms): a vector, or a scalar as one unlabelled sample. Throws on error. */
  query(expr: string, t: number): VectorSample[];
  /**
   * Appends rule output samples. With `stale`, the samples' values are ignored and a staleness
   * marker is written instead (NaN payloads do not survive every JS path, so the marker is
   * produced by the storage side).
   */
  append(samples: readonly VectorSample[], stale?: boolean): void;
}

export interface RuleEvalInfo {
  group: string;
  /** Rule name: `alert` or `record`. */
  rule: string;
  ruleIndex: number;
  kind: 'alerting' | 'recording';
  t: number;
  /** Samples the rule produced at this evaluation (recorded series, or ALERTS/ALERTS_FOR_STATE). */
  samples: VectorSample[];
  /** For alerting rules: the alerts held after this evaluation. */
  alerts?: ActiveAlert[];
  error?: string;
}

export interface RuleEvalError {
  group: string;
  rule: string;
  t: number;
  message: string;
}

export interface EvaluateGroupsOptions {
  /** First evaluation time (ms), inclusive. */
  start: number;
  /** Last evaluation time (ms), inclusive. */
  end: number;
  /** Interval of groups without their own (ms). Default 1 minute. */
  defaultIntervalMs?: number;
  /**
   * `'start'` (default): every group evaluates at start, start+interval, ... (promtool's schedule
   * when start is 0 and all groups share the interval). `'epoch'`: at multiples of the interval.
   * `'single'`: every group at start, start+defaultInterval, ... ignoring group intervals (promtool).
   * `'prometheus'`: at the times a Prometheus server evaluates the group: multiples of the interval
   * shifted by the hash of the group's name and rule file (`ruleFile`), as `rules.Group.EvalTimestamp`.
   */
  alignment?: 'start' | 'epoch' | 'single' | 'prometheus';
  /** Path of the rule file as the Prometheus server loads it (for `alignment: 'prometheus'`). */
  ruleFile?: string;
  externalLabels?: Labels;
  externalURL?: string;
  /** Called after each rule evaluation (per-evaluation samples on demand). */
  onEval?: (info: RuleEvalInfo) => void;
  /** Called before all groups evaluate at `t` (e.g. to load input samples up to `t`). */
  beforeTimestamp?: (t: number) => void;
  /** Called after all groups evaluated at `t` with this timestamp's errors and the alert state machines (by group, then rule index); return false to stop early. */
  afterTimestamp?: (
    t: number,
    errors: RuleEvalError[],
    machines: Array<Map<number, AlertStateMachine>>,
  ) => boolean | void;
  /** Template `query` function; defaults to the engine's query. */
  templateQuery?: TemplateQueryFunc;
}

export interface EvaluateGroupsResult {
  timeline: TimelineAlert[];
  errors: RuleEvalError[];
  /** Number of (group, timestamp) evaluations performed. */
  evaluations: number;
  /** Alert state machines by group index then rule index (alerting rules only), for inspection. */
  machines: Array<Map<number, AlertStateMachine>>;
}

interface GroupState {
  group: RuleGroupInput;
  index: number;
  intervalMs: number;
  offsetMs: number;
  machines: Map<number, AlertStateMachine>;
  previous: Map<number, Map<string, Labels>>;
}

/** A recording rule's output for one evaluation (Prometheus `RecordingRule.Eval`); throws on duplicate label sets or the limit. */
export function recordingEval(
  rule: RecordingRuleInput,
  vector: VectorSample[],
  limit: number | undefined,
): VectorSample[] {
  const out: VectorSample[] = [];
  const seen = new Set<string>();
  for (const s of vector) {
    const labels = normalizeLabels({ ...s.labels, __name__: rule.record, ...(rule.labels ?? {}) });
    const key = labelsKey(labels);
    if (seen.has(key)) throw new Error('vector contains metrics with the same labelset after applying rule labels');
    seen.add(key);
    out.push({ labels, t: s.t, v: s.v });
  }
  if (limit !== undefined && limit > 0 && out.length > limit)
    throw new Error(`exceeded limit of ${limit} with ${out.length} series`);
  return out;
}

/** Evaluates rule groups over [start, end] with an injected engine; see `RuleEngine`. */
export function evaluateRuleGroups(
  engine: RuleEngine,
  groups: readonly RuleGroupInput[],
  options: EvaluateGroupsOptions,
): EvaluateGroupsResult {
  const defaultInterval = options.defaultIntervalMs ?? 60_000;
  const alignment = options.alignment ?? 'start';
  const templateQuery = options.templateQuery ?? ((expr: string, t: number) => engine.query(expr, t));
  const states: GroupState[] = groups.map((group, index) => {
    const intervalMs = alignment === 'single' || !group.interval ? defaultInterval : parseDuration(group.interval);
    if (intervalMs <= 0) throw new RangeError(`group ${group.name}: interval must be positive`);
    const offsetMs = group.query_offset ? parseDuration(group.query_offset) : 0;
    const machines = new Map<number, AlertStateMachine>();
    group.rules.forEach((rule, i) => {
      if (isAlertingRuleInput(rule))
        machines.set(
          i,
          createAlertStateMachine(rule, {
            externalLabels: options.externalLabels,
            externalURL: options.externalURL,
            queryOffsetMs: offsetMs,
            limit: group.limit,
            templateQuery,
            snapshots: options.onEval !== undefined,
          }),
        );
    });
    return { group, index, intervalMs, offsetMs, machines, previous: new Map() };
  });

  // All (t, group) pairs in time order; equal times keep group order.
  const schedule = new Map<number, GroupState[]>();
  for (const st of states) {
    let t = options.start;
    if (alignment === 'epoch') t = Math.ceil(options.start / st.intervalMs) * st.intervalMs;
    else if (alignment === 'prometheus') {
      const offsetMs = Number(
        prometheusGroupOffsetNs(options.ruleFile ?? '', st.group.name, st.intervalMs) / 1_000_000n,
      );
      t = Math.ceil((options.start - offsetMs) / st.intervalMs) * st.intervalMs + offsetMs;
    }
    for (; t <= options.end; t += st.intervalMs) {
      let list = schedule.get(t);
      if (!list) schedule.set(t, (list = []));
      list.push(st);
    }
  }
  // promtool steps through every timestamp even without rule groups (input keeps loading).
  if (alignment === 'single')
    for (let t = options.start; t <= options.end; t += defaultInterval) if (!schedule.has(t)) schedule.set(t, []);
  const times = [...schedule.keys()].sort((a, b) => a - b);
  const errors: RuleEvalError[] = [];
  let evaluations = 0;

  for (const t of times) {
    options.beforeTimestamp?.(t);
    const errorsHere: RuleEvalError[] = [];
    for (const st of schedule.get(t)!) {
      evaluations++;
      const queryT = t - st.offsetMs;
      st.group.rules.forEach((rule, ri) => {
        const name = isAlertingRuleInput(rule) ? rule.alert : rule.record;
        let produced: VectorSample[] | undefined;
        let error: string | undefined;
        let alerts: ActiveAlert[] | undefined;
        let vector: VectorSample[] | { error: string };
        try {
          vector = engine.query(rule.expr, queryT);
        } catch (e) {
          vector = { error: (e as Error).message };
        }
        if (isAlertingRuleInput(rule)) {
          const res = st.machines.get(ri)!.step(t, vector);
          alerts = res.alerts;
          if (res.error) error = res.error;
          else produced = res.samples;
        } else if (Array.isArray(vector)) {
          try {
            produced = recordingEval(rule, vector, st.group.limit);
          } catch (e) {
            error = (e as Error).message;
          }
        } else error = vector.error;

        if (produced) {
          const returned = new Map<string, Labels>();
          for (const s of produced) returned.set(labelsKey(s.labels), s.labels);
          const stale: VectorSample[] = [];
          for (const [key, labels] of st.previous.get(ri) ?? [])
            if (!returned.has(key)) stale.push({ labels, t: queryT, v: STALE_NAN });
          engine.append(produced);
          if (stale.length) engine.append(stale, true);
          st.previous.set(ri, returned);
        }
        if (error !== undefined) {
          const err = { group: st.group.name, rule: name, t, message: error };
          errors.push(err);
          errorsHere.push(err);
        }
        options.onEval?.({
          group: st.group.name,
          rule: name,
          ruleIndex: ri,
          kind: isAlertingRuleInput(rule) ? 'alerting' : 'recording',
          t,
          samples: produced ?? [],
          alerts,
          error,
        });
      });
    }
    if (
      options.afterTimestamp?.(
        t,
        errorsHere,
        states.map((s) => s.machines),
      ) === false
    )
      break;
  }

  const timeline: TimelineAlert[] = [];
  for (const st of states) for (const m of st.machines.values()) timeline.push(...m.timeline());
  timeline.sort(
    (a, b) => a.activeAt - b.activeAt || (a.alertname < b.alertname ? -1 : a.alertname > b.alertname ? 1 : 0),
  );
  return { timeline, errors, evaluations, machines: states.map((s) => s.machines) };
}
