/**
 * `evaluateRulesRange(storage, groups, options)`: the same result as `evaluateRules` (per-step
 * instant queries, Prometheus `rules/group.go` order) but each rule is evaluated ONCE as a range
 * query over all of its group's evaluation timestamps, then its per-step vectors are replayed
 * through the recording/alerting logic in time order.
 *
 * Why the order can change (rule by rule instead of timestamp by timestamp) without changing the
 * result: a query at `t` only reads samples at or before `t`, so a rule sees the same data as long
 * as everything it reads was written by rules that come BEFORE it (group order, then rule order)
 * with a query_offset not larger than its own. The analysis below checks that statically and
 * falls back where it cannot hold:
 *
 * - whole evaluation on the per-step path (`evaluateRules`) when a rule may read a series written
 *   by itself or by a later rule (e.g. a recording rule of a later group, `ALERTS` of a later
 *   alert), when a writer has a larger query_offset than a reader, when a rule that may read rule
 *   output looks ahead (`@`, negative `offset`), when two rules may write the same series and a
 *   rule between them reads it, and when `beforeTimestamp`/`afterTimestamp` hooks are given
 *   (they observe the interleaved per-timestamp state);
 * - one rule on per-step instant queries when its range query fails as a whole (e.g. many-to-many
 *   matching at one step), when its expression uses `@` (`start()`/`end()` differ between a range
 *   and an instant query) or negative offsets on input data, or when it sorts (`sort*()`,
 *   `topk`/`bottomk`/`limitk` order only holds per step).
 *
 * Template `query` calls in alert labels/annotations may read anything, so such a rule counts
 * as a reader of every rule-written series; its own ALERTS are then appended step by step so the
 * template sees exactly what it would live. Rules that may write the same series (same `record`
 * name, or alerting rules with the same `alert` name) have their writes buffered and merged into
 * the storage in per-step order, with the same drop-on-conflict behaviour.
 * `onEval` infos and errors are reported in per-step order (timestamp, group, rule) once the
 * evaluation is done. The order of samples WITHIN one recording evaluation's `onEval` info follows
 * the range query unless `exactSampleOrder` is set (see `orderTies` for alert timelines).
 */
import { sampleBudget } from '../eval/sample-budget.js';
import type { Expr, LabelMatcher } from '../ast.js';
import { walkExpr } from '../check/walk.js';
import { evalExpr } from '../eval/engine.js';
import { DEFAULT_LOOKBACK_DELTA_MS } from '../eval/query.js';
import type { EvalContext } from '../eval/types.js';
import { parseOrThrow } from '../parser/parse-or-throw.js';
import { compileMatcher } from '../storage/matchers.js';
import type { Storage } from '../storage/memory-storage.js';
import { STALE_NAN } from '../storage/stale.js';
import type { Labels, TimelineAlert, VectorSample } from '../values.js';
import {
  createAlertStateMachine,
  type ActiveAlert,
  type AlertingRuleInput,
  type AlertStateMachine,
} from './alert-state.js';
import { parseDuration } from '../duration.js';
import { evaluateRules, storageRuleEngine, type EvaluateRulesOptions } from './evaluate.js';
import { recordingEval, type EvaluateGroupsResult, type RuleEvalError, type RuleEvalInfo } from './evaluate-groups.js';
import { labelsKey, normalizeLabels } from '../labels.js';
import { isAlertingRuleInput, type RecordingRuleInput, type RuleGroupInput, type RuleInput } from './types.js';
import { prometheusGroupOffsetNs } from './group-offset.js';

/** Why (part of) an evaluation ran on the per-step path. */
export interface RangeFallback {
  scope: 'evaluation' | 'rule';
  group?: string;
  rule?: string;
  reason: string;
}

export interface EvaluateRulesRangeOptions extends EvaluateRulesOptions {
  /**
   * `onEval` samples of a recording rule in the order of the per-step instant vector (costs an
   * instant query per evaluation with two or more samples). Off: the same samples, in the order
   * of the range query's series. Alert timelines are always in the per-step order.
   */
  exactSampleOrder?: boolean;
}

