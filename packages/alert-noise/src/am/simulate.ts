/**
 * An Alertmanager v0.27 notification simulator: alert timelines in, notifications per receiver
 * and integration out, with the dispatcher's semantics (`dispatch/dispatch.go`,
 * `notify/notify.go`):
 *
 * - each alert is routed (`matchRoutes`) and joins the aggregation group of each matched route
 *   keyed by its `group_by` labels (`...` = all labels);
 * - a new group flushes `group_wait` after its first alert, then every `group_interval`;
 *   groups left empty are removed at the dispatcher's maintenance tick (every 30 s);
 * - at a flush the pipeline drops inhibited alerts, stops outside `active_time_intervals` or inside
 *   `mute_time_intervals`, drops silenced alerts; then per integration the dedup stage
 *   (`needsUpdate`) sends when the firing set is new, when all alerts resolved, when resolved
 *   alerts are new and `send_resolved` is on, or when `repeat_interval` has passed;
 * - resolved alerts leave the group after the flush that saw them.
 *
 * Alerts arrive when they fire (`startsAt`) and resolve at `endsAt`. A receiver without
 * integrations is simulated as one integration `receiver` with `send_resolved: true` (real
 * Alertmanager sends nothing for it), so that bare test configs still show their notifications.
 */
import { labelsKey, parseDuration, type Labels, type TimelineAlert } from '@alertcraft/promql';
import type { AlertmanagerConfig, SilencePayload } from '@alertcraft/rule-dsl';
import { AlertNoiseError } from '../errors.js';
import { matchRoutes, type MatchedRoute } from '../routing.js';
import { needsUpdate, type LogEntry } from './dedup.js';
import { compileInhibitRules, inhibitedBy } from './inhibit.js';
import { compileSilences, silencedBy, type SimSilence } from './silences.js';
import { compileTimeIntervals, inAnyInterval } from './time-intervals.js';

/** An alert as Alertmanager receives it: firing from `startsAt`, resolved at `endsAt` (absent: still firing). */
export interface SimAlert {
  labels: Labels;
  startsAt: number;
  endsAt?: number;
  /**
   * When Alertmanager first receives it (default `startsAt`). An alert that started more than
   * `group_wait` before it arrives makes a group that has not flushed yet flush at once.
   */
  receivedAt?: number;
}

export interface NotifiedAlert {
  labels: Labels;
  status: 'firing' | 'resolved';
  startsAt: number;
  endsAt?: number;
}

export interface Notification {
  /** Unix ms of the flush that sent it. */
  at: number;
  receiver: string;
  /** `webhook_configs[0]`, … (`receiver` for a receiver without integrations). */
  integration: string;
  /** Alertmanager's group key, e.g. `{}/{severity="page"}:{alertname="X"}`. */
  groupKey: string;
  groupLabels: Labels;
  /** Route path from the root (`[]` = root). */
  route: number[];
  alerts: NotifiedAlert[];
}

/** A flush whose alerts were all held back, and why. */
export interface Suppression {
  at: number;
  receiver: string;
  groupKey: string;
  reason: 'inhibited' | 'silenced' | 'muted' | 'inactive';
  /** The alerts dropped at this flush (labels). */
  alerts: Labels[];
}

export interface SimulateOptions {
  /** Simulation end, Unix ms (flushes after it are not run). Default: last alert event + 1 day. */
  end?: number;
  /** Start of the dispatcher (aligns the 30 s maintenance tick). Default: the first alert's start. */
  start?: number;
  silences?: readonly (SimSilence | SilencePayload)[];
}

export interface SimulationResult {
  notifications: Notification[];
  suppressions: Suppression[];
}

const MAINTENANCE_MS = 30_000;

const SEND_RESOLVED_DEFAULT: Record<string, boolean> = {
  email_configs: false,
  slack_configs: false,
  wechat_configs: false,
};

interface Integration {
  name: string;
  sendResolved: boolean;
}

function integrationsOf(config: AlertmanagerConfig): Map<string, Integration[]> {
  const out = new Map<string, Integration[]>();
  for (const r of config.receivers ?? []) {
    const list: Integration[] = [];
    for (const [key, value] of Object.entries(r)) {
      if (!key.endsWith('_configs') || !Array.isArray(value)) continue;
      value.forEach((c: { send_resolved?: boolean } | null, i) => {
        list.push({ name: `${key}[${i}]`, sendResolved: c?.send_resolved ?? SEND_RESOLVED_DEFAULT[key] ?? true });
      });
    }
    out.set(r.name, list.length ? list : [{ name: 'receiver', sendResolved: true }]);
  }
  return out;
}

interface StoredAlert {
  labels: Labels;
  fp: string;
  startsAt: number;
  endsAt?: number;
  /** Bumped on every update (Alertmanager's UpdatedAt). */
  version: number;
}

interface Group {
  key: string;
  route: MatchedRoute;
  labels: Labels;
  alerts: Map<string, StoredAlert>;
  next: number;
  groupWait: number;
  groupInterval: number;
  repeatInterval: number;
  hasFlushed: boolean;
}

