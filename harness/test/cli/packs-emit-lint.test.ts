/**
 * The `packs`, `emit` and `lint` commands. Bad input is checked the way a user meets it: a
 * subprocess of `node --conditions=@alertcraft/source --import tsx harness/src/cli/main.ts ...`,
 * which must exit 2 with ONE line on stderr saying what and where, never a stack trace. The
 * subprocesses run two at a time in `beforeAll` (each costs a Node start plus module loading).
 * The working paths run the same `main()` in process, with captured output.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needBinary, PROMTOOL_HINT } from '../../../test-support/requirements.js';
import { main } from '../../src/cli/main.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SEEDS = join(ROOT, 'packages/rule-dsl/test/fixtures/seeds');
const promtool = needBinary('local', ['promtool'], PROMTOOL_HINT);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=@alertcraft/source', '--import', 'tsx', 'harness/src/cli/main.ts', ...args],
      { cwd: ROOT, timeout: 90_000, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, ALERTCRAFT_DEBUG: '' } },
      (err, stdout, stderr) => {
        const code = err
          ? typeof (err as { code?: unknown }).code === 'number'
            ? (err as { code: number }).code
            : null
          : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Exit 2, a single stderr line matching `re`, no stack frames. */
function expectInputError(r: Run, re: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(re);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

let tmp = '';
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'alertcraft-cli-'));
  writeFileSync(join(tmp, 'bad-syntax.json'), '{\n  "error_rate": {\n    "p95": 0.001,,\n  }\n}\n');
  writeFileSync(join(tmp, 'bad-type.json'), JSON.stringify({ error_rate: { p95: 'high' } }));
  writeFileSync(join(tmp, 'partial.json'), JSON.stringify({ run_rate: { p50: 8 } }));
  writeFileSync(
    join(tmp, 'week1.json'),
    JSON.stringify({
      run_rate: { p50: 7 },
      error_rate: { p95: 0.002 },
      p95_latency: { p90: 1 },
      cost_burn: { p90: 0.01, max: 0.05 },
    }),
  );
  writeFileSync(
    join(tmp, 'malformed.yaml'),
    'groups:\n  - name: x\n    rules:\n      - alert: A\n        expr: up == 0\n       labels: [\n',
  );
  writeFileSync(join(tmp, 'not-rules.yaml'), 'route:\n  receiver: default\n');
  writeFileSync(join(tmp, 'empty.yaml'), '');
  writeFileSync(join(tmp, 'huge.yaml'), Buffer.alloc(10 * 1024 * 1024, 'a'));
  // Binary garbage from a fixed linear congruential sequence (same bytes every run).
  const bin = Buffer.alloc(4096);
  let x = 12345;
  for (let i = 0; i < bin.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bin[i] = x >>> 24;
  }
  bin[7] = 0;
  writeFileSync(join(tmp, 'garbage.bin'), bin);
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Runs `main()` in process with captured stdout/stderr lines. */
async function inProcess(args: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { stdout: (l) => out.push(l), stderr: (l) => err.push(l), isTTY: false, cwd: ROOT });
  return { code, stdout: out.length ? `${out.join('\n')}\n` : '', stderr: err.length ? `${err.join('\n')}\n` : '' };
}

/** The bad-input cases run as subprocesses, two at a time. */
const SUBPROCESS_CASES: Record<string, () => string[]> = {
  'missing phase': () => ['emit', '--pack', 'maestro', '--format', 'prometheus', '--out', join(tmp, 'x')],
  'unknown pack': () => ['emit', '--pack', 'maestr0', '--format', 'prometheus', '--out', join(tmp, 'x')],
  'unknown phase': () => ['lint', '--pack', 'maestro', '--phase', 'day9'],
  'baselines syntax': () => [
    'emit',
    '--pack',
    'maestro',
    '--phase',
    'day4',
    '--format',
    'prometheus',
    '--out',
    join(tmp, 'x'),
    '--baselines',
    join(tmp, 'bad-syntax.json'),
  ],
  'baselines type': () => [
    'emit',
    '--pack',
    'maestro',
    '--phase',
    'day4',
    '--format',
    'prometheus',
    '--out',
    join(tmp, 'x'),
    '--baselines',
    join(tmp, 'bad-type.json'),
  ],
  'malformed yaml': () => ['lint', join(tmp, 'malformed.yaml')],
  'empty file': () => ['lint', join(tmp, 'empty.yaml')],
  '10 MB file': () => ['lint', join(tmp, 'huge.yaml')],
  'binary file': () => ['lint', join(tmp, 'garbage.bin')],
  'missing file': () => ['lint', join(tmp, 'missing.yaml')],
};
const runs = new Map<string, Run>();

