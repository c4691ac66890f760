/** `alertcraft ledger inspect` lists what the webhook quarantined, and never prints the password. */
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { needPostgres } from '../../../test-support/requirements.js';
import { main } from '../../src/cli/main.js';
import { NotificationLedger, pgDatabase, startWebhookReceiver } from '../../src/ledger/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const postgres = await needPostgres();
if (!postgres.ok) console.log(`skipping ledger inspect: ${postgres.reason}`);

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { stdout: (l) => out.push(l), stderr: (l) => err.push(l), isTTY: false, cwd: ROOT });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('alertcraft ledger: usage', () => {
  it('needs the inspect subcommand', async () => {
    const r = await run(['ledger', 'list']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/expected 'alertcraft ledger inspect', got 'list'/);
  });
});

describe.skipIf(!postgres.ok)('alertcraft ledger inspect', () => {
  it('lists a quarantined payload with its reason and path; the URL password is never printed', async () => {
    const pool = new pg.Pool({ connectionString: postgres.value, max: 2 });
    const schema = `ledger_inspect_${process.pid}`;
    const ledger = new NotificationLedger(pgDatabase(pool), { schema });
    await ledger.migrate();
    try {
      {
        await using receiver = await startWebhookReceiver({ ledger });
        const res = await fetch(`${receiver.webhookUrl}/pager`, {
          method: 'POST',
          body: JSON.stringify({ version: '4', alerts: 'none' }),
        });
        expect(res.status).toBe(400);
      }
      // Local Postgres trusts the connection; the password in the URL must not appear anywhere.
      const u = new URL(postgres.value!);
      u.password = 'hunter2-secret';
      const r = await run(['ledger', 'inspect', '--database-url', u.toString(), '--schema', schema]);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/^1 quarantined payload\(s\) in 1 ledger schema\(s\) of postgres:\/\/postgres:\*\*\*@/m);
      expect(r.out).toMatch(
        new RegExp(`^${schema} #\\d+ \\S+ ×1 400 ledger/payload at \\$\\.alerts /webhook/pager \\d+ bytes$`, 'm'),
      );
      expect(r.out).toContain('$.alerts: expected an array');
      expect(r.out + r.err).not.toContain('hunter2-secret');
      const missing = await run(['ledger', 'inspect', '--database-url', u.toString(), '--schema', 'no_such_ledger']);
      expect(missing.code).toBe(2);
      expect(missing.err + missing.out).not.toContain('hunter2-secret');
    } finally {
      await ledger.drop();
      await pool.end();
    }
  });
});
