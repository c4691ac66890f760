import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import {
  NotificationLedger,
  parseWebhookPayload,
  pgDatabase,
  pgliteDatabase,
  startWebhookReceiver,
  type SqlDatabase,
  type WebhookPayload,
} from '../../src/ledger/index.js';
import { needPostgres } from '../../../test-support/requirements.js';

const postgres = await needPostgres();
if (!postgres.ok) console.warn(`skipping the Postgres ledger tests: ${postgres.reason}`);

function payload(status: 'firing' | 'resolved', endsAt = '0001-01-01T00:00:00Z'): WebhookPayload {
  return parseWebhookPayload({
    version: '4',
    groupKey: '{}:{alertname="MaestroErrorRateSpike"}',
    truncatedAlerts: 0,
    status,
    receiver: 'pager',
    groupLabels: { alertname: 'MaestroErrorRateSpike' },
    commonLabels: { alertname: 'MaestroErrorRateSpike', severity: 'page' },
    commonAnnotations: {},
    externalURL: 'http://am',
    alerts: [
      {
        status,
        labels: { alertname: 'MaestroErrorRateSpike', severity: 'page' },
        annotations: { summary: 'Error rate > 2%' },
        startsAt: '2026-01-01T00:02:00Z',
        endsAt,
        generatorURL: 'http://prom/graph',
        fingerprint: 'a1b2c3',
      },
    ],
  });
}

interface Backend {
  name: string;
  open(): Promise<{ db: SqlDatabase; close(): Promise<void> }>;
}

const backends: Backend[] = [
  {
    name: 'PGlite',
    async open() {
      const lite = new PGlite();
      return { db: pgliteDatabase(lite), close: () => lite.close() };
    },
  },
];
if (postgres.ok) {
  backends.push({
    name: 'Postgres',
    async open() {
      const pool = new pg.Pool({ connectionString: postgres.value, max: 4 });
      return { db: pgDatabase(pool), close: () => pool.end() };
    },
  });
}

describe.each(backends)('notification ledger on $name', (backend) => {
  let db: SqlDatabase;
  let close: () => Promise<void>;
  let ledger: NotificationLedger;
  const schema = `ledger_test_${process.pid}_${Math.floor(performance.now())}`;

  beforeAll(async () => {
    ({ db, close } = await backend.open());
    ledger = new NotificationLedger(db, { schema });
  });
  afterAll(async () => {
    await ledger?.drop().catch(() => undefined);
    await close?.();
  });

  it('applies its migrations once and is a no-op on the second run', async () => {
    expect(await ledger.migrate()).toEqual([1, 2, 3]);
    expect(await ledger.migrate()).toEqual([]);
  });

  it('records a notification, counts a duplicate delivery without a second row, and follows resolution', async () => {
    const t0 = new Date('2026-01-01T00:02:30Z');
    expect(await ledger.record(payload('firing'), t0)).toMatchObject({ duplicate: false });
    expect(await ledger.record(payload('firing'), new Date(t0.getTime() + 1000))).toMatchObject({ duplicate: true });
    await ledger.record(payload('resolved', '2026-01-01T00:10:00Z'), new Date('2026-01-01T00:10:30Z'));

    const notifications = await ledger.notifications();
    expect(notifications.map((n) => [n.status, n.deliveries, n.alertCount])).toEqual([
      ['firing', 2, 1],
      ['resolved', 1, 1],
    ]);
    expect(await ledger.deliveryCount()).toBe(3);
    // Each delivery keeps its own time, the repeat included.
    const deliveries = await ledger.deliveries();
    expect(deliveries.map((d) => [d.receivedAt.toISOString(), d.payload.status, d.notificationId])).toEqual([
      ['2026-01-01T00:02:30.000Z', 'firing', notifications[0]!.id],
      ['2026-01-01T00:02:31.000Z', 'firing', notifications[0]!.id],
      ['2026-01-01T00:10:30.000Z', 'resolved', notifications[1]!.id],
    ]);

    const alerts = await ledger.alerts();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ alertname: 'MaestroErrorRateSpike', status: 'resolved', notified: 3 });
    expect(alerts[0]!.endsAt?.toISOString()).toBe('2026-01-01T00:10:00.000Z');
    expect(alerts[0]!.startsAt.toISOString()).toBe('2026-01-01T00:02:00.000Z');
  });

  it('through the webhook receiver: 200 after commit, 400 (quarantined) with the JSON path for a wrong shape, 503 when the ledger is gone', async () => {
    await using receiver = await startWebhookReceiver({ ledger, now: () => new Date('2026-01-02T00:00:00Z') });
    const post = (body: string) =>
      fetch(receiver.webhookUrl, { method: 'POST', body, headers: { 'content-type': 'application/json' } });

    const good = { ...payload('firing'), groupKey: 'other-group' };
    const ok = await post(JSON.stringify(good));
    expect(ok.status).toBe(200);

    const bad = await post(JSON.stringify({ ...good, alerts: [{ ...good.alerts[0], startsAt: 'yesterday' }] }));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('$.alerts[0].startsAt: not an RFC 3339 time');

    const notJson = await post('{"version": "4",');
    expect(notJson.status).toBe(400);
    expect(await notJson.text()).toContain('body is not JSON');

    const before = await ledger.deliveryCount();
    await ledger.drop();
    const failed = await post(JSON.stringify({ ...good, groupKey: 'third' }));
    expect(failed.status).toBe(503);
    expect(await failed.text()).toContain('ledger write failed');
    expect(receiver.answered).toEqual({ 200: 1, 400: 2, 503: 1 });
    expect(before).toBe(4);
    await ledger.migrate();
  });
});
