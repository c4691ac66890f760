import { describe, expect, it } from 'vitest';
import { RuntimeInputError } from '../../src/runtime/errors.js';
import { planRules, referencedNames } from '../../src/runtime/rule-plan.js';
import type { RuntimeWarning } from '../../src/runtime/types.js';

describe('referencedNames', () => {
  it('finds metric names outside string literals and in __name__ matchers', () => {
    const { names, patterns } = referencedNames(
      'sum by (job) (rate(a:b_total{x="not_a_metric"}[5m])) / on(job) {__name__="c", y=~"d"} or {__name__=~"e.*"}',
    );
    expect(names.has('a:b_total')).toBe(true);
    expect(names.has('c')).toBe(true);
    expect(names.has('not_a_metric')).toBe(false);
    expect(patterns.map((p) => p.test('e:recorded'))).toEqual([true]);
  });
});

describe('planRules', () => {
  const rec = (record: string, expr: string) => ({ record, expr });
  const alert = (name: string, expr: string) => ({ alert: name, expr });

  it('stages: scenario-only rules 0, one more per recording rule in the chain', () => {
    const warnings: RuntimeWarning[] = [];
    const plan = planRules(
      [
        {
          name: 'a',
          interval: '15s',
          rules: [rec('r1', 'sum(x)'), rec('r2', 'r1 * 2'), alert('A', 'r2 > 1'), alert('B', 'x > 1')],
        },
        { name: 'b', rules: [alert('C', 'r1 > 0'), rec('r3', '{__name__=~"r[12]"}')] },
      ],
      60_000,
      warnings,
    );
    expect(plan.map((r) => [r.name, r.stage, r.intervalMs])).toEqual([
      ['r1', 0, 15_000],
      ['r2', 1, 15_000],
      ['A', 2, 15_000],
      ['B', 0, 15_000],
      ['C', 1, 60_000],
      ['r3', 2, 60_000],
    ]);
    expect(warnings).toEqual([]);
  });

  it('a rule reading a later group’s recording rule is staged after it (groups run independently)', () => {
    const plan = planRules(
      [
        { name: 'a', rules: [alert('A', 'late > 0')] },
        { name: 'b', rules: [rec('late', 'x')] },
      ],
      60_000,
      [],
    );
    expect(plan.map((r) => [r.name, r.stage])).toEqual([
      ['A', 1],
      ['late', 0],
    ]);
  });

  it('warns about reading a later rule of the same group (Prometheus would give the previous value)', () => {
    const warnings: RuntimeWarning[] = [];
    const plan = planRules(
      [{ name: 'a', rules: [alert('A', 'r > 0'), rec('r', 'x'), rec('self', 'self + 1')] }],
      60_000,
      warnings,
    );
    expect(plan.map((r) => r.stage)).toEqual([0, 0, 0]);
    expect(warnings.map((w) => [w.code, w.path])).toEqual([
      ['runtime/backward-reference', 'groups[0].rules[0]'],
      ['runtime/backward-reference', 'groups[0].rules[2]'],
    ]);
    expect(warnings[1]!.message).toContain('itself');
  });

  it('durations: for, keep_firing_for, query_offset; bad ones name their path', () => {
    const plan = planRules(
      [{ name: 'a', query_offset: '30s', rules: [{ alert: 'A', expr: 'x', for: '1h30m', keep_firing_for: '5m' }] }],
      60_000,
      [],
    );
    expect(plan[0]).toMatchObject({ forMs: 5_400_000, keepFiringForMs: 300_000, queryOffsetMs: 30_000 });
    expect(() => planRules([{ name: 'a', rules: [{ alert: 'A', expr: 'x', for: '5 minutes' }] }], 60_000, [])).toThrow(
      RuntimeInputError,
    );
    expect(() => planRules([{ name: 'a', rules: [{ alert: 'A', expr: 'x', for: '5 minutes' }] }], 60_000, [])).toThrow(
      /groups\[0\]\.rules\[0\]\.for: invalid duration "5 minutes"/,
    );
    expect(() => planRules([{ name: 'a', interval: '0s', rules: [] }], 60_000, [])).toThrow(
      /groups\[0\]\.interval: the evaluation interval must be positive/,
    );
  });
});
