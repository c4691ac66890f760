/**
 * The timeline readers against real servers: the Postgres ledger (rows written by the webhook
 * receiver as Alertmanager would post them) and a real Prometheus evaluating alerting rules every
 * second, whose `ALERTS` / `ALERTS_FOR_STATE` history is read back and checked against what
 * Prometheus' own `/api/v1/alerts` said while the rules ran.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { needBinary, needPostgres, PROMTOOL_HINT } from '../../../test-support/requirements.js';
import { NotificationLedger, pgDatabase, startWebhookReceiver } from '../../src/ledger/index.js';
import { PrometheusProcess } from '../../src/runtime/prometheus-process.js';
import { readTimelines, TimelineReadError } from '../../src/timelines/index.js';
import { apiDownWebhookBody } from './api-down-webhook.js';

const postgres = await needPostgres();
const prometheus = needBinary('local', ['prometheus'], PROMTOOL_HINT);
if (!postgres.ok) console.log(`skipping the ledger reader tests: ${postgres.reason}`);
if (!prometheus.ok) console.log(`skipping the Prometheus reader test: ${prometheus.reason}`);

const webhookBody = apiDownWebhookBody;

describe.skipIf(!postgres.ok)('readTimelines from the Postgres ledger', () => {
  const pool = new pg.Pool({ connectionString: postgres.value, max: 2 });
  const schema = `alertcraft_tlread_${randomBytes(4).toString('hex')}`;
  const ledger = new NotificationLedger(pgDatabase(pool), { schema });
  afterAll(async () => {
    await ledger.drop();
    await pool.end();
  });

  it('says the schema is missing, then that the ledger is empty, then reads alerts and every delivery', async () => {
    const read = () => readTimelines({ kind: 'ledger', databaseUrl: postgres.value!, schema });
    await expect(read()).rejects.toMatchObject({
      code: 'timelines/no-ledger',
      message: expect.stringContaining(schema),
    });
    await ledger.migrate();
    const empty = await read().catch((e: unknown) => e);
    expect(empty).toBeInstanceOf(TimelineReadError);
    expect(empty).toMatchObject({
      code: 'timelines/empty-ledger',
      message: expect.stringContaining('holds no notifications'),
    });

    const times = ['2026-03-01T10:00:30Z', '2026-03-01T11:00:30Z', '2026-03-01T11:20:30Z'];
    let i = 0;
    await using receiver = await startWebhookReceiver({ ledger, now: () => new Date(times[i++]!) });
    const post = (body: unknown) => fetch(receiver.webhookUrl, { method: 'POST', body: JSON.stringify(body) });
    expect((await post(webhookBody('firing', '0001-01-01T00:00:00Z'))).status).toBe(200);
    expect((await post(webhookBody('firing', '0001-01-01T00:00:00Z'))).status).toBe(200); // the repeat
    expect((await post(webhookBody('resolved', '2026-03-01T11:20:00Z'))).status).toBe(200);

    const t = await read();
    expect(t.source).toBe('ledger');
    expect(t.alerts).toEqual([
      {
        alertname: 'ApiDown',
        labels: { service: 'api', severity: 'page' },
        annotations: { summary: 'API down' },
        state: 'inactive',
        activeAt: Date.parse('2026-03-01T10:00:00Z'),
        firedAt: Date.parse('2026-03-01T10:00:00Z'),
        resolvedAt: Date.parse('2026-03-01T11:20:00Z'),
      },
    ]);
    expect(t.notifications?.map((n) => [new Date(n.at).toISOString(), n.receiver, n.status])).toEqual([
      ['2026-03-01T10:00:30.000Z', 'pager', 'firing'],
      ['2026-03-01T11:00:30.000Z', 'pager', 'firing'],
      ['2026-03-01T11:20:30.000Z', 'pager', 'resolved'],
    ]);
    expect(t.window).toEqual({ start: Date.parse('2026-03-01T10:00:00Z'), end: Date.parse('2026-03-01T11:20:30Z') });
  });

  it('names the database without its password when it cannot connect', async () => {
    const err = await readTimelines({
      kind: 'ledger',
      databaseUrl: 'postgres://someone:s3cret@127.0.0.1:1/none',
      schema,
    }).catch((e: unknown) => e as Error);
    expect(err).toMatchObject({ code: 'timelines/ledger-unreachable' });
    expect((err as Error).message).not.toContain('s3cret');
  });
});

describe.skipIf(!prometheus.ok)('readTimelines from Prometheus ALERTS history', () => {
  it("gives the instances Prometheus' /api/v1/alerts showed: same activeAt, firing after `for`, resolved", async () => {
    const rules = [
      'groups:',
      '  - name: g',
      '    interval: 1s',
      '    rules:',
      // Active 6 s of every 12 s: pending 2 s, then firing.
      '      - alert: Sawtooth',
      '        expr: vector(time() % 12) < 6',
      '        for: 2s',
      '        labels: { severity: page }',
      // Pending for ever.
      '      - alert: NeverFires',
      '        expr: vector(1)',
      '        for: 1h',
    ].join('\n');
    await using prom = await new PrometheusProcess({ binary: prometheus.value! })
      .withConfig('global:\n  evaluation_interval: 1s\nrule_files: [rules.yml]\n')
      .withFile('rules.yml', `${rules}\n`)
      .start();
    const start = Date.now();
    // The oracle: every (alertname, activeAt) and the states /api/v1/alerts reported.
    const seen = new Map<string, Set<string>>();
    while (Date.now() < start + 27_000) {
      for (const a of await prom.client.alerts()) {
        // ALERTS_FOR_STATE keeps activeAt in whole seconds (Prometheus stores ActiveAt.Unix()).
        const key = `${a.labels.alertname} ${Math.floor(Date.parse(a.activeAt!) / 1000) * 1000}`;
        if (!seen.has(key)) seen.set(key, new Set());
        seen.get(key)!.add(a.state);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const end = Date.now();
    const t = await readTimelines({ kind: 'prometheus', url: prom.url, start, end, stepMs: 1000 });
    console.log(
      t.alerts
        .map(
          (a) =>
            `${a.alertname} active +${a.activeAt - start} fired ${a.firedAt ? `+${a.firedAt - start}` : '-'} resolved ${a.resolvedAt ? `+${a.resolvedAt - start}` : '-'} (${a.state})`,
        )
        .join('\n'),
    );
    const saw = [...seen.keys()];
    // Instances that started inside the range (the first may have started before it).
    const inside = t.alerts.filter((a) => a.activeAt >= start + 1000);
    const sawtooth = inside.filter((a) => a.alertname === 'Sawtooth');
    expect(sawtooth.filter((a) => a.resolvedAt !== undefined).length).toBeGreaterThanOrEqual(1);
    expect(sawtooth.length).toBeGreaterThanOrEqual(2);
    for (const a of sawtooth) {
      // activeAt is Prometheus' own (ALERTS_FOR_STATE), as the API reported it (to the second).
      expect(saw).toContain(`Sawtooth ${a.activeAt}`);
      expect(a.labels).toEqual({ severity: 'page' });
      // Firing after `for` (2 s), seen at a 1 s step from a whole-second activeAt; resolved
      // after the 6 s active phase.
      if (a.firedAt !== undefined) {
        expect(a.firedAt - a.activeAt).toBeGreaterThanOrEqual(2000);
        expect(a.firedAt - a.activeAt).toBeLessThan(4000);
      } else expect(a.state).toBe('pending'); // still pending at the end of the range
      if (a.resolvedAt !== undefined) {
        expect(a.firedAt).toBeDefined();
        expect(a.resolvedAt - a.activeAt).toBeGreaterThanOrEqual(5000);
        expect(a.resolvedAt - a.activeAt).toBeLessThan(9000);
        expect(seen.get(`Sawtooth ${a.activeAt}`)).toContain('firing');
      }
    }
    // Every Sawtooth instance the API showed starting inside the range is in the timeline.
    for (const k of saw.filter(
      (k) =>
        k.startsWith('Sawtooth ') && Number(k.split(' ')[1]) >= start + 1000 && Number(k.split(' ')[1]) < end - 3000,
    ))
      expect(sawtooth.map((a) => `Sawtooth ${a.activeAt}`)).toContain(k);
    const never = t.alerts.filter((a) => a.alertname === 'NeverFires');
    expect(never).toHaveLength(1);
    expect(never[0]).toMatchObject({ state: 'pending' });
    expect(never[0]!.firedAt).toBeUndefined();
    expect(saw).toContain(`NeverFires ${never[0]!.activeAt}`);
  }, 90_000);

  it('refuses a range of more than 11,000 steps before asking', async () => {
    await expect(
      readTimelines({ kind: 'prometheus', url: 'http://127.0.0.1:1', start: 0, end: 86_400_000, stepMs: 1000 }),
    ).rejects.toMatchObject({ code: 'timelines/bad-range', message: expect.stringContaining('11,000') });
  });
});