function groupLabelsOf(labels: Labels, groupBy: readonly string[]): Labels {
  const all = groupBy.includes('...');
  const out: Record<string, string> = {};
  for (const k of Object.keys(labels).sort()) if ((all || groupBy.includes(k)) && labels[k] !== '') out[k] = labels[k]!;
  return out;
}

function labelsText(l: Labels): string {
  return `{${Object.keys(l)
    .sort()
    .map((k) => `${k}=${JSON.stringify(l[k])}`)
    .join(', ')}}`;
}

const isResolved = (a: { endsAt?: number }, now: number) => a.endsAt !== undefined && a.endsAt <= now;

/** Alerts from a timeline: those that fired (pending-only ones never reach Alertmanager). */
export function alertsFromTimeline(timeline: readonly TimelineAlert[]): SimAlert[] {
  return timeline
    .filter((a) => a.firedAt !== undefined && a.firedAt !== null)
    .map((a) => ({
      labels: { ...a.labels, alertname: a.alertname },
      startsAt: a.firedAt!,
      ...(a.resolvedAt != null ? { endsAt: a.resolvedAt } : {}),
    }));
}

/** The label sets of the alerts firing at `ms` (started, not yet resolved). */
export function alertsWithin(alerts: readonly SimAlert[], ms: number): Labels[] {
  return alerts.filter((a) => a.startsAt <= ms && (a.endsAt === undefined || a.endsAt > ms)).map((a) => a.labels);
}

