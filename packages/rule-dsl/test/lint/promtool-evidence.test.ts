/**
 * Differential evidence: what lint claims about a seed mistake is what real Prometheus does.
 * Each case is a promtool unit test (the expectations written by hand from the input series);
 * `promtool test rules` passing means the real engine agrees with the claim. The lint side of the
 * same expressions is asserted in the same test so claim and evidence stay together.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needBinary, PROMTOOL_HINT } from '../../../../test-support/requirements.js';
import { lint } from '../../src/lint/lint.js';
import type { RuleGroup } from '../../src/model.js';

const promtool = needBinary('local', ['promtool'], PROMTOOL_HINT);
if (!promtool.ok) console.warn(`skipping promtool evidence: ${promtool.reason}`);

const run = promisify(execFile);
let dir = '';

async function promtoolTest(name: string, rules: string, tests: string): Promise<{ ok: boolean; output: string }> {
  await writeFile(join(dir, `${name}-rules.yaml`), rules);
  await writeFile(
    join(dir, `${name}-test.yaml`),
    `rule_files: [${name}-rules.yaml]\nevaluation_interval: 1m\n${tests}`,
  );
  try {
    const r = await run(promtool.value!, ['test', 'rules', `${name}-test.yaml`], { cwd: dir });
    return { ok: true, output: r.stdout + r.stderr };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

const codesOf = (groups: RuleGroup[]): string[] => lint(groups).map((d) => d.code);

describe.skipIf(!promtool.ok)('promtool agrees with lint', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'alertcraft-lint-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('seed maestro:tenant_utilization:1h always returns nothing; ignoring(tenant) group_left returns the shares', async () => {
    const original = 'sum by (tenant) (increase(maestro_run_total[1h])) / sum(increase(maestro_run_total[1h]))';
    const fixed =
      'sum by (tenant) (increase(maestro_run_total[1h])) / ignoring(tenant) group_left() (sum(increase(maestro_run_total[1h])) > 0)';
    expect(
      codesOf([{ name: 'g', rules: [{ record: 'tenant:maestro_run:ratio_increase1h', expr: original }] }]),
    ).toContain('lint/vector-match-impossible');
    expect(codesOf([{ name: 'g', rules: [{ record: 'tenant:maestro_run:ratio_increase1h', expr: fixed }] }])).toEqual(
      [],
    );
    const r = await promtoolTest(
      'tenant',
      'groups: []\n',
      `tests:
  - interval: 1m
    input_series:
      - series: 'maestro_run_total{job="maestro", instance="a:1", tenant="a"}'
        values: '0+1x70'
      - series: 'maestro_run_total{job="maestro", instance="a:1", tenant="b"}'
        values: '0+3x70'
    promql_expr_test:
      - expr: '${original}'
        eval_time: 1h
        exp_samples: []
      - expr: '${fixed}'
        eval_time: 1h
        exp_samples:
          - labels: '{tenant="a"}'
            value: 0.25
          - labels: '{tenant="b"}'
            value: 0.75
`,
    );
    expect(r.output).toContain('SUCCESS');
    expect(r.ok).toBe(true);
  });

  it('seed MaestroBudgetBurnSpike: at $3/min, rate() > 2.0 never fires; rate() * 60 > 2.0 does', async () => {
    const seed = 'sum(rate(maestro_cost_usd_total[1m])) > 2.0';
    const fixed = 'sum(rate(maestro_cost_usd_total[2m])) * 60 > 2.0';
    const rule = (expr: string) => ({
      alert: 'MaestroBudgetBurnSpike',
      expr,
      for: '1m',
      labels: { severity: 'warning' },
      annotations: { summary: 'Budget burn > $2/min (day-0 aggressive)' },
    });
    expect(codesOf([{ name: 'g', rules: [rule(seed)] }])).toContain('lint/per-second-vs-per-minute');
    expect(codesOf([{ name: 'g', rules: [rule(fixed)] }])).toEqual([]);
    const r = await promtoolTest(
      'budget',
      `groups:
  - name: budget
    rules:
      - alert: SeedBudgetBurn
        expr: ${seed}
        for: 1m
      - alert: FixedBudgetBurn
        expr: ${fixed}
        for: 1m
`,
      `tests:
  - interval: 30s
    input_series:
      - series: 'maestro_cost_usd_total{job="maestro", instance="a:1"}'
        values: '0+1.5x40'
    alert_rule_test:
      - alertname: SeedBudgetBurn
        eval_time: 15m
        exp_alerts: []
      - alertname: FixedBudgetBurn
        eval_time: 15m
        exp_alerts:
          - exp_labels: {}
`,
    );
    expect(r.output).toContain('SUCCESS');
    expect(r.ok).toBe(true);
  });

  it('$value in a label: the alert never fires; as an annotation it does', async () => {
    const labelled = {
      alert: 'CostHigh',
      expr: 'sum(rate(maestro_cost_usd_total[2m])) > 0',
      for: '2m',
      labels: { cost: '{{ $value }}' },
    };
    expect(codesOf([{ name: 'g', rules: [labelled] }])).toEqual(['lint/value-in-labels']);
    const r = await promtoolTest(
      'value',
      `groups:
  - name: value
    rules:
      - alert: ValueInLabel
        expr: sum(rate(maestro_cost_usd_total[2m])) > 0
        for: 2m
        labels:
          cost: '{{ $value }}'
      - alert: ValueInAnnotation
        expr: sum(rate(maestro_cost_usd_total[2m])) > 0
        for: 2m
        annotations:
          cost: '{{ $value }}'
`,
      `tests:
  - interval: 30s
    input_series:
      - series: 'maestro_cost_usd_total{job="maestro", instance="a:1"}'
        values: '0 1 3 6 10 15 21 28 36 45 55 66 78 91 105 120 136 153 171 190 210 231 253 276 300'
    alert_rule_test:
      - alertname: ValueInLabel
        eval_time: 10m
        exp_alerts: []
`,
    );
    expect(r.output).toContain('SUCCESS');
    expect(r.ok).toBe(true);
    // and the annotation variant does fire (its exact annotation text is the engine's to format)
    const fires = await promtoolTest(
      'value2',
      `groups:
  - name: value
    rules:
      - alert: ValueInAnnotation
        expr: sum(rate(maestro_cost_usd_total[2m])) > 0
        for: 2m
`,
      `tests:
  - interval: 30s
    input_series:
      - series: 'maestro_cost_usd_total{job="maestro", instance="a:1"}'
        values: '0 1 3 6 10 15 21 28 36 45 55 66 78 91 105 120 136 153 171 190 210 231 253 276 300'
    alert_rule_test:
      - alertname: ValueInAnnotation
        eval_time: 10m
        exp_alerts:
          - exp_labels: {}
`,
    );
    expect(fires.output).toContain('SUCCESS');
  });

  it('histogram_quantile over sum by (job) of buckets is empty; by (le) is not', async () => {
    const bad = 'histogram_quantile(0.5, sum by (job) (rate(maestro_step_latency_bucket[5m])))';
    expect(codesOf([{ name: 'g', rules: [{ record: 'job:maestro_step_latency:p50_rate5m', expr: bad }] }])).toEqual([
      'lint/histogram-quantile-without-le',
    ]);
    const r = await promtoolTest(
      'hq',
      'groups: []\n',
      `tests:
  - interval: 1m
    input_series:
      - series: 'maestro_step_latency_bucket{job="maestro", instance="a:1", le="1"}'
        values: '0+1x10'
      - series: 'maestro_step_latency_bucket{job="maestro", instance="a:1", le="+Inf"}'
        values: '0+2x10'
    promql_expr_test:
      - expr: '${bad}'
        eval_time: 10m
        exp_samples: []
      - expr: 'histogram_quantile(0.5, sum by (job, le) (rate(maestro_step_latency_bucket[5m])))'
        eval_time: 10m
        exp_samples:
          - labels: '{job="maestro"}'
            value: 1
`,
    );
    expect(r.output).toContain('SUCCESS');
    expect(r.ok).toBe(true);
  });

  it('an unguarded ratio is NaN at zero traffic; the guarded one is absent', async () => {
    const ratio = 'sum(rate(maestro_run_errors_total[5m])) / sum(rate(maestro_run_total[5m]))';
    expect(codesOf([{ name: 'g', rules: [{ alert: 'E', expr: `(${ratio}) > 0.02`, for: '2m' }] }])).toEqual([
      'lint/ratio-without-traffic-guard',
    ]);
    expect(
      codesOf([
        {
          name: 'g',
          rules: [{ alert: 'E', expr: `(${ratio}) > 0.02 and sum(rate(maestro_run_total[5m])) > 0`, for: '2m' }],
        },
      ]),
    ).toEqual([]);
    const r = await promtoolTest(
      'nan',
      'groups: []\n',
      `tests:
  - interval: 1m
    input_series:
      - series: 'maestro_run_errors_total{job="maestro", instance="a:1"}'
        values: '5x20'
      - series: 'maestro_run_total{job="maestro", instance="a:1"}'
        values: '100x20'
    promql_expr_test:
      # NaN is the only value not equal to itself
      - expr: '(${ratio}) != bool (${ratio})'
        eval_time: 15m
        exp_samples:
          - labels: '{}'
            value: 1
      - expr: '(${ratio}) and sum(rate(maestro_run_total[5m])) > 0'
        eval_time: 15m
        exp_samples: []
`,
    );
    expect(r.output).toContain('SUCCESS');
    expect(r.ok).toBe(true);
  });

  it('seed rate(...[1m]) at a 30s scrape: one missed scrape empties it, [2m] still answers', async () => {
    const short = 'sum(rate(maestro_cost_usd_total[1m]))';
    const wide = 'sum(rate(maestro_cost_usd_total[2m]))';
    expect(codesOf([{ name: 'g', rules: [{ record: 'maestro:cost_usd:rate1m', expr: short }] }])).toEqual([
      'lint/range-too-short',
    ]);
    expect(codesOf([{ name: 'g', rules: [{ record: 'maestro:cost_usd:rate2m', expr: wide }] }])).toEqual([]);
    // scrapes at 0s, 30s, (60s missed), 90s, 120s; a rule evaluated at 85s sees one sample in [1m]
    const r = await promtoolTest(
      'short',
      'groups: []\n',
      `tests:
  - interval: 30s
    input_series:
      - series: 'maestro_cost_usd_total{job="maestro", instance="a:1"}'
        values: '0 30 _ 90 120'
    promql_expr_test:
      - expr: '${short}'
        eval_time: 85s
        exp_samples: []
      # [2m] = [-35s, 85s]: samples 0@0s and 30@30s; extrapolation (Prometheus extrapolatedRate):
      # to the start stops at the counter's zero (0 s), to the end half a sample interval (15 s),
      # so increase = 30 * (30 + 0 + 15) / 30 = 45, rate = 45 / 120 s = 0.375
      - expr: '${wide}'
        eval_time: 85s
        exp_samples:
          - labels: '{}'
            value: 0.375
`,
    );
    expect(r.output).toContain('SUCCESS');
    expect(r.ok).toBe(true);
  });

  it('for shorter than the group interval behaves like for = interval', async () => {
    const rule = { alert: 'Down', expr: 'up == 0', for: '30s', labels: { severity: 'warning' } };
    expect(codesOf([{ name: 'g', rules: [rule] }])).toEqual(['lint/for-shorter-than-interval']);
    const r = await promtoolTest(
      'for',
      `groups:
  - name: for
    rules:
      - alert: For30s
        expr: up == 0
        for: 30s
      - alert: For1m
        expr: up == 0
        for: 1m
`,
      `tests:
  - interval: 30s
    input_series:
      - series: 'up{job="maestro", instance="a:1"}'
        values: '0x10'
    alert_rule_test:
      - alertname: For30s
        eval_time: 30s
        exp_alerts: []
      - alertname: For1m
        eval_time: 30s
        exp_alerts: []
      - alertname: For30s
        eval_time: 1m
        exp_alerts:
          - exp_labels: { job: maestro, instance: "a:1" }
      - alertname: For1m
        eval_time: 1m
        exp_alerts:
          - exp_labels: { job: maestro, instance: "a:1" }
`,
    );
    expect(r.output).toContain('SUCCESS');
    expect(r.ok).toBe(true);
  });
});
