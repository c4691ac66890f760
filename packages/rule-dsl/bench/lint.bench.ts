/**
 * Lint time for a generated 1,000-rule file (budget: < 1 s), next to `promtool check rules` on the
 * same file when promtool is on PATH (it parses and checks every expression too).
 *
 *   node --conditions=@alertcraft/source --import tsx packages/rule-dsl/bench/lint.bench.ts [rules]
 *
 * The file is generated from the seed 000 rule shapes with a seeded PRNG (same seed, same file):
 * about half the rules carry one of the seed mistakes, so every check does real work.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { lintFile } from '../src/lint/lint-file.js';
import { readRuleSource } from '../src/lint/yaml-source.js';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SHAPES: Array<(m: string, w: string) => string> = [
  (m, w) => `(sum(rate(${m}_errors_total[${w}])) / sum(rate(${m}_total[${w}]))) > 0.02`,
  (m, w) => `histogram_quantile(0.95, sum(rate(${m}_latency_bucket[${w}])) by (le)) > 1.8`,
  (m, w) => `sum(rate(${m}_cost_usd_total[${w}])) > 2.0`,
  (m, w) => `|\n          (sum by (tenant) (rate(${m}_errors_total[${w}])) > 0.1)\n          and on (tenant)\n          (${m}_tenant_tier{tier="premium"})`,
  (m, w) => `sum by (tenant) (increase(${m}_total[${w}])) / sum(increase(${m}_total[${w}]))`,
  (m, w) => `sum(rate(${m}_queue_depth[${w}])) > 10 and sum(rate(${m}_total[${w}])) > 0`,
];

export function generateRuleFile(rules: number, seed = 42): string {
  const rnd = mulberry32(seed);
  const lines = ['groups:'];
  const perGroup = 50;
  for (let i = 0; i < rules; i++) {
    if (i % perGroup === 0) lines.push(`  - name: generated-${i / perGroup}`, '    rules:');
    const m = `svc${Math.floor(rnd() * 200)}`;
    const w = ['1m', '2m', '5m', '10m'][Math.floor(rnd() * 4)];
    const shape = SHAPES[Math.floor(rnd() * SHAPES.length)](m, w);
    const severity = ['page', 'critical', 'warning'][Math.floor(rnd() * 3)];
    const expr = shape.startsWith('|') ? shape : JSON.stringify(shape);
    if (rnd() < 0.25) {
      lines.push(`      - record: ${m}:generated_${i}:${w}`, `        expr: ${expr}`);
    } else {
      lines.push(
        `      - alert: Generated${i}`,
        `        expr: ${expr}`,
        `        for: ${['0s', '30s', '2m', '5m'][Math.floor(rnd() * 4)]}`,
        `        labels: { severity: ${severity} }`,
        '        annotations:',
        `          summary: '${rnd() < 0.3 ? 'Budget burn > $2/min' : 'Something is wrong'}'`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const count = Number(process.argv[2] ?? 1000);
const text = generateRuleFile(count);
lintFile(text, 'warmup.yaml'); // JIT warm-up
const wall: number[] = [];
const cpu: number[] = [];
const yamlWall: number[] = [];
let findings = 0;
for (let i = 0; i < 7; i++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  findings = lintFile(text, 'generated.yaml').length;
  wall.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
  const t1 = performance.now();
  readRuleSource(text);
  yamlWall.push(performance.now() - t1);
}
const lintMs = median(wall);
console.log(
  `lintFile: ${count} rules (${text.length} bytes), ${findings} findings, median of 7: ${lintMs.toFixed(1)} ms wall, ` +
    `${median(cpu).toFixed(1)} ms CPU (min wall ${Math.min(...wall).toFixed(1)} ms); of which YAML read + positions ${median(yamlWall).toFixed(1)} ms; load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`,
);

const promtool = (() => {
  try {
    return execFileSync('sh', ['-c', 'command -v promtool'], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
})();
if (promtool) {
  const dir = mkdtempSync(join(tmpdir(), 'alertcraft-lint-bench-'));
  try {
    const file = join(dir, 'generated.yaml');
    writeFileSync(file, text);
    const pt: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      try {
        execFileSync(promtool, ['check', 'rules', file], { stdio: 'pipe' });
      } catch {
        // promtool exits non-zero on lint warnings; the time is what we compare
      }
      pt.push(performance.now() - t0);
    }
    const ptMs = median(pt);
    console.log(`promtool check rules (same file, process included), median of 3: ${ptMs.toFixed(1)} ms; lintFile/promtool = ${(lintMs / ptMs).toFixed(2)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
} else {
  console.log('promtool not on PATH: no comparison');
}
// The budget is judged on CPU time: on a shared 2-core machine wall time mostly measures the neighbours.
if (count === 1000 && median(cpu) >= 1000) {
  console.error(`lint of 1,000 rules took ${median(cpu).toFixed(0)} ms CPU, over the 1 s budget`);
  process.exitCode = 1;
}
