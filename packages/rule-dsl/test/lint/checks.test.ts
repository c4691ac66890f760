/**
 * One test per check for the mistakes no seed rule makes verbatim (each built from a seed rule
 * with the mistake introduced, named in the test), plus the corrected rule being clean.
 */
import { describe, expect, it } from 'vitest';
import { LINT_CHECKS } from '../../src/lint/check-list.js';
import { lint } from '../../src/lint/lint.js';
import type { RuleGroup } from '../../src/model.js';
import { alertGroup, pairs } from './helpers.js';

const codes = (groups: RuleGroup[], opts = {}): string[] => pairs(groups, lint(groups, opts));

/** Seed 000 day-0 MaestroSagaCompensationStorm, correct as given: the base for variants below. */
const SAGA = {
  alert: 'MaestroSagaCompensationStorm',
  expr: 'sum(rate(maestro_saga_compensations_total[5m])) > 10',
  for: '2m',
  labels: { severity: 'critical', phase: 'day0' },
  annotations: { summary: 'High SAGA compensation rate - investigate failures', runbook_url: 'https://runbooks/saga' },
};
const SAGA_ABSENT = {
  alert: 'MaestroSagaMetricsMissing',
  expr: 'absent(maestro_saga_compensations_total)',
  for: '10m',
  labels: { severity: 'warning' },
  annotations: { summary: 'saga metrics missing' },
};
/** The same rule at warning severity: paging-only checks (companion, runbook) stay quiet. */
const SAGA_WARN = { ...SAGA, labels: { severity: 'warning', phase: 'day0' } };
const withCompanion = (rule: Record<string, unknown>, group: Partial<RuleGroup> = {}): RuleGroup[] => [
  { name: 'g', ...group, rules: [rule as never, SAGA_ABSENT as never] },
];

describe('check list', () => {
  it('has unique lint/, promql/ and yaml/ codes, a default severity and a description for each', () => {
    const seen = new Set<string>();
    for (const c of LINT_CHECKS) {
      expect(c.code).toMatch(/^(lint|promql|yaml)\/[a-z0-9-]+$/);
      expect(seen.has(c.code)).toBe(false);
      seen.add(c.code);
      expect(['error', 'warning', 'info']).toContain(c.severity);
      expect(c.description.length).toBeGreaterThan(30);
    }
    expect(seen.size).toBeGreaterThanOrEqual(20);
  });

  it('the base rule is clean', () => {
    expect(lint(withCompanion(SAGA))).toEqual([]);
  });
});

describe('lint/rate-on-non-counter', () => {
  it('flags rate() over seed 000 gauge maestro_saga_states: info by name alone, a warning when metadata says gauge', () => {
    const g = withCompanion({ ...SAGA_WARN, expr: 'sum(rate(maestro_saga_states[5m])) > 10' });
    expect(codes(g)).toEqual(['lint/rate-on-non-counter @ MaestroSagaCompensationStorm']);
    expect(lint(g)[0].severity).toBe('info');
    const d = lint(g, { metricTypes: { maestro_saga_states: 'gauge' } })[0];
    expect(d.severity).toBe('warning');
    expect(d.message).toMatch(/metadata types as gauge/);
    expect(g[0].rules[0].expr.slice(d.range!.start, d.range!.end)).toBe('rate(maestro_saga_states[5m])');
  });
  it('accepts _total, _count, _sum, _bucket and deriv() on a gauge', () => {
    for (const e of [
      'sum(rate(a_total[5m]))',
      'sum(rate(a_count[5m]))',
      'sum(increase(a_sum[5m]))',
      'sum by (le) (irate(a_bucket[5m]))',
      'sum(deriv(maestro_saga_states[5m]))',
    ]) {
      expect(codes(withCompanion({ ...SAGA_WARN, expr: `${e} > 10` })), e).toEqual([]);
    }
  });
  it('flags rate() over a recorded rate of the same pack', () => {
    const g: RuleGroup[] = [
      {
        name: 'g',
        rules: [
          { record: 'job:x:rate5m', expr: 'sum by (job) (rate(x_total[5m]))' },
          { record: 'job:x:rate5m_rate5m', expr: 'rate(job:x:rate5m[5m])' },
        ],
      },
    ];
    expect(codes(g)).toEqual(['lint/rate-on-non-counter @ job:x:rate5m_rate5m']);
  });
});

