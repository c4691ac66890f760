/**
 * A small healthy DevDiag data set relative to `now()` (for checks and demos): runs every 10
 * minutes for 8 days over three environments, 8 problem kinds each with a fix suggestion
 * (confidence 0.8), every occurrence resolved an hour later. One statement per call.
 */
import type { QueryFn } from '@alertcraft/health-score';
import { DEVDIAG_SCHEMA as S } from './schema.js';

export const SAMPLE_PROBLEMS = ['dns', 'tls', 'disk', 'oom', 'proxy', 'cache', 'auth', 'quota'] as const;

export async function insertSampleData(query: QueryFn): Promise<void> {
  await query(
    `INSERT INTO ${S}.problem (code, title, first_seen)
     SELECT c, initcap(c) || ' problem', now() - interval '9 days' FROM unnest($1::text[]) AS c`,
    [[...SAMPLE_PROBLEMS]],
  );
  await query(
    `INSERT INTO ${S}.diag_run (ts, env, status, duration_ms)
     SELECT now() - i * interval '10 minutes', (ARRAY['ci', 'staging', 'prod'])[1 + i % 3], 'problems', 1000 + i % 500
     FROM generate_series(0, 8 * 144) AS i`,
  );
  await query(
    `INSERT INTO ${S}.diag_problem (run_id, problem_code, ts, resolved_at)
     SELECT r.id, ($1::text[])[1 + r.id % 8], r.ts, least(r.ts + interval '1 hour', now())
     FROM ${S}.diag_run r`,
    [[...SAMPLE_PROBLEMS]],
  );
  await query(
    `INSERT INTO ${S}.fix_suggestion (problem_code, ts, fix, confidence, applied, succeeded)
     SELECT c, now() - interval '1 day', 'fix ' || c, 0.8, true, true FROM unnest($1::text[]) AS c`,
    [[...SAMPLE_PROBLEMS]],
  );
}
