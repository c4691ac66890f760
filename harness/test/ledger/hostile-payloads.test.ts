/**
 * The webhook receiver as a hostile client sees it (issue #16): every body it is sent is stored as
 * typed rows or quarantined byte for byte, never lost; a permanent fault is never answered 5xx;
 * an oversized body gets a real 413; a configured bearer token is required.
 */
import { Buffer } from 'node:buffer';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import {
  NotificationLedger,
  pgDatabase,
  pgliteDatabase,
  startWebhookReceiver,
  type SqlDatabase,
} from '../../src/ledger/index.js';
import { needPostgres } from '../../../test-support/requirements.js';

const postgres = await needPostgres();
if (!postgres.ok) console.warn(`skipping the Postgres hostile-payload tests: ${postgres.reason}`);

function alert(fingerprint: string, extra: Record<string, unknown> = {}) {
  return {
    status: 'firing',
    labels: { alertname: 'Hostile', fp: fingerprint },
    annotations: {},
    startsAt: '2026-01-01T00:02:00Z',
    endsAt: '0001-01-01T00:00:00Z',
    generatorURL: 'http://prom/graph',
    fingerprint,
    ...extra,
  };
}

function payload(groupKey: string, alerts: unknown[], extra: Record<string, unknown> = {}) {
  return {
    version: '4',
    groupKey,
    truncatedAlerts: 0,
    status: 'firing',
    receiver: 'pager',
    groupLabels: {},
    commonLabels: {},
    commonAnnotations: {},
    externalURL: 'http://am',
    alerts,
    ...extra,
  };
}

/** Cases from the issue, as raw bodies, with the status each must get. */
const cases: Array<{ name: string; body: string; status: number; code?: string; path?: string }> = [
  {
    name: 'U+0000 in a label value',
    body: JSON.stringify(payload('nul', [alert('n1', { labels: { alertname: 'Hostile', job: 'a\u0000b' } })])),
    status: 202,
    code: 'ledger/unstorable',
    path: '$.alerts[0].labels.job',
  },
  {
    name: 'a lone surrogate in an annotation',
    body: JSON.stringify(payload('sur', [alert('s1', { annotations: { summary: 'x\ud800y' } })])),
    status: 202,
    code: 'ledger/unstorable',
    path: '$.alerts[0].annotations.summary',
  },
  {
    name: 'startsAt "1"',
    body: JSON.stringify(payload('one', [alert('o1', { startsAt: '1' })])),
    status: 400,
    code: 'ledger/payload',
    path: '$.alerts[0].startsAt',
  },
  {
    name: 'startsAt 2026-02-30',
    body: JSON.stringify(payload('feb', [alert('f1', { startsAt: '2026-02-30T00:00:00Z' })])),
    status: 400,
    code: 'ledger/payload',
    path: '$.alerts[0].startsAt',
  },
  {
    name: 'truncatedAlerts 1.5',
    body: JSON.stringify(payload('trunc', [alert('t1')], { truncatedAlerts: 1.5 })),
    status: 400,
    code: 'ledger/payload',
    path: '$.truncatedAlerts',
  },
  { name: 'not JSON', body: '{"version": "4",', status: 400, code: 'ledger/not-json' },
  { name: 'invalid UTF-8', body: '\uFFFD', status: 400, code: 'ledger/not-json' },
  {
    name: 'wrong version',
    body: JSON.stringify(payload('v', [], { version: '3' })),
    status: 400,
    code: 'ledger/payload',
    path: '$.version',
  },
  { name: 'an empty body', body: '', status: 400, code: 'ledger/not-json' },
  { name: 'a JSON array', body: '[]', status: 400, code: 'ledger/payload', path: '$' },
  {
    name: 'no alerts array',
    body: JSON.stringify({ ...payload('noalerts', []), alerts: undefined }),
    status: 400,
    code: 'ledger/payload',
    path: '$.alerts',
  },
  {
    name: 'a label value that is a number',
    body: JSON.stringify(payload('num', [alert('x1', { labels: { alertname: 'Hostile', replicas: 3 } })])),
    status: 400,
    code: 'ledger/payload',
    path: '$.alerts[0].labels.replicas',
  },
];

interface Backend {
  name: string;
  open(): Promise<{ db: SqlDatabase; close(): Promise<void> }>;
}
const backends: Backend[] = [
  {
    name: 'PGlite',
    open: async () => {
      const lite = new PGlite();
      return { db: pgliteDatabase(lite), close: () => lite.close() };
    },
  },
];
if (postgres.ok)
  backends.push({
    name: 'Postgres',
    open: async () => {
      const pool = new pg.Pool({ connectionString: postgres.value, max: 20 });
      return { db: pgDatabase(pool), close: () => pool.end() };
    },
  });

