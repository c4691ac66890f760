// DevDiag schema, checks and `alertcraft devdiag check` against the real Postgres (own database
// per run, dropped after) and PGlite.
import { queryFunction, runSqlChecks, summarizeChecks, type QueryFn } from '@alertcraft/health-score';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { devdiagGuardrails, devdiagHealthChecks } from './checks.js';
import { migrateDevdiag } from './migrate.js';
import { insertSampleData } from './sample-data.js';
import { DEVDIAG_INDEXES, DEVDIAG_VIEWS } from './schema.js';

import { needPostgres } from '../../../test-support/requirements.js';

const postgres = await needPostgres();
const ADMIN_URL = postgres.value ?? 'postgres://postgres@127.0.0.1:5432/test';
const DB = `devdiag_test_${process.pid}_${Date.now().toString(36)}`;
const dbUrl = (() => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${DB}`;
  return u.toString();
})();

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: (l: string) => out.push(l), stderr: (l: string) => err.push(l), isTTY: false, cwd: process.cwd() },
  };
}

/** The same behaviour on both databases. */
function suite(name: string, enabled: boolean, open: () => Promise<{ query: QueryFn; close: () => Promise<void> }>) {
  describe.skipIf(!enabled)(`DevDiag on ${name}`, () => {
    let db: { query: QueryFn; close: () => Promise<void> };
    beforeAll(async () => {
      db = await open();
      const first = await migrateDevdiag(db.query);
      expect(first.applied).toEqual(['0001_tables', '0002_indexes', '0003_views']);
      expect((await migrateDevdiag(db.query)).applied).toEqual([]);
      await insertSampleData(db.query);
    });
    afterAll(async () => {
      await db?.close();
    });

    it('the schema has the 6 views and the 9 indexes, and every view answers', async () => {
      const views = await db.query(
        `SELECT table_name FROM information_schema.views WHERE table_schema = 'devdiag' ORDER BY 1`,
      );
      expect(views.rows.map((r) => r.table_name)).toEqual([...DEVDIAG_VIEWS].sort());
      const idx = await db.query(
        `SELECT indexname FROM pg_indexes WHERE schemaname = 'devdiag' AND indexname NOT LIKE '%_pkey' ORDER BY 1`,
      );
      expect(idx.rows.map((r) => r.indexname)).toEqual([...DEVDIAG_INDEXES].sort());
      for (const v of DEVDIAG_VIEWS) expect((await db.query(`SELECT * FROM devdiag.${v} LIMIT 1`)).rows.length).toBe(1);
      // the views compute what they say: 8 problems evenly spread, median time to resolution 1 h
      const top = await db.query(`SELECT max(share) AS s FROM devdiag.v_top_problems_7d`);
      expect(Number(top.rows[0]!.s)).toBeCloseTo(1 / 8, 2);
      const ttr = await db.query(
        `SELECT median_ttr_hours AS h FROM devdiag.v_time_to_resolution ORDER BY day DESC OFFSET 1 LIMIT 1`,
      );
      expect(Number(ttr.rows[0]!.h)).toBeCloseTo(1, 6);
    });

    it('healthy data: every check and guardrail passes', async () => {
      const results = await runSqlChecks(db.query, [...devdiagGuardrails(), ...devdiagHealthChecks()]);
      expect(results.map((r) => `${r.name}:${r.status}`)).toEqual([
        'guard-views:pass',
        'guard-data-24h:pass',
        'data-freshness:pass',
        'volume-trend:pass',
        'unlearned-problems:pass',
        'retention-policy:pass',
        'fix-confidence:pass',
        'database-size:pass',
        'view-dependencies:pass',
        'index-health:pass',
        'stale-data:pass',
        'problem-diversity:pass',
      ]);
      const by = Object.fromEntries(results.map((r) => [r.name, r]));
      expect(by['data-freshness']!.value).toBe(144);
      expect(by['fix-confidence']!.value).toBeCloseTo(0.8, 9);
      expect(by['problem-diversity']!.value).toBe(8);
      expect(Number(by['retention-policy']!.value)).toBeCloseTo(8, 1);
    });

    it('faults are caught and named: confidence, unlearned, diversity, dropped view, stale data', async () => {
      await db.query(
        `INSERT INTO devdiag.problem (code, title) SELECT 'new' || i, 'New ' || i FROM generate_series(1, 5) AS i`,
      );
      await db.query(
        `INSERT INTO devdiag.diag_problem (run_id, problem_code, ts)
         SELECT (SELECT max(id) FROM devdiag.diag_run), 'new' || i, now() FROM generate_series(1, 5) AS i`,
      );
      await db.query(`UPDATE devdiag.fix_suggestion SET confidence = 0.6`);
      await db.query(`DROP VIEW devdiag.v_env_diversity`);
      await db.query(`UPDATE devdiag.diag_run SET ts = ts - interval '3 days'`);
      const results = await runSqlChecks(db.query, [...devdiagGuardrails(), ...devdiagHealthChecks()]);
      const by = Object.fromEntries(results.map((r) => [r.name, r]));
      expect(by['guard-views']).toMatchObject({
        status: 'fail',
        value: 5,
        message: 'views present: 5/6; missing: devdiag.v_env_diversity',
      });
      expect(by['guard-data-24h']).toMatchObject({
        status: 'fail',
        message: 'stale data: no runs in devdiag.diag_run in the last 24 h',
      });
      expect(by['fix-confidence']).toMatchObject({ status: 'fail', value: 0.6 });
      expect(by['unlearned-problems']).toMatchObject({ status: 'warn', value: 5 });
      expect(by['problem-diversity']).toMatchObject({ status: 'warn', value: 13 });
      expect(by['stale-data']!.status).toBe('fail');
      expect(by['stale-data']!.message).toMatch(/^stale data: last run 4320\.\d min ago$/);
      expect(by['volume-trend']).toMatchObject({ status: 'fail', value: 0 });
      expect(summarizeChecks(results).status).toBe('fail');
      // staging: stale data warns
      const staging = await runSqlChecks(db.query, devdiagGuardrails({ staging: true }));
      expect(staging[1]!.status).toBe('warn');
    });
  });
}

suite('Postgres', postgres.ok, async () => {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${DB}`);
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  return {
    query: queryFunction(client),
    close: async () => {
      await client.end().catch(() => undefined);
      await admin.end();
    },
  };
});

