/**
 * Differential parse check: our parse + type check against the real `promtool check rules`
 * (Debian, Prometheus 2.42) on every upstream promqltest eval expression, every seed expression,
 * hand-written edge cases, 300 generated expressions (half valid, half invalid) and 500 random token
 * sequences. Accept/reject must agree on every expression except the ones that use
 * syntax or functions newer than 2.42; those are listed in test/fixtures/newer-than-2.42.txt with
 * their feature, and the test asserts the disagreements are exactly that list.
 * Set UPDATE_NEWER_THAN_2_42=1 to rewrite the list after an intended change of the corpus.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { needBinary, PROMTOOL_HINT } from '../../../../test-support/requirements.js';
import { parseAndCheck } from '../../src/check/parse-and-check.js';
import {
  CONFORMANCE_DIR,
  conformanceExpressions,
  edgeExpressions,
  generatedExpressions,
  seedExpressions,
  tokenSoupExpressions,
} from './corpus.js';
import { newerFeatures } from './newer-features.js';
import { promtoolCheckRules } from './promtool.js';

const promtool = needBinary('local', ['promtool'], PROMTOOL_HINT);
if (!promtool.ok) console.log(`[promtool differential] skipped: ${promtool.reason}`);
// The checked-in list of disagreements includes upstream conformance expressions, so the corpus needs them.
const conformancePresent = existsSync(CONFORMANCE_DIR);
if (!conformancePresent)
  console.log(`[promtool differential] skipped: ${CONFORMANCE_DIR} not found (set PROMQLTEST_DIR)`);

const LIST = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'newer-than-2.42.txt');

interface Listed {
  features: string[];
  source: string;
  expr: string;
}

function readList(): Listed[] {
  return readFileSync(LIST, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => {
      const [features, source, ...rest] = l.split('\t');
      return { features: features!.split(','), source: source!, expr: JSON.parse(rest.join('\t')) as string };
    });
}

describe.skipIf(!promtool.ok || !conformancePresent)('parse + check agree with promtool check rules', () => {
  it('agrees on every expression except the listed newer-than-2.42 ones', async () => {
    const conformance = conformanceExpressions();
    const seeds = seedExpressions();
    const edge = edgeExpressions();
    const generated = [...generatedExpressions(150, 150), ...tokenSoupExpressions(500)];
    const corpus = [...conformance, ...seeds, ...edge, ...generated];
    expect(conformance.length).toBeGreaterThan(400);
    expect(seeds.length).toBeGreaterThan(30);

    const verdicts = await promtoolCheckRules(
      promtool.value!,
      corpus.map((e) => e.expr),
    );
    const differing: Listed[] = [];
    let agree = 0;
    corpus.forEach((e, i) => {
      const ours = parseAndCheck(e.expr).ok;
      const theirs = !verdicts.rejected.has(i);
      if (ours === theirs) agree++;
      else differing.push({ features: newerFeatures(e.expr), source: e.source, expr: e.expr });
    });

    if (process.env.UPDATE_NEWER_THAN_2_42) {
      const header = readFileSync(LIST, 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('#'));
      writeFileSync(
        LIST,
        `${[...header, ...differing.map((d) => `${d.features.join(',')}\t${d.source}\t${JSON.stringify(d.expr)}`)].join('\n')}\n`,
      );
    }
    const listed = readList();
    const accepted = corpus.filter((_, i) => !verdicts.rejected.has(i)).length;
    console.log(
      `[promtool differential] ${corpus.length} expressions (conformance ${conformance.length}, seeds ${seeds.length}, edge cases ${edge.length}, generated ${generated.length} (300 from the expression generator, 500 token soup); promtool accepted ${accepted}, rejected ${verdicts.rejected.size}): ` +
        `agree ${agree}/${corpus.length}; differ ${differing.length} = newer-than-2.42 ${listed.length}; promtool took ${verdicts.elapsedMs.toFixed(0)} ms`,
    );

    // Every disagreement uses a detected newer feature ...
    for (const d of differing) expect(d.features, `${d.source}: ${d.expr}`).not.toEqual([]);
    // ... and the disagreements are exactly the checked-in list, with the same features.
    expect(differing.map((d) => `${d.source}\t${d.expr}`)).toEqual(listed.map((l) => `${l.source}\t${l.expr}`));
    for (const [i, d] of differing.entries()) expect(d.features).toEqual(listed[i]!.features);
    // All other expressions agree: 100 % outside the list.
    expect(agree).toBe(corpus.length - listed.length);
  });
});
