/**
 * `alertcraft noise --ledger` against the real Postgres (a ledger schema of its own, dropped after)
 * and `--prometheus` against a port nothing listens on: the measures of alerts that really fired,
 * the errors for a missing or empty ledger and an unreachable server, credentials never printed.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { needPostgres } from '../../../test-support/requirements.js';
import { main } from '../../src/cli/main.js';
import { freePort } from '../../src/runtime/ports.js';
import { NotificationLedger, pgDatabase } from '../../src/ledger/index.js';
import { parseWebhookPayload } from '../../src/ledger/webhook-payload.js';
import { apiDownWebhookBody } from '../timelines/api-down-webhook.js';

const postgres = await needPostgres();
if (!postgres.ok) console.log(`skipping the noise --ledger tests: ${postgres.reason}`);

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    stdout: (l) => out.push(l),
    stderr: (l) => err.push(l),
    cwd: process.cwd(),
    isTTY: false,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const payload = (status: 'firing' | 'resolved', endsAt: string) =>
  parseWebhookPayload(apiDownWebhookBody(status, endsAt));

describe.skipIf(!postgres.ok)('alertcraft noise --ledger', () => {
  const pool = new pg.Pool({ connectionString: postgres.value, max: 2 });
  const schema = `alertcraft_noisecli_${randomBytes(4).toString('hex')}`;
  const ledger = new NotificationLedger(pgDatabase(pool), { schema });
  afterAll(async () => {
    await ledger.drop();
    await pool.end();
  });

  it('names a missing schema, then an empty ledger, each exit 2 in one line', async () => {
    const missing = await cli('noise', '--ledger', postgres.value!, '--schema', schema);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain(`no ledger schema '${schema}'`);
    expect(missing.err.split('\n')).toHaveLength(1);
    await ledger.migrate();
    const empty = await cli('noise', '--ledger', postgres.value!, '--schema', schema);
    expect(empty.code).toBe(2);
    expect(empty.err).toContain('holds no notifications');
    expect(empty.err.split('\n')).toHaveLength(1);
  });

  it('measures the alerts the ledger holds: one page, its notifications, no ground truth', async () => {
    await ledger.record(payload('firing', '0001-01-01T00:00:00Z'), new Date('2026-03-01T10:00:30Z'));
    await ledger.record(payload('resolved', '2026-03-01T10:20:00Z'), new Date('2026-03-01T10:20:30Z'));
    const r = await cli('noise', '--ledger', postgres.value!, '--schema', schema);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('ledger ');
    expect(r.out).toContain('2026-03-01T10:00:00.000Z to 2026-03-01T10:20:30.000Z');
    expect(r.out).toMatch(/ 1 firing alerts; pages /);
    expect(r.out).toContain('notifications to pager: 2');
    expect(r.out).toContain('not measured');
    const j = await cli('noise', '--ledger', postgres.value!, '--schema', schema, '--json');
    const parsed = JSON.parse(j.out);
    expect(parsed).toMatchObject({ source: 'ledger', firingAlerts: 1, notificationsPerReceiver: { pager: 2 } });
    expect(parsed.incidentMinutes).toBeCloseTo(20, 6);
    expect(parsed.resolvedUnder5m).toBe(0);
  });

  it('never prints the password of an unreachable database', async () => {
    const port = await freePort();
    const r = await cli('noise', '--ledger', `postgres://someone:s3cret@127.0.0.1:${port}/none`, '--schema', schema);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).not.toContain('s3cret');
    expect(r.err).toContain(`127.0.0.1:${port}`);
  });
});

describe('alertcraft noise --prometheus and bad usage', () => {
  it('an unreachable server is one line and exit 2, credentials not printed', async () => {
    const port = await freePort();
    const r = await cli(
      'noise',
      '--prometheus',
      `http://admin:hunter2@127.0.0.1:${port}`,
      '--from',
      '2026-03-01T00:00:00Z',
      '--to',
      '2026-03-01T06:00:00Z',
      '--timeout',
      '2s',
    );
    expect(r.code).toBe(2);
    const lines = r.err.split('\n').filter((l) => !l.startsWith('reading ALERTS'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`127.0.0.1:${port}`);
    expect(r.err).not.toContain('hunter2');
  });

  it.each([
    [['noise', '--ledger', 'postgres://x/y', '--run', 'r.json'], /--ledger and --run cannot be used together/],
    [['noise', '--ledger', 'postgres://x/y', '--recommend'], /--recommend only applies with --run/],
    [['noise', '--ledger', 'mysql://x/y'], /expected a postgres:\/\/ or postgresql:\/\/ URL/],
    [['noise', '--run', 'r.json', '--step', '1m'], /--step only applies with --ledger or --prometheus/],
    [['noise', '--prometheus', 'http://127.0.0.1:1', '--from', '10', '--to', '20', '--step', '0s'], /--step '0s'/],
    [['noise'], /give --run result.json, --ledger DATABASE_URL or --prometheus URL/],
  ])('%j is bad usage (exit 2)', async (argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});