export interface EvaluateRulesRangeResult extends EvaluateGroupsResult {
  /** Where the per-step path was used instead of range queries, and why (empty in the common case). */
  fallbacks: RangeFallback[];
}

interface RulePlan {
  gi: number;
  ri: number;
  rule: RuleInput;
  name: string;
  offsetMs: number;
  expr?: Expr;
  /** Metric names this rule writes (`record`, or ALERTS/ALERTS_FOR_STATE). */
  writes: string[];
  /**
   * Labels every series this rule writes carries with a known value: the rule's own non-template
   * `labels` (they override the expression's), plus `alertname` for an alerting rule.
   */
  fixed: Labels;
  /** One per selector of the expression: may it select a series named `name` with labels `fixed`? */
  readers: Array<(name: string, fixed: Labels) => boolean>;
  readsAll: boolean;
  lookahead: boolean;
  perStep?: string;
  /** Writes go to a merge buffer (another rule may write the same series). */
  shared: boolean;
  /** The merge buffer's key, shared by all rules that may write the same series. */
  sharedKey?: string;
  /** Alerting rule whose templates call `query`: ALERTS appended step by step. */
  templateQueries: boolean;
}

/**
 * A selector may read a rule's output unless one of its matchers rules it out: a `__name__`
 * matcher the written name fails, or a matcher on a label the rule fixes that the fixed value
 * fails (an empty value is the label's absence, which matchers see as ""). Labels the rule does
 * not fix come from its expression and may take any value.
 */
function selectorReader(matchers: readonly LabelMatcher[]): (name: string, fixed: Labels) => boolean {
  const ms = matchers.map((m) => ({ label: m.name, m: compileMatcher(m) }));
  return (name: string, fixed: Labels) =>
    ms.every(({ label, m }) => {
      if (label === '__name__') return m.matches(name);
      const v = fixed[label];
      return v === undefined || m.matches(v);
    });
}

/** The labels a rule sets to a value known before evaluation (template values are not). */
function fixedLabels(rule: RuleInput): Labels {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(rule.labels ?? {})) if (!v.includes('{{')) out[k] = v;
  if (isAlertingRuleInput(rule)) out.alertname = rule.alert;
  return out;
}

/** Can two rules' outputs be the same series? Not when both fix a label to different values. */
function outputsMeet(a: RulePlan, b: RulePlan): boolean {
  if (a.writes[0] !== b.writes[0]) return false;
  for (const k in a.fixed) if (k in b.fixed && a.fixed[k] !== b.fixed[k]) return false;
  return true;
}

function planRule(rule: RuleInput, gi: number, ri: number, offsetMs: number, experimental: boolean): RulePlan {
  const alerting = isAlertingRuleInput(rule);
  const plan: RulePlan = {
    gi,
    ri,
    rule,
    name: alerting ? rule.alert : rule.record,
    offsetMs,
    writes: alerting ? ['ALERTS', 'ALERTS_FOR_STATE'] : [rule.record],
    fixed: fixedLabels(rule),
    readers: [],
    readsAll: false,
    lookahead: false,
    shared: false,
    templateQueries: false,
  };
  if (alerting) {
    const texts = [...Object.values(rule.labels ?? {}), ...Object.values(rule.annotations ?? {})];
    if (texts.some((t) => /\bquery\b/.test(t))) {
      plan.templateQueries = true;
      plan.readsAll = true;
    }
  }
  try {
    plan.expr = parseOrThrow(rule.expr, { experimentalFunctions: experimental });
  } catch {
    plan.perStep = 'expression does not parse';
    return plan;
  }
  walkExpr(plan.expr, (node) => {
    if (node.type === 'VectorSelector') {
      plan.readers.push(selectorReader(node.matchers));
      if (node.at || node.offsetMs < 0) plan.lookahead = true;
    } else if (node.type === 'SubqueryExpr') {
      if (node.at || node.offsetMs < 0) plan.lookahead = true;
    } else if (node.type === 'Call' && /^sort/.test(node.func)) plan.perStep ??= `${node.func}() orders each step`;
    else if (node.type === 'AggregateExpr' && ['topk', 'bottomk', 'limitk', 'limit_ratio'].includes(node.op as string))
      plan.perStep ??= `${node.op} orders each step`;
  });
  if (plan.lookahead) plan.perStep ??= 'looks ahead (@ or negative offset)';
  return plan;
}

