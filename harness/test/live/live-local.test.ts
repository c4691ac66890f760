/**
 * Live mode on the local binaries (Debian prometheus 2.42, prometheus-alertmanager 0.25) and
 * Postgres: the aetherlink pack over a 60-minute scenario window at 60× (about a minute of wall
 * time), then a second short run whose Prometheus is SIGKILLed mid-run.
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ALERTMANAGER_HINT,
  ALERTMANAGER_NAMES,
  needBinary,
  needPostgres,
  PROMTOOL_HINT,
} from '../../../test-support/requirements.js';
import { NotificationLedger } from '../../src/ledger/ledger.js';
import { pgDatabase } from '../../src/ledger/sql.js';
import { startWebhookReceiver } from '../../src/ledger/webhook-receiver.js';
import { LiveError, LiveRunError } from '../../src/live/errors.js';
import { formatLiveSummary, runLive, type LiveResult } from '../../src/live/run-live.js';
import { liveEntries } from '../../src/runtime/process-registry.js';
import { at, liveScenario } from './fixtures/live-scenario.js';

const prometheus = needBinary('local', ['prometheus'], PROMTOOL_HINT);
const promtool = needBinary('local', ['promtool'], PROMTOOL_HINT);
const alertmanager = needBinary('local', ALERTMANAGER_NAMES, ALERTMANAGER_HINT);
const postgres = await needPostgres();
const missing = [prometheus, promtool, alertmanager, postgres].find((a) => !a.ok);
if (missing) console.log(`skipping live-mode tests: ${missing.reason}`);

const SPEEDUP = 60;

describe.skipIf(!!missing)('live mode, local runtime', () => {
  const pool = new pg.Pool({ connectionString: postgres.value, max: 2 });
  const schemas: string[] = [];
  afterAll(async () => {
    for (const s of schemas) await new NotificationLedger(pgDatabase(pool), { schema: s }).drop();
    await pool.end();
  });

  let result: LiveResult;
  it('pages on the VIP cache degradation, holds the page during maintenance, and the ledger equals what Alertmanager sent', async () => {
    const scenario = liveScenario();
    const cache = scenario.incidents.find((i) => i.kind === 'cache-degradation')!;
    const maintenance = scenario.incidents.find((i) => i.kind === 'maintenance-window')!;
    const lines: string[] = [];
    result = await runLive({
      pack: 'aetherlink',
      scenario,
      window: { start: at(25), end: at(85) },
      speedup: SPEEDUP,
      runtime: 'local',
      databaseUrl: postgres.value,
      keepLedger: true,
      log: (l) => lines.push(l),
    });
    schemas.push(result.ledgerSchema);
    console.log(formatLiveSummary(result).join('\n'));
    for (const a of result.alerts)
      console.log(
        `  ${a.alertname} ${a.labels.tenant_id ?? ''} active ${new Date(a.activeAt).toISOString()} firing ${a.firingSeenAt ? new Date(a.firingSeenAt).toISOString() : '-'} resolved ${a.resolvedSeenAt ? new Date(a.resolvedSeenAt).toISOString() : '-'}`,
      );

    // Everything started was stopped.
    expect(liveEntries()).toEqual([]);
    // Ledger rows vs Alertmanager's own counter.
    const n = result.notifications;
    expect(n.alertmanagerNotifications).toBeGreaterThan(0);
    // Nothing failed, nothing quarantined, every webhook answer a 200 (Alertmanager sends the
    // run's bearer token, configured into the alertmanager.yml live mode writes).
    expect(n.alertmanagerFailed).toBe(0);
    expect(n.quarantined).toBe(0);
    expect(Object.keys(n.webhookAnswers)).toEqual(['200']);
    expect(n.ledgerDeliveries).toBe(n.alertmanagerNotifications - n.alertmanagerFailed);
    expect(n.equal).toBe(true);
    expect(n.ledgerRows).toBeLessThanOrEqual(n.ledgerDeliveries);

    // Prometheus fired the pack's expectation for the incident, within 30 scenario minutes.
    const vip = result.alerts.find(
      (a) =>
        a.alertname === 'CacheEffectivenessDropVIP' &&
        a.labels.tenant_id === 'vip-customer-123' &&
        a.firingSeenAt !== undefined,
    );
    expect(vip?.firingSeenAt).toBeDefined();
    expect(vip!.activeAt).toBeGreaterThanOrEqual(cache.start);
    expect(vip!.firingSeenAt! - cache.start).toBeLessThanOrEqual(30 * 60_000);
    // ...and resolved it once the incident was over, before the window ended.
    expect(vip!.resolvedSeenAt).toBeGreaterThanOrEqual(cache.end - 5 * 60_000);
    expect(vip!.resolvedSeenAt).toBeLessThanOrEqual(cache.end + 10 * 60_000);

    // The maintenance silence suppressed the page while active and expired on time.
    expect(result.silences).toHaveLength(1);
    const s = result.silences[0]!;
    expect(s.window).toEqual({ start: maintenance.start, end: maintenance.end });
    expect(s.suppressed.map((a) => a.alertname)).toContain('CacheEffectivenessDropVIP');
    expect(s.notificationsDuringSilence).toBe(0);
    expect(s.stateAfterEnd).toBe('expired');
    expect(s.expiredObservedAfterMs).toBeLessThan(2000);

    // The page held back by the silence is delivered after it expired.
    const ledger = new NotificationLedger(pgDatabase(pool), { schema: result.ledgerSchema });
    const rows = await pool.query<{
      receiver: string;
      status: string;
      first_received_at: Date;
      payload: { alerts: Array<{ labels: Record<string, string> }> };
    }>(`SELECT receiver, status, first_received_at, payload FROM "${result.ledgerSchema}".notifications ORDER BY id`);
    const vipPages = rows.rows.filter(
      (r) =>
        r.receiver === 'oncall-pager' &&
        r.status === 'firing' &&
        r.payload.alerts.some((a) => a.labels.alertname === 'CacheEffectivenessDropVIP'),
    );
    expect(vipPages.length).toBeGreaterThan(0);
    expect(vipPages[0]!.first_received_at.getTime()).toBeGreaterThanOrEqual(Date.parse(s.endsAt));
    expect((await ledger.alerts()).some((a) => a.alertname === 'CacheEffectivenessDropVIP')).toBe(true);
  }, 150_000);

  it('the same notification delivered twice is one row with two deliveries', async () => {
    expect(result).toBeDefined();
    const ledger = new NotificationLedger(pgDatabase(pool), { schema: result.ledgerSchema });
    const before = await ledger.notifications();
    const deliveries = await ledger.deliveryCount();
    const { rows } = await pool.query<{ payload: unknown }>(
      `SELECT payload FROM "${result.ledgerSchema}".notifications ORDER BY id LIMIT 1`,
    );
    const receiver = await startWebhookReceiver({ ledger });
    try {
      const res = await fetch(`${receiver.webhookUrl}/oncall-pager`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(rows[0]!.payload),
      });
      expect(res.status).toBe(200);
    } finally {
      await receiver.stop();
    }
    const after = await ledger.notifications();
    expect(after.length).toBe(before.length);
    expect(await ledger.deliveryCount()).toBe(deliveries + 1);
    expect(after[0]!.deliveries).toBe(before[0]!.deliveries + 1);
  });

  it('killing Prometheus mid-run ends with a clear error and leaves the ledger intact', async () => {
    let pid: number | undefined;
    let schema = '';
    let rowsAtKill: Array<Record<string, unknown>> = [];
    let killed = false;
    const err = await runLive({
      pack: 'aetherlink',
      scenario: liveScenario(),
      window: { start: at(25), end: at(85) },
      maintenance: [],
      speedup: SPEEDUP,
      runtime: 'local',
      databaseUrl: postgres.value,
      onStarted: (s) => {
        pid = s.prometheus.pid;
        schema = s.ledgerSchema;
        schemas.push(schema);
      },
      onProgress: (p) => {
        // Kill once the first page is in the ledger (or at scenario T+60m at the latest).
        if (killed || pid === undefined || (p.ledgerDeliveries < 1 && p.scenarioTime < at(60))) return;
        killed = true;
        void pool.query(`SELECT * FROM "${schema}".notifications ORDER BY id`).then((r) => {
          rowsAtKill = r.rows;
          process.kill(pid!, 'SIGKILL');
        });
      },
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(killed).toBe(true);
    expect(err).toBeInstanceOf(LiveRunError);
    const e = err as LiveRunError;
    expect(e.code).toBe('live/prometheus-died');
    expect(e.service).toBe('prometheus');
    expect(e.message).toMatch(
      new RegExp(
        `^Prometheus \\(http://127\\.0\\.0\\.1:\\d+, pid ${pid}\\) exited with signal SIGKILL during the live run`,
      ),
    );
    expect(e.message).toContain('--- last prometheus log lines ---');
    expect(e.logTail).toMatch(/Server is ready to receive web requests|Starting rule manager/);
    expect(e.ledgerSchema).toBe(schema);
    expect(liveEntries()).toEqual([]);
    // The ledger is intact: every row written before the kill is still there, unchanged, and the
    // schema's migrations table is readable.
    const after = await pool.query(`SELECT * FROM "${schema}".notifications ORDER BY id`);
    expect(rowsAtKill.length).toBeGreaterThan(0);
    expect(after.rows.slice(0, rowsAtKill.length)).toEqual(rowsAtKill);
    console.log(
      `kill test: ${rowsAtKill.length} ledger rows at the kill, ${after.rows.length} after the run ended; error:\n${e.message.split('\n').slice(0, 6).join('\n')}`,
    );
    const migrations = await pool.query(`SELECT id FROM "${schema}".alertcraft_migrations ORDER BY id`);
    expect(migrations.rows.map((r) => Number(r.id))).toEqual([1, 2, 3]);
  }, 120_000);

  it('an aborted run (Ctrl-C in the CLI) stops every server and drops its ledger schema', async () => {
    const controller = new AbortController();
    let schema = '';
    const err = await runLive({
      pack: 'aetherlink',
      scenario: liveScenario(),
      window: { start: at(25), end: at(85) },
      speedup: SPEEDUP,
      runtime: 'local',
      databaseUrl: postgres.value,
      signal: controller.signal,
      onStarted: (s) => {
        schema = s.ledgerSchema;
        setTimeout(() => controller.abort(new Error('interrupted')), 1500);
      },
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(LiveError);
    expect((err as LiveError).code).toBe('live/aborted');
    expect(liveEntries()).toEqual([]);
    const left = await pool.query(`SELECT schema_name FROM information_schema.schemata WHERE schema_name = $1`, [
      schema,
    ]);
    expect(left.rows).toEqual([]);
  }, 60_000);
});
