/**
 * The Alertmanager simulator against a real Alertmanager (Debian's 0.25 on PATH): the same alert
 * timeline is POSTed to Alertmanager's API at controlled wall times and fed to
 * `simulateAlertmanager`; Alertmanager's webhook notifications are written to the Postgres
 * ledger by the webhook receiver; both notification lists must agree (same receiver, group and
 * alerts, times within 1 s).
 *
 * The scenario, on small timers (group_wait 2 s, group_interval 4 s, repeat_interval 10 s), has:
 * grouping with a second alert joining a group, an inhibit rule with `equal` (one target
 * inhibited, one not) whose source later resolves, a silence that expires, a route muted by a
 * `mute_time_intervals` entry (its receiver without `send_resolved`) in the Asia/Kolkata zone until a minute boundary, an alert older
 * than group_wait (its group flushes at once), resolved notifications and repeats. Events are
 * placed at least 1.5 s away from the flushes of the groups they affect, and repeats fall due 2 s
 * before a flush, so the result does not depend on which of two nearly simultaneous things
 * Alertmanager sees first.
 *
 * About a minute and a half of wall time (waits for a suitable minute boundary).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
  compareNotifications,
  formatNotificationComparison,
  simulateAlertmanager,
  type ComparableNotification,
  type SimAlert,
  type SimSilence,
} from '@alertcraft/alert-noise';
import { emitAlertmanagerConfig, type AlertmanagerConfig } from '@alertcraft/rule-dsl';
import { ALERTMANAGER_HINT, ALERTMANAGER_NAMES, needBinary, needPostgres } from '../../../test-support/requirements.js';
import {
  NotificationLedger,
  notificationsFromDeliveries,
  pgDatabase,
  startWebhookReceiver,
} from '../../src/ledger/index.js';
import { AlertmanagerProcess } from '../../src/runtime/alertmanager-process.js';

const alertmanager = needBinary('local', ALERTMANAGER_NAMES, ALERTMANAGER_HINT);
const postgres = await needPostgres();
const missing = [alertmanager, postgres].find((a) => !a.ok);
if (missing) console.log(`skipping the simulator-vs-Alertmanager test: ${missing.reason}`);

const S = 1000;
const ZONE = 'Asia/Kolkata'; // UTC+05:30, no DST
const ZONE_OFFSET_MIN = 330;

const sleepUntil = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms - Date.now())));
const hhmm = (min: number) => `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;

/** `times` ranges (local to ZONE) covering the 3 minutes before the UTC instant `endMs` (a minute boundary). */
function rangesEndingAt(endMs: number): { start_time: string; end_time: string }[] {
  let end = (Math.floor(endMs / 60_000) + ZONE_OFFSET_MIN) % 1440;
  if (end === 0) end = 1440;
  const start = end - 3;
  if (start >= 0) return [{ start_time: hhmm(start), end_time: hhmm(end) }];
  return [
    { start_time: '00:00', end_time: hhmm(end) },
    { start_time: hhmm(1440 + start), end_time: '24:00' },
  ];
}

