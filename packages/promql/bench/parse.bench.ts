/**
 * Parse + type-check throughput over a realistic corpus (upstream promqltest eval expressions,
 * seed expressions, hand-written edge cases and seeded generated expressions), and the time of the
 * real `promtool check rules` on the same corpus measured in the same run.
 *
 * Run: pnpm bench   (= node --conditions=@alertcraft/source --import tsx packages/promql/bench/parse.bench.ts)
 * Target: >= 20,000 expressions/second.
 */
import { which } from '../../../test-support/requirements.js';
import { parseAndCheck } from '../src/check/parse-and-check.js';
import { clearRe2Cache } from '../src/re2.js';
import {
  conformanceExpressions,
  edgeExpressions,
  generatedExpressions,
  seedExpressions,
} from '../test/parse/corpus.js';
import { promtoolCheckRules } from '../test/parse/promtool.js';

export interface Measurement {
  name: string;
  /** Items processed per pass. */
  items: number;
  /** Mean milliseconds per pass. */
  msPerPass: number;
  /** Items per second. */
  perSecond: number;
}

/** Run `pass` repeatedly for at least `minMs` after a warm-up; returns the mean pass time. */
export function measure(name: string, items: number, pass: () => void, minMs = 1500): Measurement {
  for (let i = 0; i < 3; i++) pass();
  let passes = 0;
  const t0 = performance.now();
  let elapsed = 0;
  do {
    pass();
    passes++;
    elapsed = performance.now() - t0;
  } while (elapsed < minMs);
  const msPerPass = elapsed / passes;
  return { name, items, msPerPass, perSecond: (items / msPerPass) * 1000 };
}

async function main(): Promise<void> {
  const corpus = [
    ...conformanceExpressions(),
    ...seedExpressions(),
    ...edgeExpressions(),
    ...generatedExpressions(1000, 200),
  ];
  const exprs = corpus.map((e) => e.expr);
  let accepted = 0;
  for (const e of exprs) if (parseAndCheck(e).ok) accepted++;
  console.log(
    `corpus: ${exprs.length} expressions (${accepted} valid, ${exprs.length - accepted} invalid), ${exprs.reduce((n, e) => n + e.length, 0)} characters`,
  );

  // --- Section: parse + type check -------------------------------------------------------------
  const ours = measure('parse+check', exprs.length, () => {
    for (const e of exprs) parseAndCheck(e);
  });
  const target = 20_000;
  console.log(
    `parse+check: ${Math.round(ours.perSecond).toLocaleString('en-US')} expressions/s ` +
      `(${ours.msPerPass.toFixed(1)} ms per pass of ${ours.items}; target >= ${target.toLocaleString('en-US')}/s: ${ours.perSecond >= target ? 'met' : 'NOT met'})`,
  );

  const cold = measure('parse+check, regex cache cleared each pass', exprs.length, () => {
    clearRe2Cache();
    for (const e of exprs) parseAndCheck(e);
  });
  console.log(
    `parse+check with a cold regex cache: ${Math.round(cold.perSecond).toLocaleString('en-US')} expressions/s`,
  );

  // --- Section: promtool check rules on the same corpus -------------------------------------------
  const promtool = which(['promtool']);
  if (!promtool) {
    console.log('promtool: not on PATH (apt-get install -y prometheus); ratio not measured');
  } else {
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) runs.push((await promtoolCheckRules(promtool, exprs)).elapsedMs);
    const best = Math.min(...runs);
    console.log(
      `promtool check rules: ${best.toFixed(0)} ms for the same ${exprs.length} expressions (best of 3, includes process start); ` +
        `parse+check is ${(best / ours.msPerPass).toFixed(1)}x faster`,
    );
  }

  // --- Section: rule-dsl lint of a 1,000-rule file ------------------------------------------------
  // Reserved for the rule-dsl lint engineer: measure lint time of a generated 1,000-rule file here
  // with `measure(...)` above and print it with its ratio against `promtool check rules`.
}

await main();
