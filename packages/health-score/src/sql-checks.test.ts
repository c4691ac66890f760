// SQL checks through the injected query function, against the real Postgres (own database per
// run, dropped after) and PGlite.
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  queryFunction,
  runSqlCheck,
  runSqlChecks,
  summarizeChecks,
  type QueryFn,
  type SqlCheck,
} from './sql-checks.js';

import { needPostgres } from '../../../test-support/requirements.js';

const postgres = await needPostgres();
const ADMIN_URL = postgres.value ?? '';
const DB = `health_sql_${process.pid}_${Date.now().toString(36)}`;

const CHECKS: SqlCheck[] = [
  { name: 'rows', sql: 'SELECT count(*) AS value FROM t', evaluate: { direction: 'below', fail: 1 } },
  {
    name: 'avg-confidence',
    sql: 'SELECT avg(confidence) AS value FROM t',
    evaluate: { direction: 'below', warn: 0.8, fail: 0.7 },
  },
  {
    name: 'max-confidence',
    sql: 'SELECT max(confidence) AS value FROM t',
    evaluate: { direction: 'above', warn: 0.9, fail: 0.95 },
  },
  {
    name: 'empty',
    sql: 'SELECT confidence AS value FROM t WHERE false',
    evaluate: { direction: 'below', fail: 1, noData: 'warn' },
  },
  {
    name: 'null',
    sql: 'SELECT avg(confidence) AS value FROM t WHERE false',
    evaluate: { direction: 'below', fail: 1 },
  },
  { name: 'wrong-column', sql: 'SELECT 1 AS n', evaluate: { direction: 'below', fail: 1 } },
  { name: 'bad-sql', sql: 'SELECT * FROM no_such_table', evaluate: { direction: 'below', fail: 1 } },
  {
    name: 'custom',
    sql: 'SELECT count(*) FILTER (WHERE confidence < $1) AS low, count(*) AS n FROM t',
    params: [0.7],
    evaluate: (rows) => {
      const low = Number(rows[0]!.low);
      return {
        status: low > 0 ? 'warn' : 'pass',
        value: low,
        threshold: '0 rows below 0.7',
        message: `${low} of ${rows[0]!.n} below 0.7`,
      };
    },
  },
];

async function seed(q: QueryFn) {
  await q('CREATE TABLE t (id int, confidence numeric)');
  await q('INSERT INTO t VALUES (1, 0.6), (2, 0.8), (3, 0.92)');
}

function expectResults(results: Awaited<ReturnType<typeof runSqlChecks>>) {
  const by = Object.fromEntries(results.map((r) => [r.name, r]));
  expect(by.rows).toMatchObject({ status: 'pass', value: 3 });
  expect(by['avg-confidence']).toMatchObject({ status: 'warn', threshold: 'warn < 0.8, fail < 0.7' });
  expect(by['avg-confidence']!.value).toBeCloseTo(0.7733333, 6);
  expect(by['avg-confidence']!.message).toContain('below the warn threshold 0.8');
  expect(by['max-confidence']).toMatchObject({ status: 'warn', value: 0.92 });
  expect(by.empty).toMatchObject({ status: 'warn', value: null, message: 'the query returned no row (no data)' });
  expect(by.null).toMatchObject({ status: 'fail', value: null, message: 'value is NULL (no data)' });
  expect(by['wrong-column']).toMatchObject({
    status: 'fail',
    message: "the query returned no column 'value' (columns: n)",
  });
  expect(by['bad-sql']!.status).toBe('fail');
  expect(by['bad-sql']!.message).toMatch(/^query failed: relation "no_such_table" does not exist/);
  expect(by.custom).toMatchObject({ status: 'warn', value: 1, message: '1 of 3 below 0.7' });
  expect(summarizeChecks(results)).toEqual({ status: 'fail', pass: 1, warn: 4, fail: 3 });
}

describe.skipIf(!postgres.ok)('SQL checks on the real Postgres', () => {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  let client: pg.Client;
  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${DB}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${DB}`;
    client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    await seed(queryFunction(client));
  });
  afterAll(async () => {
    await client?.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  });

  it('gives pass / warn / fail with value, threshold and message', async () => {
    expectResults(await runSqlChecks(queryFunction(client), CHECKS));
  });

  it('a slow query fails with the timeout, and the run goes on', async () => {
    const slow: SqlCheck = {
      name: 'slow',
      sql: 'SELECT pg_sleep(2) AS value',
      timeoutMs: 200,
      evaluate: { direction: 'above', fail: 1 },
    };
    const t0 = Date.now();
    const r = await runSqlCheck(queryFunction(client), slow);
    expect(Date.now() - t0).toBeLessThan(1500);
    expect(r).toMatchObject({ status: 'fail', value: null, message: 'timed out after 200 ms' });
  });
});

describe('SQL checks on PGlite', () => {
  let db: PGlite;
  beforeAll(async () => {
    db = new PGlite();
    await seed(queryFunction(db));
  });
  afterAll(async () => {
    await db?.close();
  });
  it('gives the same results as Postgres', async () => {
    expectResults(await runSqlChecks(queryFunction(db), CHECKS));
  });
});

describe('SQL checks: injected function and validation', () => {
  it('a query function that never answers times out', async () => {
    const never: QueryFn = () => new Promise(() => undefined);
    const r = await runSqlCheck(
      never,
      { name: 'hang', sql: 'SELECT 1', evaluate: { direction: 'above', fail: 1 } },
      { timeoutMs: 50 },
    );
    expect(r).toMatchObject({ status: 'fail', message: 'timed out after 50 ms' });
  });
  it('a bad check definition is an error naming the field', async () => {
    const q: QueryFn = async () => ({ rows: [] });
    await expect(
      runSqlChecks(q, [{ name: 'x', sql: 'SELECT 1', evaluate: { direction: 'sideways' as never } }]),
    ).rejects.toThrow("checks[0].evaluate.direction (check 'x'): expected 'above' or 'below'");
    await expect(runSqlChecks(q, [{ name: 'x', sql: ' ', evaluate: { direction: 'above' } }])).rejects.toThrow(
      "checks[0].sql (check 'x')",
    );
  });
});