describe.skipIf(!!missing)('the simulator agrees with a real Alertmanager', () => {
  const pool = new pg.Pool({ connectionString: postgres.value, max: 2 });
  const ledger = new NotificationLedger(pgDatabase(pool), {
    schema: `alertcraft_amdiff_${randomBytes(4).toString('hex')}`,
  });
  afterAll(async () => {
    await ledger.drop();
    await pool.end();
  });

  it('same notifications with the same alerts, within 1 s, on grouping, inhibition, a silence and a mute interval', async () => {
    await ledger.migrate();
    await using receiver = await startWebhookReceiver({ ledger });

    // The db route is muted until the minute boundary M; the scenario starts at T0 with
    // M − T0 a multiple of the group interval (the db group's flushes fall 2 s either side of M).
    const now0 = Date.now();
    const M = Math.ceil((now0 + 12 * S) / 60_000) * 60_000;
    const T0 = M - 4 * S * Math.floor((M - now0 - 3 * S) / (4 * S));
    const webhook = (name: string, sendResolved: boolean) => ({
      name,
      webhook_configs: [{ url: `${receiver.webhookUrl}/${name}`, send_resolved: sendResolved }],
    });
    const config: AlertmanagerConfig = {
      global: { resolve_timeout: '1h' },
      route: {
        receiver: 'default',
        group_by: ['alertname'],
        group_wait: '2s',
        group_interval: '4s',
        // Not a multiple of group_interval: a repeat falls due 2 s before a flush, never on one
        // (at 12 s, three intervals, Alertmanager repeated or not by a few ms of timer jitter).
        repeat_interval: '10s',
        routes: [{ matchers: ['team="db"'], receiver: 'db', mute_time_intervals: ['db-quiet'] }],
      },
      receivers: [webhook('default', true), webhook('db', false)],
      inhibit_rules: [
        { source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'], equal: ['service'] },
      ],
      time_intervals: [{ name: 'db-quiet', time_intervals: [{ times: rangesEndingAt(M), location: ZONE }] }],
    };
    const yaml = emitAlertmanagerConfig(config);
    const amStart = Date.now();
    await using am = await new AlertmanagerProcess({ binary: alertmanager.value! }).withConfig(yaml).start();
    const version = (await am.client.status()).versionInfo.version;

    const A1 = { alertname: 'HighLatency', service: 'api', severity: 'warning' };
    const A2 = { alertname: 'HighLatency', service: 'web', severity: 'warning' };
    const C1 = { alertname: 'ApiDown', service: 'api', severity: 'critical' };
    const D1 = { alertname: 'DiskFull', service: 'storage', severity: 'warning' };
    const M1 = { alertname: 'ReplicationLag', service: 'db', severity: 'warning', team: 'db' };
    const S1 = { alertname: 'CertExpiring', service: 'edge', severity: 'info' };
    // The groups flush at T0 + {1, 2, 3, 3.5} s modulo 4 s; the run ends 0.5 s away from all of them.
    const end = T0 + 4 * S * Math.ceil((Math.max(34 * S, M - T0 + 16 * S) - 0.5 * S) / (4 * S)) + 0.5 * S;

    const sim = new Map<string, SimAlert>();
    const simAlerts: SimAlert[] = [];
    const iso = (ms: number) => new Date(ms).toISOString();
    /** POSTs at T0 + `at` s; the simulator receives the alert at the middle of the request. */
    const fire = async (at: number, labels: Record<string, string>, startsAt?: number) => {
      await sleepUntil(T0 + at * S);
      const before = Date.now();
      const starts = startsAt ?? before;
      await am.client.postAlerts([{ labels, startsAt: iso(starts) }]);
      const a: SimAlert = { labels, startsAt: starts, receivedAt: Math.round((before + Date.now()) / 2) };
      a.receivedAt = Math.max(a.receivedAt!, starts);
      sim.set(labels.alertname! + labels.service, a);
      simAlerts.push(a);
    };
    const resolve = async (at: number, labels: Record<string, string>) => {
      await sleepUntil(T0 + at * S);
      const a = sim.get(labels.alertname! + labels.service)!;
      const endsAt = Date.now();
      await am.client.postAlerts([{ labels, startsAt: iso(a.startsAt), endsAt: iso(endsAt) }]);
      a.endsAt = endsAt;
    };

    // The silence on DiskFull: active from now, expires at T0 + 17 s.
    const silence: SimSilence = { matchers: ['alertname="DiskFull"'], startsAt: Date.now(), endsAt: T0 + 17 * S };
    await am.client.postSilence({
      matchers: [{ name: 'alertname', value: 'DiskFull', isRegex: false, isEqual: true }],
      startsAt: iso(silence.startsAt as number),
      endsAt: iso(silence.endsAt as number),
      createdBy: 'alertcraft test',
      comment: 'simulator vs Alertmanager',
    });
    await fire(0, A1);
    await fire(0, M1);
    await fire(1, D1);
    await fire(3, A2);
    await fire(7, C1);
    await fire(11.5, S1, T0 - 60 * S);
    await resolve(19.5, C1);
    await resolve(24, A2);
    // The db receiver does not send resolved: all resolved, nothing goes out, no repeat after.
    await resolve((M - T0) / S + 8, M1);
    await sleepUntil(end);
    await am.stop();

    const actual = notificationsFromDeliveries(await ledger.deliveries());
    const expected: ComparableNotification[] = simulateAlertmanager(config, simAlerts, {
      start: amStart,
      end,
      silences: [silence],
    }).notifications;
    const comparison = compareNotifications(expected, actual, { toleranceMs: 1000 });
    console.log(
      [
        `simulator vs Alertmanager ${version} (T0 ${iso(T0)}, db route muted until ${iso(M)} in ${ZONE}):`,
        ...formatNotificationComparison(comparison, {
          t0: T0,
          expectedName: 'simulator',
          actualName: 'alertmanager',
          alertName: (l) => `${l.alertname}/${l.service}`,
        }),
        `${comparison.pairs.length} notifications, max |Δ| ${comparison.maxAbsDeltaMs} ms`,
      ].join('\n'),
    );

    expect(await ledger.quarantined()).toEqual([]);
    // The scenario reaches every feature: the silence, the mute and the inhibition held
    // something back, and notifications went to both receivers.
    expect(actual.some((n) => n.receiver === 'db')).toBe(true);
    expect(actual.filter((n) => n.receiver === 'db').every((n) => n.at >= M)).toBe(true);
    expect(actual.filter((n) => n.groupKey.includes('DiskFull')).every((n) => n.at >= T0 + 17 * S)).toBe(true);
    expect(actual.some((n) => n.alerts.some((a) => a.status === 'resolved'))).toBe(true);
    expect(comparison.pairs.filter((p) => !p.agree)).toEqual([]);
    expect(comparison.pairs.length).toBeGreaterThanOrEqual(10);
  }, 180_000);
});
