/**
 * Alert state machine over per-evaluation vectors, following Prometheus v2.54.1
 * `rules/alerting.go` (`AlertingRule.Eval`): inactive → pending → firing with `for`,
 * `keep_firing_for`, resolved alerts retained 15 m, a re-appearing resolved alert starting a new
 * life, rule labels overriding series labels, `alertname`, `$value`. Used by the backtest path
 * (local and testcontainers runtimes), which gets each evaluation's vector from `query_range`.
 *
 * The embedded runtime's state machine lives in `@alertcraft/promql` (rules/); this one is kept
 * for the backtest path until that one is callable on per-evaluation vectors.
 */
import type { Labels, TimelineAlert, VectorSample } from '@alertcraft/promql';

/** Prometheus' `resolvedRetention`: a resolved alert is kept (and re-sent) for 15 minutes. */
export const RESOLVED_RETENTION_MS = 15 * 60_000;

export interface AlertRuleSpec {
  name: string;
  forMs: number;
  keepFiringForMs: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Group `limit`: more active alerts than this clears the rule's alerts (0 = no limit). */
  limit?: number;
}

/** Expands one label/annotation template for one sample; default: `expandLite`. */
export type TemplateExpander = (text: string, ctx: { alertname: string; labels: Labels; value: number; timeMs: number }) => string;

interface LiveAlert {
  key: string;
  labels: Labels;
  annotations: Labels;
  state: 'pending' | 'firing' | 'inactive';
  activeAt: number;
  firedAt?: number;
  resolvedAt?: number;
  keepFiringSince?: number;
  /** Index in the timeline of this alert's life. */
  life: number;
}

/** `{{ $labels.x }}`, `{{ .Labels.x }}`, `{{ $value }}`, `{{ .Value }}`: the subset most rules use. */
export const expandLite: TemplateExpander = (text, ctx) => {
  if (!text.includes('{{')) return text;
  return text.replace(/\{\{-?\s*(\$labels|\.Labels)\.([a-zA-Z_][a-zA-Z0-9_]*)\s*-?\}\}|\{\{-?\s*(\$value|\.Value)\s*-?\}\}/g, (m, _l, name?: string) =>
    name !== undefined ? (ctx.labels[name] ?? '') : String(ctx.value),
  );
};

function labelKey(labels: Labels): string {
  return JSON.stringify(Object.keys(labels).sort().map((k) => [k, labels[k]]));
}

function sortedLabels(l: Record<string, string>): Labels {
  const out: Record<string, string> = {};
  for (const k of Object.keys(l).sort()) out[k] = l[k]!;
  return out;
}

export interface AlertEvalOutcome {
  /** Set when Prometheus' Eval would return an error (duplicate labelsets, limit exceeded). */
  error?: string;
}

/** One alerting rule's state across evaluations. Feed `eval(ts, vector)` in time order, then read `timeline()`. */
export class AlertStateMachine {
  private readonly active = new Map<string, LiveAlert>();
  private readonly lives: TimelineAlert[] = [];

  constructor(
    private readonly rule: AlertRuleSpec,
    private readonly expand: TemplateExpander = expandLite,
  ) {}

  eval(ts: number, vector: readonly VectorSample[]): AlertEvalOutcome {
    const rule = this.rule;
    const current = new Map<string, { labels: Labels; annotations: Labels; value: number }>();
    for (const s of vector) {
      const ctx = { alertname: rule.name, labels: s.labels, value: s.v, timeMs: ts };
      const lb: Record<string, string> = { ...s.labels };
      delete lb.__name__;
      for (const [k, v] of Object.entries(rule.labels)) {
        const expanded = this.expand(v, ctx);
        if (expanded === '') delete lb[k];
        else lb[k] = expanded;
      }
      lb.alertname = rule.name;
      const annotations: Record<string, string> = {};
      for (const [k, v] of Object.entries(rule.annotations)) annotations[k] = this.expand(v, ctx);
      const labels = sortedLabels(lb);
      const key = labelKey(labels);
      if (current.has(key)) return { error: 'vector contains metrics with the same labelset after applying alert labels' };
      current.set(key, { labels, annotations: sortedLabels(annotations), value: s.v });
    }
    for (const [key, a] of current) {
      const existing = this.active.get(key);
      if (existing && existing.state !== 'inactive') {
        existing.annotations = a.annotations;
        continue;
      }
      const life = this.lives.length;
      this.lives.push({ alertname: rule.name, labels: a.labels, annotations: a.annotations, state: 'pending', activeAt: ts });
      this.active.set(key, { key, labels: a.labels, annotations: a.annotations, state: 'pending', activeAt: ts, life });
    }
    let activeCount = 0;
    for (const [key, a] of [...this.active]) {
      if (!current.has(key)) {
        let keepFiring = false;
        if (a.state === 'firing' && rule.keepFiringForMs > 0) {
          a.keepFiringSince ??= ts;
          if (ts - a.keepFiringSince < rule.keepFiringForMs) keepFiring = true;
        }
        if (a.state === 'pending' || (a.resolvedAt !== undefined && ts - a.resolvedAt > RESOLVED_RETENTION_MS)) this.active.delete(key);
        if (a.state !== 'inactive' && !keepFiring) {
          a.state = 'inactive';
          a.resolvedAt = ts;
          const life = this.lives[a.life]!;
          life.state = 'inactive';
          life.resolvedAt = ts;
        }
        if (!keepFiring) continue;
      } else {
        a.keepFiringSince = undefined;
      }
      activeCount++;
      const life = this.lives[a.life]!;
      life.annotations = a.annotations;
      if (a.state === 'pending' && ts - a.activeAt >= rule.forMs) {
        a.state = 'firing';
        a.firedAt = ts;
        life.state = 'firing';
        life.firedAt = ts;
      }
    }
    if (rule.limit && activeCount > rule.limit) {
      // Prometheus drops all of the rule's alerts (no resolved notification) and reports an error.
      for (const a of this.active.values()) {
        if (a.state === 'inactive') continue;
        const life = this.lives[a.life]!;
        life.state = 'inactive';
        life.resolvedAt = ts;
      }
      this.active.clear();
      return { error: `exceeded limit of ${rule.limit} with ${activeCount} alerts` };
    }
    return {};
  }

  /** Every alert life so far; alerts still active keep their state and have no `resolvedAt`. */
  timeline(): TimelineAlert[] {
    return this.lives.map((l) => ({ ...l }));
  }
}

/** Sort order of `BacktestResult.alerts`: activeAt, alertname, labels. */
export function compareTimelineAlerts(a: TimelineAlert, b: TimelineAlert): number {
  if (a.activeAt !== b.activeAt) return a.activeAt - b.activeAt;
  if (a.alertname !== b.alertname) return a.alertname < b.alertname ? -1 : 1;
  const ka = labelKey(a.labels);
  const kb = labelKey(b.labels);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
