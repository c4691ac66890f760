/**
 * The DevDiag analytics schema (seed 004) as ordered migrations.
 *
 * Seed 004 names one table and column (`devdiag.diag_run`, `ts`, in its runs-stalled query), says
 * its guardrail "verifies all 6 analytics views exist" and its index check expects "9 indexes",
 * but never lists them. The tables, the six views and the nine indexes here are ours, built from
 * what the seed does name: its dashboard panels (problem occurrence trends over 7 d, fix success
 * rate, median time to resolution, environment diversity, recent activity log), its weekly review
 * (top 10 problems of the last 7 days, learning effectiveness / confidence trends) and its five
 * alerts (confidence < 70 %, > 10 distinct problems a day, no runs for 2 h, one problem > 20 % of
 * all, median time to resolution > 2 days).
 *
 * Every statement is one statement (PGlite's `query` takes one at a time); a migration runs in a
 * transaction and is recorded in `devdiag.schema_migrations`.
 */

export const DEVDIAG_SCHEMA = 'devdiag';

export interface Migration {
  id: string;
  description: string;
  statements: readonly string[];
}

/** The six analytics views the dashboards and the alerts read. */
export const DEVDIAG_VIEWS = [
  'v_problem_trends_7d',
  'v_top_problems_7d',
  'v_learning_effectiveness',
  'v_time_to_resolution',
  'v_env_diversity',
  'v_recent_activity',
] as const;

/** The nine secondary indexes (primary keys not counted). */
export const DEVDIAG_INDEXES = [
  'diag_run_ts_idx',
  'diag_run_env_ts_idx',
  'diag_problem_ts_idx',
  'diag_problem_code_ts_idx',
  'diag_problem_resolved_idx',
  'diag_problem_open_idx',
  'fix_suggestion_problem_idx',
  'fix_suggestion_ts_idx',
  'problem_first_seen_idx',
] as const;

export const DEVDIAG_TABLES = ['diag_run', 'problem', 'diag_problem', 'fix_suggestion'] as const;

const S = DEVDIAG_SCHEMA;

