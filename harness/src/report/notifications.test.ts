// Notifications per receiver for the report fixture's runs, derived by hand from Alertmanager's
// grouping rules under fixtureAlertmanager() (group_wait 30s, group_interval 5m, repeat 4h).
import { describe, expect, it } from 'vitest';
import { fixtureAlertmanager, fixtureResult } from '../../test/report/fixture.js';
import { notificationsFor, notificationsOfRun } from './notifications.js';

describe('notificationsOfRun', () => {
  const doc = fixtureResult();
  const run = (phase: string) => doc.runs.find((r) => r.phase === phase)!;

  it('day0: the error spike notifies pager once firing and once resolved; the pending-only alert never', () => {
    // Fired 07:04 → group_wait → 07:04:30; resolved 07:25 → next group_interval tick 07:29:30 (send_resolved).
    const n = notificationsOfRun(run('day0'), fixtureAlertmanager());
    expect(n.perReceiver).toEqual({ pager: 2 });
    expect(n.total).toBe(2);
    expect(n.perDay).toBeCloseTo(2 / 0.25, 9); // 6 h window
  });

  it('day8: three critical firings notify oncall three times, resolutions not sent', () => {
    // SLO burn 07:15 and again 09:10, revenue outage 11:05 (still firing at the 12:00 window end).
    const n = notificationsOfRun(run('day8'), fixtureAlertmanager());
    expect(n.perReceiver).toEqual({ oncall: 3 });
  });

  it('finds a run’s entry by pack, phase, scenario, runtime and seed', () => {
    const list = doc.runs.map((r) => notificationsOfRun(r, fixtureAlertmanager()));
    expect(notificationsFor(list, run('day8'))?.perReceiver).toEqual({ oncall: 3 });
    expect(notificationsFor(list, { ...run('day8'), seed: 2 })).toBeUndefined();
  });
});
