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
import { generateRuleFile } from './generate-rule-file.js';

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
    console.log(
      `promtool check rules (same file, process included), median of 3: ${ptMs.toFixed(1)} ms; lintFile/promtool = ${(lintMs / ptMs).toFixed(2)}`,
    );
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
