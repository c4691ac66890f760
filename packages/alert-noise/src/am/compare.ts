/**
 * Notifications of two sources side by side (the simulator's and what a real Alertmanager sent,
 * as a webhook ledger recorded them): per receiver and group key, the k-th notification of one
 * is paired with the k-th of the other; a pair agrees when it carries the same alerts (label
 * set and status) and its times differ by at most the tolerance. The integration is not
 * compared (a webhook payload does not say which of a receiver's integrations sent it).
 */
import { labelsKey, type Labels } from '@alertcraft/promql';

/** A notification reduced to what both sources know. */
export interface ComparableNotification {
  /** Unix ms: the flush (simulator) or the delivery (ledger). */
  at: number;
  receiver: string;
  groupKey: string;
  alerts: readonly { labels: Labels; status: 'firing' | 'resolved' }[];
}

export interface NotificationPair {
  receiver: string;
  groupKey: string;
  /** Index within its receiver and group (0 = first notification of the group). */
  index: number;
  expected?: ComparableNotification;
  actual?: ComparableNotification;
  /** actual.at − expected.at, when both exist. */
  deltaMs?: number;
  agree: boolean;
  /** Why the pair disagrees. */
  problem?: string;
}

export interface NotificationComparison {
  pairs: NotificationPair[];
  agree: boolean;
  /** Largest |deltaMs| over pairs with both sides (0 when none). */
  maxAbsDeltaMs: number;
}

function alertsKey(n: ComparableNotification): string {
  return n.alerts
    .map((a) => `${labelsKey(a.labels)}:${a.status}`)
    .sort()
    .join(' ');
}

/** Compares `expected` with `actual` (see the module comment); pairs ordered by time. */
export function compareNotifications(
  expected: readonly ComparableNotification[],
  actual: readonly ComparableNotification[],
  options: { toleranceMs: number },
): NotificationComparison {
  const streams = new Map<string, { e: ComparableNotification[]; a: ComparableNotification[] }>();
  const streamOf = (n: ComparableNotification) => {
    const id = `${n.receiver}\u0000${n.groupKey}`;
    let s = streams.get(id);
    if (!s) streams.set(id, (s = { e: [], a: [] }));
    return s;
  };
  for (const n of expected) streamOf(n).e.push(n);
  for (const n of actual) streamOf(n).a.push(n);
  const pairs: NotificationPair[] = [];
  let maxAbsDeltaMs = 0;
  for (const { e, a } of streams.values()) {
    e.sort((x, y) => x.at - y.at);
    a.sort((x, y) => x.at - y.at);
    for (let i = 0; i < Math.max(e.length, a.length); i++) {
      const ex = e[i];
      const ac = a[i];
      const first = (ex ?? ac)!;
      const pair: NotificationPair = { receiver: first.receiver, groupKey: first.groupKey, index: i, agree: false };
      if (ex) pair.expected = ex;
      if (ac) pair.actual = ac;
      if (!ex) pair.problem = 'not expected';
      else if (!ac) pair.problem = 'missing';
      else {
        pair.deltaMs = ac.at - ex.at;
        maxAbsDeltaMs = Math.max(maxAbsDeltaMs, Math.abs(pair.deltaMs));
        if (alertsKey(ex) !== alertsKey(ac)) pair.problem = 'different alerts';
        else if (Math.abs(pair.deltaMs) > options.toleranceMs)
          pair.problem = `time differs by ${pair.deltaMs} ms (tolerance ${options.toleranceMs} ms)`;
        else pair.agree = true;
      }
      pairs.push(pair);
    }
  }
  const at = (p: NotificationPair) => (p.expected ?? p.actual)!.at;
  pairs.sort(
    (x, y) => at(x) - at(y) || (x.receiver < y.receiver ? -1 : x.receiver > y.receiver ? 1 : 0) || x.index - y.index,
  );
  return { pairs, agree: pairs.every((p) => p.agree), maxAbsDeltaMs };
}

function alertsText(n: ComparableNotification | undefined, nameOf: (l: Labels) => string): string {
  if (!n) return '-';
  return [...n.alerts]
    .map((a) => `${nameOf(a.labels)}${a.status === 'resolved' ? ' (resolved)' : ''}`)
    .sort()
    .join(', ');
}

/**
 * The comparison as a text table, times in seconds from `t0`: one row per pair with the
 * receiver, group, alerts of each side, both times, the difference and the verdict.
 */
export function formatNotificationComparison(
  c: NotificationComparison,
  options: { t0: number; expectedName?: string; actualName?: string; alertName?: (l: Labels) => string },
): string[] {
  const nameOf = options.alertName ?? ((l: Labels) => labelsKey(l));
  const sec = (n?: ComparableNotification) => (n ? ((n.at - options.t0) / 1000).toFixed(3) : '-');
  const rows = [
    [
      'receiver',
      'group',
      `${options.expectedName ?? 'expected'} alerts`,
      `${options.actualName ?? 'actual'} alerts`,
      `${options.expectedName ?? 'expected'} s`,
      `${options.actualName ?? 'actual'} s`,
      'Δ ms',
      'verdict',
    ],
    ...c.pairs.map((p) => {
      const ea = alertsText(p.expected, nameOf);
      const aa = alertsText(p.actual, nameOf);
      return [
        p.receiver,
        p.groupKey,
        ea,
        p.expected && p.actual && ea === aa ? '(same)' : aa,
        sec(p.expected),
        sec(p.actual),
        p.deltaMs === undefined ? '-' : String(p.deltaMs),
        p.agree ? 'ok' : `DIFF: ${p.problem}`,
      ];
    }),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
}