/**
 * Rules with the same key may write the same series: rules with the same `record` (or `alert`)
 * whose fixed labels do not tell their outputs apart, joined transitively. Set by `analyse`.
 */
function sharedKey(pl: RulePlan): string {
  return pl.sharedKey ?? `${pl.gi}\u0000${pl.ri}`;
}

/** The first name of `writer`'s output that `reader` may select, if any. */
function readHit(reader: RulePlan, writer: RulePlan): string | undefined {
  if (reader.readsAll) return writer.writes[0];
  return writer.writes.find((n) => reader.readers.some((r) => r(n, writer.fixed)));
}

/** Groups the rules whose outputs may be the same series (same name, fixed labels not disjoint). */
function sharedSets(plans: RulePlan[]): number[][] {
  const parent = plans.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const byName = new Map<string, number[]>();
  for (let p = 0; p < plans.length; p++) {
    const key = (isAlertingRuleInput(plans[p]!.rule) ? 'alert\u0000' : 'record\u0000') + plans[p]!.name;
    let list = byName.get(key);
    if (!list) byName.set(key, (list = []));
    list.push(p);
  }
  for (const list of byName.values())
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++)
        if (outputsMeet(plans[list[i]!]!, plans[list[j]!]!)) parent[find(list[j]!)] = find(list[i]!);
  const sets = new Map<number, number[]>();
  for (let p = 0; p < plans.length; p++) {
    const root = find(p);
    let set = sets.get(root);
    if (!set) sets.set(root, (set = []));
    set.push(p);
  }
  return [...sets.values()];
}

/** Decides the evaluation plan; returns a reason when the whole evaluation must run per step. */
function analyse(plans: RulePlan[]): string | undefined {
  for (let p = 0; p < plans.length; p++) {
    const r = plans[p]!;
    for (let q = 0; q < plans.length; q++) {
      const w = plans[q]!;
      const hit = readHit(r, w);
      if (hit === undefined) continue;
      // A template query of an alerting rule reading its own ALERTS is replayed step by step.
      if (q === p && r.templateQueries && !r.readers.some((x) => w.writes.some((n) => x(n, w.fixed)))) continue;
      if (q >= p) return `rule ${r.name} reads ${hit}, written by ${q === p ? 'itself' : `the later rule ${w.name}`}`;
      if (r.lookahead) return `rule ${r.name} looks ahead (@ or negative offset) and reads rule output ${hit}`;
      const readerOffset = r.templateQueries ? 0 : r.offsetMs;
      if (w.offsetMs > readerOffset || (r.templateQueries && w.offsetMs !== 0))
        return `rule ${r.name} (query_offset ${r.offsetMs}ms) reads ${hit} written with the larger query_offset ${w.offsetMs}ms`;
    }
  }
  // Rules that may write the same series: buffered, merged once the last of them ran.
  for (const list of sharedSets(plans)) {
    if (list.length < 2) continue;
    const first = list[0]!;
    const last = list[list.length - 1]!;
    for (const p of list) {
      plans[p]!.shared = true;
      plans[p]!.sharedKey = `${first}`;
    }
    for (let p = first; p <= last; p++)
      for (const q of list) {
        const hit = readHit(plans[p]!, plans[q]!);
        if (hit !== undefined) return `rule ${plans[p]!.name} reads ${hit} while several rules write it`;
      }
    // An alerting name shared with a recording rule writing ALERTS is covered by the read check above.
  }
  // A recording rule named ALERTS/ALERTS_FOR_STATE could collide with alert output: keep it simple.
  const alertWriters = plans.filter((p) => isAlertingRuleInput(p.rule)).length;
  if (
    alertWriters > 0 &&
    plans.some((p) => !isAlertingRuleInput(p.rule) && (p.name === 'ALERTS' || p.name === 'ALERTS_FOR_STATE'))
  )
    return 'a recording rule writes ALERTS/ALERTS_FOR_STATE';
  return undefined;
}

