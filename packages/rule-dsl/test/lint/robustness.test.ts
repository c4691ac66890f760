/**
 * Diagnostics are data: lint never throws on any expression or rule shape, reports invalid
 * PromQL as promql/* errors, and raises no promql/* diagnostic on valid generated PromQL.
 */
import { format } from '@alertcraft/promql';
import { generateExpr, generateInvalidExpr, mulberry32 } from '@alertcraft/promql/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/lint.js';
import { lintFile } from '../../src/lint/lint-file.js';
import type { RuleGroup } from '../../src/model.js';

const OPTS = {
  metrics: ['a_total', 'b_bucket', 'g_gauge', 'job:a:rate5m'],
  labels: ['tenant', 'le', 'job'],
  labelValues: ['x', '1'],
  maxDepth: 4,
};

describe('lint robustness', () => {
  it('valid generated expressions: no promql/* diagnostic, no throw', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const text = format(generateExpr(mulberry32(seed), OPTS));
      const groups: RuleGroup[] = [
        {
          name: 'g',
          rules: [
            { alert: 'A', expr: text, for: '5m', labels: { severity: 'page' } },
            { record: 'job:a:rate5m', expr: text },
          ],
        },
      ];
      const diags = lint(groups);
      expect(
        diags.filter((d) => d.code.startsWith('promql/')),
        `seed ${seed}: ${text}`,
      ).toEqual([]);
      for (const d of diags) expect(d.message.length).toBeGreaterThan(10);
    }
  });

  it('invalid generated expressions: a promql/* error, no throw', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const text = generateInvalidExpr(mulberry32(seed), OPTS);
      const diags = lint([{ name: 'g', rules: [{ alert: 'A', expr: text }] }]);
      expect(
        diags.some(
          (d) =>
            (d.code === 'promql/parse' || d.code === 'promql/type' || d.code === 'lint/rule-expr-type') &&
            d.severity === 'error',
        ),
        `seed ${seed}: ${text}`,
      ).toBe(true);
    }
  });

  it('odd rule shapes from YAML never throw', () => {
    const scalar = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
    const rule = fc.record(
      {
        alert: scalar,
        record: scalar,
        expr: fc.oneof(fc.constantFrom('up == 0', 'rate(x[1m])', 'sum by (a) (x) / sum(x)', '{{ .Values.x }}'), scalar),
        for: fc.oneof(fc.constantFrom('5m', '0s', 'soon'), scalar),
        labels: fc.oneof(fc.dictionary(fc.constantFrom('severity', 'team'), scalar), scalar),
        annotations: fc.oneof(fc.dictionary(fc.constantFrom('summary', 'runbook_url'), scalar), scalar),
      },
      { requiredKeys: [] },
    );
    const group = fc.record(
      {
        name: scalar,
        interval: fc.oneof(fc.constantFrom('30s', 'x'), scalar),
        rules: fc.oneof(fc.array(fc.oneof(rule, scalar), { maxLength: 4 }), scalar),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(group, { maxLength: 3 }), (groups) => {
        const text = JSON.stringify({ groups }); // JSON is YAML
        const diags = lintFile(text, 'odd.yaml');
        for (const d of diags) expect(typeof d.code).toBe('string');
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
