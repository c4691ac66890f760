/**
 * Detection: an incident with relevant expectations is detected when an alert it names, with
 * compatible labels, went firing in [start, start + within] of that expectation. Time to detect
 * is the earliest such `firedAt` − start.
 */
import type { TimelineAlert } from '@alertcraft/promql';
import { labelsCompatible, relevantExpectations } from './match.js';
import type { GroundTruthIncident, IncidentDetection } from './types.js';

export function detectIncident(
  incident: GroundTruthIncident,
  alerts: readonly TimelineAlert[],
  pack?: string,
  phase?: string,
): IncidentDetection {
  const expectations = relevantExpectations(incident, pack, phase);
  const required = [...new Set(expectations.map((e) => e.alertname))].sort();
  const base: IncidentDetection = { id: incident.id, kind: incident.kind, required, detected: false };
  if (expectations.length === 0) return base;
  base.deadline = incident.start + Math.max(...expectations.map((e) => e.within)) * 1000;
  let best: TimelineAlert | undefined;
  for (const e of expectations) {
    const deadline = incident.start + e.within * 1000;
    for (const a of alerts) {
      if (a.alertname !== e.alertname || a.firedAt === undefined) continue;
      if (a.firedAt < incident.start || a.firedAt > deadline) continue;
      if (!labelsCompatible(incident.labels, a.labels)) continue;
      if (!best || a.firedAt < best.firedAt! || (a.firedAt === best.firedAt && a.alertname < best.alertname)) best = a;
    }
  }
  if (!best) {
    const firing = alerts.find(
      (a) =>
        required.includes(a.alertname) &&
        a.firedAt !== undefined &&
        a.firedAt < incident.start &&
        (a.resolvedAt === undefined || a.resolvedAt > incident.start) &&
        labelsCompatible(incident.labels, a.labels),
    );
    return firing ? { ...base, alreadyFiring: firing.alertname } : base;
  }
  return {
    ...base,
    detected: true,
    alertname: best.alertname,
    firedAt: best.firedAt!,
    seconds: (best.firedAt! - incident.start) / 1000,
  };
}

/** Detection of every incident in order. */
export function detectIncidents(
  incidents: readonly GroundTruthIncident[],
  alerts: readonly TimelineAlert[],
  pack?: string,
  phase?: string,
): IncidentDetection[] {
  return incidents.map((i) => detectIncident(i, alerts, pack, phase));
}

/** Detected / required; null when no incident had a relevant expectation. */
export function detectionRate(detections: readonly IncidentDetection[]): number | null {
  const required = detections.filter((d) => d.required.length > 0);
  if (required.length === 0) return null;
  return required.filter((d) => d.detected).length / required.length;
}
