/**
 * The alert state machine of Prometheus v2.54.1 (`rules/alerting.go`), independent of any storage
 * or query engine: feed it, for each evaluation time, the instant vector the alert expression
 * returned, and it tracks inactive → pending → firing → resolved per label set, `for`,
 * `keep_firing_for`, the 15-minute retention of resolved alerts, label/annotation templating,
 * and produces the `ALERTS` / `ALERTS_FOR_STATE` samples and an alert timeline.
 */
import type { AlertState, Labels, TimelineAlert, VectorSample } from '../values.js';
import { expandAlertTemplate, alertTemplateData } from '../template/expand.js';
import type { TemplateQueryFunc } from '../template/functions.js';
import { compareLabels, labelsKey, normalizeLabels } from '../labels.js';
import { parseDuration } from '../duration.js';
import type { AlertingRuleInput } from './types.js';

export type { AlertingRuleInput } from './types.js';

/** Resolved alerts are kept (and reported as resolved) this long, as in Prometheus. */
export const RESOLVED_RETENTION_MS = 15 * 60_000;

export interface AlertStateOptions {
  externalLabels?: Labels;
  externalURL?: string;
  /** The group's query_offset in ms: ALERTS samples are stamped `t - queryOffsetMs`. */
  queryOffsetMs?: number;
  /** Group `limit`: more pending+firing alerts than this is an evaluation error that clears all alerts. */
  limit?: number;
  /** Runs `{{ query "..." }}` inside templates (at the evaluation time). */
  templateQuery?: TemplateQueryFunc;
  /**
   * Whether each step result carries a copy of every held alert (`alerts`). Default true; turn it
   * off for long replays where only the timeline and ALERTS samples matter (saves allocations).
   */
  snapshots?: boolean;
}

/** One alert instance as Prometheus holds it after an evaluation. Plain data, times in Unix ms. */
export interface ActiveAlert {
  labels: Labels;
  annotations: Labels;
  state: AlertState;
  value: number;
  activeAt: number;
  firedAt?: number;
  resolvedAt?: number;
  keepFiringSince?: number;
}

export interface AlertStepResult {
  t: number;
  /** Set when the evaluation failed (query error, duplicate label sets, limit); state is then unchanged (or cleared for the limit). */
  error?: string;
  /** `ALERTS` and `ALERTS_FOR_STATE` samples of this evaluation, stamped `t - queryOffset`, sorted by labels. */
  samples: VectorSample[];
  /** Every alert held after this evaluation, including resolved ones still retained, sorted by labels (empty when `snapshots` is off). */
  alerts: ActiveAlert[];
}

export interface AlertStateMachine {
  readonly rule: AlertingRuleInput;
  readonly holdMs: number;
  readonly keepFiringForMs: number;
  /** Advances the machine by one evaluation at `t` with the vector the expression returned (or the error it raised). */
  step(t: number, result: VectorSample[] | { error: string }): AlertStepResult;
  /** Prometheus `ActiveAlerts()`: held alerts that are not resolved (pending or firing). */
  activeAlerts(): ActiveAlert[];
  /** Every alert instance's life so far, in order of activation. */
  timeline(): TimelineAlert[];
}

interface Held {
  alert: ActiveAlert;
  entry: TimelineAlert;
}

function copyAlert(a: ActiveAlert): ActiveAlert {
  return { ...a };
}

