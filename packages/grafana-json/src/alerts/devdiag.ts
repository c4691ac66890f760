/**
 * Seed 004's five DevDiag alerts as one Grafana-managed rule group over its Postgres datasource
 * (uid `devdiag-postgres`, folder `devdiag-alerts`). The seed shipped them as JSON that no Grafana
 * endpoint accepted ("Automated import deferred (API format differences)"); here they are the model,
 * written to any shape with `writeAlertDocument`.
 *
 * The queries read the DevDiag schema of the harness (`devdiag.diag_run`, `diag_problem`,
 * `fix_suggestion`); the seed's queries name columns that schema does not have (`fix_confidence`,
 * `problem_code` on `diag_run`). Each query's window is Grafana's `$__timeFilter` over the rule's
 * `relativeTimeRange`, never `now()`: Grafana expands the macro from the evaluation time, so the
 * same rule evaluates the same way in Grafana and in an in-process replay at any simulated instant.
 * For the same reason they read the tables, not the analytics views `v_top_problems_7d` /
 * `v_problem_trends_7d`, whose fixed `now() - 7 days` window cannot be evaluated at another time.
 */
import { dataQuery, reduce, threshold, type DataSourceRef } from './expressions.js';
import type { GrafanaAlertRule, GrafanaAlertRuleGroup } from './types.js';

export const DEVDIAG_DATASOURCE: DataSourceRef = { type: 'grafana-postgresql-datasource', uid: 'devdiag-postgres' };
export const DEVDIAG_FOLDER = { uid: 'devdiag-alerts', title: 'DevDiag Alerts' } as const;

function sqlQuery(rawSql: string, fromSeconds: number) {
  return dataQuery(
    'A',
    DEVDIAG_DATASOURCE,
    { rawSql, format: 'table', editorMode: 'code', rawQuery: true },
    { from: fromSeconds, to: 0 },
  );
}

const DAY = 86_400;

function rule(
  uid: string,
  title: string,
  rawSql: string,
  cmp: 'gt' | 'lt',
  limit: number,
  extra: Partial<GrafanaAlertRule> & { summary: string; severity: string; windowSeconds?: number },
): GrafanaAlertRule {
  const { summary, severity, windowSeconds: _window, ...rest } = extra;
  return {
    uid,
    title,
    condition: 'C',
    data: [
      sqlQuery(rawSql, extra.windowSeconds ?? DAY),
      reduce('B', 'A', 'last'),
      threshold('C', 'B', { type: cmp, params: [limit] }),
    ],
    forSeconds: 600,
    noDataState: 'NoData',
    execErrState: 'Error',
    isPaused: false,
    labels: { severity, team: 'devdiag' },
    annotations: { summary, runbook_url: `deployments/OPERATIONS.md#${uid}` },
    ...rest,
  };
}

/** The five alerts: confidence < 70 %, > 10 distinct problems a day, no runs for 2 h, top problem > 20 %, median TTR > 2 days. */
export function devdiagAlertGroup(): GrafanaAlertRuleGroup {
  const stalled = rule(
    'devdiag-runs-stalled',
    'DevDiag runs stalled',
    'SELECT ts AS time, 1 AS value FROM devdiag.diag_run WHERE $__timeFilter(ts) ORDER BY ts DESC LIMIT 1',
    'lt',
    1,
    {
      summary: 'No DevDiag pipeline run in the last 2 hours',
      severity: 'critical',
      // No row in the last 2 h is NoData: that state is the alert.
      noDataState: 'Alerting',
      forSeconds: 300,
      windowSeconds: 2 * 3600,
    },
  );
  return {
    name: 'devdiag',
    folderUid: DEVDIAG_FOLDER.uid,
    folderTitle: DEVDIAG_FOLDER.title,
    orgId: 1,
    intervalSeconds: 300,
    rules: [
      rule(
        'devdiag-confidence-drop',
        'DevDiag fix confidence below 70%',
        // no suggestion in 24 h is no data (HAVING), not a NULL average
        'SELECT avg(confidence) AS value FROM devdiag.fix_suggestion WHERE $__timeFilter(ts) HAVING count(*) > 0',
        'lt',
        0.7,
        {
          summary: 'Average fix confidence over 24 h is {{ humanizePercentage $values.B.Value }} (< 70%)',
          severity: 'warning',
        },
      ),
      rule(
        'devdiag-high-diversity',
        'DevDiag more than 10 distinct problems a day',
        'SELECT count(DISTINCT problem_code) AS value FROM devdiag.diag_problem WHERE $__timeFilter(ts)',
        'gt',
        10,
        { summary: '{{ $values.B.Value }} distinct problems in 24 h (> 10)', severity: 'warning' },
      ),
      stalled,
      rule(
        'devdiag-top-problem-dominates',
        'DevDiag top problem above 20% of all',
        'SELECT max(n)::float8 / sum(n) AS value FROM (SELECT count(*) AS n FROM devdiag.diag_problem WHERE $__timeFilter(ts) GROUP BY problem_code) AS per_problem HAVING sum(n) > 0',
        'gt',
        0.2,
        {
          summary: 'One problem is {{ humanizePercentage $values.B.Value }} of all problem occurrences in 24 h (> 20%)',
          severity: 'warning',
        },
      ),
      rule(
        'devdiag-ttr-regression',
        'DevDiag median time to resolution above 2 days',
        // problems resolved in the last 3 days; none resolved is no data
        'SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - ts)) / 86400 AS value FROM devdiag.diag_problem WHERE $__timeFilter(resolved_at) HAVING count(*) > 0',
        'gt',
        2,
        {
          summary: 'Median time to resolution is {{ $values.B.Value }} days (> 2)',
          severity: 'warning',
          forSeconds: 1800,
          windowSeconds: 3 * DAY,
        },
      ),
    ],
  };
}
