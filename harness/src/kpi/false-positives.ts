/**
 * False positives: a firing alert is explained when its firing span overlaps the ground-truth
 * window of a real incident (one with expectations, in any pack) whose scope its labels are
 * compatible with; the window is [start, end + the incident's largest `within`], since alerts
 * lag their range windows and `for`. Anything else that fired is a false positive. Periods that
 * must stay quiet (incidents with no expectations) explain nothing: an alert overlapping one is
 * also a quiet violation.
 */
import type { TimelineAlert } from '@alertcraft/promql';
import type { Incident } from '../scenario/types.js';
import { firingSpan, labelsCompatible, overlaps } from './match.js';
import type { TimeWindow } from './types.js';

export function groundTruthWindow(incident: Incident): TimeWindow {
  const grace = incident.expected.length ? Math.max(...incident.expected.map((e) => e.within)) * 1000 : 0;
  return { start: incident.start, end: incident.end + grace };
}

export function isExplained(alert: TimelineAlert, incidents: readonly Incident[], windowEnd: number): boolean {
  const span = firingSpan(alert, windowEnd);
  if (!span) return false;
  return incidents.some((i) => i.expected.length > 0 && labelsCompatible(i.labels, alert.labels) && overlaps(span, groundTruthWindow(i)));
}

export function violatesQuiet(alert: TimelineAlert, incidents: readonly Incident[], windowEnd: number): boolean {
  const span = firingSpan(alert, windowEnd);
  if (!span) return false;
  return incidents.some((i) => i.expected.length === 0 && labelsCompatible(i.labels, alert.labels) && overlaps(span, { start: i.start, end: i.end }));
}

/** Firing alerts that no real incident explains. */
export function falsePositives(firing: readonly TimelineAlert[], incidents: readonly Incident[], windowEnd: number): TimelineAlert[] {
  return firing.filter((a) => !isExplained(a, incidents, windowEnd));
}