interface Pending {
  set: string;
  t: number;
  gi: number;
  ri: number;
  labels: Labels;
  ts: number;
  v: number;
  stale: boolean;
}

/** Per-series sample columns of one rule, flushed into the storage in one call per series. */
class SeriesBatch {
  private readonly series = new Map<string, { labels: Labels; ts: number[]; vs: number[]; stale: number[] }>();
  add(labels: Labels, key: string, t: number, v: number, stale: boolean): void {
    let s = this.series.get(key);
    if (!s) this.series.set(key, (s = { labels, ts: [], vs: [], stale: [] }));
    if (stale) s.stale.push(s.ts.length);
    s.ts.push(t);
    s.vs.push(v);
  }
  flush(storage: Storage): void {
    for (const s of this.series.values()) {
      const n = s.ts.length;
      const ts = Float64Array.from(s.ts);
      const vs = Float64Array.from(s.vs);
      for (const i of s.stale) vs[i] = STALE_NAN;
      if (!existsIn(storage, s.labels)) {
        storage.appendSeries(s.labels, ts, vs);
        continue;
      }
      for (let i = 0; i < n; i++) {
        try {
          storage.append(s.labels, ts[i]!, vs[i]!);
        } catch {
          // Dropped like the per-step path drops out-of-order/duplicate rule samples.
        }
      }
    }
    this.series.clear();
  }
}

function existsIn(storage: Storage, labels: Labels): boolean {
  const matchers: LabelMatcher[] = Object.keys(labels).map(
    (name) => ({ name, op: '=', value: labels[name]! }) as LabelMatcher,
  );
  const key = labelsKey(labels);
  return storage.select(matchers).some((s) => labelsKey(s.labels) === key);
}

function appendOne(storage: Storage, labels: Labels, t: number, v: number, stale: boolean): void {
  try {
    storage.append(labels, t, stale ? STALE_NAN : v);
  } catch {
    // Prometheus drops out-of-order/duplicate rule samples (and logs them); so does the per-step path.
  }
}

function groupTimes(group: RuleGroupInput, intervalMs: number, options: EvaluateRulesOptions): number[] {
  const alignment = options.alignment ?? 'start';
  let t = options.start;
  if (alignment === 'epoch') t = Math.ceil(options.start / intervalMs) * intervalMs;
  else if (alignment === 'prometheus') {
    const offsetMs = Number(prometheusGroupOffsetNs(options.ruleFile ?? '', group.name, intervalMs) / 1_000_000n);
    t = Math.ceil((options.start - offsetMs) / intervalMs) * intervalMs + offsetMs;
  }
  const out: number[] = [];
  for (; t <= options.end; t += intervalMs) out.push(t);
  return out;
}

/**
 * Evaluates rule groups like `evaluateRules` (same options, same timeline, errors, evaluations,
 * recorded samples and ALERTS in `storage`), with one range query per rule. See the module
 * comment for when it falls back to per-step evaluation (`fallbacks` in the result).
 */
