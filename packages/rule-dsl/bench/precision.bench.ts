/**
 * Lint precision on real-world rule files (issue #11): lints every file under
 * test/fixtures/real-world/ (sources, commits and licences in its sources.json and README.md) at
 * the scrape interval its source was written for, prints the findings per code and severity, then
 * draws a seeded random sample of the warnings and takes every error, and computes precision from
 * the hand judgements committed in bench/precision-judgements.json (finding id → tp/fp + reason).
 * A sampled finding without a judgement is listed and makes the run fail, so nothing is assumed.
 *
 *   node --conditions=@alertcraft/source --import tsx packages/rule-dsl/bench/precision.bench.ts [--seed N] [--sample N]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '@alertcraft/promql/testing';
import { lintFile } from '../src/lint/lint-file.js';
import type { LintDiagnostic } from '../src/lint/types.js';

interface Source {
  dir: string;
  mixin: string;
  licence: string;
  scrapeInterval: string;
}
interface Judgement {
  verdict: 'tp' | 'fp';
  reason: string;
}

const ROOT = fileURLToPath(new URL('../test/fixtures/real-world/', import.meta.url));
const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 0) throw new Error(`--${name} must be a non-negative integer`);
  return v;
};
const SEED = arg('seed', 11);
const SAMPLE = arg('sample', 30);

const sources = (JSON.parse(readFileSync(`${ROOT}sources.json`, 'utf8')) as { files: Source[] }).files;
const judgements = JSON.parse(
  readFileSync(fileURLToPath(new URL('./precision-judgements.json', import.meta.url)), 'utf8'),
) as Record<string, Judgement>;

/** Stable id of a finding: file, line, column, code. */
const idOf = (d: LintDiagnostic): string => `${d.file}:${d.line}:${d.column} ${d.code}`;

const all: LintDiagnostic[] = [];
let files = 0;
let rules = 0;
for (const s of sources) {
  for (const name of ['alerts.yaml', 'rules.yaml']) {
    let text: string;
    try {
      text = readFileSync(`${ROOT}${s.dir}/${name}`, 'utf8');
    } catch {
      continue;
    }
    files++;
    rules += (text.match(/^\s*-?\s*(alert|record):/gm) ?? []).length;
    all.push(...lintFile(text, `${s.dir}/${name}`, { scrapeInterval: s.scrapeInterval }));
  }
}

console.log(`real-world rule files: ${files} files, ${rules} rules, ${sources.length} sources`);
const counts = new Map<string, number>();
for (const d of all)
  counts.set(`${d.severity.padEnd(7)} ${d.code}`, (counts.get(`${d.severity.padEnd(7)} ${d.code}`) ?? 0) + 1);
for (const [k, v] of [...counts].sort()) console.log(`  ${String(v).padStart(4)}  ${k}`);

// Seeded draw without replacement over all warnings (in lint order), plus every error.
const warnings = all.filter((d) => d.severity === 'warning');
const errors = all.filter((d) => d.severity === 'error');
const rng = mulberry32(SEED);
const pool = [...warnings];
const sample: LintDiagnostic[] = [];
while (sample.length < Math.min(SAMPLE, warnings.length))
  sample.push(pool.splice(Math.floor(rng() * pool.length), 1)[0]!);

function score(label: string, ds: LintDiagnostic[]): { tp: number; fp: number; missing: string[] } {
  let tp = 0;
  let fp = 0;
  const missing: string[] = [];
  console.log(`\n${label}`);
  for (const d of ds) {
    const id = idOf(d);
    const j = judgements[id];
    if (!j) {
      missing.push(id);
      console.log(`  ??  ${id}  (no judgement)`);
      continue;
    }
    if (j.verdict === 'tp') tp++;
    else fp++;
    console.log(`  ${j.verdict.toUpperCase()}  ${id}\n        ${j.reason}`);
  }
  return { tp, fp, missing };
}

const w = score(`sampled warnings: ${sample.length} of ${warnings.length}, seed ${SEED}`, sample);
const e = score(`every error: ${errors.length}`, errors);
const precision = w.tp + w.fp === 0 ? NaN : w.tp / (w.tp + w.fp);
console.log(
  `\nwarning precision on the sample: ${w.tp}/${w.tp + w.fp} = ${(precision * 100).toFixed(1)} % (target >= 90 %)`,
);
console.log(`error findings: ${e.tp} true, ${e.fp} false positive(s) (target 0)`);
const missing = [...w.missing, ...e.missing];
if (missing.length > 0) {
  console.log(
    `\n${missing.length} sampled finding(s) have no judgement in bench/precision-judgements.json; judge them and re-run.`,
  );
  process.exitCode = 1;
}