/** Simulates Alertmanager's notifications for `alerts` under `config` (see the module comment). */
export function simulateAlertmanager(
  config: AlertmanagerConfig,
  alerts: readonly SimAlert[],
  options: SimulateOptions = {},
): SimulationResult {
  const integrations = integrationsOf(config);
  const intervals = compileTimeIntervals(config);
  const inhibit = compileInhibitRules(config.inhibit_rules);
  const silences = compileSilences(options.silences);
  const dur = (d: string, where: string) => {
    try {
      return parseDuration(d);
    } catch (err) {
      throw new AlertNoiseError('alert-noise/bad-duration', `${where}: ${(err as Error).message}`, { cause: err });
    }
  };

  type Ev = { t: number; kind: 'fire' | 'resolve'; alert: SimAlert; seq: number };
  const events: Ev[] = [];
  alerts.forEach((a, i) => {
    if (!Number.isFinite(a.startsAt))
      throw new AlertNoiseError('alert-noise/bad-alert', `alerts[${i}]: startsAt must be Unix ms`);
    if (a.endsAt !== undefined && !(a.endsAt >= a.startsAt))
      throw new AlertNoiseError('alert-noise/bad-alert', `alerts[${i}]: endsAt is before startsAt`);
    if (a.receivedAt !== undefined && !(a.receivedAt >= a.startsAt))
      throw new AlertNoiseError('alert-noise/bad-alert', `alerts[${i}]: receivedAt is before startsAt`);
    events.push({ t: a.receivedAt ?? a.startsAt, kind: 'fire', alert: a, seq: events.length });
    if (a.endsAt !== undefined) events.push({ t: a.endsAt, kind: 'resolve', alert: a, seq: events.length });
  });
  events.sort((a, b) => a.t - b.t || a.seq - b.seq);
  const start = options.start ?? events[0]?.t ?? 0;
  const end = options.end ?? (events.length ? events[events.length - 1]!.t + 86_400_000 : start);

  const store = new Map<string, StoredAlert>(); // every alert Alertmanager knows (inhibition sources)
  const groups = new Map<string, Group>(); // by route path + group labels
  const nflog = new Map<string, LogEntry>();
  const notifications: Notification[] = [];
  const suppressions: Suppression[] = [];
  let version = 0;

  const receive = (ev: Ev) => {
    const labels = ev.alert.labels;
    const fp = labelsKey(labels);
    const prev = store.get(fp);
    const stored: StoredAlert =
      ev.kind === 'fire'
        ? { labels, fp, startsAt: ev.alert.startsAt, version: ++version }
        : { labels, fp, startsAt: prev?.startsAt ?? ev.alert.startsAt, endsAt: ev.t, version: ++version };
    if (ev.kind === 'resolve' && prev && prev.startsAt !== ev.alert.startsAt) return; // a newer firing replaced it
    store.set(fp, stored);
    for (const route of matchRoutes(config, labels)) {
      const gl = groupLabelsOf(labels, route.groupBy);
      const id = `${route.path.join('.')}|${labelsKey(gl)}`;
      let g = groups.get(id);
      if (!g) {
        if (ev.kind === 'resolve') continue; // the group was removed; a resolve alone does not create one
        const where = route.path.length ? `route${route.path.map((i) => `.routes[${i}]`).join('')}` : 'route';
        const groupWait = dur(route.groupWait, `${where}.group_wait`);
        g = {
          key: `${route.key}:${labelsText(gl)}`,
          route,
          labels: gl,
          alerts: new Map(),
          next: ev.t + groupWait,
          groupWait,
          hasFlushed: false,
          groupInterval: dur(route.groupInterval, `${where}.group_interval`),
          repeatInterval: dur(route.repeatInterval, `${where}.repeat_interval`),
        };
        groups.set(id, g);
      }
      g.alerts.set(fp, { ...stored });
      if (!g.hasFlushed && stored.startsAt + g.groupWait < ev.t) g.next = ev.t;
    }
  };

  const flush = (g: Group, now: number) => {
    g.next = now + g.groupInterval;
    g.hasFlushed = true;
    if (!g.alerts.size) return;
    const list = [...g.alerts.values()].sort((a, b) => (a.fp < b.fp ? -1 : a.fp > b.fp ? 1 : 0));
    const snapshot = list.map((a) => ({ ...a, resolved: isResolved(a, now) }));
    const done = () => {
      for (const a of snapshot) if (a.resolved && g.alerts.get(a.fp)?.version === a.version) g.alerts.delete(a.fp);
    };
    const firingNow = [...store.values()].filter((a) => a.startsAt <= now && !isResolved(a, now)).map((a) => a.labels);
    const receiver = g.route.receiver;
    const suppress = (reason: Suppression['reason'], dropped: Labels[]) =>
      suppressions.push({ at: now, receiver, groupKey: g.key, reason, alerts: dropped });
    // Inhibition (MuteStage with the inhibitor).
    let kept = snapshot.filter((a) => !inhibitedBy(inhibit, a.labels, firingNow));
    if (kept.length < snapshot.length)
      suppress(
        'inhibited',
        snapshot.filter((a) => !kept.includes(a)).map((a) => a.labels),
      );
    if (!kept.length) return done();
    if (g.route.activeTimeIntervals.length && !inAnyInterval(intervals, g.route.activeTimeIntervals, now)) {
      suppress(
        'inactive',
        kept.map((a) => a.labels),
      );
      return done();
    }
    if (g.route.muteTimeIntervals.length && inAnyInterval(intervals, g.route.muteTimeIntervals, now)) {
      suppress(
        'muted',
        kept.map((a) => a.labels),
      );
      return done();
    }
    const unsilenced = kept.filter((a) => !silencedBy(silences, a.labels, now));
    if (unsilenced.length < kept.length)
      suppress(
        'silenced',
        kept.filter((a) => !unsilenced.includes(a)).map((a) => a.labels),
      );
    kept = unsilenced;
    if (!kept.length) return done();
    const firing = new Set(kept.filter((a) => !a.resolved).map((a) => a.fp));
    const resolved = new Set(kept.filter((a) => a.resolved).map((a) => a.fp));
    const ints = integrations.get(receiver);
    if (!ints)
      throw new AlertNoiseError(
        'alert-noise/unknown-receiver',
        `receiver ${JSON.stringify(receiver)} used in the route tree is not defined in receivers`,
      );
    for (const integ of ints) {
      const logKey = `${g.key}\u0000${receiver}\u0000${integ.name}`;
      const entry = nflog.get(logKey);
      const live = entry && now <= entry.at + 2 * g.repeatInterval ? entry : undefined; // nflog entries expire after 2 × repeat_interval
      if (!needsUpdate(live, firing, resolved, g.repeatInterval, integ.sendResolved, now)) continue;
      const sent = integ.sendResolved ? kept : kept.filter((a) => !a.resolved);
      if (sent.length) {
        notifications.push({
          at: now,
          receiver,
          integration: integ.name,
          groupKey: g.key,
          groupLabels: g.labels,
          route: g.route.path,
          alerts: sent.map((a) => ({
            labels: a.labels,
            status: a.resolved ? 'resolved' : 'firing',
            startsAt: a.startsAt,
            ...(a.resolved ? { endsAt: a.endsAt } : {}),
          })),
        });
      }
      nflog.set(logKey, { firing, resolved, at: now });
    }
    done();
  };

  let ei = 0;
  let nextGc = start + MAINTENANCE_MS;
  let last = start;
  for (;;) {
    let tFlush = Infinity;
    let empty = false;
    for (const g of groups.values()) {
      if (g.next < tFlush) tFlush = g.next;
      if (!g.alerts.size) empty = true;
    }
    const tEvent = ei < events.length ? events[ei]!.t : Infinity;
    if (nextGc < last) nextGc += Math.ceil((last - nextGc) / MAINTENANCE_MS) * MAINTENANCE_MS;
    const tGc = empty ? nextGc : Infinity;
    const t = Math.min(tFlush, tEvent, tGc);
    if (t === Infinity || t > end) break;
    last = t;
    if (tEvent === t) {
      receive(events[ei++]!);
      continue;
    }
    if (tFlush === t) {
      for (const g of [...groups.values()].filter((x) => x.next === t)) flush(g, t);
      continue;
    }
    for (const [id, g] of groups) if (!g.alerts.size) groups.delete(id);
    nextGc += MAINTENANCE_MS;
  }
  notifications.sort(
    (a, b) =>
      a.at - b.at ||
      (a.receiver < b.receiver ? -1 : a.receiver > b.receiver ? 1 : 0) ||
      (a.groupKey < b.groupKey ? -1 : a.groupKey > b.groupKey ? 1 : 0) ||
      (a.integration < b.integration ? -1 : 1),
  );
  return { notifications, suppressions };
}