describe('bad input (subprocess): exit 2, one line with the location, no stack trace', () => {
  beforeAll(async () => {
    const queue = Object.entries(SUBPROCESS_CASES);
    const worker = async (): Promise<void> => {
      for (let next = queue.shift(); next; next = queue.shift()) runs.set(next[0], await cli(next[1]()));
    };
    await Promise.all([worker(), worker()]);
  }, 600_000);

  it('emit without --phase on a multi-phase pack is a usage error listing the phases', () => {
    expectInputError(
      runs.get('missing phase')!,
      /^alertcraft emit: pack 'maestro' has 3 phases; choose one with --phase \(day0, day4, day8\)/,
    );
    expect(existsSync(join(tmp, 'x'))).toBe(false);
  });

  it('unknown pack, unknown phase', () => {
    expectInputError(
      runs.get('unknown pack')!,
      /^alertcraft emit: --pack maestr0: unknown pack 'maestr0'; packs: maestro, aetherlink, incident-runbook, ga-launch$/,
    );
    expectInputError(
      runs.get('unknown phase')!,
      /^alertcraft lint: --phase day9: pack 'maestro' has no phase 'day9'; phases: day0, day4, day8$/,
    );
  });

  it('bad baselines JSON: a syntax error at line:column, a wrong type at its JSON path', () => {
    expectInputError(runs.get('baselines syntax')!, /^alertcraft emit: .*bad-syntax\.json:3:18: invalid JSON/);
    expectInputError(
      runs.get('baselines type')!,
      /^alertcraft emit: .*bad-type\.json: \$\.error_rate\.p95: expected a finite number, got the string "high"$/,
    );
  });

  it('malformed YAML, empty, 10 MB, binary garbage and missing files', () => {
    expectInputError(runs.get('malformed yaml')!, /^alertcraft lint: .*malformed\.yaml:6:\d+: malformed YAML: /);
    expectInputError(runs.get('empty file')!, /^alertcraft lint: .*empty\.yaml: rule file is empty$/);
    expectInputError(
      runs.get('10 MB file')!,
      /^alertcraft lint: .*huge\.yaml: rule file is 10\.0 MiB, larger than the 4\.0 MiB limit/,
    );
    expectInputError(
      runs.get('binary file')!,
      /^alertcraft lint: .*garbage\.bin: rule file looks binary \(NUL byte at offset 7\)/,
    );
    expectInputError(runs.get('missing file')!, /^alertcraft lint: .*missing\.yaml: rule file not found$/);
  });
});