export const DEVDIAG_MIGRATIONS: readonly Migration[] = [
  {
    id: '0001_tables',
    description: 'runs, problems, problem occurrences, fix suggestions',
    statements: [
      // One diagnostic run of the pipeline against an environment.
      `CREATE TABLE ${S}.diag_run (
        id bigserial PRIMARY KEY,
        ts timestamptz NOT NULL DEFAULT now(),
        env text NOT NULL,
        source text NOT NULL DEFAULT 'cli',
        status text NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'problems', 'error')),
        duration_ms integer CHECK (duration_ms >= 0)
      )`,
      // A known problem kind (the learning loop's unit).
      `CREATE TABLE ${S}.problem (
        code text PRIMARY KEY,
        title text NOT NULL,
        first_seen timestamptz NOT NULL DEFAULT now()
      )`,
      // A problem found by a run; resolved_at set when a later run no longer finds it.
      `CREATE TABLE ${S}.diag_problem (
        run_id bigint NOT NULL REFERENCES ${S}.diag_run (id) ON DELETE CASCADE,
        problem_code text NOT NULL REFERENCES ${S}.problem (code),
        ts timestamptz NOT NULL,
        resolved_at timestamptz,
        PRIMARY KEY (run_id, problem_code),
        CHECK (resolved_at IS NULL OR resolved_at >= ts)
      )`,
      // A fix the learning loop suggests for a problem, with its confidence and outcome.
      `CREATE TABLE ${S}.fix_suggestion (
        id bigserial PRIMARY KEY,
        problem_code text NOT NULL REFERENCES ${S}.problem (code),
        ts timestamptz NOT NULL DEFAULT now(),
        fix text NOT NULL,
        confidence double precision NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
        applied boolean NOT NULL DEFAULT false,
        succeeded boolean
      )`,
    ],
  },
  {
    id: '0002_indexes',
    description: 'the nine secondary indexes',
    statements: [
      `CREATE INDEX diag_run_ts_idx ON ${S}.diag_run (ts)`,
      `CREATE INDEX diag_run_env_ts_idx ON ${S}.diag_run (env, ts)`,
      `CREATE INDEX diag_problem_ts_idx ON ${S}.diag_problem (ts)`,
      `CREATE INDEX diag_problem_code_ts_idx ON ${S}.diag_problem (problem_code, ts)`,
      `CREATE INDEX diag_problem_resolved_idx ON ${S}.diag_problem (resolved_at) WHERE resolved_at IS NOT NULL`,
      `CREATE INDEX diag_problem_open_idx ON ${S}.diag_problem (problem_code) WHERE resolved_at IS NULL`,
      `CREATE INDEX fix_suggestion_problem_idx ON ${S}.fix_suggestion (problem_code)`,
      `CREATE INDEX fix_suggestion_ts_idx ON ${S}.fix_suggestion (ts)`,
      `CREATE INDEX problem_first_seen_idx ON ${S}.problem (first_seen)`,
    ],
  },
  {
    id: '0003_views',
    description: 'the six analytics views',
    statements: [
      // Problem occurrence trends: occurrences per problem per UTC day, last 7 days.
      `CREATE VIEW ${S}.v_problem_trends_7d AS
        SELECT date_trunc('day', p.ts AT TIME ZONE 'UTC') AS day, p.problem_code, count(*) AS occurrences
        FROM ${S}.diag_problem p
        WHERE p.ts >= now() - interval '7 days'
        GROUP BY 1, 2`,
      // Top problems of the last 7 days with their share of all occurrences (the "> 20 %" alert).
      `CREATE VIEW ${S}.v_top_problems_7d AS
        SELECT p.problem_code, pr.title, count(*) AS occurrences,
               count(*)::double precision / sum(count(*)) OVER () AS share
        FROM ${S}.diag_problem p JOIN ${S}.problem pr ON pr.code = p.problem_code
        WHERE p.ts >= now() - interval '7 days'
        GROUP BY p.problem_code, pr.title`,
      // Learning effectiveness per UTC day: suggestions, mean confidence, fix success rate.
      `CREATE VIEW ${S}.v_learning_effectiveness AS
        SELECT date_trunc('day', f.ts AT TIME ZONE 'UTC') AS day,
               count(*) AS suggestions,
               avg(f.confidence) AS avg_confidence,
               count(*) FILTER (WHERE f.applied) AS applied,
               count(*) FILTER (WHERE f.applied AND f.succeeded) AS succeeded,
               (count(*) FILTER (WHERE f.applied AND f.succeeded))::double precision
                 / NULLIF(count(*) FILTER (WHERE f.applied), 0) AS success_rate
        FROM ${S}.fix_suggestion f
        GROUP BY 1`,
      // Time to resolution per UTC day of resolution (median and p90, hours).
      `CREATE VIEW ${S}.v_time_to_resolution AS
        SELECT date_trunc('day', p.resolved_at AT TIME ZONE 'UTC') AS day,
               count(*) AS resolved,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM p.resolved_at - p.ts))
                 / 3600 AS median_ttr_hours,
               percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM p.resolved_at - p.ts))
                 / 3600 AS p90_ttr_hours
        FROM ${S}.diag_problem p
        WHERE p.resolved_at IS NOT NULL
        GROUP BY 1`,
      // Environment and problem diversity per UTC day (the "> 10 problems / day" alert).
      `CREATE VIEW ${S}.v_env_diversity AS
        SELECT date_trunc('day', r.ts AT TIME ZONE 'UTC') AS day,
               count(DISTINCT r.id) AS runs,
               count(DISTINCT r.env) AS environments,
               count(DISTINCT p.problem_code) AS distinct_problems
        FROM ${S}.diag_run r LEFT JOIN ${S}.diag_problem p ON p.run_id = r.id
        GROUP BY 1`,
      // Recent activity log: the last 100 runs with their problem counts.
      `CREATE VIEW ${S}.v_recent_activity AS
        SELECT r.id, r.ts, r.env, r.status, r.duration_ms, count(p.problem_code) AS problems
        FROM ${S}.diag_run r LEFT JOIN ${S}.diag_problem p ON p.run_id = r.id
        GROUP BY r.id
        ORDER BY r.ts DESC
        LIMIT 100`,
    ],
  },
];
