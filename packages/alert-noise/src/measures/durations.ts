/**
 * Durations of a timeline, after New Relic's alert-quality measures: time to resolve incidents,
 * accumulated incident minutes (minutes spent firing), and the share of alerts that resolved in
 * under 5 minutes (short alerts that nobody could act on are noise).
 */
import type { TimelineAlert } from '@alertcraft/promql';
import type { GroundTruthIncident, IncidentDetection, TimeWindow } from '../kpi/types.js';

/**
 * Seconds from each detected incident's start until the alert that detected it resolved (the
 * incident is over for the on-call); an incident whose alert was still firing at the window end is
 * left out (its resolution is not known).
 */
export function timesToResolve(
  detections: readonly IncidentDetection[],
  incidents: readonly GroundTruthIncident[],
  alerts: readonly TimelineAlert[],
): number[] {
  const byId = new Map(incidents.map((i) => [i.id, i]));
  const out: number[] = [];
  for (const d of detections) {
    if (!d.detected) continue;
    const incident = byId.get(d.id);
    const alert = alerts.find((a) => a.alertname === d.alertname && a.firedAt === d.firedAt);
    if (!incident || alert?.resolvedAt === undefined) continue;
    out.push((alert.resolvedAt - incident.start) / 1000);
  }
  return out;
}

/** Minutes spent firing inside the window, summed over the firing alerts (still firing: to the window end). */
export function incidentMinutes(firing: readonly TimelineAlert[], window: TimeWindow): number {
  let ms = 0;
  for (const a of firing) {
    if (a.firedAt === undefined) continue;
    const end = Math.min(a.resolvedAt ?? window.end, window.end);
    ms += Math.max(0, end - Math.max(a.firedAt, window.start));
  }
  return ms / 60_000;
}

/** Firing alerts that resolved less than `underMs` (default 5 min) after they fired, over all firing alerts; null when none fired. */
export function shareResolvedUnder(firing: readonly TimelineAlert[], underMs = 300_000): number | null {
  const fired = firing.filter((a) => a.firedAt !== undefined);
  if (!fired.length) return null;
  return fired.filter((a) => a.resolvedAt !== undefined && a.resolvedAt - a.firedAt! < underMs).length / fired.length;
}