export function evaluateRulesRange(
  storage: Storage,
  groups: readonly RuleGroupInput[],
  options: EvaluateRulesRangeOptions,
): EvaluateRulesRangeResult {
  const queryOptions = options.queryOptions ?? {};
  const experimental = queryOptions.experimentalFunctions ?? false;
  const defaultInterval = options.defaultIntervalMs ?? 60_000;
  const alignment = options.alignment ?? 'start';

  const perGroup = groups.map((group) => {
    const intervalMs = alignment === 'single' || !group.interval ? defaultInterval : parseDuration(group.interval);
    if (intervalMs <= 0) throw new RangeError(`group ${group.name}: interval must be positive`);
    const offsetMs = group.query_offset ? parseDuration(group.query_offset) : 0;
    return { group, intervalMs, offsetMs };
  });
  const plans: RulePlan[] = [];
  perGroup.forEach((g, gi) => {
    g.group.rules.forEach((rule, ri) => {
      plans.push(planRule(rule, gi, ri, g.offsetMs, experimental));
    });
  });

  const whole =
    options.beforeTimestamp || options.afterTimestamp
      ? 'beforeTimestamp/afterTimestamp hooks observe the per-timestamp order'
      : analyse(plans);
  if (whole !== undefined)
    return { ...evaluateRules(storage, groups, options), fallbacks: [{ scope: 'evaluation', reason: whole }] };

  const fallbacks: RangeFallback[] = [];
  const engine = storageRuleEngine(storage, queryOptions);
  const templateQuery = (expr: string, t: number): VectorSample[] => engine.query(expr, t);
  const errors: Array<RuleEvalError & { gi: number; ri: number }> = [];
  const infos: Array<RuleEvalInfo & { gi: number }> | undefined = options.onEval ? [] : undefined;
  const machines: Array<Map<number, AlertStateMachine>> = groups.map(() => new Map());
  const pending: Pending[] = [];
  const sharedLeft = new Map<string, number>();
  for (const pl of plans) if (pl.shared) sharedLeft.set(sharedKey(pl), (sharedLeft.get(sharedKey(pl)) ?? 0) + 1);
  let evaluations = 0;
  const times = perGroup.map((g) => groupTimes(g.group, g.intervalMs, options));
  for (const ts of times) evaluations += ts.length;

  for (const pl of plans) {
    const g = perGroup[pl.gi]!;
    const ts = times[pl.gi]!;
    const group = g.group;
    const alerting = isAlertingRuleInput(pl.rule);
    let machine: AlertStateMachine | undefined;
    if (alerting) {
      machine = createAlertStateMachine(pl.rule as Extract<RuleInput, { alert: string }>, {
        externalLabels: options.externalLabels,
        externalURL: options.externalURL,
        queryOffsetMs: g.offsetMs,
        limit: group.limit,
        templateQuery,
        snapshots: options.onEval !== undefined,
      });
      machines[pl.gi]!.set(pl.ri, machine);
    }
    if (ts.length === 0) continue;

    // Per-step vectors: from one range query, or per-step instant queries.
    let vectorAt: (i: number, queryT: number) => VectorSample[] | { error: string };
    let rangeVal: ReturnType<typeof evalExpr> | undefined;
    let reason = pl.perStep;
    if (reason === undefined && pl.expr) {
      const steps = new Float64Array(ts.length);
      for (let i = 0; i < ts.length; i++) steps[i] = ts[i]! - g.offsetMs;
      const ctx: EvalContext = {
        storage,
        lookbackMs: queryOptions.lookbackDeltaMs ?? DEFAULT_LOOKBACK_DELTA_MS,
        subqueryStepMs: queryOptions.subqueryStepMs ?? 60_000,
        queryStart: steps[0]!,
        queryEnd: steps[steps.length - 1]!,
        warnings: [],
        infos: [],
        budget: sampleBudget(queryOptions.maxSamples),
      };
      try {
        rangeVal = evalExpr(ctx, pl.expr, steps);
        if (rangeVal.kind !== 'vector' && rangeVal.kind !== 'scalar') {
          reason = `range evaluation gave a ${rangeVal.kind}`;
          rangeVal = undefined;
        }
      } catch (e) {
        reason = `range query failed: ${(e as Error).message}`;
      }
    }
    if (rangeVal && rangeVal.kind === 'vector') {
      const series = rangeVal.series;
      vectorAt = (i, queryT) => {
        const out: VectorSample[] = [];
        for (const s of series) if (s.has[i]) out.push({ labels: s.labels, t: queryT, v: s.vals[i]! });
        return out;
      };
    } else if (rangeVal && rangeVal.kind === 'scalar') {
      const vals = rangeVal.vals;
      vectorAt = (i, queryT) => [{ labels: {}, t: queryT, v: vals[i]! }];
    } else {
      fallbacks.push({ scope: 'rule', group: group.name, rule: pl.name, reason: reason ?? 'per-step' });
      vectorAt = (_i, queryT) => {
        try {
          return engine.query(pl.rule.expr, queryT);
        } catch (e) {
          return { error: (e as Error).message };
        }
      };
    }

    if (!alerting && !pl.shared && rangeVal) {
      const series: StepColumn[] =
        rangeVal.kind === 'vector'
          ? rangeVal.series
          : [
              {
                labels: {},
                vals: (rangeVal as { kind: 'scalar'; vals: Float64Array }).vals,
                has: new Uint8Array(ts.length).fill(1),
              },
            ];
      if (
        recordColumns(
          storage,
          pl.rule as RecordingRuleInput,
          group.name,
          pl,
          series,
          ts,
          g.offsetMs,
          group.limit,
          errors,
          infos,
        )
      )
        continue;
    }

    const batch = new SeriesBatch();
    const incremental = pl.templateQueries && !pl.shared;
    const write = (t: number, labels: Labels, key: string, sampleT: number, v: number, stale: boolean): void => {
      if (pl.shared) pending.push({ set: sharedKey(pl), t, gi: pl.gi, ri: pl.ri, labels, ts: sampleT, v, stale });
      else if (incremental) appendOne(storage, labels, sampleT, v, stale);
      else batch.add(labels, key, sampleT, v, stale);
    };
    let previous = new Map<string, Labels>();
    for (let i = 0; i < ts.length; i++) {
      const t = ts[i]!;
      const queryT = t - g.offsetMs;
      const vector = vectorAt(i, queryT);
      let produced: VectorSample[] | undefined;
      let error: string | undefined;
      let alerts: ActiveAlert[] | undefined;
      if (machine) {
        const res = machine.step(t, vector);
        alerts = res.alerts;
        if (res.error) error = res.error;
        else produced = res.samples;
      } else if (Array.isArray(vector)) {
        try {
          produced = recordingEval(pl.rule as RecordingRuleInput, vector, group.limit);
        } catch (e) {
          error = (e as Error).message;
        }
      } else error = vector.error;

      if (produced) {
        const returned = new Map<string, Labels>();
        for (const s of produced) {
          const key = labelsKey(s.labels);
          returned.set(key, s.labels);
          write(t, s.labels, key, s.t, s.v, false);
        }
        for (const [key, labels] of previous) if (!returned.has(key)) write(t, labels, key, queryT, STALE_NAN, true);
        previous = returned;
      }
      if (error !== undefined)
        errors.push({ group: group.name, rule: pl.name, t, message: error, gi: pl.gi, ri: pl.ri });
      infos?.push({
        group: group.name,
        rule: pl.name,
        ruleIndex: pl.ri,
        kind: alerting ? 'alerting' : 'recording',
        t,
        samples: produced ?? [],
        alerts,
        error,
        gi: pl.gi,
      });
    }
    batch.flush(storage);
    if (pl.shared) {
      const key = sharedKey(pl);
      const left = sharedLeft.get(key)! - 1;
      sharedLeft.set(key, left);
      if (left === 0) flushPending(storage, pending, key);
    }
  }

  const order = (a: { t: number; gi: number; ri: number }, b: { t: number; gi: number; ri: number }): number =>
    a.t - b.t || a.gi - b.gi || a.ri - b.ri;
  errors.sort(order);
  const planOf = (gi: number, ri: number): RulePlan => plans.find((x) => x.gi === gi && x.ri === ri)!;
  const instantAt = (pl: RulePlan, t: number): VectorSample[] | undefined => {
    try {
      return engine.query(pl.rule.expr, t - perGroup[pl.gi]!.offsetMs);
    } catch {
      return undefined;
    }
  };
  if (infos && options.onEval && options.exactSampleOrder) {
    for (const info of infos) {
      if (info.kind !== 'recording' || info.samples.length < 2) continue;
      const pl = planOf(info.gi, info.ruleIndex);
      const vec = instantAt(pl, info.t);
      if (!vec) continue;
      let out: VectorSample[];
      try {
        out = recordingEval(pl.rule as RecordingRuleInput, vec, undefined);
      } catch {
        continue;
      }
      const rank = new Map(out.map((x, i) => [labelsKey(x.labels), i]));
      info.samples.sort((a, b) => (rank.get(labelsKey(a.labels)) ?? 0) - (rank.get(labelsKey(b.labels)) ?? 0));
    }
  }
  if (infos && options.onEval) {
    infos.sort((a, b) => order({ t: a.t, gi: a.gi, ri: a.ruleIndex }, { t: b.t, gi: b.gi, ri: b.ruleIndex }));
    for (const { gi: _gi, ...info } of infos) options.onEval(info);
  }
  const timeline: TimelineAlert[] = [];
  for (const [gi, m] of machines.entries())
    for (const [ri, sm] of [...m.entries()].sort((a, b) => a[0] - b[0]))
      timeline.push(...orderTies(sm.timeline(), sm.rule, (t) => instantAt(planOf(gi, ri), t)));
  timeline.sort(
    (a, b) => a.activeAt - b.activeAt || (a.alertname < b.alertname ? -1 : a.alertname > b.alertname ? 1 : 0),
  );
  return {
    timeline,
    errors: errors.map(({ gi: _gi, ri: _ri, ...e }) => e),
    evaluations,
    machines,
    fallbacks,
  };
}

