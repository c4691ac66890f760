/**
 * The corrected rules behave as their comments claim, judged by the real Prometheus rule engine:
 * `promtool test rules` (Debian 2.42) runs unit tests against the rule files the packs emit.
 * Per-minute thresholds fire at the per-minute rate the summary states and not at a lower one;
 * the tenant share matches per tenant; the per-tenant traffic guard lets a VIP alert fire and keeps
 * it quiet without traffic.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emitRuleFile, isAlertingRule, stableYaml, type RuleFile } from '@alertcraft/rule-dsl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needBinary, PROMTOOL_HINT } from '../../../test-support/requirements.js';
import { exampleInputs, getPack, renderPhase } from '../../src/pack-registry/registry.js';
import { seedFixture } from './seed-fixtures.js';
import { runTool } from './tools.js';

const promtool = needBinary('local', ['promtool'], PROMTOOL_HINT);

let dir = '';
const files: Record<string, RuleFile> = {};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'alertcraft-unit-'));
  for (const [pack, phase] of [
    ['maestro', 'day0'],
    ['maestro', 'day4'],
    ['aetherlink', 'production'],
  ] as const) {
    const p = getPack(pack);
    const file = renderPhase(p, phase, exampleInputs(p));
    files[`${pack}-${phase}`] = file;
    writeFileSync(join(dir, `${pack}-${phase}.rules.yaml`), emitRuleFile(file));
  }
  // The seed's original day-0, day-4 and recording rules, day-4 placeholders from the same baselines.
  const maestro = getPack('maestro');
  const values = { baselines: exampleInputs(maestro).baselines };
  for (const name of [
    '000-maestro-day0-hair-trigger',
    '000-maestro-day4-calibrated',
    '000-maestro-business-recording',
  ]) {
    writeFileSync(join(dir, `seed-${name}.rules.yaml`), seedFixture(`${name}.yaml`, values));
  }
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The rendered labels and annotations of an alert (promtool compares both exactly). */
function expected(
  file: string,
  alert: string,
  extraLabels: Record<string, string> = {},
  annotations: Record<string, string> = {},
): { exp_labels: Record<string, string>; exp_annotations: Record<string, string> } {
  const rule = files[file]!.groups.flatMap((g) => g.rules)
    .filter(isAlertingRule)
    .find((r) => r.alert === alert)!;
  return {
    exp_labels: { ...(rule.labels ?? {}), ...extraLabels },
    exp_annotations: { ...(rule.annotations ?? {}), ...annotations },
  };
}

/**
 * Two tenants' runs (10/s and 5/s: one series alone is above the day-4 `run_rate.p50` of 8.5, so
 * the seed's version fails on label matching, not on load) and a step-latency histogram with p95 = 1.8 s.
 */
const LOADED_AND_SLOW = [
  { series: 'maestro_run_total{job="maestro",region="eu",tenant="a",workflow_type="etl"}', values: '0+300x200' },
  { series: 'maestro_run_total{job="maestro",region="us",tenant="b",workflow_type="agent"}', values: '0+150x200' },
  { series: 'maestro_step_latency_bucket{job="maestro",region="eu",le="1"}', values: '0+80x200' },
  { series: 'maestro_step_latency_bucket{job="maestro",region="eu",le="1.5"}', values: '0+90x200' },
  { series: 'maestro_step_latency_bucket{job="maestro",region="eu",le="1.8"}', values: '0+95x200' },
  { series: 'maestro_step_latency_bucket{job="maestro",region="eu",le="+Inf"}', values: '0+100x200' },
  { series: 'maestro_step_latency_count{job="maestro",region="eu"}', values: '0+100x200' },
];

async function promtoolTest(name: string, ruleFile: string, tests: unknown[]): Promise<void> {
  const path = join(dir, `${name}.test.yaml`);
  writeFileSync(path, stableYaml({ rule_files: [`${ruleFile}.rules.yaml`], evaluation_interval: '30s', tests }));
  const r = await runTool(promtool.value!, ['test', 'rules', path], 60_000);
  expect(r.ok, r.output).toBe(true);
  expect(r.output).toContain('SUCCESS');
}

