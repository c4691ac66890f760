/**
 * The two SQL back ends the ledger runs on, behind one small interface: a real Postgres through
 * `pg` (local and testcontainers runtimes) and PGlite in-process (embedded runtime).
 */
import type { Pool, PoolClient } from 'pg';
import type { PGlite, Transaction } from '@electric-sql/pglite';

export interface SqlExecutor {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Runs several statements separated by semicolons (no parameters). */
  exec(sql: string): Promise<void>;
}

export interface SqlDatabase extends SqlExecutor {
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

function pgExecutor(client: Pool | PoolClient): SqlExecutor {
  return {
    query: async <T>(sql: string, params?: unknown[]) => {
      const r = await client.query(sql, params as unknown[] | undefined);
      return { rows: r.rows as T[] };
    },
    exec: async (sql: string) => {
      await client.query(sql);
    },
  };
}

/** A `pg` pool as a ledger database. The caller owns the pool and ends it. */
export function pgDatabase(pool: Pool): SqlDatabase {
  return {
    ...pgExecutor(pool),
    async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(pgExecutor(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
  };
}

function pgliteExecutor(db: PGlite | Transaction): SqlExecutor {
  return {
    query: async <T>(sql: string, params?: unknown[]) => {
      const r = await db.query<T>(sql, params);
      return { rows: r.rows };
    },
    exec: async (sql: string) => {
      await db.exec(sql);
    },
  };
}

/** A PGlite instance as a ledger database. The caller owns it and closes it. */
export function pgliteDatabase(db: PGlite): SqlDatabase {
  return {
    ...pgliteExecutor(db),
    transaction: <T>(fn: (tx: SqlExecutor) => Promise<T>) => db.transaction((tx) => fn(pgliteExecutor(tx))),
  };
}
