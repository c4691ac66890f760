/**
 * Acceptance: lint finds every mistake the seeds' ORIGINAL rule text makes (fixtures copied
 * verbatim from /work/shared/seeds), and nothing of error severity in the corrected versions.
 * The expected (code, rule) pairs are enumerated by hand from reading the seed rules.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/lint.js';
import { lintFile } from '../../src/lint/lint-file.js';
import { pairs, seedGroups, seedText } from './helpers.js';

const ORIGINAL: Record<string, string[]> = {
  '000-maestro-day0-hair-trigger.yaml': [
    // (seed ratio error/total, no guard)
    'lint/ratio-without-traffic-guard @ MaestroErrorRateSpike',
    'lint/no-absent-companion @ MaestroErrorRateSpike',
    'lint/missing-runbook @ MaestroLatencyRegression',
    'lint/no-absent-companion @ MaestroLatencyRegression',
    // rate(...[1m]) under a 30 s scrape; "> $2/min" compared with a per-second rate
    'lint/range-too-short @ MaestroBudgetBurnSpike',
    'lint/per-second-vs-per-minute @ MaestroBudgetBurnSpike',
    'lint/missing-runbook @ MaestroBudgetBurnSpike',
    'lint/no-absent-companion @ MaestroBudgetBurnSpike',
    'lint/missing-runbook @ MaestroSagaCompensationStorm',
    'lint/no-absent-companion @ MaestroSagaCompensationStorm',
    // "blocking > 50/min" with rate(...[1m]) > 50; severity warning, so no paging checks
    'lint/range-too-short @ MaestroSafetyGuardianOverload',
    'lint/per-second-vs-per-minute @ MaestroSafetyGuardianOverload',
  ],
  '000-maestro-day4-calibrated.yaml': [
    // Helm placeholders {{ .Values... }} are not PromQL
    'promql/parse @ MaestroErrorRateHigh',
    'promql/parse @ MaestroLatencyAnomaly',
    'promql/parse @ MaestroCostAnomalyDetection',
    'lint/missing-runbook @ MaestroCostAnomalyDetection',
  ],
  '000-maestro-day8-mature.yaml': [
    'lint/missing-runbook @ MaestroSLOErrorBudgetBurn',
    'lint/ratio-without-traffic-guard @ MaestroSLOErrorBudgetBurn',
    'lint/no-absent-companion @ MaestroSLOErrorBudgetBurn',
    'lint/ratio-without-traffic-guard @ MaestroSLOLatencyBudgetBurn',
    // denominator sum(rate(maestro_step_latency_bucket[1h])) adds all cumulative buckets
    'lint/bucket-sum-across-le @ MaestroSLOLatencyBudgetBurn',
    'promql/parse @ MaestroPredictiveCapacity',
    'lint/missing-runbook @ MaestroRevenueImpactingOutage',
    'lint/no-absent-companion @ MaestroRevenueImpactingOutage',
  ],
  '000-maestro-business-recording.yaml': [
    'lint/ratio-without-traffic-guard @ maestro:success_rate:5m',
    'lint/recording-rule-operations @ maestro:success_rate:5m',
    'lint/ratio-without-traffic-guard @ maestro:cost_per_success:5m',
    'lint/recording-rule-operations @ maestro:cost_per_success:5m',
    // sum by (tenant) (...) / sum(...): {tenant} vs {} never match
    'lint/vector-match-impossible @ maestro:tenant_utilization:1h',
    'lint/ratio-without-traffic-guard @ maestro:tenant_utilization:1h',
    'lint/recording-rule-operations @ maestro:tenant_utilization:1h',
    'lint/ratio-without-traffic-guard @ maestro:safety_effectiveness:1h',
    'lint/recording-rule-operations @ maestro:safety_effectiveness:1h',
  ],
};

describe('seed 000 original rule text', () => {
  for (const [file, expected] of Object.entries(ORIGINAL)) {
    it(`reports exactly the seed's mistakes in ${file}`, () => {
      const diags = lintFile(seedText(file), file);
      expect(pairs(seedGroups(file), diags)).toEqual([...expected].sort());
      for (const d of diags) {
        expect(d.file).toBe(file);
        expect(d.line, `${d.code} ${d.path} has a line`).toBeGreaterThan(0);
        expect(d.column).toBeGreaterThan(0);
        expect(d.message.length).toBeGreaterThan(20);
      }
    });
  }

  it('gives the seed mistakes their documented severities', () => {
    const rec = lintFile(seedText('000-maestro-business-recording.yaml'), 'rec.yaml');
    expect(rec.find((d) => d.code === 'lint/vector-match-impossible')?.severity).toBe('error');
    expect(rec.filter((d) => d.code === 'lint/ratio-without-traffic-guard').map((d) => d.severity)).toEqual([
      'info',
      'info',
      'info',
      'info',
    ]);
    const day0 = lintFile(seedText('000-maestro-day0-hair-trigger.yaml'), 'day0.yaml');
    expect(day0.filter((d) => d.severity === 'error')).toEqual([]);
    const day4 = lintFile(seedText('000-maestro-day4-calibrated.yaml'), 'day4.yaml');
    const parseErrors = day4.filter((d) => d.code === 'promql/parse');
    expect(
      parseErrors.every(
        (d) => d.severity === 'error' && /template placeholders/.test(d.message) && d.fix !== undefined,
      ),
    ).toBe(true);
    // the first error points into the placeholder on the expr line: `> {` opens a selector, and
    // the second `{` is the unexpected token
    const text = seedText('000-maestro-day4-calibrated.yaml');
    const line = text.split('\n')[parseErrors[0].line! - 1];
    expect(line.slice(parseErrors[0].column! - 2).startsWith('{{ .Values.baselines.error_rate.p95')).toBe(true);
  });

  it('with a 1m scrape interval, the [2m] windows of day 0 are too short as well', () => {
    const file = '000-maestro-day0-hair-trigger.yaml';
    const diags = lintFile(seedText(file), file, { scrapeInterval: '1m' });
    const short = pairs(seedGroups(file), diags).filter((p) => p.startsWith('lint/range-too-short'));
    expect(short).toEqual(
      [
        'lint/range-too-short @ MaestroErrorRateSpike',
        'lint/range-too-short @ MaestroErrorRateSpike',
        'lint/range-too-short @ MaestroLatencyRegression',
        'lint/range-too-short @ MaestroBudgetBurnSpike',
        'lint/range-too-short @ MaestroSafetyGuardianOverload',
      ].sort(),
    );
  });

  it('day-4 rules with the Helm placeholders rendered: the load guard can never match the latency side', () => {
    // Render {{ .Values... }} the way Helm would, with a number, so the PromQL behind them is linted.
    const file = '000-maestro-day4-calibrated.yaml';
    const rendered = seedText(file).replace(/\{\{[^}]*\}\}/g, '1.5');
    const diags = lintFile(rendered, file);
    expect(pairs(seedGroups(file), diags)).toEqual(
      [
        'lint/ratio-without-traffic-guard @ MaestroErrorRateHigh',
        // histogram_quantile(... by (le)) has no labels; rate(maestro_run_total[5m]) keeps job/instance
        'lint/vector-match-impossible @ MaestroLatencyAnomaly',
        'lint/missing-runbook @ MaestroCostAnomalyDetection',
        'lint/no-absent-companion @ MaestroCostAnomalyDetection',
      ].sort(),
    );
  });

  it('the four seed 000 files linted as one pack add no duplicate-name findings', () => {
    const files = Object.keys(ORIGINAL);
    const groups = files.flatMap((f) => seedGroups(f));
    const diags = lint(groups);
    expect(diags.filter((d) => d.code === 'lint/duplicate-alert-name')).toEqual([]);
  });
});

describe('seed 001 (aetherlink): recording rule names and the traffic-guard pattern', () => {
  const names = [...seedText('001-aetherlink-recording-rule-names.yaml').matchAll(/([a-z_]+(?::[a-zA-Z0-9_]+)+)/g)].map(
    (m) => m[1],
  );

  it('flags the names that break level:metric:operations', () => {
    expect(names).toHaveLength(8);
    // Only the names are given in the seed; the expression is irrelevant to the naming checks.
    const groups = [{ name: 'aether', rules: names.map((record) => ({ record, expr: 'vector(1)' })) }];
    const got = pairs(groups, lint(groups));
    expect(got.filter((p) => p.startsWith('lint/recording-rule-name'))).toEqual([
      'lint/recording-rule-name @ aether:estimated_cost_30d_usd',
    ]);
    expect(got.filter((p) => p.startsWith('lint/recording-rule-operations'))).toEqual(
      names
        .filter((n) => n !== 'aether:estimated_cost_30d_usd')
        .map((n) => `lint/recording-rule-operations @ ${n}`)
        .sort(),
    );
  });

  it("accepts the seed's traffic-guard pattern on a ratio", () => {
    const pattern = /expr: (.*)$/m.exec(seedText('001-aetherlink-traffic-guard.yaml'))?.[1] ?? '';
    expect(pattern).toBe('(condition) and sum(rate(metric[window])) > 0');
    // Instantiate the seed's placeholders with a low-confidence share, as LowConfidenceSpike describes.
    const expr = pattern
      .replace(
        '(condition)',
        '(sum(rate(aether_lowconfidence_total[15m])) / sum(rate(aether_answers_total[15m])) > 0.3)',
      )
      .replace('metric[window]', 'aether_answers_total[15m]');
    const groups = [
      { name: 'aether', rules: [{ alert: 'LowConfidenceSpike', expr, for: '15m', labels: { severity: 'warning' } }] },
    ];
    expect(lint(groups)).toEqual([]);
    const unguarded = [{ name: 'aether', rules: [{ ...groups[0].rules[0], expr: expr.replace(/ and .*$/, '') }] }];
    expect(pairs(unguarded, lint(unguarded))).toEqual(['lint/ratio-without-traffic-guard @ LowConfidenceSpike']);
  });
});

describe('corrected seed rules', () => {
  for (const file of Object.keys(ORIGINAL)) {
    it(`corrected/${file} has no findings at all`, () => {
      const diags = lintFile(seedText(`corrected/${file}`), file);
      expect(diags).toEqual([]);
    });
  }
});

describe('seed 002 (incident runbook): anomaly alerts come with zero-traffic companions', () => {
  it('BusinessSignupAnomaly needs SignupZeroTraffic', () => {
    const text = seedText('002-runbook-alert-names.md');
    // The seed pairs the anomaly alert with its zero-traffic companion; only names are given.
    expect(text).toContain('`BusinessSignupAnomaly` or `SignupZeroTraffic`');
    // Expressions below are ours (the seed has none); the metric name is illustrative.
    const anomaly = {
      alert: 'BusinessSignupAnomaly',
      expr: 'sum(rate(business_signups_total[30m])) < 0.5 * sum(rate(business_signups_total[30m] offset 1w))',
      for: '30m',
      labels: { severity: 'page' },
      annotations: { summary: 'Signups far below last week', runbook_url: 'https://runbooks/signups' },
    };
    const zero = {
      alert: 'SignupZeroTraffic',
      expr: 'sum(rate(business_signups_total[30m])) == 0',
      for: '30m',
      labels: { severity: 'page' },
      annotations: { summary: 'No signups', runbook_url: 'https://runbooks/signups' },
    };
    const alone = [{ name: 'business', rules: [anomaly] }];
    expect(pairs(alone, lint(alone))).toEqual(['lint/no-absent-companion @ BusinessSignupAnomaly']);
    const paired = [{ name: 'business', rules: [anomaly, zero] }];
    expect(lint(paired)).toEqual([]);
  });
});
