/**
 * `alertcraft devdiag check [DATABASE_URL]`: seed 004's ten DevDiag health checks and its two CI
 * guardrails (the 6 analytics views exist; data in the last 24 h), pass / warn / fail per check.
 * `alertcraft devdiag migrate [DATABASE_URL]` applies the DevDiag schema. The database URL's
 * password is never printed.
 */
import { queryFunction, runSqlChecks, summarizeChecks, type CheckResult } from '@alertcraft/health-score';
import pg from 'pg';
import { devdiagGuardrails, devdiagHealthChecks } from '../../devdiag/checks.js';
import { migrateDevdiag } from '../../devdiag/migrate.js';
import { redactUrl } from '../../runtime/process-registry.js';
import { flagString, InputError, parseFlags, UsageError, type Command } from '../command.js';

/** The URL from the argument, DATABASE_URL, or the seed's DEVDIAG_PG_* secrets. */
function databaseUrl(arg: string | undefined): string {
  if (arg) return arg;
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const { DEVDIAG_PG_HOST: host, DEVDIAG_PG_USER: user, DEVDIAG_PG_PASS: pass, DEVDIAG_PG_DB: db } = process.env;
  if (host && db) {
    const u = new URL(`postgres://${host}/${encodeURIComponent(db)}`);
    if (user) u.username = encodeURIComponent(user);
    if (pass) u.password = encodeURIComponent(pass);
    return u.toString();
  }
  throw new UsageError(
    'no database: pass DATABASE_URL as an argument, or set DATABASE_URL (or DEVDIAG_PG_HOST / _USER / _PASS / _DB)',
  );
}

function scrub(message: string, url: string): string {
  let out = message.replaceAll(url, redactUrl(url));
  try {
    const pass = decodeURIComponent(new URL(url).password);
    if (pass) out = out.replaceAll(pass, '***');
  } catch {
    // not a URL: nothing more to scrub
  }
  return out;
}

async function connect(url: string, timeoutMs: number): Promise<pg.Client> {
  let client: pg.Client;
  try {
    client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  } catch (err) {
    throw new InputError(`invalid database URL ${redactUrl(url)}: ${scrub((err as Error).message, url)}`, {
      code: 'cli/database',
    });
  }
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    const e = err as Error & { code?: string };
    throw new InputError(
      `cannot connect to Postgres at ${redactUrl(url)}: ${scrub(e.message || e.code || String(err), url)}`,
      { code: 'cli/database' },
    );
  }
  return client;
}

const MARK = { pass: '✓', warn: '!', fail: '✗' } as const;

function line(r: CheckResult): string {
  return `${MARK[r.status]} ${r.status.padEnd(4)} ${r.title}: ${r.message}`;
}

export const devdiagCommand: Command = {
  name: 'devdiag',
  summary: 'DevDiag (seed 004): run the 10 SQL health checks and CI guardrails, or apply the schema',
  help: [
    'Usage: alertcraft devdiag check [DATABASE_URL] [--staging] [--timeout MS] [--format text|json]',
    '       alertcraft devdiag migrate [DATABASE_URL]',
    '',
    'check: the CI guardrails (the 6 analytics views exist; runs in the last 24 h) and the ten',
    'health checks of seed 004 (freshness, volume trend, unlearned problems, retention, fix',
    'confidence, size, views, indexes, stale data, problem diversity), pass / warn / fail each.',
    'migrate: creates the devdiag schema (tables, 9 indexes, 6 views); already applied steps are skipped.',
    '',
    "DATABASE_URL defaults to $DATABASE_URL, else the seed's DEVDIAG_PG_HOST/_USER/_PASS/_DB.",
    '',
    'Options:',
    '  --staging            no data in the last 24 h warns instead of failing',
    '  --timeout MS         per-check timeout (default 10000)',
    '  --format text|json   output format (default text)',
    '',
    'Exit codes: 0 no check failed (warnings allowed), 1 a check or guardrail failed (a missing',
    'view or stale data is named), 2 bad usage or the database cannot be reached.',
  ].join('\n'),
  async run(argv, io) {
    const parsed = parseFlags(argv, { values: ['timeout', 'format'], booleans: ['staging'] });
    const [verb, arg, ...rest] = parsed.positionals;
    if ((verb !== 'check' && verb !== 'migrate') || rest.length) {
      throw new UsageError(
        `expected 'alertcraft devdiag check|migrate [DATABASE_URL]', got '${
          parsed.positionals.join(' ') || '(nothing)'
        }'`,
      );
    }
    const format = flagString(parsed, 'format') ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format '${format}': expected text or json`);
    const timeoutText = flagString(parsed, 'timeout');
    const timeoutMs = timeoutText === undefined ? 10_000 : Number(timeoutText);
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
      throw new UsageError(`--timeout '${timeoutText}': expected a positive number of milliseconds`);
    const url = databaseUrl(arg);
    const client = await connect(url, Math.min(timeoutMs, 10_000));
    try {
      const query = queryFunction(client);
      if (verb === 'migrate') {
        let res;
        try {
          res = await migrateDevdiag(query);
        } catch (err) {
          io.stderr(scrub((err as Error).message, url));
          return 1;
        }
        if (format === 'json') io.stdout(JSON.stringify(res, null, 2));
        else
          io.stdout(
            `devdiag schema at ${redactUrl(url)}: applied ${
              res.applied.length ? res.applied.join(', ') : 'nothing'
            }; already there: ${res.skipped.length}`,
          );
        return 0;
      }
      const options = { staging: parsed.flags.staging === true };
      const guardrails = await runSqlChecks(query, devdiagGuardrails(options), { timeoutMs });
      const checks = await runSqlChecks(query, devdiagHealthChecks(options), { timeoutMs });
      const summary = summarizeChecks([...guardrails, ...checks]);
      const scrubbed = (rs: CheckResult[]) => rs.map((r) => ({ ...r, message: scrub(r.message, url) }));
      if (format === 'json') {
        io.stdout(
          JSON.stringify(
            { database: redactUrl(url), summary, guardrails: scrubbed(guardrails), checks: scrubbed(checks) },
            null,
            2,
          ),
        );
      } else {
        io.stdout(`DevDiag health at ${redactUrl(url)}`);
        for (const r of scrubbed(guardrails)) io.stdout(line(r));
        for (const r of scrubbed(checks)) io.stdout(line(r));
        io.stdout(`${summary.pass} pass, ${summary.warn} warn, ${summary.fail} fail`);
      }
      const failed = [...guardrails, ...checks].filter((r) => r.status === 'fail');
      for (const r of guardrails.filter((g) => g.status === 'fail')) io.stderr(`devdiag: ${scrub(r.message, url)}`);
      return failed.length ? 1 : 0;
    } finally {
      await client.end().catch(() => undefined);
    }
  },
};
