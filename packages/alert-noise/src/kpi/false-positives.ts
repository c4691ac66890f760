/**
 * False positives: a firing alert is explained when its firing span overlaps the ground-truth
 * window of a real incident of the run's pack (one with an expectation for that pack, in any
 * phase; any pack when the run names none) whose scope its labels are compatible with; the window is [start, end + the incident's largest `within`], since alerts
 * lag their range windows and `for`. Anything else that fired is a false positive. Periods that
 * must stay quiet (incidents with no expectations) explain nothing: an alert overlapping one is
 * also a quiet violation.
 */
import type { TimelineAlert } from '@alertcraft/promql';
import { firingSpan, labelsCompatible, overlaps } from './match.js';
import type { GroundTruthIncident, TimeWindow } from './types.js';

export function groundTruthWindow(incident: GroundTruthIncident): TimeWindow {
  const grace = incident.expected.length ? Math.max(...incident.expected.map((e) => e.within)) * 1000 : 0;
  return { start: incident.start, end: incident.end + grace };
}

/** True when the incident is a real problem the pack is expected to see (some expectation names it). */
export function concernsPack(incident: GroundTruthIncident, pack?: string): boolean {
  return incident.expected.some((e) => pack === undefined || e.pack === undefined || e.pack === pack);
}

export function isExplained(
  alert: TimelineAlert,
  incidents: readonly GroundTruthIncident[],
  windowEnd: number,
  pack?: string,
): boolean {
  const span = firingSpan(alert, windowEnd);
  if (!span) return false;
  return incidents.some(
    (i) => concernsPack(i, pack) && labelsCompatible(i.labels, alert.labels) && overlaps(span, groundTruthWindow(i)),
  );
}

export function violatesQuiet(
  alert: TimelineAlert,
  incidents: readonly GroundTruthIncident[],
  windowEnd: number,
): boolean {
  const span = firingSpan(alert, windowEnd);
  if (!span) return false;
  return incidents.some(
    (i) =>
      i.expected.length === 0 &&
      labelsCompatible(i.labels, alert.labels) &&
      overlaps(span, { start: i.start, end: i.end }),
  );
}

/** Firing alerts that no real incident of the pack explains. */
export function falsePositives(
  firing: readonly TimelineAlert[],
  incidents: readonly GroundTruthIncident[],
  windowEnd: number,
  pack?: string,
): TimelineAlert[] {
  return firing.filter((a) => !isExplained(a, incidents, windowEnd, pack));
}
