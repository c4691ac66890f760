/**
 * `alertcraft ledger inspect`: lists the payloads the webhook quarantined (not storable as typed
 * rows, malformed, oversized), in every ledger schema of a database or one `--schema`. The
 * database URL's password is never printed.
 */
import pg from 'pg';
import { NotificationLedger } from '../../ledger/ledger.js';
import { pgDatabase } from '../../ledger/sql.js';
import { DEFAULT_DATABASE_URL } from '../../live/stack.js';
import { redactUrl } from '../../runtime/process-registry.js';
import { flagString, InputError, parseFlags, UsageError, type Command } from '../command.js';

const PREVIEW_BYTES = 160;

/** A body's first bytes as one printable line (JSON string escapes; invalid UTF-8 as U+FFFD). */
function preview(body: Buffer): string {
  const text = body.subarray(0, PREVIEW_BYTES).toString('utf8');
  return JSON.stringify(text) + (body.length > PREVIEW_BYTES ? ' …' : '');
}

export const ledgerCommand: Command = {
  name: 'ledger',
  summary: 'Inspect the notification ledger: payloads the webhook quarantined',
  help: [
    'Usage: alertcraft ledger inspect [--database-url URL] [--schema NAME] [--format text|json]',
    '',
    'Lists quarantined webhook payloads (bodies the ledger could not store as typed rows, with',
    "the reason, the JSON path, the HTTP status answered and the body's first bytes), in every",
    'schema holding a ledger (`alertcraft_live_*` of live runs) or in --schema.',
    '',
    'Options:',
    '  --database-url URL   Postgres (default DATABASE_URL or postgres://postgres@127.0.0.1:5432/test)',
    '  --schema NAME        one ledger schema',
    '  --format text|json   output format (default text)',
    '',
    'Exit codes: 0 listed (even when empty), 2 bad usage or unreachable database.',
  ].join('\n'),
  async run(argv, io) {
    const parsed = parseFlags(argv, { values: ['database-url', 'schema', 'format'] });
    if (parsed.positionals[0] !== 'inspect' || parsed.positionals.length > 1)
      throw new UsageError(
        `expected 'alertcraft ledger inspect', got '${parsed.positionals.join(' ') || '(nothing)'}'`,
      );
    const format = flagString(parsed, 'format') ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format '${format}': expected text or json`);
    const url = flagString(parsed, 'database-url') ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
    const pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 5000 });
    try {
      let schemas: string[];
      try {
        const only = flagString(parsed, 'schema');
        const { rows } = await pool.query<{ s: string }>(
          `SELECT table_schema AS s FROM information_schema.tables WHERE table_name = 'quarantine' AND ($1::text IS NULL OR table_schema = $1) ORDER BY 1`,
          [only ?? null],
        );
        schemas = rows.map((r) => r.s);
        if (only && !schemas.length)
          throw new InputError(`no ledger schema '${only}' (with a quarantine table) in ${redactUrl(url)}`, {
            code: 'cli/no-ledger',
          });
      } catch (err) {
        if (err instanceof InputError) throw err;
        throw new InputError(
          `cannot read Postgres at ${redactUrl(url)}: ${(err as Error).message.replaceAll(url, redactUrl(url))}`,
          { code: 'cli/database', cause: err },
        );
      }
      const all = [];
      for (const schema of schemas) {
        for (const q of await new NotificationLedger(pgDatabase(pool), { schema }).quarantined())
          all.push({ schema, ...q });
      }
      if (format === 'json') {
        io.stdout(
          JSON.stringify(
            all.map(({ body, ...q }) => ({ ...q, bodyBase64: body.toString('base64') })),
            null,
            2,
          ),
        );
        return 0;
      }
      io.stdout(`${all.length} quarantined payload(s) in ${schemas.length} ledger schema(s) of ${redactUrl(url)}`);
      for (const q of all) {
        io.stdout(
          `${q.schema} #${q.id} ${q.firstReceivedAt.toISOString()} ×${q.deliveries} ${q.httpStatus} ${q.reasonCode}${q.jsonPath ? ` at ${q.jsonPath}` : ''} ${q.requestPath} ${q.bodyBytes} bytes${q.truncated ? ' (truncated)' : ''}`,
        );
        io.stdout(`  ${q.reason}`);
        io.stdout(`  ${preview(q.body)}`);
      }
      return 0;
    } finally {
      await pool.end();
    }
  },
};
