/**
 * `readTimelines(source)`: the one entry point for a noise timeline from outside a replay, for
 * `alertcraft noise --ledger DATABASE_URL | --prometheus URL`: opens the source, reads, closes.
 */
import type { NoiseTimeline } from '@alertcraft/alert-noise';
import pg from 'pg';
import { PrometheusClient } from '../clients/prometheus-client.js';
import { NotificationLedger } from '../ledger/ledger.js';
import { pgDatabase } from '../ledger/sql.js';
import { redactUrl } from '../runtime/process-registry.js';
import { TimelineReadError } from './errors.js';
import { readLedgerTimeline } from './ledger-timeline.js';
import { readPrometheusTimeline, type PrometheusTimelineOptions } from './prometheus-timeline.js';

export type TimelineSourceSpec =
  | {
      kind: 'ledger';
      /** `postgres://…` */
      databaseUrl: string;
      /** Ledger schema (default `alertcraft_ledger`, the ledger's default). */
      schema?: string;
      window?: { start: number; end: number };
    }
  | ({ kind: 'prometheus'; url: string } & PrometheusTimelineOptions);

export async function readTimelines(source: TimelineSourceSpec): Promise<NoiseTimeline> {
  if (source.kind === 'prometheus') {
    return readPrometheusTimeline(new PrometheusClient({ url: source.url }), source);
  }
  const where = redactUrl(source.databaseUrl);
  const pool = new pg.Pool({ connectionString: source.databaseUrl, max: 2, connectionTimeoutMillis: 10_000 });
  try {
    const ledger = new NotificationLedger(pgDatabase(pool), source.schema ? { schema: source.schema } : {});
    const { rows } = await pool
      .query<{ n: number }>(
        'SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2',
        [ledger.schema, 'deliveries'],
      )
      .catch((err: unknown) => {
        throw new TimelineReadError(
          'timelines/ledger-unreachable',
          `cannot read the ledger at ${where}: ${(err as Error).message}`,
          {
            cause: err,
          },
        );
      });
    if (!rows[0]?.n)
      throw new TimelineReadError(
        'timelines/no-ledger',
        `no ledger schema '${ledger.schema}' (with its deliveries table) in the database at ${where}: pass the schema a live run kept, or migrate the ledger`,
      );
    return await readLedgerTimeline(ledger, { where, ...(source.window ? { window: source.window } : {}) });
  } finally {
    await pool.end();
  }
}