describe('lint/range-too-short', () => {
  it('follows the scrape interval option', () => {
    const g = withCompanion({ ...SAGA, expr: 'sum(rate(maestro_saga_compensations_total[1m])) > 10' });
    expect(codes(g)).toEqual(['lint/range-too-short @ MaestroSagaCompensationStorm']);
    expect(codes(g, { scrapeInterval: '15s' })).toEqual([]);
    const d = lint(g)[0];
    expect(d.fix?.replacement).toBe('maestro_saga_compensations_total[2m]');
  });
  it('irate needs 3 scrapes, not 4', () => {
    expect(codes(withCompanion({ ...SAGA, expr: 'sum(irate(maestro_saga_compensations_total[1m30s])) > 10' }))).toEqual(
      [],
    );
    expect(codes(withCompanion({ ...SAGA, expr: 'sum(irate(maestro_saga_compensations_total[1m])) > 10' }))).toEqual([
      'lint/range-too-short @ MaestroSagaCompensationStorm',
    ]);
  });
});

describe('lint/for-shorter-than-interval and lint/paging-without-for', () => {
  it('flags day-0 `for: 2m` in a group evaluated every 5m', () => {
    expect(codes(withCompanion(SAGA, { interval: '5m' }))).toEqual([
      'lint/for-shorter-than-interval @ MaestroSagaCompensationStorm',
    ]);
    expect(codes(withCompanion({ ...SAGA, for: '5m' }, { interval: '5m' }))).toEqual([]);
  });
  it('uses the evaluationInterval option for groups without interval', () => {
    expect(codes(withCompanion(SAGA), { evaluationInterval: '3m' })).toEqual([
      'lint/for-shorter-than-interval @ MaestroSagaCompensationStorm',
    ]);
  });
  it('flags a paging alert with no for, and for: 0s', () => {
    const { for: _f, ...noFor } = SAGA;
    expect(codes(withCompanion(noFor))).toEqual(['lint/paging-without-for @ MaestroSagaCompensationStorm']);
    expect(codes(withCompanion({ ...SAGA, for: '0s' }))).toEqual([
      'lint/paging-without-for @ MaestroSagaCompensationStorm',
    ]);
    expect(codes(withCompanion({ ...noFor, labels: { severity: 'warning' } }))).toEqual([]);
  });
  it('pagingSeverities option decides what pages', () => {
    const { for: _f, ...noFor } = SAGA;
    expect(codes(withCompanion(noFor), { pagingSeverities: ['sev1'] })).toEqual([]);
  });
  it('reports an unparseable for as an error', () => {
    const d = lint(withCompanion({ ...SAGA, for: '2 minutes' }));
    expect(d.map((x) => [x.code, x.severity, x.path])).toEqual([
      ['lint/invalid-duration', 'error', 'groups[0].rules[0].for'],
    ]);
  });
});

describe('lint/per-second-vs-per-minute', () => {
  it('suggests dividing the threshold by 60', () => {
    const rule = { ...SAGA, annotations: { ...SAGA.annotations, summary: 'Compensations > 10/min' } };
    const d = lint(withCompanion(rule));
    expect(d.map((x) => x.code)).toEqual(['lint/per-second-vs-per-minute']);
    expect(d[0].fix?.replacement).toBe('10 / 60');
    expect(rule.expr.slice(d[0].range!.start, d[0].range!.end)).toBe('10');
    expect(
      codes(withCompanion({ ...rule, expr: 'sum(rate(maestro_saga_compensations_total[5m])) * 60 > 10' })),
    ).toEqual([]);
    expect(codes(withCompanion({ ...rule, expr: 'sum(increase(maestro_saga_compensations_total[1m])) > 10' }))).toEqual(
      ['lint/range-too-short @ MaestroSagaCompensationStorm'],
    );
  });
});

describe('lint/value-in-labels', () => {
  it('is an error in labels and fine in annotations', () => {
    const bad = withCompanion({ ...SAGA, labels: { ...SAGA.labels, rate: '{{ $value }}' } });
    const d = lint(bad);
    expect(d.map((x) => [x.code, x.severity, x.path])).toEqual([
      ['lint/value-in-labels', 'error', 'groups[0].rules[0].labels.rate'],
    ]);
    expect(codes(withCompanion({ ...SAGA, labels: { ...SAGA.labels, value: '{{ printf "%.0f" .Value }}' } }))).toEqual([
      'lint/value-in-labels @ MaestroSagaCompensationStorm',
    ]);
    expect(
      codes(withCompanion({ ...SAGA, annotations: { ...SAGA.annotations, description: 'now {{ $value }}' } })),
    ).toEqual([]);
  });
});