interface StepColumn {
  labels: Labels;
  vals: Float64Array;
  has: Uint8Array;
}

/**
 * A recording rule's evaluations straight from the range-query columns: output label sets are
 * computed once per series; when they are all distinct no evaluation can hit a duplicate, so
 * each step only needs the limit check, and samples/staleness markers go to per-series columns
 * appended in one call. Returns false (nothing done) when two series map to the same output.
 */
function recordColumns(
  storage: Storage,
  rule: RecordingRuleInput,
  groupName: string,
  pl: RulePlan,
  series: readonly StepColumn[],
  ts: readonly number[],
  offsetMs: number,
  limit: number | undefined,
  errors: Array<RuleEvalError & { gi: number; ri: number }>,
  infos: Array<RuleEvalInfo & { gi: number }> | undefined,
): boolean {
  const m = series.length;
  const outLabels: Labels[] = new Array(m);
  const keys = new Set<string>();
  for (let k = 0; k < m; k++) {
    outLabels[k] = normalizeLabels({ ...series[k]!.labels, __name__: rule.record, ...(rule.labels ?? {}) });
    keys.add(labelsKey(outLabels[k]!));
  }
  if (keys.size !== m) return false;
  const n = ts.length;
  // Each present step gives a sample and each absent run after one a staleness marker: at most
  // min(n, 2 * present) entries per series (allocated to size, not to the step count).
  const cap = series.map((s) => {
    let c = 0;
    for (let i = 0; i < n; i++) c += s.has[i]!;
    return Math.min(n, 2 * c);
  });
  const colT = cap.map((c) => new Float64Array(c));
  const colV = cap.map((c) => new Float64Array(c));
  const len = new Int32Array(m);
  const prev = new Uint8Array(m);
  for (let i = 0; i < n; i++) {
    const t = ts[i]!;
    const queryT = t - offsetMs;
    let count = 0;
    for (let k = 0; k < m; k++) if (series[k]!.has[i]) count++;
    if (limit !== undefined && limit > 0 && count > limit) {
      const message = `exceeded limit of ${limit} with ${count} series`;
      errors.push({ group: groupName, rule: rule.record, t, message, gi: pl.gi, ri: pl.ri });
      infos?.push({
        group: groupName,
        rule: rule.record,
        ruleIndex: pl.ri,
        kind: 'recording',
        t,
        samples: [],
        alerts: undefined,
        error: message,
        gi: pl.gi,
      });
      continue;
    }
    const produced: VectorSample[] | undefined = infos ? [] : undefined;
    for (let k = 0; k < m; k++) {
      const s = series[k]!;
      if (s.has[i]) {
        colT[k]![len[k]!] = queryT;
        colV[k]![len[k]!] = s.vals[i]!;
        len[k]!++;
        prev[k] = 1;
        produced?.push({ labels: outLabels[k]!, t: queryT, v: s.vals[i]! });
      } else if (prev[k]) {
        colT[k]![len[k]!] = queryT;
        colV[k]![len[k]!] = STALE_NAN;
        len[k]!++;
        prev[k] = 0;
      }
    }
    infos?.push({
      group: groupName,
      rule: rule.record,
      ruleIndex: pl.ri,
      kind: 'recording',
      t,
      samples: produced!,
      alerts: undefined,
      error: undefined,
      gi: pl.gi,
    });
  }
  for (let k = 0; k < m; k++) {
    if (len[k] === 0) continue;
    const tsk = colT[k]!.subarray(0, len[k]);
    const vsk = colV[k]!.subarray(0, len[k]);
    if (!existsIn(storage, outLabels[k]!)) {
      storage.appendSeries(outLabels[k]!, tsk, vsk);
      continue;
    }
    for (let i = 0; i < tsk.length; i++) {
      try {
        storage.append(outLabels[k]!, tsk[i]!, vsk[i]!);
      } catch {
        // Dropped like the per-step path drops out-of-order/duplicate rule samples.
      }
    }
  }
  return true;
}

