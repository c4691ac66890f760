/**
 * Scenarios for the simulator; the expected times follow from Alertmanager's rules by hand
 * (group_wait, then every group_interval; repeat when the last notification is older than
 * repeat_interval), written out in each case.
 */
import { describe, expect, it } from 'vitest';
import type { AlertmanagerConfig } from '@alertcraft/rule-dsl';
import { alertsFromTimeline, simulateAlertmanager, type Notification } from './simulate.js';

const S = 1000;
const base = (
  over: Partial<AlertmanagerConfig['route']> = {},
  rest: Partial<AlertmanagerConfig> = {},
): AlertmanagerConfig => ({
  route: {
    receiver: 'default',
    group_by: ['alertname'],
    group_wait: '30s',
    group_interval: '5m',
    repeat_interval: '1h',
    ...over,
  },
  receivers: [
    { name: 'default' },
    { name: 'pager' },
    {
      name: 'chat',
      webhook_configs: [{ url: 'http://x/', send_resolved: true }],
      slack_configs: [{ api_url: 'http://y/', channel: '#c' }],
    },
  ],
  ...rest,
});

/** `at(seconds) receiver: alert (status)` lines, compact to compare. */
const brief = (ns: Notification[], t0 = 0) =>
  ns.map(
    (n) =>
      `${(n.at - t0) / S}s ${n.receiver}/${n.integration}: ${n.alerts.map((a) => `${a.labels.alertname}${a.labels.i ?? ''}${a.status === 'resolved' ? '(resolved)' : ''}`).join(',')}`,
  );

describe('simulateAlertmanager grouping and timing', () => {
  it('flushes group_wait after the first alert, batches by group_interval, repeats after repeat_interval', () => {
    const r = simulateAlertmanager(
      base(),
      [
        { labels: { alertname: 'X', i: '1' }, startsAt: 0 },
        { labels: { alertname: 'X', i: '2' }, startsAt: 60 * S },
      ],
      { end: 4300 * S },
    );
    // 30 s: first flush; 330 s: X2 is new; flushes every 300 s after; at 3930 s the last notification is exactly 1 h old (not older), so 4230 s repeats.
    expect(brief(r.notifications)).toEqual([
      '30s default/receiver: X1',
      '330s default/receiver: X1,X2',
      '4230s default/receiver: X1,X2',
    ]);
    expect(r.notifications[0]!.groupKey).toBe('{}:{alertname="X"}');
  });

  it('sends resolved only to integrations with send_resolved (webhook yes, Slack default no)', () => {
    const r = simulateAlertmanager(
      base({ receiver: 'chat' }),
      [{ labels: { alertname: 'X' }, startsAt: 0, endsAt: 100 * S }],
      { end: 2000 * S },
    );
    expect(brief(r.notifications)).toEqual([
      '30s chat/slack_configs[0]: X',
      '30s chat/webhook_configs[0]: X',
      '330s chat/webhook_configs[0]: X(resolved)',
    ]);
  });

  it("group_by ['...'] makes a group per label set", () => {
    const r = simulateAlertmanager(
      base({ group_by: ['...'] }),
      [
        { labels: { alertname: 'X', i: '1' }, startsAt: 0 },
        { labels: { alertname: 'X', i: '2' }, startsAt: 0 },
      ],
      { end: 60 * S },
    );
    expect(brief(r.notifications)).toEqual(['30s default/receiver: X1', '30s default/receiver: X2']);
  });

  it('continue sends through every matching route, each with its own inherited timings', () => {
    const cfg = base({
      routes: [
        { matchers: ['severity="page"'], receiver: 'pager', continue: true, group_wait: '10s' },
        { matchers: ['severity=~"page|warn"'] },
      ],
    });
    const r = simulateAlertmanager(cfg, [{ labels: { alertname: 'X', severity: 'page' }, startsAt: 0 }], {
      end: 60 * S,
    });
    expect(brief(r.notifications)).toEqual(['10s pager/receiver: X', '30s default/receiver: X']);
    expect(r.notifications.map((n) => n.route)).toEqual([[0], [1]]);
  });

  it('flushes at once when an alert arrives more than group_wait after it started (TestAggrGroup)', () => {
    const r = simulateAlertmanager(base(), [{ labels: { alertname: 'X' }, startsAt: -3600 * S, receivedAt: 0 }], {
      start: 0,
      end: 10 * S,
    });
    expect(brief(r.notifications)).toEqual(['0s default/receiver: X']);
  });

  it('removes an emptied group at the 30 s maintenance tick, so a new firing waits group_wait again', () => {
    const r = simulateAlertmanager(
      base(),
      [
        { labels: { alertname: 'X' }, startsAt: 0, endsAt: 100 * S },
        { labels: { alertname: 'X' }, startsAt: 1000 * S },
      ],
      { start: 0, end: 1100 * S },
    );
    // 330 s: the resolved notification empties the group; the tick at 360 s removes it; the new group flushes at 1030 s.
    expect(brief(r.notifications)).toEqual([
      '30s default/receiver: X',
      '330s default/receiver: X(resolved)',
      '1030s default/receiver: X',
    ]);
  });

  it('an alert resolved before group_wait is never sent', () => {
    const r = simulateAlertmanager(base(), [{ labels: { alertname: 'X' }, startsAt: 0, endsAt: 10 * S }], {
      end: 1000 * S,
    });
    expect(r.notifications).toEqual([]);
  });
});

