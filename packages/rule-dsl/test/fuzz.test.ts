/**
 * The seeded fuzzer of test-support/fuzz.ts in the normal suite: a few thousand mutated inputs
 * over PromQL (parse, check, format↔parse), rule files, unit-test and promqltest files, exposition
 * text and Alertmanager configs. No crash, no input over the budget, no round-trip failure.
 * The seed is printed; rerun one with FUZZ_SEED=<seed>. `pnpm fuzz` runs a million inputs.
 */
import { describe, expect, it } from 'vitest';
import { FUZZ_TARGETS, fuzz, fuzzSeed } from '../../../test-support/fuzz.js';

describe('fuzz', () => {
  it('survives a few thousand inputs per run', () => {
    const seed = fuzzSeed();
    console.log(`[fuzz] seed ${seed} (rerun with FUZZ_SEED=${seed})`);
    // The YAML targets cost ~10 ms an input, the others ~2 ms: more of the cheap ones.
    const fast = fuzz({ seed, perTarget: 800, budgetMs: 1000, targets: ['promql', 'promqltest', 'exposition'] });
    const yaml = fuzz({
      seed: seed + 1,
      perTarget: 150,
      budgetMs: 1000,
      targets: ['rule-file', 'unit-test', 'alertmanager'],
    });
    for (const r of [fast, yaml]) {
      console.log(
        `[fuzz] ${r.inputs} inputs in ${(r.elapsedMs / 1000).toFixed(1)} s, slowest ${r.slowestMs.toFixed(0)} ms`,
      );
      expect(
        r.findings.map((f) => `${f.kind} ${f.target}: ${f.detail}\n  input ${JSON.stringify(f.input.slice(0, 300))}`),
      ).toEqual([]);
      expect([r.crashes, r.slow, r.roundTripFailures]).toEqual([0, 0, 0]);
    }
    expect(fast.inputs + yaml.inputs).toBe(2850);
    expect(
      Object.values(fast.perTarget).filter((n) => n > 0).length +
        Object.values(yaml.perTarget).filter((n) => n > 0).length,
    ).toBe(FUZZ_TARGETS.length);
  }, 120_000);
});