describe('lint/missing-summary and lint/missing-runbook', () => {
  it('applies to paging alerts only and accepts runbook or runbook_url', () => {
    expect(codes(withCompanion({ ...SAGA, annotations: undefined }))).toEqual([
      'lint/missing-runbook @ MaestroSagaCompensationStorm',
      'lint/missing-summary @ MaestroSagaCompensationStorm',
    ]);
    expect(codes(withCompanion({ ...SAGA, annotations: { summary: 's', runbook: 'https://r' } }))).toEqual([]);
    expect(codes(withCompanion({ ...SAGA, labels: { severity: 'warning' }, annotations: undefined }))).toEqual([]);
  });
});

describe('lint/histogram-quantile-without-le', () => {
  it('flags seed MaestroLatencyRegression aggregated by job instead of le', () => {
    const expr = 'histogram_quantile(0.95, sum by (job) (rate(maestro_step_latency_bucket[5m]))) > 1.8';
    const d = lint(alertGroup({ alert: 'L', expr, for: '3m' }));
    expect(d.map((x) => [x.code, x.severity])).toEqual([['lint/histogram-quantile-without-le', 'error']]);
    expect(codes(alertGroup({ alert: 'L', expr: expr.replace('by (job)', 'by (job, le)'), for: '3m' }))).toEqual([]);
    expect(
      codes(alertGroup({ alert: 'L', expr: 'histogram_quantile(0.9, sum without (le) (rate(x_bucket[5m])))' })),
    ).toEqual(['lint/histogram-quantile-without-le @ L']);
    // native histograms have no le and need none
    expect(
      codes(alertGroup({ alert: 'L', expr: 'histogram_quantile(0.9, sum by (job) (rate(x_seconds[5m])))' })),
    ).toEqual([]);
  });
});

describe('lint/vector-match-impossible', () => {
  it('suggests ignoring(...) group_left and accepts on()/ignoring() that make sides match', () => {
    const expr = 'sum by (tenant) (increase(maestro_run_total[1h])) / sum(increase(maestro_run_total[1h]))';
    const d = lint([{ name: 'g', rules: [{ record: 'tenant:maestro_run:ratio_increase1h', expr: `${expr} > 0` }] }]);
    const m = d.find((x) => x.code === 'lint/vector-match-impossible');
    expect(m?.fix?.replacement).toBe(
      'sum by (tenant) (increase(maestro_run_total[1h])) / ignoring(tenant) group_left sum(increase(maestro_run_total[1h]))',
    );
    for (const ok of [
      'sum by (tenant) (increase(maestro_run_total[1h])) / ignoring(tenant) group_left sum(increase(maestro_run_total[1h]))',
      'sum by (tenant) (increase(maestro_run_total[1h])) / on() group_left sum(increase(maestro_run_total[1h]))',
      'sum by (tenant) (rate(a_total[5m])) / sum by (tenant) (rate(b_total[5m]))',
      'rate(a_total[5m]) / rate(b_total[5m])',
      'sum(rate(a_total[5m])) or vector(0)',
      'sum by (job) (up) * on(job) group_left(team) max by (job, team) (team_info)',
    ]) {
      expect(
        lint([{ name: 'g', rules: [{ record: 'a:b:c', expr: ok }] }]).filter(
          (x) => x.code === 'lint/vector-match-impossible',
        ),
        ok,
      ).toEqual([]);
    }
  });
  it('catches scraped series (with job/instance) against an aggregate, unless targetLabels is emptied', () => {
    const g: RuleGroup[] = [
      { name: 'g', rules: [{ record: 'a:b:c', expr: 'sum(rate(a_total[5m])) and rate(b_total[5m]) > 1' }] },
    ];
    expect(codes(g)).toEqual(['lint/vector-match-impossible @ a:b:c']);
    expect(codes(g, { targetLabels: [] })).toEqual([]);
  });
});

describe('lint/duplicate-alert-name', () => {
  it('warns with both paths for the same name and labels; a warning/critical pair with different labels is fine', () => {
    const g: RuleGroup[] = [
      { name: 'a', rules: [SAGA_ABSENT as never] },
      { name: 'b', rules: [{ ...SAGA_ABSENT, expr: 'absent(maestro_run_total)' } as never] },
    ];
    const d = lint(g);
    expect(d.map((x) => [x.code, x.severity, x.path, x.related?.[0]?.path])).toEqual([
      ['lint/duplicate-alert-name', 'warning', 'groups[1].rules[0].alert', 'groups[0].rules[0].alert'],
    ]);
    g[1].rules[0].labels = { severity: 'critical' };
    (g[1].rules[0] as { annotations?: unknown }).annotations = { summary: 's', runbook_url: 'r' };
    expect(lint(g)).toEqual([]);
  });
});