describe('simulateAlertmanager inhibition, silences and time intervals', () => {
  it('inhibits targets with equal labels while the source fires', () => {
    const cfg = base(
      {},
      {
        inhibit_rules: [
          { source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'], equal: ['cluster'] },
        ],
      },
    );
    const r = simulateAlertmanager(
      cfg,
      [
        { labels: { alertname: 'Down', severity: 'critical', cluster: 'a' }, startsAt: 0, endsAt: 200 * S },
        { labels: { alertname: 'Slow', severity: 'warning', cluster: 'a', i: 'a' }, startsAt: 0 },
        { labels: { alertname: 'Slow', severity: 'warning', cluster: 'b', i: 'b' }, startsAt: 0 },
      ],
      { end: 400 * S },
    );
    // 30 s: Slow/a is inhibited by Down; 330 s: Down resolved at 200 s, so Slow/a is new.
    expect(brief(r.notifications)).toEqual([
      '30s default/receiver: Down',
      '30s default/receiver: Slowb',
      '330s default/receiver: Down(resolved)',
      '330s default/receiver: Slowa,Slowb',
    ]);
    expect(r.suppressions).toContainEqual(expect.objectContaining({ at: 30 * S, reason: 'inhibited' }));
  });

  it('holds notifications back while a silence is active', () => {
    const r = simulateAlertmanager(base(), [{ labels: { alertname: 'X' }, startsAt: 0 }], {
      end: 700 * S,
      silences: [{ matchers: ['alertname="X"'], startsAt: 0, endsAt: 600 * S }],
    });
    expect(brief(r.notifications)).toEqual(['630s default/receiver: X']);
    expect(r.suppressions.map((s) => [s.at / S, s.reason])).toEqual([
      [30, 'silenced'],
      [330, 'silenced'],
    ]);
  });

  const weekend = { name: 'weekend', time_intervals: [{ weekdays: ['saturday', 'sunday'] }] };
  const sat = Date.parse('2024-01-06T10:00:00Z');
  it('mute_time_intervals: nothing is sent on the weekend (UTC)', () => {
    const cfg = base(
      { routes: [{ matchers: ['alertname="X"'], mute_time_intervals: ['weekend'] }] },
      { time_intervals: [weekend] },
    );
    const r = simulateAlertmanager(cfg, [{ labels: { alertname: 'X' }, startsAt: sat }], {
      end: Date.parse('2024-01-08T01:00:00Z'),
    });
    // Flushes at 10:00:30 + k × 5 m; the first on Monday 00:00 UTC or later is 00:00:30.
    expect(r.notifications.map((n) => new Date(n.at).toISOString())).toEqual(['2024-01-08T00:00:30.000Z']);
  });
  it('mute_time_intervals in a time zone (Asia/Tokyo: Monday starts at Sunday 15:00 UTC)', () => {
    const cfg = base(
      { routes: [{ matchers: ['alertname="X"'], mute_time_intervals: ['weekend'] }] },
      {
        time_intervals: [
          { ...weekend, time_intervals: [{ weekdays: ['saturday', 'sunday'], location: 'Asia/Tokyo' }] },
        ],
      },
    );
    const r = simulateAlertmanager(cfg, [{ labels: { alertname: 'X' }, startsAt: sat }], {
      end: Date.parse('2024-01-07T16:00:00Z'),
    });
    expect(r.notifications.map((n) => new Date(n.at).toISOString())).toEqual(['2024-01-07T15:00:30.000Z']);
  });
  it('rejects a weekday range that wraps (Alertmanager does too) with its path', () => {
    const cfg = base({}, { time_intervals: [{ name: 'w', time_intervals: [{ weekdays: ['saturday:sunday'] }] }] });
    expect(() => simulateAlertmanager(cfg, [])).toThrow(
      /time_intervals\[0\]\.time_intervals\[0\]\.weekdays\[0\]: range start is after its end/,
    );
  });
  it('active_time_intervals: only sent inside the interval', () => {
    const cfg = base(
      { routes: [{ matchers: ['alertname="X"'], active_time_intervals: ['weekend'] }] },
      { time_intervals: [weekend] },
    );
    const fri = Date.parse('2024-01-05T23:50:00Z');
    const r = simulateAlertmanager(cfg, [{ labels: { alertname: 'X' }, startsAt: fri }], {
      end: Date.parse('2024-01-06T00:10:00Z'),
    });
    // 23:50:30 and 23:55:30 are Friday; 00:00:30 Saturday is the first active flush.
    expect(r.notifications.map((n) => new Date(n.at).toISOString())).toEqual(['2024-01-06T00:00:30.000Z']);
    expect(r.suppressions.map((s) => s.reason)).toEqual(['inactive', 'inactive']);
  });
});

describe('simulateAlertmanager input', () => {
  it('takes alert timelines (pending-only alerts never reach Alertmanager)', () => {
    const alerts = alertsFromTimeline([
      {
        alertname: 'X',
        labels: { severity: 'page' },
        state: 'firing',
        activeAt: 0,
        firedAt: 60 * S,
        resolvedAt: 120 * S,
      },
      { alertname: 'Y', labels: {}, state: 'pending', activeAt: 0 },
    ]);
    expect(alerts).toEqual([{ labels: { severity: 'page', alertname: 'X' }, startsAt: 60 * S, endsAt: 120 * S }]);
  });
  it('says which receiver is missing', () => {
    const cfg = base({ receiver: 'nobody' });
    expect(() => simulateAlertmanager(cfg, [{ labels: { alertname: 'X' }, startsAt: 0 }])).toThrow(
      /receiver "nobody" used in the route tree is not defined/,
    );
  });
});
