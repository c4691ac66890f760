/**
 * Assertions over an alert timeline as plain functions: each returns `{ pass, message }` with a
 * message that says what was expected and what the timeline holds, so the same checks serve the
 * vitest matchers (`@alertcraft/harness/vitest`) and any other test runner.
 */
import type { Labels, TimelineAlert } from '@alertcraft/promql';
import { parseDuration } from '@alertcraft/rule-dsl';
import { labelsCompatible, receiversFor } from '@alertcraft/alert-noise';
import type { AlertmanagerConfig } from '@alertcraft/rule-dsl';
import { timelineOf } from '../result/build.js';
import type { ResultRun } from '../result/types.js';

/** Anything that holds an alert timeline: a timeline, a backtest/replay run, or a result-JSON run. */
export type TimelineSource = readonly TimelineAlert[] | { alerts: readonly TimelineAlert[] } | ResultRun;

export interface Window {
  start: number;
  end: number;
}

export interface AssertionOutcome {
  pass: boolean;
  message: string;
  /** The alerts that decided the outcome (the one that fired, or the ones that broke the quiet). */
  alerts: TimelineAlert[];
}

function isResultRun(x: unknown): x is ResultRun {
  return (
    typeof x === 'object' &&
    x !== null &&
    'kpis' in x &&
    'alerts' in x &&
    Array.isArray((x as ResultRun).alerts) &&
    typeof (x as ResultRun).alerts[0]?.activeAt !== 'number'
  );
}

/** The timeline of any supported source, times in Unix ms. */
export function timelineFrom(source: TimelineSource): readonly TimelineAlert[] {
  if (Array.isArray(source)) return source as readonly TimelineAlert[];
  if (isResultRun(source)) return timelineOf(source);
  return (source as { alerts: readonly TimelineAlert[] }).alerts;
}

const iso = (ms: number) => new Date(ms).toISOString();

function toMs(d: string | number): number {
  return typeof d === 'number' ? d : parseDuration(d);
}

function describeAlert(a: TimelineAlert): string {
  const labels = Object.entries(a.labels)
    .filter(([k]) => k !== 'alertname')
    .map(([k, v]) => `${k}="${v}"`)
    .join(', ');
  return `${a.alertname}{${labels}} active ${iso(a.activeAt)}${a.firedAt !== undefined ? `, fired ${iso(a.firedAt)}` : ', never fired'}${a.resolvedAt !== undefined ? `, resolved ${iso(a.resolvedAt)}` : ''}`;
}

export interface FireOptions {
  /** The incident (or any window with a start) the alert must answer; its `labels` scope the match. */
  for?: { start: number; end?: number; labels?: Labels };
  /** Deadline after the incident start (duration string or ms); default: until the incident ends. */
  within?: string | number;
  /** Only alerts whose labels include these. */
  labels?: Labels;
}

/**
 * Passes when an alert named `alertname` went firing — within `within` of `for.start` when given,
 * with labels compatible with the incident's scope and including `labels`.
 */
export function checkFires(source: TimelineSource, alertname: string, options: FireOptions = {}): AssertionOutcome {
  const alerts = timelineFrom(source);
  const named = alerts.filter((a) => a.alertname === alertname);
  const inc = options.for;
  const deadline = inc
    ? options.within !== undefined
      ? inc.start + toMs(options.within)
      : (inc.end ?? Infinity)
    : Infinity;
  const fits = named.filter((a) => {
    if (a.firedAt === undefined) return false;
    if (inc && (a.firedAt < inc.start || a.firedAt > deadline)) return false;
    if (inc?.labels && !labelsCompatible(inc.labels, a.labels)) return false;
    for (const [k, v] of Object.entries(options.labels ?? {})) if (a.labels[k] !== v) return false;
    return true;
  });
  fits.sort((a, b) => a.firedAt! - b.firedAt!);
  const scope = inc ? ` between ${iso(inc.start)} and ${deadline === Infinity ? 'the end' : iso(deadline)}` : '';
  if (fits.length) {
    const first = fits[0]!;
    const after = inc ? ` (${Math.round((first.firedAt! - inc.start) / 1000)} s after the start)` : '';
    return { pass: true, message: `${alertname} fired${scope}: ${describeAlert(first)}${after}`, alerts: [first] };
  }
  const seen = named.length
    ? named.slice(0, 5).map(describeAlert).join('; ')
    : `no ${alertname} alert at all (the timeline has ${alerts.length} alerts)`;
  return {
    pass: false,
    message: `expected ${alertname} to fire${scope}, but it did not. Seen: ${seen}`,
    alerts: named,
  };
}

/** Passes when no alert (or none named `alertname`) was firing at any time inside `window`. */
export function checkQuietDuring(
  source: TimelineSource,
  window: Window,
  options: { alertname?: string; labels?: Labels } = {},
): AssertionOutcome {
  const alerts = timelineFrom(source);
  const loud = alerts.filter((a) => {
    if (options.alertname && a.alertname !== options.alertname) return false;
    if (a.firedAt === undefined) return false;
    for (const [k, v] of Object.entries(options.labels ?? {})) if (a.labels[k] !== v) return false;
    const end = a.resolvedAt ?? Infinity;
    return a.firedAt < window.end && end > window.start;
  });
  const what = options.alertname ?? 'any alert';
  if (!loud.length)
    return { pass: true, message: `${what} stayed quiet from ${iso(window.start)} to ${iso(window.end)}`, alerts: [] };
  return {
    pass: false,
    message: `expected ${what} to stay quiet from ${iso(window.start)} to ${iso(window.end)}, but ${loud.length} fired: ${loud.slice(0, 5).map(describeAlert).join('; ')}`,
    alerts: loud,
  };
}

/**
 * Passes when an alert with `labels` (e.g. an alert of the timeline) is routed by `config` to
 * `receiver` (among the receivers a `continue` route adds).
 */
export function checkRoutesTo(
  labels: Labels,
  config: Pick<AlertmanagerConfig, 'route'>,
  receiver: string,
): AssertionOutcome {
  const receivers = receiversFor(config, labels);
  const pass = receivers.includes(receiver);
  const shown = JSON.stringify(labels);
  return {
    pass,
    message: pass
      ? `${shown} routes to ${receiver} (${receivers.join(', ')})`
      : `expected ${shown} to route to ${receiver}, but it routes to ${receivers.join(', ') || 'nothing'}`,
    alerts: [],
  };
}