describe('lint/ratio-without-traffic-guard', () => {
  it('accepts guards: and ... > 0, a minimum volume, clamp_min and a guarded divisor', () => {
    const ratio = 'sum(rate(e_total[5m])) / sum(rate(r_total[5m]))';
    const rule = (expr: string): RuleGroup[] => alertGroup({ alert: 'R', expr, for: '5m' });
    expect(codes(rule(`${ratio} > 0.1`))).toEqual(['lint/ratio-without-traffic-guard @ R']);
    for (const ok of [
      `${ratio} > 0.1 and sum(rate(r_total[5m])) > 0`,
      `(${ratio} > 0.1) and sum(rate(r_total[5m])) >= 5`,
      `sum(rate(e_total[5m])) / (sum(rate(r_total[5m])) > 0) > 0.1`,
      `sum(rate(e_total[5m])) / clamp_min(sum(rate(r_total[5m])), 1) > 0.1`,
      `sum(rate(e_total[5m])) / 60 > 0.1`,
    ]) {
      expect(codes(rule(ok)), ok).toEqual([]);
    }
    // a quantile condition is not a traffic guard: it is NaN at zero traffic itself
    expect(codes(rule(`(${ratio} > 0.1) and histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m]))) > 1`))).toEqual([
      'lint/ratio-without-traffic-guard @ R',
    ]);
  });
});

describe('lint/no-absent-companion', () => {
  it('is satisfied by absent(), absent_over_time() or a zero-traffic alert, also through recording rules', () => {
    expect(codes(alertGroup(SAGA))).toEqual(['lint/no-absent-companion @ MaestroSagaCompensationStorm']);
    const zero = {
      alert: 'SagaZeroTraffic',
      expr: 'sum(rate(maestro_saga_compensations_total[10m])) == 0',
      for: '30m',
      labels: { severity: 'warning' },
    };
    expect(codes([{ name: 'g', rules: [SAGA as never, zero as never] }])).toEqual([]);
    // a low value is not zero traffic: `< 0.3` on a rate does not make a companion
    const low = { ...zero, expr: 'sum(rate(maestro_saga_compensations_total[10m])) < 0.3' };
    expect(codes([{ name: 'g', rules: [SAGA as never, low as never] }])).toEqual([
      'lint/no-absent-companion @ MaestroSagaCompensationStorm',
    ]);
    const overTime = { ...zero, expr: 'absent_over_time(maestro_saga_compensations_total[10m])' };
    expect(codes([{ name: 'g', rules: [SAGA as never, overTime as never] }])).toEqual([]);
    const recorded: RuleGroup[] = [
      {
        name: 'r',
        rules: [
          { record: 'maestro:saga_compensations:rate5m', expr: 'sum(rate(maestro_saga_compensations_total[5m]))' },
        ],
      },
      {
        name: 'a',
        rules: [{ ...SAGA, expr: 'maestro:saga_compensations:rate5m > 10' } as never, SAGA_ABSENT as never],
      },
    ];
    expect(codes(recorded)).toEqual([]);
  });
});

describe('promql/parse, lint/rule-expr-type and options', () => {
  it('reports a parse error as error severity and skips expression checks', () => {
    const d = lint(alertGroup({ alert: 'P', expr: 'sum(rate(x_total[5m]) > ', for: '5m' }));
    expect(d.map((x) => [x.code, x.severity])).toEqual([['promql/parse', 'error']]);
  });
  it('reports a type error (rate over an instant vector) as promql/type', () => {
    const d = lint(alertGroup({ alert: 'T', expr: 'sum(rate(x_total)) > 1', for: '5m' }));
    expect(d.map((x) => [x.code, x.severity])).toEqual([['promql/type', 'error']]);
  });
  it('rejects a range vector as a rule result', () => {
    expect(codes(alertGroup({ alert: 'M', expr: 'x_total[5m]', for: '5m' }))).toEqual(['lint/rule-expr-type @ M']);
  });
  it('severities can be overridden or turned off', () => {
    const g = withCompanion({ ...SAGA_WARN, expr: 'sum(rate(maestro_saga_states[5m])) > 10' });
    expect(lint(g, { severities: { 'lint/rate-on-non-counter': 'error' } })[0].severity).toBe('error');
    expect(lint(g, { severities: { 'lint/rate-on-non-counter': 'off' } })).toEqual([]);
  });
  it('throws only for unusable options', () => {
    expect(() => lint([], { scrapeInterval: 'soon' })).toThrow(/scrapeInterval/);
  });
});