describe('working paths (in process)', () => {
  it('packs lists every pack with its phases and rule counts', async () => {
    const r = await inProcess(['packs']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^maestro {2}/m);
    expect(r.stdout).toMatch(/^ {2}day0 {2}days 0-3 +5 alerts, 4 recording rules/m);
    expect(r.stdout).toMatch(/^ {2}day4 {2}days 4-7 +3 alerts, 4 recording rules/m);
    expect(r.stdout).toMatch(/^ {2}day8 {2}days 8-14 +12 alerts, 26 recording rules/m);
    expect(r.stdout).toMatch(/^aetherlink {2}[\s\S]*^ {2}production {2}days 0-90 +7 alerts, 8 recording rules/m);
    expect(r.stdout).toMatch(/^incident-runbook {2}[\s\S]*^ {2}production {2}days 0-365 +7 alerts, 0 recording rules/m);
    expect(r.stdout).toMatch(/^ga-launch {2}[\s\S]*^ {2}ga {2}day 0 +10 alerts, 26 recording rules/m);
    const json = JSON.parse((await inProcess(['packs', '--format', 'json'])).stdout) as {
      name: string;
      phases: { id: string; alerts: number; records: number }[];
    }[];
    expect(json.map((p) => [p.name, p.phases.map((ph) => `${ph.id}:${ph.alerts}+${ph.records}`)])).toEqual([
      ['maestro', ['day0:5+4', 'day4:3+4', 'day8:12+26']],
      ['aetherlink', ['production:7+8']],
      ['incident-runbook', ['production:7+0']],
      ['ga-launch', ['ga:10+26']],
    ]);
  });

  it('emit writes the rule file of a phase, says it used the example baselines, and promtool accepts it', async () => {
    const out = join(tmp, 'out-rules');
    const r = await inProcess(['emit', '--pack', 'maestro', '--phase', 'day4', '--format', 'prometheus', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(join(out, 'maestro-day4.rules.yaml'));
    expect(r.stderr).toMatch(/example baselines of pack 'maestro'/);
    expect(readFileSync(join(out, 'maestro-day4.rules.yaml'), 'utf8')).toContain('- name: maestro-day4-calibrated');
    if (promtool.ok) {
      const check = await new Promise<number>((res) =>
        execFile(promtool.value!, ['check', 'rules', join(out, 'maestro-day4.rules.yaml')], (e) => res(e ? 1 : 0)),
      );
      expect(check).toBe(0);
    }
  });

  it('emit --baselines uses the given values (day-4 thresholds from week1 baselines)', async () => {
    const out = join(tmp, 'out-baselines');
    const r = await inProcess([
      'emit',
      '--pack',
      'maestro',
      '--phase',
      'day4',
      '--baselines',
      join(tmp, 'week1.json'),
      '--format',
      'prometheus',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const text = readFileSync(join(out, 'maestro-day4.rules.yaml'), 'utf8');
    expect(text).toContain('> 0.003) and on () (sum(increase(maestro_run_total[5m])) >= 50)');
    expect(text).toContain('> 4.5)');
  });

  it('emit with baselines that lack values lists every missing one', async () => {
    expectInputError(
      await inProcess([
        'emit',
        '--pack',
        'maestro',
        '--phase',
        'day4',
        '--baselines',
        join(tmp, 'partial.json'),
        '--format',
        'prometheus',
        '--out',
        join(tmp, 'x'),
      ]),
      /^alertcraft emit: phase 'day4' of pack 'maestro' needs 4 value\(s\) not given: baselines\.error_rate\.p95 \(used by MaestroErrorRateHigh\); baselines\.p95_latency\.p90 .*; add them to .*partial\.json$/,
    );
  });

  it('emit writes a PrometheusRule for a one-phase pack without --phase', async () => {
    const out = join(tmp, 'out-crd');
    const r = await inProcess([
      'emit',
      '--pack',
      'ga-launch',
      '--format',
      'prometheus-rule',
      '--namespace',
      'monitoring',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const path = r.stdout.trim();
    expect(path).toBe(join(out, 'ga-launch-ga.prometheusrule.yaml'));
    const text = readFileSync(path, 'utf8');
    expect(text).toMatch(/^apiVersion: monitoring\.coreos\.com\/v1\nkind: PrometheusRule\nmetadata:\n/);
    expect(text).toContain('  name: alertcraft-ga-launch-ga\n');
    expect(text).toContain('  namespace: monitoring\n');
  });

  it('emit writes the Alertmanager configuration and the silences of the phase', async () => {
    const out = join(tmp, 'out-am');
    const r = await inProcess([
      'emit',
      '--pack',
      'maestro',
      '--phase',
      'day0',
      '--format',
      'alertmanager',
      '--webhook-url',
      'http://127.0.0.1:5001/hook',
      '--silence-start',
      '2025-01-15T00:00:00Z',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      join(out, 'maestro-day0.alertmanager.yaml'),
      join(out, 'maestro-day0.silences.json'),
    ]);
    expect(readFileSync(join(out, 'maestro-day0.alertmanager.yaml'), 'utf8')).toContain(
      'url: http://127.0.0.1:5001/hook/premium-support',
    );
    const silences = JSON.parse(readFileSync(join(out, 'maestro-day0.silences.json'), 'utf8'));
    expect(silences).toHaveLength(1);
    expect([silences[0].startsAt, silences[0].endsAt]).toEqual(['2025-01-15T00:00:00Z', '2025-01-18T23:59:59Z']);
  });

  it("lint prints file:line:col severity code message and exits 1 on the seed's impossible vector match", async () => {
    const r = await inProcess(['lint', join(SEEDS, '000-maestro-business-recording.yaml')]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(
      /^packages\/rule-dsl\/test\/fixtures\/seeds\/000-maestro-business-recording\.yaml:13:15 error lint\/vector-match-impossible /m,
    );
    expect(r.stderr).toMatch(/^1 file linted: 1 error, 0 warnings, \d+ info$/m);
  });

  it('lint reports a PromQL parse error as an error (exit 1): the seed day-4 file still has its Helm placeholders', async () => {
    const r = await inProcess(['lint', join(SEEDS, '000-maestro-day4-calibrated.yaml')]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(
      /^packages\/rule-dsl\/test\/fixtures\/seeds\/000-maestro-day4-calibrated\.yaml:6:\d+ error promql\/parse /m,
    );
  });

  it('lint --format json on the seed day-0 rules: warnings only, exit 0', async () => {
    const r = await inProcess([
      'lint',
      '--format',
      'json',
      '--scrape-interval',
      '30s',
      join(SEEDS, '000-maestro-day0-hair-trigger.yaml'),
    ]);
    expect(r.code, r.stderr).toBe(0);
    const diags = JSON.parse(r.stdout) as { code: string; severity: string; line: number }[];
    expect(diags.filter((d) => d.severity === 'error')).toEqual([]);
    expect(diags.filter((d) => d.code === 'lint/per-second-vs-per-minute').map((d) => d.line)).toEqual([21, 35]);
    expect(diags.filter((d) => d.code === 'lint/range-too-short').map((d) => d.line)).toEqual([21, 35]);
  });

  it('lint of a YAML file that is not a rule file is unusable input', async () => {
    expectInputError(
      await inProcess(['lint', join(tmp, 'not-rules.yaml')]),
      /^alertcraft lint: .*not-rules\.yaml:1:1: not a Prometheus rule file: a rule file needs a top-level `groups:` list/,
    );
  });

  it('lint --metadata: a counter without _total is an info guess, nothing with its metadata, a warning when metadata says gauge; bad metadata is unusable input', async () => {
    writeFileSync(
      join(tmp, 'envoy.yaml'),
      'groups:\n  - name: envoy\n    rules:\n      - alert: EnvoyTimeouts\n        expr: sum(rate(envoy_cluster_upstream_rq_timeout[5m])) > 1\n        for: 10m\n        labels: { severity: warning }\n        annotations: { summary: timeouts, description: "{{ $value }} per second" }\n',
    );
    writeFileSync(
      join(tmp, 'meta-counter.json'),
      JSON.stringify({
        status: 'success',
        data: { envoy_cluster_upstream_rq_timeout: [{ type: 'counter', help: '', unit: '' }] },
      }),
    );
    writeFileSync(join(tmp, 'meta-gauge.json'), JSON.stringify({ envoy_cluster_upstream_rq_timeout: 'gauge' }));
    writeFileSync(
      join(tmp, 'meta-bad.json'),
      JSON.stringify({ status: 'success', data: { up: [{ type: 'countr' }] } }),
    );
    const plain = await inProcess(['lint', join(tmp, 'envoy.yaml')]);
    expect(plain.stdout).toMatch(/envoy\.yaml:5:\d+ info lint\/rate-on-non-counter /);
    const counter = await inProcess(['lint', '--metadata', join(tmp, 'meta-counter.json'), join(tmp, 'envoy.yaml')]);
    expect(counter.stdout).not.toMatch(/rate-on-non-counter/);
    const gauge = await inProcess(['lint', '--metadata', join(tmp, 'meta-gauge.json'), join(tmp, 'envoy.yaml')]);
    expect(gauge.stdout).toMatch(/envoy\.yaml:5:\d+ warning lint\/rate-on-non-counter .*types as gauge/);
    expectInputError(
      await inProcess(['lint', '--metadata', join(tmp, 'meta-bad.json'), join(tmp, 'envoy.yaml')]),
      /^alertcraft lint: .*meta-bad\.json \$\.data\["up"\]\[0\]\.type: not Prometheus metric metadata: .*unknown metric type "countr"/,
    );
  });

  it('lint reports an undefined template variable as an error at its file:line:col (exit 1)', async () => {
    writeFileSync(
      join(tmp, 'template.yaml'),
      'groups:\n  - name: t\n    rules:\n      - alert: InstanceDown\n        expr: up == 0\n        for: 5m\n        labels: { severity: warning }\n        annotations:\n          summary: "Instance {{ $label.instance }} down"\n',
    );
    const r = await inProcess(['lint', join(tmp, 'template.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /template\.yaml:9:33 error lint\/template-parse annotation `summary` .*undefined variable "\$label"/,
    );
  });

  it('lint --pack lints every phase of every corrected pack without errors', async () => {
    for (const pack of ['maestro', 'aetherlink', 'incident-runbook', 'ga-launch']) {
      const r = await inProcess(['lint', '--pack', pack]);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).not.toMatch(/ error /);
      expect(r.stderr).toMatch(/linted: 0 errors, \d+ warnings?, \d+ info$/m);
    }
  });

  it('--help on every pack command prints its usage and exits 0', async () => {
    for (const name of ['packs', 'emit', 'lint']) {
      const r = await inProcess([name, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: alertcraft ${name}`));
    }
  });
});
