/**
 * The SLOs the shipped packs declare (maestro day 8, ga-launch) through slo-math's own proof: the
 * generated rules pass the generated unit tests (each page tier fires for its burn within its
 * computed detection time and resets when the burn stops; the absent-SLI alert fires) under
 * alertcraft's runner and Debian's `promtool test rules`, and `promtool check rules` accepts them.
 * The `fast` files (page tiers and the absent alert) run here; slo-math's own tests run the ticket tiers.
 */
import { formatUnitTestOutput, runUnitTestFile } from '@alertcraft/promql';
import { emitRuleFile } from '@alertcraft/rule-dsl';
import { emitUnitTests, generateRules, generateUnitTests } from '@alertcraft/slo-math';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { needBinary, PROMTOOL_HINT } from '../../../test-support/requirements.js';
import { seedPacks } from '../../packs/index.js';

const promtool = needBinary('local', ['promtool'], PROMTOOL_HINT);
const dir = mkdtempSync(join(tmpdir(), 'pack-slos-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cases = seedPacks.flatMap((pack) =>
  Object.entries(pack.slos ?? {}).map(([phase, specs]) => ({ name: `${pack.name}-${phase}`, specs: specs ?? [] })),
);

describe('the packs’ SLOs pass their generated unit tests', () => {
  it('maestro day8 and ga-launch declare SLOs', () => {
    expect(cases.map((c) => `${c.name}: ${c.specs.map((s) => `${s.name} ${s.objective}`).join(', ')}`)).toEqual([
      'maestro-day8: availability 99.9, latency 98',
      'ga-launch-ga: availability 99.9, latency 95, errors 99',
    ]);
  });

  for (const { name, specs } of cases) {
    const rules = `${name}.rules.yaml`;
    writeFileSync(join(dir, rules), emitRuleFile(generateRules(specs)));
    const fast = generateUnitTests(specs, rules).find((t) => t.name === 'fast');
    if (!fast) throw new Error(`${name}: no fast unit tests generated`);
    const test = join(dir, `${name}.fast.test.yaml`);
    writeFileSync(test, emitUnitTests(fast.data));

    it(`${name}: alertcraft test passes (page tiers, absent SLI)`, () => {
      const r = runUnitTestFile(test);
      const text = formatUnitTestOutput({ files: [r], exitCode: r.ok ? 0 : 1 })
        .map((l) => l.line)
        .join('\n');
      expect(r.ok, text).toBe(true);
      expect(r.groups.length).toBeGreaterThanOrEqual(specs.filter((s) => s.tiers.length).length);
    }, 120_000);

    it.skipIf(!promtool.ok)(
      `${name}: promtool check rules and promtool test rules pass`,
      () => {
        expect(execFileSync(promtool.value!, ['check', 'rules', rules], { encoding: 'utf8', cwd: dir })).toMatch(
          /SUCCESS/,
        );
        expect(execFileSync(promtool.value!, ['test', 'rules', test], { encoding: 'utf8', cwd: dir })).toMatch(
          /SUCCESS/,
        );
      },
      180_000,
    );
  }
});
