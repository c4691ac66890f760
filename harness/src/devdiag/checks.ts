/**
 * Seed 004's ten SQL health checks (`deployments/health-checks.sql`) and its two CI guardrails
 * (`grafana-import.yml`: the 6 analytics views exist; data in the last 24 h) as health-score
 * `SqlCheck`s. The seed lists the checks by name only; the SQL and thresholds here are ours, and
 * where the seed's stated expectation is wrong it is fixed:
 *
 * - data freshness: the seed counts "new rows today", which fails on a healthy database every
 *   morning just after midnight UTC; here: runs in the last 24 hours;
 * - retention policy: the seed expects a data age of "170-190 days", which fails every database
 *   younger than 170 days; only data older than the retention window (190 days) is a fault;
 * - index health: presence alone ("9 indexes") misses an index left invalid by a failed
 *   `CREATE INDEX CONCURRENTLY`; here an index must be present, valid and ready;
 * - stale data: no run at all is a failure, not an empty result that reads as healthy.
 */
import type { CheckOutcome, SqlCheck } from '@alertcraft/health-score';
import { numericCell } from '@alertcraft/health-score';
import { DEVDIAG_INDEXES, DEVDIAG_SCHEMA, DEVDIAG_VIEWS } from './schema.js';

const S = DEVDIAG_SCHEMA;
const GiB = 1024 ** 3;

export interface DevdiagCheckOptions {
  /** Data age beyond which the retention cleanup is not running (days, default 190). */
  retentionDays?: number;
  /** Database size thresholds (bytes of the devdiag tables and indexes; default 5 / 20 GiB). */
  sizeWarnBytes?: number;
  sizeFailBytes?: number;
  /** Staging: no data in the last 24 h warns instead of failing (the seed's "graceful warning"). */
  staging?: boolean;
}

function viewsCheck(name: string, title: string): SqlCheck {
  return {
    name,
    title,
    sql: `SELECT table_name FROM information_schema.views WHERE table_schema = $1`,
    params: [S],
    evaluate: (rows) => {
      const present = new Set(rows.map((r) => String(r.table_name)));
      const missing = DEVDIAG_VIEWS.filter((v) => !present.has(v));
      const found = DEVDIAG_VIEWS.length - missing.length;
      return {
        status: missing.length ? 'fail' : 'pass',
        value: found,
        threshold: `${DEVDIAG_VIEWS.length} views`,
        message: missing.length
          ? `views present: ${found}/${DEVDIAG_VIEWS.length}; missing: ${missing.map((v) => `${S}.${v}`).join(', ')}`
          : `views present: ${found}/${DEVDIAG_VIEWS.length}`,
      };
    },
  };
}

function freshnessCheck(name: string, title: string, staging: boolean): SqlCheck {
  return {
    name,
    title,
    sql: `SELECT count(*) AS value FROM ${S}.diag_run WHERE ts >= now() - interval '24 hours'`,
    evaluate: (rows): CheckOutcome => {
      const n = numericCell(rows[0]?.value) ?? 0;
      return n > 0
        ? { status: 'pass', value: n, threshold: '> 0 runs in 24 h', message: `runs in the last 24 h: ${n}` }
        : {
            status: staging ? 'warn' : 'fail',
            value: 0,
            threshold: '> 0 runs in 24 h',
            message: `stale data: no runs in ${S}.diag_run in the last 24 h`,
          };
    },
  };
}

/** Seed 004's two CI guardrails. */
export function devdiagGuardrails(options: DevdiagCheckOptions = {}): SqlCheck[] {
  return [
    viewsCheck('guard-views', 'CI guardrail: analytics views exist'),
    freshnessCheck('guard-data-24h', 'CI guardrail: data in the last 24 h', options.staging ?? false),
  ];
}

