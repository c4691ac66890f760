/**
 * The generated rules and unit tests, run by promtool (Debian's 2.42: `check rules`, `test rules`)
 * and by alertcraft's promtool-compatible runner. Bounded: promtool runs the `fast` files (page
 * tiers, absent alert) and alertcraft also the 30-day SLO's `slow` file (ticket tiers over days of
 * series, over a minute in promtool on two cores); `scripts/slo-promtool-bench.ts` runs them all in promtool.
 */
import { emitRuleFile, metric, re } from '@alertcraft/rule-dsl';
import { formatUnitTestOutput, runUnitTestFile } from '@alertcraft/promql';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { needBinary, PROMTOOL_HINT } from '../../../test-support/requirements.js';
import { defineSlo, emitUnitTests, generateRules, generateUnitTests, readSloFile, type SloSpec } from '../src/index.js';

const promtool = needBinary('local', ['promtool'], PROMTOOL_HINT);
const dir = mkdtempSync(join(tmpdir(), 'slo-math-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const availability = defineSlo({
  name: 'api-availability',
  service: 'api',
  objective: 99.9,
  sli: {
    type: 'ratio',
    errors: metric('http_requests_total', { job: 'api', code: re('5..') }),
    total: metric('http_requests_total', { job: 'api' }),
  },
  alerting: { overrides: { 'ticket-slow': { labels: { route: 'tickets' } } } },
});
const latency = defineSlo({
  name: 'api-latency',
  objective: 99,
  period: '7d',
  sli: { type: 'latency', buckets: metric('http_request_duration_seconds_bucket', { job: 'api' }), thresholdLe: 1 },
  alerting: { minEvents: 100 },
});
const fixture = (name: string): SloSpec[] => readSloFile(readFileSync(join(__dirname, 'fixtures', name), 'utf8'), name);

function write(
  stem: string,
  specs: SloSpec[],
  which: readonly ('fast' | 'slow')[],
): { rules: string; tests: string[] } {
  const rules = join(dir, `${stem}.rules.yaml`);
  writeFileSync(rules, emitRuleFile(generateRules(specs)));
  const tests: string[] = [];
  for (const t of which.length ? generateUnitTests(specs, `${stem}.rules.yaml`) : []) {
    if (!which.includes(t.name)) continue;
    const p = join(dir, `${stem}.${t.name}.test.yaml`);
    writeFileSync(p, emitUnitTests(t.data));
    tests.push(p);
  }
  return { rules, tests };
}

/** [name, SLOs, test files for alertcraft, test files for promtool] */
const cases: [string, SloSpec[], ('fast' | 'slow')[], ('fast' | 'slow')[]][] = [
  ['availability', [availability], ['fast', 'slow'], ['fast']],
  ['latency', [latency], ['fast'], ['fast']],
  ['sloth', fixture('sloth-checkout.yml'), [], []],
  ['openslo-v1', fixture('openslo-v1-api.yaml'), [], []],
  ['openslo-v1alpha', fixture('openslo-v1alpha-web.yaml'), ['fast'], ['fast']],
];

describe('generated SLO rules and unit tests', () => {
  for (const [stem, specs, which, promtoolFiles] of cases) {
    const testable = specs.filter((s) => !(s.sli.type === 'ratio' && s.sli.errorRatio));
    const { rules, tests } = write(stem, testable, which);
    const all = write(`${stem}-all`, specs, []).rules;
    // Sloth and OpenSLO v1 fixtures only get rule checks (their unit tests are covered by the other cases).
    if (tests.length > 0)
      it(`${stem}: alertcraft test passes the generated tests (${which.join(', ')})`, () => {
        for (const t of tests) {
          const r = runUnitTestFile(t);
          const text = formatUnitTestOutput({ files: [r], exitCode: r.ok ? 0 : 1 })
            .map((l) => l.line)
            .join('\n');
          expect(r.ok, text).toBe(true);
          expect(r.groups.length).toBeGreaterThan(0);
        }
      }, 120_000);
    it.skipIf(!promtool.ok)(
      `${stem}: promtool check rules accepts the rules, promtool test rules passes (${promtoolFiles.join(', ') || 'none'})`,
      () => {
        expect(execFileSync(promtool.value!, ['check', 'rules', rules, all], { encoding: 'utf8' })).toMatch(/SUCCESS/);
        for (const t of tests.filter((p) => promtoolFiles.some((f) => p.endsWith(`.${f}.test.yaml`))))
          expect(execFileSync(promtool.value!, ['test', 'rules', t], { encoding: 'utf8', cwd: dir })).toMatch(
            /SUCCESS/,
          );
      },
      120_000,
    );
  }
  it.skipIf(!promtool.ok)(
    'a generated test fails when the alert is broken (the tests can fail)',
    () => {
      const { rules, tests } = write('broken', [availability], ['fast']);
      writeFileSync(rules, readFileSync(rules, 'utf8').replace('> 0.0144', '> 0.02'));
      expect(() =>
        execFileSync(promtool.value!, ['test', 'rules', tests[0]!], { encoding: 'utf8', cwd: dir, stdio: 'pipe' }),
      ).toThrow();
      expect(runUnitTestFile(tests[0]!).ok).toBe(false);
    },
    120_000,
  );
});
