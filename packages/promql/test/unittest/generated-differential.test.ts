/**
 * Generated differential: seeded random traffic (counters with resets, gauges with gaps and
 * staleness markers) for the corpus' rule files; our runner records the firing alerts (labels and
 * templated annotations) at every evaluation, writes them as a promtool unit-test file, and the
 * real `promtool test rules` must pass it. Nothing here is a stored expectation: promtool judges.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { needBinary, PROMTOOL_HINT } from '../../../../test-support/requirements.js';
import { chance, mulberry32, randInt, type Rng } from '../../src/generate/prng.js';
import { readRuleFile } from '../../src/rules/rule-file.js';
import { parseUnitTestFile } from '../../src/unittest/load.js';
import { runTestGroup, runUnitTestFile, type ObservedAlerts } from '../../src/unittest/run.js';

const here = dirname(fileURLToPath(import.meta.url));
const promtool = needBinary('local', ['promtool'], PROMTOOL_HINT);

function counter(rng: Rng, steps: number, incMax: number, resetP = 0.04): string {
  let v = 0;
  const out: string[] = [];
  for (let i = 0; i <= steps; i++) {
    if (i > 0 && chance(rng, resetP)) v = 0;
    else v += randInt(rng, 0, incMax);
    out.push(String(v));
  }
  return out.join(' ');
}

function gauge(
  rng: Rng,
  steps: number,
  lo: number,
  hi: number,
  opts: { gaps?: boolean; decimals?: number } = {},
): string {
  const out: string[] = [];
  let v = lo + (hi - lo) * rng();
  const d = opts.decimals ?? 2;
  for (let i = 0; i <= steps; i++) {
    if (opts.gaps && chance(rng, 0.05)) out.push('_');
    else if (opts.gaps && chance(rng, 0.03)) out.push('stale');
    else {
      v = Math.min(hi, Math.max(lo, v + (hi - lo) * (rng() - 0.5) * 0.6));
      out.push(v.toFixed(d));
    }
  }
  return out.join(' ');
}

interface Scenario {
  name: string;
  rules: string;
  interval: string;
  intervalMs: number;
  evalInterval: string;
  evalIntervalMs: number;
  steps: number;
  alerts: string[];
  external?: { labels: Record<string, string>; url: string };
  series: (rng: Rng) => Array<{ series: string; values: string }>;
}

const scenarios: Scenario[] = [
  {
    name: 'seed day-0',
    rules: 'rules/seed-maestro-day0.rules.yml',
    interval: '30s',
    intervalMs: 30_000,
    evalInterval: '1m',
    evalIntervalMs: 60_000,
    steps: 40,
    alerts: [
      'MaestroErrorRateSpike',
      'MaestroLatencyRegression',
      'MaestroBudgetBurnSpike',
      'MaestroSagaCompensationStorm',
      'MaestroSafetyGuardianOverload',
    ],
    series: (rng) => {
      const steps = 40;
      const runs = counter(rng, steps, 120, 0.02);
      const errs = counter(rng, steps, 6, 0.02);
      const b1 = counter(rng, steps, 8, 0);
      // cumulative buckets: each bucket adds the previous one's increments
      const inc = (s: string) => s.split(' ').map(Number);
      const l1 = inc(b1);
      const l2 = l1.map((v, i) => v + i * randInt(rng, 0, 3));
      const l4 = l2.map((v, i) => v + i * randInt(rng, 0, 2));
      return [
        { series: 'maestro_run_total{region="eu"}', values: runs },
        { series: 'maestro_run_errors_total{region="eu"}', values: errs },
        { series: 'maestro_step_latency_bucket{le="1"}', values: l1.join(' ') },
        { series: 'maestro_step_latency_bucket{le="2"}', values: l2.join(' ') },
        { series: 'maestro_step_latency_bucket{le="+Inf"}', values: l4.join(' ') },
        { series: 'maestro_cost_usd_total{region="eu"}', values: counter(rng, steps, 130) },
        { series: 'maestro_saga_compensations_total{workflow_type="etl"}', values: counter(rng, steps, 700) },
        { series: 'maestro_safety_blocks_total{region="eu"}', values: counter(rng, steps, 3000) },
      ];
    },
  },
  {
    name: 'keep_firing_for',
    rules: 'rules/keep-firing-for.rules.yml',
    interval: '1m',
    intervalMs: 60_000,
    evalInterval: '1m',
    evalIntervalMs: 60_000,
    steps: 30,
    alerts: ['QueueBacklog'],
    series: (rng) => [
      { series: 'queue_depth{queue="a"}', values: gauge(rng, 30, 0, 200, { gaps: true, decimals: 0 }) },
      { series: 'queue_depth{queue="b"}', values: gauge(rng, 30, 50, 150, { decimals: 0 }) },
    ],
  },
  {
    name: 'for and resolution',
    rules: 'rules/resolution.rules.yml',
    interval: '30s',
    intervalMs: 30_000,
    evalInterval: '1m',
    evalIntervalMs: 60_000,
    steps: 50,
    alerts: ['SlowResponses'],
    series: (rng) => [
      { series: 'latency_seconds{route="/a"}', values: gauge(rng, 50, 0, 2.5, { gaps: true }) },
      { series: 'latency_seconds{route="/b"}', values: gauge(rng, 50, 0.5, 1.5) },
    ],
  },
  {
    name: 'templating',
    rules: 'rules/templating-generated.rules.yml',
    interval: '1m',
    intervalMs: 60_000,
    evalInterval: '1m',
    evalIntervalMs: 60_000,
    steps: 20,
    alerts: ['DiskFilling'],
    external: { labels: { cluster: 'gen-1' }, url: 'http://prom.gen:9090' },
    series: (rng) => [
      {
        series: 'disk_used_bytes{instance="db-1:9100", mountpoint="/data"}',
        values: gauge(rng, 20, 7e8, 1e9, { decimals: 0 }),
      },
      { series: 'disk_size_bytes{instance="db-1:9100", mountpoint="/data"}', values: '1000000000x20' },
      {
        series: 'disk_used_bytes{instance="db-2:9100", mountpoint="/"}',
        values: gauge(rng, 20, 5e8, 1e9, { decimals: 0, gaps: true }),
      },
      { series: 'disk_size_bytes{instance="db-2:9100", mountpoint="/"}', values: '1000000000x20' },
    ],
  },
  {
    name: 'counters',
    rules: 'rules/counter-reset.rules.yml',
    interval: '30s',
    intervalMs: 30_000,
    evalInterval: '1m',
    evalIntervalMs: 60_000,
    steps: 40,
    alerts: ['ManyRestarts', 'ErrorRateHigh'],
    series: (rng) => [
      { series: 'restarts_total{pod="p1"}', values: counter(rng, 40, 1, 0.1) },
      { series: 'http_errors_total{route="/pay"}', values: counter(rng, 40, 70, 0.05) },
    ],
  },
  {
    name: 'label templates',
    rules: 'rules/label-templates.rules.yml',
    interval: '1m',
    intervalMs: 60_000,
    evalInterval: '1m',
    evalIntervalMs: 60_000,
    steps: 25,
    alerts: ['LatencyBand'],
    series: (rng) => [
      { series: 'request_latency_seconds{route="/checkout"}', values: gauge(rng, 25, 0, 3, { gaps: true }) },
      { series: 'request_latency_seconds{route="/health"}', values: gauge(rng, 25, 0, 0.4) },
    ],
  },
  {
    name: 'recording chain',
    rules: 'rules/recording-chain.rules.yml',
    interval: '30s',
    intervalMs: 30_000,
    evalInterval: '1m',
    evalIntervalMs: 60_000,
    steps: 40,
    alerts: ['ErrorRatioHigh'],
    series: (rng) => [
      { series: 'requests_total{job="api", instance="1"}', values: counter(rng, 40, 100, 0.03) },
      { series: 'errors_total{job="api", instance="1"}', values: counter(rng, 40, 14, 0.03) },
      { series: 'requests_total{job="web", instance="1"}', values: counter(rng, 40, 50, 0) },
      { series: 'errors_total{job="web", instance="1"}', values: counter(rng, 40, 4, 0) },
    ],
  },
  {
    name: 'staleness',
    rules: 'rules/staleness.rules.yml',
    interval: '1m',
    intervalMs: 60_000,
    evalInterval: '1m',
    evalIntervalMs: 60_000,
    steps: 30,
    alerts: ['TargetDown', 'HeartbeatMissing'],
    series: (rng) => [
      { series: 'up{job="db", instance="a"}', values: gauge(rng, 30, 0, 1, { gaps: true, decimals: 0 }) },
      { series: 'up{job="db", instance="b"}', values: gauge(rng, 12, 0, 1, { decimals: 0 }) },
      { series: 'heartbeat{job="cron"}', values: gauge(rng, randInt(rng, 5, 20), 1, 1, { gaps: true, decimals: 0 }) },
    ],
  },
];

const SEEDS = [11, 22, 33, 44];

interface Generated {
  id: string;
  path: string;
  cases: number;
  firing: number;
}

describe.skipIf(!promtool.ok)('generated unit tests judged by promtool', () => {
  let tmp = '';
  const generated: Generated[] = [];
  const verdicts = new Map<string, string>();

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'alertcraft-gen-'));
    for (const sc of scenarios) {
      for (const seed of SEEDS) {
        const rng = mulberry32(seed * 1000 + sc.name.length);
        const id = `${sc.name.replace(/\W+/g, '-')}-${seed}`;
        const rulePath = join(here, sc.rules);
        const times: string[] = [];
        const lastT = sc.steps * sc.intervalMs;
        for (let t = 0; t <= lastT; t += sc.evalIntervalMs) times.push(`${t / 1000}s`);
        const group = {
          name: id,
          interval: sc.interval,
          ...(sc.external ? { external_labels: sc.external.labels, external_url: sc.external.url } : {}),
          input_series: sc.series(rng),
          alert_rule_test: times.flatMap((t) =>
            sc.alerts.map((alertname) => ({ eval_time: t, alertname, exp_alerts: [] as unknown[] })),
          ),
        };
        const doc = { rule_files: [rulePath], evaluation_interval: sc.evalInterval, tests: [group] };
        const path = join(tmp, `${id}.yml`);
        // Our run records what fired; the same file with those expectations goes to promtool.
        const file = parseUnitTestFile(stringify(doc), path);
        const loaded = readRuleFile(rulePath);
        expect(loaded.problems).toEqual([]);
        const observed = new Map<string, ObservedAlerts>();
        runTestGroup(file, file.tests[0]!, loaded.groups, (o) =>
          observed.set(`${o.evalTimeMs}\u0000${o.alertname}`, o),
        );
        let firing = 0;
        for (const tc of group.alert_rule_test) {
          const ms = Number(tc.eval_time.slice(0, -1)) * 1000;
          const o = observed.get(`${ms}\u0000${tc.alertname}`);
          tc.exp_alerts = (o?.alerts ?? []).map((a) => {
            firing++;
            const { alertname: _drop, ...labels } = a.labels;
            void _drop;
            return { exp_labels: labels, exp_annotations: { ...a.annotations } };
          });
        }
        writeFileSync(path, stringify(doc));
        generated.push({ id, path, cases: group.alert_rule_test.length, firing });
      }
    }
    const out = await new Promise<string>((done) => {
      execFile(
        'sh',
        ['-c', '"$0" "$@" 2>&1', promtool.value!, 'test', 'rules', ...generated.map((g) => g.path)],
        { encoding: 'utf8', maxBuffer: 64 << 20 },
        (_e, stdout) => done(stdout),
      );
    });
    for (const part of out.split(/^Unit Testing:\s+/m).slice(1)) {
      const nl = part.indexOf('\n');
      verdicts.set(part.slice(0, nl).trim(), part.slice(nl + 1));
    }
  });

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('generated files exercise firing alerts', () => {
    expect(generated.length).toBe(scenarios.length * SEEDS.length);
    const firing = generated.reduce((n, g) => n + g.firing, 0);
    const cases = generated.reduce((n, g) => n + g.cases, 0);
    console.info(`generated: ${generated.length} files, ${cases} alert checks, ${firing} expected firing alerts`);
    expect(firing).toBeGreaterThan(50);
  });

  it.each(scenarios.flatMap((sc) => SEEDS.map((seed) => `${sc.name.replace(/\W+/g, '-')}-${seed}`)))(
    '%s: promtool agrees with every evaluation',
    (id) => {
      const g = generated.find((x) => x.id === id)!;
      expect(verdicts.get(g.path)?.slice(0, 3000)).toBe('  SUCCESS\n\n');
      expect(runUnitTestFile(g.path).ok).toBe(true);
    },
  );
});