/** Seed 004's ten health checks, in the seed's order. */
export function devdiagHealthChecks(options: DevdiagCheckOptions = {}): SqlCheck[] {
  const retention = options.retentionDays ?? 190;
  return [
    freshnessCheck('data-freshness', '1. Data freshness (runs in the last 24 h)', options.staging ?? false),
    {
      name: 'volume-trend',
      title: '2. Volume trend (last 24 h vs the 7 days before)',
      sql: `SELECT (SELECT count(*) FROM ${S}.diag_run WHERE ts >= now() - interval '24 hours') AS last_day,
                   (SELECT count(*) FROM ${S}.diag_run
                     WHERE ts >= now() - interval '8 days' AND ts < now() - interval '24 hours') / 7.0 AS daily_avg`,
      evaluate: (rows) => {
        const last = numericCell(rows[0]?.last_day) ?? 0;
        const avg = numericCell(rows[0]?.daily_avg) ?? 0;
        const threshold = '0.5..2 × the 7-day daily average (fail < 0.2 ×)';
        if (avg === 0)
          return {
            status: 'warn',
            value: last,
            threshold,
            message: `no runs in the 7 days before to compare with (${last} in the last 24 h)`,
          };
        const ratio = last / avg;
        const text = `${last} runs in the last 24 h, ${ratio.toFixed(2)} × the daily average ${avg.toFixed(1)}`;
        return {
          status: ratio < 0.2 ? 'fail' : ratio < 0.5 || ratio > 2 ? 'warn' : 'pass',
          value: Number(ratio.toFixed(4)),
          threshold,
          message: text,
        };
      },
    },
    {
      name: 'unlearned-problems',
      title: '3. Unlearned problems (seen in 7 d, no fix suggestion)',
      sql: `SELECT count(DISTINCT p.problem_code) AS value FROM ${S}.diag_problem p
            WHERE p.ts >= now() - interval '7 days'
              AND NOT EXISTS (SELECT 1 FROM ${S}.fix_suggestion f WHERE f.problem_code = p.problem_code)`,
      evaluate: { direction: 'above', warn: 0, unit: 'problems' },
    },
    {
      name: 'retention-policy',
      title: `4. Retention policy (oldest run ≤ ${retention} days)`,
      sql: `SELECT extract(epoch FROM now() - min(ts)) / 86400 AS value FROM ${S}.diag_run`,
      evaluate: { direction: 'above', fail: retention, unit: 'days', noData: 'pass' },
    },
    {
      name: 'fix-confidence',
      title: '5. Fix confidence (30-day mean ≥ 0.70)',
      sql: `SELECT avg(confidence) AS value FROM ${S}.fix_suggestion WHERE ts >= now() - interval '30 days'`,
      evaluate: { direction: 'below', warn: 0.75, fail: 0.7, noData: 'warn' },
    },
    {
      name: 'database-size',
      title: '6. Database size (devdiag tables and indexes)',
      sql: `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) AS value
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND c.relkind = 'r'`,
      params: [S],
      evaluate: {
        direction: 'above',
        warn: options.sizeWarnBytes ?? 5 * GiB,
        fail: options.sizeFailBytes ?? 20 * GiB,
        unit: 'bytes',
      },
    },
    viewsCheck('view-dependencies', `7. View dependencies (${DEVDIAG_VIEWS.length} views)`),
    {
      name: 'index-health',
      title: `8. Index health (${DEVDIAG_INDEXES.length} indexes, valid and ready)`,
      sql: `SELECT c.relname AS name, i.indisvalid AS valid, i.indisready AS ready
            FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1`,
      params: [S],
      evaluate: (rows) => {
        const by = new Map(rows.map((r) => [String(r.name), r]));
        const missing = DEVDIAG_INDEXES.filter((x) => !by.has(x));
        const invalid = DEVDIAG_INDEXES.filter((x) => by.has(x) && !(by.get(x)!.valid && by.get(x)!.ready));
        const ok = DEVDIAG_INDEXES.length - missing.length - invalid.length;
        const problems = [
          missing.length ? `missing: ${missing.join(', ')}` : '',
          invalid.length ? `invalid: ${invalid.join(', ')}` : '',
        ].filter(Boolean);
        return {
          status: problems.length ? 'fail' : 'pass',
          value: ok,
          threshold: `${DEVDIAG_INDEXES.length} indexes`,
          message: `indexes present: ${ok}/${DEVDIAG_INDEXES.length}${
            problems.length ? `; ${problems.join('; ')}` : ''
          }`,
        };
      },
    },
    {
      name: 'stale-data',
      title: '9. Stale data (last run < 2 h ago)',
      sql: `SELECT extract(epoch FROM now() - max(ts)) AS value FROM ${S}.diag_run`,
      evaluate: (rows) => {
        const age = numericCell(rows[0]?.value);
        const threshold = 'warn > 1 h, fail > 2 h';
        if (age === null)
          return { status: 'fail', value: null, threshold, message: `stale data: no runs at all in ${S}.diag_run` };
        const text = `last run ${(age / 60).toFixed(1)} min ago`;
        return {
          status: age > 7200 ? 'fail' : age > 3600 ? 'warn' : 'pass',
          value: Math.round(age),
          threshold,
          message: age > 7200 ? `stale data: ${text}` : text,
        };
      },
    },
    {
      name: 'problem-diversity',
      title: '10. Problem diversity (distinct problems in 24 h ≤ 10)',
      sql: `SELECT count(DISTINCT problem_code) AS value FROM ${S}.diag_problem
            WHERE ts >= now() - interval '24 hours'`,
      evaluate: { direction: 'above', warn: 10, unit: 'problems' },
    },
  ];
}
