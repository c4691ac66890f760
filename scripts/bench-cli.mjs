#!/usr/bin/env node
// `pnpm bench:cli`: cold-start times of the installed `alertcraft` command (harness/bin/alertcraft.js,
// the built bundle) against promtool on the same files, with `node -e 0` as the floor. Each command
// runs BENCH_RUNS times (default 9), interleaved so machine load hits all of them alike; the table
// shows the median wall time and the ratios the targets are about:
//   --version <= 1.5x `node -e 0`, lint of a 5-rule file <= 3x `promtool check rules` on it.
// It measures the Node running it (process.execPath): run it under another one with
// `npx -y -p node@24 node scripts/bench-cli.mjs`. Node 22.1+ keeps compiled code between runs
// (bin/alertcraft.js turns on module.enableCompileCache), so the first run there fills the cache and
// is not counted; Node 20 has no such cache and compiles the bundle at every start.
// Exit 1 when the CLI is not built or a command fails (a timing of a failing command means nothing).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'harness/bin/alertcraft.js');
if (!existsSync(join(root, 'harness/dist/cli/main.js'))) {
  console.error(
    'bench:cli: harness/dist/cli/main.js is missing: build first (npx -y pnpm@10.34.9 --filter @alertcraft/harness build)',
  );
  process.exit(1);
}
const runs = Number(process.env.BENCH_RUNS ?? 9);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`bench:cli: BENCH_RUNS must be a positive integer, got ${process.env.BENCH_RUNS}`);
  process.exit(2);
}

const RULES = `groups:
  - name: checkout
    rules:
      - record: job:http_requests:rate5m
        expr: sum by (job) (rate(http_requests_total[5m]))
      - record: job:http_errors:rate5m
        expr: sum by (job) (rate(http_errors_total[5m]))
      - alert: HighErrorRate
        expr: sum(rate(http_errors_total[5m])) / sum(rate(http_requests_total[5m])) > 0.05
        for: 5m
        labels: { severity: page }
        annotations: { summary: Error rate above 5% }
      - alert: InstanceDown
        expr: up == 0
        for: 2m
        labels: { severity: page }
      - alert: HighLatency
        expr: histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))) > 1
        for: 10m
        labels: { severity: ticket }
`;
const TESTS = `rule_files:
  - rules.yaml
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - series: 'up{job="api", instance="a"}'
        values: '1 1 0 0 0 0 0'
    alert_rule_test:
      - eval_time: 5m
        alertname: InstanceDown
        exp_alerts:
          - exp_labels: { severity: page, job: api, instance: a }
`;

const dir = mkdtempSync(join(tmpdir(), 'alertcraft-bench-cli-'));
try {
  writeFileSync(join(dir, 'rules.yaml'), RULES);
  writeFileSync(join(dir, 'tests.yaml'), TESTS);
  const node = process.execPath;
  const cases = [
    { id: 'node', label: 'node -e 0', cmd: node, args: ['-e', '0'] },
    { id: 'version', label: 'alertcraft --version', cmd: node, args: [bin, '--version'] },
    { id: 'lint', label: 'alertcraft lint rules.yaml', cmd: node, args: [bin, 'lint', 'rules.yaml'] },
    { id: 'test', label: 'alertcraft test tests.yaml', cmd: node, args: [bin, 'test', 'tests.yaml'] },
    { id: 'pversion', label: 'promtool --version', cmd: 'promtool', args: ['--version'] },
    { id: 'pcheck', label: 'promtool check rules rules.yaml', cmd: 'promtool', args: ['check', 'rules', 'rules.yaml'] },
    { id: 'ptest', label: 'promtool test rules tests.yaml', cmd: 'promtool', args: ['test', 'rules', 'tests.yaml'] },
  ];
  const hasPromtool = spawnSync('promtool', ['--version'], { stdio: 'ignore' }).status === 0;
  const active = cases.filter((c) => hasPromtool || !c.id.startsWith('p'));
  if (!hasPromtool) console.log('promtool not on PATH: its rows and the promtool ratios are left out');
  const times = Object.fromEntries(active.map((c) => [c.id, []]));
  const compileCache = typeof module.enableCompileCache === 'function';
  // One uncounted round, so every command starts from warm disk caches (and a filled compile cache
  // where Node has one) as it does for a user's second command.
  for (const c of active) spawnSync(c.cmd, c.args, { cwd: dir, stdio: 'ignore' });
  for (let i = 0; i < runs; i++) {
    for (const c of active) {
      const t = process.hrtime.bigint();
      const r = spawnSync(c.cmd, c.args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      // lint exits 0 (warnings only) on this file; every command here should succeed.
      if (r.status !== 0) {
        console.error(`bench:cli: '${c.label}' exited ${r.status ?? r.signal}:\n${r.stdout}${r.stderr}`);
        process.exit(1);
      }
      times[c.id].push(ms);
    }
  }
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
  console.log(
    `start-up on node ${process.version} (compile cache ${compileCache ? 'on' : 'not available'}), median of ${runs} runs (ms), in ${dir.replace(tmpdir(), '$TMPDIR')}`,
  );
  for (const c of active) console.log(`  ${c.label.padEnd(34)} ${m[c.id].toFixed(0).padStart(6)}`);
  const ratio = (a, b) => m[a] / m[b];
  const rows = [
    ['alertcraft --version / node -e 0', ratio('version', 'node'), 1.5],
    ...(hasPromtool
      ? [
          ['alertcraft --version / promtool --version', ratio('version', 'pversion')],
          ['alertcraft lint / promtool check rules', ratio('lint', 'pcheck'), 3],
          ['alertcraft test / promtool test rules', ratio('test', 'ptest')],
        ]
      : []),
    ['alertcraft lint / node -e 0', ratio('lint', 'node')],
  ];
  console.log('ratios');
  for (const [label, r, target] of rows) {
    const verdict =
      target === undefined ? '' : r <= target ? `  (target <= ${target}: met)` : `  (target <= ${target}: NOT met)`;
    console.log(`  ${label.padEnd(42)} ${r.toFixed(2)}x${verdict}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