/** A raw POST (node:http) so the test sees what the server did with the connection. */
function post(
  url: string,
  body: Buffer,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(body.length), ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe.each(backends)('webhook receiver under hostile input on $name', (backend) => {
  let db: SqlDatabase;
  let close: () => Promise<void>;
  let ledger: NotificationLedger;
  const schema = `ledger_hostile_${process.pid}_${Math.floor(performance.now())}`;
  beforeAll(async () => {
    ({ db, close } = await backend.open());
    ledger = new NotificationLedger(db, { schema });
    await ledger.migrate();
  });
  afterAll(async () => {
    await ledger?.drop().catch(() => undefined);
    await close?.();
  });

  it('stores or quarantines every case byte for byte with the reason; never 5xx', async () => {
    await using receiver = await startWebhookReceiver({ ledger, maxBodyBytes: 64 * 1024 });
    for (const c of cases) {
      const bytes = c.name === 'invalid UTF-8' ? Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) : Buffer.from(c.body, 'utf8');
      const res = await post(receiver.webhookUrl, bytes);
      expect(res.status, `${c.name}: ${res.text}`).toBe(c.status);
      const q = (await ledger.quarantined()).find((x) => x.body.equals(bytes));
      expect(q, c.name).toBeDefined();
      expect(q!.reasonCode, c.name).toBe(c.code);
      if (c.path) expect(q!.jsonPath, c.name).toBe(c.path);
      expect(q!.httpStatus).toBe(c.status);
      expect(res.text).toContain(q!.reason);
    }
    // A valid one next to them is stored as typed rows.
    const ok = await post(receiver.webhookUrl, Buffer.from(JSON.stringify(payload('fine', [alert('ok1')]))));
    expect(ok.status).toBe(200);
    expect((await ledger.notifications()).map((n) => n.groupKey)).toEqual(['fine']);
    expect((await ledger.quarantined()).length).toBe(cases.length);
    expect(Object.keys(receiver.answered).filter((s) => Number(s) >= 500)).toEqual([]);
  });

  it('answers 413 before closing for a body over the limit and keeps its first bytes', async () => {
    await using receiver = await startWebhookReceiver({ ledger, maxBodyBytes: 1024 });
    const big = Buffer.from(JSON.stringify(payload('big', [alert('b1', { annotations: { blob: 'x'.repeat(3000) } })])));
    const res = await post(receiver.webhookUrl, big);
    expect(res.status).toBe(413);
    expect(res.text).toContain(`body of ${big.length} bytes is larger than the limit of 1024 bytes`);
    const q = (await ledger.quarantined()).find((x) => x.reasonCode === 'ledger/body-too-large');
    expect(q).toMatchObject({ bodyBytes: big.length, truncated: true, httpStatus: 413 });
    expect(big.subarray(0, q!.body.length).equals(q!.body)).toBe(true);
    // Far over the limit (not read at all): still a 413, not a reset.
    const huge = await post(receiver.webhookUrl, Buffer.alloc(16 * 1024, 0x20));
    expect(huge.status).toBe(413);
  });

  it('with a bearer token: 401 without it (nothing stored), 200 with it', async () => {
    await using receiver = await startWebhookReceiver({ ledger, bearerToken: 's3cret-token' });
    const body = Buffer.from(JSON.stringify(payload('auth', [alert('a1')])));
    const before = (await ledger.notifications()).length;
    expect((await post(receiver.webhookUrl, body)).status).toBe(401);
    expect((await post(receiver.webhookUrl, body, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await ledger.notifications()).length).toBe(before);
    const ok = await post(receiver.webhookUrl, body, { authorization: 'Bearer s3cret-token' });
    expect(ok.status).toBe(200);
    expect((await ledger.notifications()).length).toBe(before + 1);
  });
});

describe.skipIf(!postgres.ok)('webhook receiver burst on Postgres', () => {
  it('2,000 requests at 50 concurrent, 500 sharing 8 alerts in opposite orders: no deadlock, all stored', async () => {
    const pool = new pg.Pool({ connectionString: postgres.value, max: 20 });
    const ledger = new NotificationLedger(pgDatabase(pool), { schema: `ledger_burst_${process.pid}` });
    await ledger.migrate();
    const errors: string[] = [];
    try {
      await using receiver = await startWebhookReceiver({ ledger, onDelivery: (e) => e.error && errors.push(e.error) });
      const shared = Array.from({ length: 8 }, (_, i) => alert(`shared${i}`));
      const bodies = Array.from({ length: 2000 }, (_, i) =>
        i < 500
          ? payload(`shared-${i}`, i % 2 ? shared : [...shared].reverse())
          : payload(`solo-${i}`, [alert(`solo${i}`)]),
      ).map((p) => Buffer.from(JSON.stringify(p)));
      const statuses: number[] = [];
      let next = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: 50 }, async () => {
          while (next < bodies.length) statuses.push((await post(receiver.webhookUrl, bodies[next++]!)).status);
        }),
      );
      const ms = performance.now() - t0;
      console.log(
        `burst: 2000 requests at 50 concurrent (500 sharing 8 alerts in opposite orders) in ${(ms / 1000).toFixed(2)} s`,
      );
      expect(errors.filter((e) => /deadlock/.test(e))).toEqual([]);
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
      expect((await ledger.notifications()).length).toBe(2000);
      const alerts = await ledger.alerts();
      expect(alerts.length).toBe(8 + 1500);
      expect(alerts.filter((a) => a.fingerprint.startsWith('shared')).map((a) => a.notified)).toEqual(
        Array(8).fill(500),
      );
    } finally {
      await ledger.drop().catch(() => undefined);
      await pool.end();
    }
  }, 120_000);
});
