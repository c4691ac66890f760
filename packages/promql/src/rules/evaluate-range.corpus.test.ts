/**
 * `evaluateRulesRange` = `evaluateRules` on the promtool unit-test corpus of this package
 * (`test/unittest/*.test.yml`: rule files and input series written against promtool). The unit-test
 * runner itself keeps the per-step path (it loads input lazily and checks alerts between
 * timestamps); here every test group's input is loaded up front and both evaluation paths run
 * over the group's time range with promtool's schedule, then timeline, errors and stored samples
 * are compared.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSeriesDescription } from '../input-series.js';
import { createStorage, type Storage } from '../storage/memory-storage.js';
import { isStaleNaN } from '../storage/stale.js';
import { loadUnitTestFile } from '../unittest/load.js';
import type { TestGroup, UnitTestFile } from '../unittest/model.js';
import { evaluateRules } from './evaluate.js';
import { evaluateRulesRange } from './evaluate-range.js';
import { readRuleFile } from './rule-file.js';
import type { RuleGroupInput } from './types.js';

const CORPUS = join(dirname(fileURLToPath(import.meta.url)), '../../test/unittest');

function buildStorage(tg: TestGroup, intervalMs: number): Storage | undefined {
  const st = createStorage();
  for (const s of tg.inputSeries) {
    let d;
    try {
      d = parseSeriesDescription(`${s.series} ${s.values}`);
    } catch {
      return undefined;
    }
    for (let i = 0; i < d.present.length; i++) {
      if (!d.present[i]) continue;
      try {
        st.append(d.labels, i * intervalMs, d.values[i]!);
      } catch {
        // duplicate input series: dropped as promtool does
      }
    }
  }
  return st;
}

function dump(st: Storage): string[] {
  return st
    .series()
    .map(
      (s) =>
        `${JSON.stringify(s.labels)} ${[...s.timestamps].map((t, i) => `${t}=${isStaleNaN(s.values[i]!) ? 'STALE' : s.values[i]}`).join(' ')}`,
    )
    .sort();
}

describe('evaluateRulesRange = evaluateRules on the promtool unit-test corpus', () => {
  it('gives the same timeline, errors and stored samples for every test group', () => {
    const files = readdirSync(CORPUS).filter((f) => f.endsWith('.test.yml'));
    let compared = 0;
    let rangeRules = 0;
    let ruleFallbacks = 0;
    let whole = 0;
    for (const name of files) {
      let file: UnitTestFile;
      try {
        file = loadUnitTestFile(join(CORPUS, name));
      } catch {
        continue; // malformed on purpose (the runner's error tests)
      }
      const groups: RuleGroupInput[] = [];
      let bad = false;
      for (const rf of file.ruleFiles) {
        if (/[*?[]/.test(rf)) continue;
        const loaded = readRuleFile(join(dirname(file.path), rf));
        if (loaded.problems.length) bad = true;
        groups.push(...loaded.groups);
      }
      if (bad || groups.length === 0) continue;
      const order = new Map(file.groupEvalOrder.map((g, i) => [g, i]));
      const ordered = groups
        .map((g, i) => ({ g, i }))
        .sort((a, b) => (order.get(a.g.name) ?? 0) - (order.get(b.g.name) ?? 0) || a.i - b.i)
        .map((x) => x.g);
      for (const tg of file.tests) {
        const interval = tg.intervalMs || file.evaluationIntervalMs;
        const a = buildStorage(tg, interval);
        const b = buildStorage(tg, interval);
        if (!a || !b) continue;
        const maxInput = Math.max(0, ...tg.inputSeries.map((s) => s.values.split(/\s+/).length * interval));
        const end = Math.max(
          maxInput,
          ...tg.alertRuleTests.map((x) => x.evalTimeMs),
          ...tg.promqlExprTests.map((x) => x.evalTimeMs),
        );
        const options = {
          start: 0,
          end,
          defaultIntervalMs: file.evaluationIntervalMs,
          alignment: 'single' as const,
          externalLabels: tg.externalLabels,
          externalURL: tg.externalURL,
          queryOptions: { subqueryStepMs: file.evaluationIntervalMs },
        };
        const slow = evaluateRules(a, ordered, options);
        const fast = evaluateRulesRange(b, ordered, options);
        const where = `${name} group ${tg.name || tg.line}`;
        expect(fast.errors, where).toEqual(slow.errors);
        expect(fast.timeline, where).toEqual(slow.timeline);
        expect(dump(b), where).toEqual(dump(a));
        compared++;
        if (fast.fallbacks.some((f) => f.scope === 'evaluation')) whole++;
        else {
          const n = ordered.reduce((k, g) => k + g.rules.length, 0);
          const f = fast.fallbacks.length;
          ruleFallbacks += f;
          rangeRules += n - f;
        }
      }
    }
    console.log(
      `unit-test corpus: ${compared} test groups compared, 0 differences; whole-evaluation fallbacks ${whole}; rules on range queries ${rangeRules}, per-step rule fallbacks ${ruleFallbacks}`,
    );
    expect(compared).toBeGreaterThan(10);
  });
});