describe.skipIf(!promtool.ok)('promtool test rules on the corrected packs', () => {
  if (!promtool.ok) console.log(`skipped: ${promtool.reason}`);

  it('maestro day0: per-minute thresholds fire at the per-minute rate the summary states', async () => {
    const f = 'maestro-day0';
    // Counters sampled every 30 s: +1.5 USD per sample = $3/min; +0.5 = $1/min.
    await promtoolTest('per-minute-fires', f, [
      {
        interval: '30s',
        input_series: [
          { series: 'maestro_cost_usd_total{job="maestro",tenant="a"}', values: '0+1.5x40' },
          { series: 'maestro_safety_blocks_total{job="maestro",region="eu"}', values: '0+30x40' }, // 60/min
          { series: 'maestro_saga_compensations_total{job="maestro",region="eu"}', values: '0+6x40' }, // 12/min
        ],
        alert_rule_test: [
          {
            eval_time: '10m',
            alertname: 'MaestroBudgetBurnSpike',
            exp_alerts: [expected(f, 'MaestroBudgetBurnSpike')],
          },
          {
            eval_time: '10m',
            alertname: 'MaestroSafetyGuardianOverload',
            exp_alerts: [expected(f, 'MaestroSafetyGuardianOverload')],
          },
          {
            eval_time: '10m',
            alertname: 'MaestroSagaCompensationStorm',
            exp_alerts: [expected(f, 'MaestroSagaCompensationStorm')],
          },
        ],
      },
    ]);
    await promtoolTest('per-minute-quiet', f, [
      {
        interval: '30s',
        input_series: [
          { series: 'maestro_cost_usd_total{job="maestro",tenant="a"}', values: '0+0.5x40' }, // $1/min
          { series: 'maestro_safety_blocks_total{job="maestro",region="eu"}', values: '0+20x40' }, // 40/min
          { series: 'maestro_saga_compensations_total{job="maestro",region="eu"}', values: '0+4x40' }, // 8/min
        ],
        alert_rule_test: [
          { eval_time: '10m', alertname: 'MaestroBudgetBurnSpike', exp_alerts: [] },
          { eval_time: '10m', alertname: 'MaestroSafetyGuardianOverload', exp_alerts: [] },
          { eval_time: '10m', alertname: 'MaestroSagaCompensationStorm', exp_alerts: [] },
        ],
      },
    ]);
  });

  it('maestro day0: the error-rate spike needs traffic; the tenant share is per tenant', async () => {
    const f = 'maestro-day0';
    await promtoolTest('error-rate-and-share', f, [
      {
        interval: '30s',
        input_series: [
          // 10 runs per 30 s, 1 of them an error (10 %): fires.
          { series: 'maestro_run_total{job="maestro",tenant="a"}', values: '0+10x150' },
          { series: 'maestro_run_errors_total{job="maestro",tenant="a"}', values: '0+1x150' },
          { series: 'maestro_run_total{job="maestro",tenant="b"}', values: '0+30x150' },
        ],
        alert_rule_test: [
          { eval_time: '10m', alertname: 'MaestroErrorRateSpike', exp_alerts: [expected(f, 'MaestroErrorRateSpike')] },
        ],
        promql_expr_test: [
          {
            expr: 'maestro:tenant_utilization:1h',
            eval_time: '75m',
            exp_samples: [
              { labels: 'maestro:tenant_utilization:1h{tenant="a"}', value: 0.25 },
              { labels: 'maestro:tenant_utilization:1h{tenant="b"}', value: 0.75 },
            ],
          },
        ],
      },
      {
        interval: '30s',
        input_series: [
          // One run per 2.5 minutes, every one an error: 100 % errors, but below the volume guard.
          {
            series: 'maestro_run_total{job="maestro",tenant="a"}',
            values: '0 0 0 0 1 1 1 1 1 2 2 2 2 2 3 3 3 3 3 4 4 4 4 4 5',
          },
          {
            series: 'maestro_run_errors_total{job="maestro",tenant="a"}',
            values: '0 0 0 0 1 1 1 1 1 2 2 2 2 2 3 3 3 3 3 4 4 4 4 4 5',
          },
        ],
        alert_rule_test: [{ eval_time: '12m', alertname: 'MaestroErrorRateSpike', exp_alerts: [] }],
      },
    ]);
  });

  it('aetherlink: the per-tenant guard lets the VIP cache alert fire, and only for the VIP tenant', async () => {
    const f = 'aetherlink-production';
    const vip = { job: 'aetherlink', tenant_id: 'vip-customer-123' };
    await promtoolTest('vip-cache', f, [
      {
        interval: '30s',
        input_series: [
          // VIP: 100 lookups per 30 s, 10 % hits. Other tenant: 100 lookups, 60 % hits.
          { series: 'aether_cache_requests_total{job="aetherlink",tenant_id="vip-customer-123"}', values: '0+100x80' },
          { series: 'aether_cache_hits_total{job="aetherlink",tenant_id="vip-customer-123"}', values: '0+10x80' },
          { series: 'aether_cache_requests_total{job="aetherlink",tenant_id="t-7"}', values: '0+100x80' },
          { series: 'aether_cache_hits_total{job="aetherlink",tenant_id="t-7"}', values: '0+60x80' },
        ],
        alert_rule_test: [
          {
            eval_time: '30m',
            alertname: 'CacheEffectivenessDropVIP',
            exp_alerts: [
              expected(
                f,
                'CacheEffectivenessDropVIP',
                { tenant_id: vip.tenant_id },
                { summary: 'VIP tenant vip-customer-123: cache hit ratio below 20% (10%)' },
              ),
            ],
          },
          {
            eval_time: '30m',
            alertname: 'CacheEffectivenessDrop',
            exp_alerts: [
              expected(
                f,
                'CacheEffectivenessDrop',
                { tenant_id: vip.tenant_id },
                { summary: 'Cache hit ratio for vip-customer-123 below 30% (10%)' },
              ),
            ],
          },
        ],
      },
      {
        interval: '30s',
        input_series: [
          // No traffic at all: the guard keeps every cache alert quiet.
          { series: 'aether_cache_requests_total{job="aetherlink",tenant_id="vip-customer-123"}', values: '0+0x80' },
          { series: 'aether_cache_hits_total{job="aetherlink",tenant_id="vip-customer-123"}', values: '0+0x80' },
        ],
        alert_rule_test: [
          { eval_time: '30m', alertname: 'CacheEffectivenessDropVIP', exp_alerts: [] },
          { eval_time: '30m', alertname: 'CacheEffectivenessDrop', exp_alerts: [] },
        ],
      },
    ]);
  });

  it("the seed's originals miss what the corrected rules catch (same input, real rule engine)", async () => {
    // $3/min of spend: the seed's `sum(rate(...[1m])) > 2.0` is $2 per second and stays quiet.
    const spend = [{ series: 'maestro_cost_usd_total{job="maestro",tenant="a"}', values: '0+1.5x40' }];
    await promtoolTest('seed-budget', 'seed-000-maestro-day0-hair-trigger', [
      {
        interval: '30s',
        input_series: spend,
        alert_rule_test: [{ eval_time: '10m', alertname: 'MaestroBudgetBurnSpike', exp_alerts: [] }],
      },
    ]);
    await promtoolTest('pack-budget', 'maestro-day0', [
      {
        interval: '30s',
        input_series: spend,
        alert_rule_test: [
          {
            eval_time: '10m',
            alertname: 'MaestroBudgetBurnSpike',
            exp_alerts: [expected('maestro-day0', 'MaestroBudgetBurnSpike')],
          },
        ],
      },
    ]);
    // p95 1.8 s under above-median load: the seed's per-series `rate(maestro_run_total[5m]) > p50`
    // never matches the label-less quantile; the corrected `sum(rate(...))` does.
    await promtoolTest('seed-latency', 'seed-000-maestro-day4-calibrated', [
      {
        interval: '30s',
        input_series: LOADED_AND_SLOW,
        alert_rule_test: [{ eval_time: '40m', alertname: 'MaestroLatencyAnomaly', exp_alerts: [] }],
      },
    ]);
    await promtoolTest('pack-latency', 'maestro-day4', [
      {
        interval: '30s',
        input_series: LOADED_AND_SLOW,
        alert_rule_test: [
          {
            eval_time: '40m',
            alertname: 'MaestroLatencyAnomaly',
            exp_alerts: [expected('maestro-day4', 'MaestroLatencyAnomaly')],
          },
        ],
      },
    ]);
    // The seed's tenant share has no matching labels: the recorded series is empty.
    const tenants = [
      { series: 'maestro_run_total{job="maestro",tenant="a"}', values: '0+10x150' },
      { series: 'maestro_run_total{job="maestro",tenant="b"}', values: '0+30x150' },
    ];
    await promtoolTest('seed-share', 'seed-000-maestro-business-recording', [
      {
        interval: '30s',
        input_series: tenants,
        promql_expr_test: [{ expr: 'maestro:tenant_utilization:1h', eval_time: '75m', exp_samples: [] }],
      },
    ]);
  });
});
