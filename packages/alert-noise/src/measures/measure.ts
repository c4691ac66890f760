/**
 * Every noise measure of one timeline, computed one way for the CLI, the verdict and the report.
 */
import type { TimelineAlert } from '@alertcraft/promql';
import { quantile } from '@alertcraft/baseline-stats';
import { computeKpis } from '../kpi/compute.js';
import { falsePositives } from '../kpi/false-positives.js';
import { alertIdentity, firingIn } from '../kpi/match.js';
import type { KpiOptions, Kpis } from '../kpi/types.js';
import { firingStates, nagiosFlapping, type NagiosFlapOptions } from '../nagios-flapping.js';
import type { NoiseTimeline } from '../timeline.js';
import { coFiring, duplicatePairs, type CoFiringOptions, type CoFiringPair } from './co-firing.js';
import { incidentMinutes, shareResolvedUnder, timesToResolve } from './durations.js';
import { fatigueScore } from './fatigue.js';
import { pageLoad, type PageLoad, type PageOptions } from './pages.js';

export interface NoiseOptions extends KpiOptions, PageOptions, CoFiringOptions {
  nagios?: NagiosFlapOptions;
}

export interface FlappingIdentity {
  /** `alertname{labels}` (`alertIdentity`). */
  identity: string;
  /** Times Nagios' detector started flapping. */
  flapStarts: number;
  /** Highest percent state change seen. */
  maxPercent: number;
}

export interface NoiseMeasures {
  kpis: Kpis;
  /** The firing alerts no incident explains, by firedAt. */
  unexplained: TimelineAlert[];
  /** Seconds from incident start to the detecting alert's resolution. */
  ttrP50Seconds: number | null;
  ttrP95Seconds: number | null;
  incidentMinutes: number;
  /** Share of firing alerts resolved in under 5 minutes; null when nothing fired. */
  resolvedUnder5m: number | null;
  pages: PageLoad;
  coFiring: CoFiringPair[];
  duplicates: CoFiringPair[];
  /** Alert identities Nagios' weighted state-change detector calls flapping. */
  nagiosFlapping: FlappingIdentity[];
  /** 0–10, see `fatigueScore`. */
  fatigue: number;
  /** Notifications per receiver, when the timeline carries them. */
  notificationsPerReceiver: Record<string, number>;
}

const orNull = (v: number): number | null => (Number.isNaN(v) ? null : v);

function nagiosOf(timeline: NoiseTimeline, firing: readonly TimelineAlert[], options: NagiosFlapOptions | undefined) {
  const step = timeline.evalIntervalMs ?? 60_000;
  const by = new Map<string, TimelineAlert[]>();
  for (const a of firing) {
    const id = alertIdentity(a);
    by.set(id, [...(by.get(id) ?? []), a]);
  }
  const out: FlappingIdentity[] = [];
  for (const [identity, list] of [...by].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    if (list.length < 2) continue; // one firing is at most two state changes: never 20 %
    const r = nagiosFlapping(firingStates(list, timeline.window.start, timeline.window.end, step), options);
    if (r.flapStarts > 0) out.push({ identity, flapStarts: r.flapStarts, maxPercent: Math.max(...r.percent) });
  }
  return out;
}

export function measureNoise(timeline: NoiseTimeline, options: NoiseOptions = {}): NoiseMeasures {
  const incidents = timeline.incidents ?? [];
  const { window } = timeline;
  const kpis = computeKpis(
    { alerts: timeline.alerts, incidents, window, pack: timeline.pack, phase: timeline.phase },
    options,
  );
  const firing = firingIn(timeline.alerts, window).sort(
    (a, b) => a.firedAt! - b.firedAt! || (a.alertname < b.alertname ? -1 : a.alertname > b.alertname ? 1 : 0),
  );
  const unexplained = falsePositives(firing, incidents, window.end, timeline.pack);
  const ttr = timesToResolve(kpis.detections, incidents, timeline.alerts);
  const pages = pageLoad(firing, window, options);
  const pairs = coFiring(firing, window);
  const perReceiver: Record<string, number> = {};
  for (const n of timeline.notifications ?? []) perReceiver[n.receiver] = (perReceiver[n.receiver] ?? 0) + 1;
  return {
    kpis,
    unexplained,
    ttrP50Seconds: orNull(quantile(ttr, 0.5)),
    ttrP95Seconds: orNull(quantile(ttr, 0.95)),
    incidentMinutes: incidentMinutes(firing, window),
    resolvedUnder5m: shareResolvedUnder(firing),
    pages,
    coFiring: pairs,
    duplicates: duplicatePairs(pairs, options),
    nagiosFlapping: nagiosOf(timeline, firing, options.nagios),
    fatigue: fatigueScore({
      maxPagesPerShift: pages.maxPagesPerShift,
      falsePositiveRate: kpis.falsePositiveRate,
      pagesPerNight: pages.pagesPerNight,
      flapping: kpis.flapping,
      firingAlerts: kpis.firingAlerts,
    }),
    notificationsPerReceiver: Object.fromEntries(Object.entries(perReceiver).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
}
