/**
 * Noise measures over firing alerts: pages per day, the noisiest alert names, flapping.
 */
import type { TimelineAlert } from '@alertcraft/promql';
import { alertIdentity } from './match.js';
import type { NoisyAlert, TimeWindow } from './types.js';

export const DEFAULT_PAGING_SEVERITIES: readonly string[] = ['page', 'critical'];

/** Firing alerts whose `severity` label pages, per day of the window. */
export function pagesPerDay(
  firing: readonly TimelineAlert[],
  window: TimeWindow,
  pagingSeverities: readonly string[] = DEFAULT_PAGING_SEVERITIES,
): number {
  const days = (window.end - window.start) / 86_400_000;
  if (!(days > 0)) return 0;
  const pages = firing.filter((a) => pagingSeverities.includes(a.labels.severity ?? '')).length;
  return pages / days;
}

/** Alert names by how often they fired (then firing time, then name), top `limit`. */
export function noisiestAlerts(
  firing: readonly TimelineAlert[],
  falsePositives: ReadonlySet<TimelineAlert>,
  window: TimeWindow,
  limit = 5,
): NoisyAlert[] {
  const by = new Map<string, NoisyAlert>();
  for (const a of firing) {
    let n = by.get(a.alertname);
    if (!n) by.set(a.alertname, (n = { alertname: a.alertname, fires: 0, falsePositives: 0, firingSeconds: 0 }));
    n.fires++;
    if (falsePositives.has(a)) n.falsePositives++;
    const end = Math.min(a.resolvedAt ?? window.end, window.end);
    n.firingSeconds += Math.max(0, end - Math.max(a.firedAt!, window.start)) / 1000;
  }
  return [...by.values()]
    .sort(
      (a, b) =>
        b.fires - a.fires ||
        b.firingSeconds - a.firingSeconds ||
        (a.alertname < b.alertname ? -1 : a.alertname > b.alertname ? 1 : 0),
    )
    .slice(0, limit);
}

/**
 * Flaps: for each alert identity (name + labels), a firing instance that became active less
 * than `flapWindowMs` after the previous firing instance of the same identity resolved.
 */
export function flappingCount(firing: readonly TimelineAlert[], flapWindowMs = 3_600_000): number {
  const byId = new Map<string, TimelineAlert[]>();
  for (const a of firing) {
    const id = alertIdentity(a);
    const list = byId.get(id);
    if (list) list.push(a);
    else byId.set(id, [a]);
  }
  let flaps = 0;
  for (const list of byId.values()) {
    list.sort((a, b) => a.activeAt - b.activeAt);
    for (let i = 1; i < list.length; i++) {
      const prevEnd = list[i - 1]!.resolvedAt;
      if (prevEnd !== undefined && list[i]!.activeAt - prevEnd < flapWindowMs) flaps++;
    }
  }
  return flaps;
}
