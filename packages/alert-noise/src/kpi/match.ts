/**
 * How alerts are matched to ground truth. An alert is compatible with an incident when no label
 * the incident is scoped by disagrees with the alert's label of the same name (an alert that
 * aggregated the label away, e.g. `sum(...)`, is compatible). Expectations apply to a run when
 * their pack and phases include the run's.
 */
import type { Labels, TimelineAlert } from '@alertcraft/promql';
import type { ExpectedAlert, GroundTruthIncident, TimeWindow } from './types.js';

export function labelsCompatible(scope: Labels, alertLabels: Labels): boolean {
  for (const k in scope) {
    const v = alertLabels[k];
    if (v !== undefined && v !== scope[k]) return false;
  }
  return true;
}

export function relevantExpectations(incident: GroundTruthIncident, pack?: string, phase?: string): ExpectedAlert[] {
  return incident.expected.filter(
    (e) =>
      (pack === undefined || e.pack === undefined || e.pack === pack) &&
      (phase === undefined || e.phases === undefined || e.phases.includes(phase)),
  );
}

/** Incidents that start inside the window. */
export function incidentsIn<I extends GroundTruthIncident>(incidents: readonly I[], window: TimeWindow): I[] {
  return incidents.filter((i) => i.start >= window.start && i.start < window.end);
}

/** Alerts that went firing inside the window. */
export function firingIn(alerts: readonly TimelineAlert[], window: TimeWindow): TimelineAlert[] {
  return alerts.filter((a) => a.firedAt !== undefined && a.firedAt >= window.start && a.firedAt < window.end);
}

/** [firedAt, resolvedAt or window end): when the alert was firing. */
export function firingSpan(alert: TimelineAlert, windowEnd: number): TimeWindow | undefined {
  if (alert.firedAt === undefined) return undefined;
  return { start: alert.firedAt, end: alert.resolvedAt ?? Math.max(windowEnd, alert.firedAt) };
}

export function overlaps(a: TimeWindow, b: TimeWindow): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** Stable identity of an alert instance: name plus sorted labels. */
export function alertIdentity(alert: TimelineAlert): string {
  const keys = Object.keys(alert.labels).sort();
  return `${alert.alertname}{${keys.map((k) => `${k}=${JSON.stringify(alert.labels[k])}`).join(',')}}`;
}