suite('PGlite', true, async () => {
  const db = new PGlite();
  return { query: queryFunction(db), close: () => db.close() };
});

describe.skipIf(!postgres.ok)('alertcraft devdiag', () => {
  const CLI_DB = `${DB}_cli`;
  const cliUrl = dbUrl.replace(`/${DB}`, `/${CLI_DB}`);
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${CLI_DB}`);
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${CLI_DB} WITH (FORCE)`).catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  });

  it('migrate, then check: pass on healthy data (exit 0); a missing view exits 1 naming it', async () => {
    expect(await main(['devdiag', 'migrate', cliUrl], capture().io)).toBe(0);
    const client = new pg.Client({ connectionString: cliUrl });
    await client.connect();
    try {
      await insertSampleData(queryFunction(client));
      const ok = capture();
      expect(await main(['devdiag', 'check', cliUrl], ok.io)).toBe(0);
      expect(ok.out.at(-1)).toBe('12 pass, 0 warn, 0 fail');
      await client.query('DROP VIEW devdiag.v_recent_activity');
      const bad = capture();
      expect(await main(['devdiag', 'check', cliUrl, '--format', 'json'], bad.io)).toBe(1);
      const json = JSON.parse(bad.out.join('\n'));
      expect(json.guardrails[0]).toMatchObject({ name: 'guard-views', status: 'fail' });
      expect(bad.err).toContain('devdiag: views present: 5/6; missing: devdiag.v_recent_activity');
    } finally {
      await client.end();
    }
  });

  it('stale data exits 1 naming it', async () => {
    const client = new pg.Client({ connectionString: cliUrl });
    await client.connect();
    try {
      await client.query(`UPDATE devdiag.diag_run SET ts = ts - interval '2 days'`);
    } finally {
      await client.end();
    }
    const c = capture();
    expect(await main(['devdiag', 'check', cliUrl], c.io)).toBe(1);
    expect(c.err).toContain('devdiag: stale data: no runs in devdiag.diag_run in the last 24 h');
  });

  it('connection failure: one line, exit 2, no password', async () => {
    const c = capture();
    expect(await main(['devdiag', 'check', 'postgres://devdiag:s3cr3t-pw@127.0.0.1:1/devdiag'], c.io)).toBe(2);
    expect(c.err).toHaveLength(1);
    expect(c.err[0]).toMatch(
      /^alertcraft devdiag: cannot connect to Postgres at postgres:\/\/devdiag:\*\*\*@127\.0\.0\.1:1\/devdiag: /,
    );
    expect([...c.out, ...c.err].join('\n')).not.toContain('s3cr3t-pw');
  });

  it('usage errors exit 2', async () => {
    expect(await main(['devdiag', 'frobnicate'], capture().io)).toBe(2);
    expect(await main(['devdiag', 'check', cliUrl, '--timeout', '-1'], capture().io)).toBe(2);
  });
});
