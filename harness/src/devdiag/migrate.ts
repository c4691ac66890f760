/**
 * Applies the DevDiag migrations through a query function on ONE connection (a pg `Client`, not a
 * `Pool`, or PGlite): each migration in a transaction, recorded in `devdiag.schema_migrations`,
 * skipped when already recorded.
 */
import type { QueryFn } from '@alertcraft/health-score';
import { DEVDIAG_MIGRATIONS, DEVDIAG_SCHEMA, type Migration } from './schema.js';

export async function migrateDevdiag(
  query: QueryFn,
  migrations: readonly Migration[] = DEVDIAG_MIGRATIONS,
): Promise<{ applied: string[]; skipped: string[] }> {
  await query(`CREATE SCHEMA IF NOT EXISTS ${DEVDIAG_SCHEMA}`);
  await query(
    `CREATE TABLE IF NOT EXISTS ${DEVDIAG_SCHEMA}.schema_migrations
      (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  const { rows } = await query(`SELECT id FROM ${DEVDIAG_SCHEMA}.schema_migrations`);
  const done = new Set(rows.map((r) => String(r.id)));
  const applied: string[] = [];
  const skipped: string[] = [];
  for (const m of migrations) {
    if (done.has(m.id)) {
      skipped.push(m.id);
      continue;
    }
    await query('BEGIN');
    try {
      for (const s of m.statements) await query(s);
      await query(`INSERT INTO ${DEVDIAG_SCHEMA}.schema_migrations (id) VALUES ($1)`, [m.id]);
      await query('COMMIT');
    } catch (err) {
      await query('ROLLBACK').catch(() => undefined);
      throw new Error(`DevDiag migration ${m.id} (${m.description}) failed: ${(err as Error).message}`, { cause: err });
    }
    applied.push(m.id);
  }
  return { applied, skipped };
}
