/**
 * `pnpm fuzz [--inputs N] [--seed S] [--budget-ms MS]`: runs the seeded mutation fuzzer of
 * test-support/fuzz.ts over every target (default 1,000,000 inputs in all) and prints the count,
 * seed, crashes, inputs over the budget (default 1000 ms) and round-trip failures, with the first
 * findings of each kind. Exit 1 when anything was found. Reproduce with the same --seed.
 */
import { FUZZ_TARGETS, fuzz, fuzzSeed } from '../test-support/fuzz.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function positiveInt(name: string, fallback: number): number {
  const v = arg(name);
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v) || Number(v) <= 0) {
    console.error(`fuzz: ${name} must be a positive integer, got ${JSON.stringify(v)}`);
    process.exit(2);
  }
  return Number(v);
}

const total = positiveInt('--inputs', 1_000_000);
const seedArg = arg('--seed');
const seed = seedArg === undefined ? fuzzSeed() : positiveInt('--seed', 0) >>> 0;
const budgetMs = positiveInt('--budget-ms', 1000);
const perTarget = Math.ceil(total / FUZZ_TARGETS.length);
console.log(
  `fuzz: seed ${seed}, ${perTarget * FUZZ_TARGETS.length} inputs (${perTarget} per target: ${FUZZ_TARGETS.join(', ')}), budget ${budgetMs} ms CPU per input`,
);
const report = fuzz({
  seed,
  perTarget,
  budgetMs,
  progressEvery: 10_000,
  onFinding: (f) => console.log(`[${f.kind}] ${f.target}: ${f.detail}\ninput: ${JSON.stringify(f.input)}`),
  onProgress: (done, r) =>
    console.log(
      `fuzz: ${done} inputs, ${(r.elapsedMs / 1000).toFixed(0)} s, crashes ${r.crashes}, slow ${r.slow}, round-trip ${r.roundTripFailures}`,
    ),
});
console.log(
  `\nfuzz: ${report.inputs} inputs, seed ${report.seed}, ${report.crashes} crashes, ${report.slow} inputs over ${budgetMs} ms ` +
    `CPU (slowest ${report.slowestMs.toFixed(0)} ms), ${report.roundTripFailures} round-trip failures, ${(report.elapsedMs / 1000).toFixed(0)} s`,
);
process.exit(report.crashes || report.slow || report.roundTripFailures ? 1 : 0);