/** Creates the state machine of one alerting rule. */
export function createAlertStateMachine(rule: AlertingRuleInput, options: AlertStateOptions = {}): AlertStateMachine {
  const holdMs = rule.for ? parseDuration(rule.for) : 0;
  const keepFiringForMs = rule.keep_firing_for ? parseDuration(rule.keep_firing_for) : 0;
  const offset = options.queryOffsetMs ?? 0;
  const ruleLabels = rule.labels ?? {};
  const ruleAnnotations = rule.annotations ?? {};
  const active = new Map<string, Held>();
  const entries: TimelineAlert[] = [];

  const sampleLabels = (a: ActiveAlert, name: string, extra?: Record<string, string>): Labels => {
    const l: Record<string, string> = { ...ruleLabels, ...a.labels, __name__: name, alertname: rule.alert, ...extra };
    return normalizeLabels(l);
  };

  function step(t: number, result: VectorSample[] | { error: string }): AlertStepResult {
    if (!Array.isArray(result)) return { t, error: result.error, samples: [], alerts: snapshot() };
    const fresh = new Map<string, ActiveAlert>();
    for (const smpl of result) {
      const input = {
        alertname: rule.alert,
        labels: smpl.labels,
        value: smpl.v,
        externalLabels: options.externalLabels,
        externalURL: options.externalURL,
        timeMs: t,
        query: options.templateQuery,
      };
      const data = alertTemplateData(input);
      const lbs: Record<string, string> = { ...smpl.labels };
      delete lbs.__name__;
      for (const [k, v] of Object.entries(ruleLabels)) lbs[k] = expandAlertTemplate(v, input, data);
      lbs.alertname = rule.alert;
      const annotations: Record<string, string> = {};
      for (const [k, v] of Object.entries(ruleAnnotations)) annotations[k] = expandAlertTemplate(v, input, data);
      const labels = normalizeLabels(lbs);
      const key = labelsKey(labels);
      if (fresh.has(key)) {
        return {
          t,
          error: 'vector contains metrics with the same labelset after applying alert labels',
          samples: [],
          alerts: snapshot(),
        };
      }
      fresh.set(key, {
        labels,
        annotations: normalizeAnnotations(annotations),
        state: 'pending',
        value: smpl.v,
        activeAt: t,
      });
    }

    for (const [key, a] of fresh) {
      const held = active.get(key);
      if (held && held.alert.state !== 'inactive') {
        held.alert.value = a.value;
        held.alert.annotations = a.annotations;
        held.entry.annotations = a.annotations;
        continue;
      }
      const entry: TimelineAlert = {
        alertname: rule.alert,
        labels: a.labels,
        annotations: a.annotations,
        state: 'pending',
        activeAt: t,
      };
      entries.push(entry);
      active.set(key, { alert: a, entry });
    }

    let numActivePending = 0;
    const samples: VectorSample[] = [];
    for (const [key, held] of [...active]) {
      const a = held.alert;
      if (!fresh.has(key)) {
        let keepFiring = false;
        if (a.state === 'firing' && keepFiringForMs > 0) {
          if (a.keepFiringSince === undefined) a.keepFiringSince = t;
          if (t - a.keepFiringSince < keepFiringForMs) keepFiring = true;
        }
        if (a.state === 'pending' || (a.resolvedAt !== undefined && t - a.resolvedAt > RESOLVED_RETENTION_MS))
          active.delete(key);
        if (a.state !== 'inactive' && !keepFiring) {
          a.state = 'inactive';
          a.resolvedAt = t;
          held.entry.state = 'inactive';
          held.entry.resolvedAt = t;
        }
        if (!keepFiring) continue;
      } else {
        a.keepFiringSince = undefined;
      }
      numActivePending++;
      if (a.state === 'pending' && t - a.activeAt >= holdMs) {
        a.state = 'firing';
        a.firedAt = t;
        held.entry.state = 'firing';
        held.entry.firedAt = t;
      }
      samples.push({ labels: sampleLabels(a, 'ALERTS', { alertstate: a.state }), t: t - offset, v: 1 });
      samples.push({ labels: sampleLabels(a, 'ALERTS_FOR_STATE'), t: t - offset, v: Math.trunc(a.activeAt / 1000) });
    }

    if (options.limit !== undefined && options.limit > 0 && numActivePending > options.limit) {
      for (const held of active.values()) {
        if (held.entry.resolvedAt === undefined) {
          held.entry.state = 'inactive';
          held.entry.resolvedAt = t;
        }
      }
      active.clear();
      return {
        t,
        error: `exceeded limit of ${options.limit} with ${numActivePending} alerts`,
        samples: [],
        alerts: [],
      };
    }
    if (samples.length > 2) samples.sort((x, y) => compareLabels(x.labels, y.labels));
    return { t, samples, alerts: snapshot() };
  }

  function snapshot(): ActiveAlert[] {
    return options.snapshots === false ? [] : all();
  }

  function all(): ActiveAlert[] {
    return [...active.values()].map((h) => copyAlert(h.alert)).sort((x, y) => compareLabels(x.labels, y.labels));
  }

  return {
    rule,
    holdMs,
    keepFiringForMs,
    step,
    activeAlerts: () => all().filter((a) => a.resolvedAt === undefined),
    timeline: () => entries.map((e) => ({ ...e })),
  };
}

function normalizeAnnotations(a: Record<string, string>): Labels {
  // Prometheus builds annotations with a ScratchBuilder: sorted, empty values kept.
  const out: Record<string, string> = {};
  for (const k of Object.keys(a).sort()) out[k] = a[k]!;
  return out;
}

/** One evaluation's input to `alertTimelineFromVectors`. */
export interface AlertEvaluation {
  /** Evaluation time (Unix ms). */
  t: number;
  /** The instant vector the alert expression returned at `t` (or the error it raised). */
  vector: VectorSample[] | { error: string };
}

export interface AlertTimelineResult {
  timeline: TimelineAlert[];
  /** Per-evaluation results (ALERTS samples, errors; held alerts when `snapshots` is on), in input order. */
  steps: AlertStepResult[];
}

/**
 * Runs the alert state machine over per-evaluation vectors (e.g. from `query_range` of a real
 * Prometheus at the group interval) and returns the alert timeline. Pure: no storage, no engine.
 * Step results carry alert snapshots only when `options.snapshots` is true (default off here).
 */
export function alertTimelineFromVectors(
  rule: AlertingRuleInput,
  evaluations: Iterable<AlertEvaluation>,
  options: AlertStateOptions = {},
): AlertTimelineResult {
  const sm = createAlertStateMachine(rule, { ...options, snapshots: options.snapshots ?? false });
  const steps: AlertStepResult[] = [];
  for (const e of evaluations) steps.push(sm.step(e.t, e.vector));
  return { timeline: sm.timeline(), steps };
}