/**
 * Alerts a rule activates at the same evaluation are timeline entries in the order of that
 * evaluation's instant vector, which a range query does not keep (series order over all steps).
 * Only such ties need it: the instant query is re-run at those evaluations (valid afterwards,
 * since the rule reads nothing written at or after its own position) and the tied entries are
 * put in the order of the samples they came from.
 */
function orderTies(
  entries: TimelineAlert[],
  rule: AlertingRuleInput,
  vectorAt: (t: number) => VectorSample[] | undefined,
): TimelineAlert[] {
  const ruleKeys = new Set(Object.keys(rule.labels ?? {}));
  const from = (e: TimelineAlert, s: Labels): boolean => {
    for (const k in s)
      if (k !== '__name__' && k !== 'alertname' && !ruleKeys.has(k) && e.labels[k] !== s[k]) return false;
    for (const k in e.labels) if (k !== 'alertname' && !ruleKeys.has(k) && !(k in s)) return false;
    return true;
  };
  for (let i = 0; i < entries.length; ) {
    let j = i + 1;
    while (j < entries.length && entries[j]!.activeAt === entries[i]!.activeAt) j++;
    if (j - i >= 2) {
      const vec = vectorAt(entries[i]!.activeAt);
      if (vec) {
        const tied = entries.slice(i, j).map((e) => ({ e, k: vec.findIndex((s) => from(e, s.labels)) }));
        tied.sort((a, b) => a.k - b.k);
        tied.forEach((x, n) => {
          entries[i + n] = x.e;
        });
      }
    }
    i = j;
  }
  return entries;
}

/** Appends the buffered writes of rules sharing output names in per-step order (time, group, rule, sample). */
function flushPending(storage: Storage, pending: Pending[], set: string): void {
  const mine: Pending[] = [];
  const rest: Pending[] = [];
  for (const p of pending) (p.set === set ? mine : rest).push(p);
  // Array.prototype.sort is stable: a rule's samples keep their order within an evaluation.
  mine.sort((a, b) => a.t - b.t || a.gi - b.gi || a.ri - b.ri);
  for (const p of mine) appendOne(storage, p.labels, p.ts, p.v, p.stale);
  pending.length = 0;
  pending.push(...rest);
}
