/**
 * lintFile positions: file:line:col of the offending value, and for expression-level findings the
 * position inside the expression, through plain, quoted and block-scalar (`|`, `>`) YAML values.
 * Expected positions are found by searching the file text, independently of the mapping code.
 */
import { describe, expect, it } from 'vitest';
import { lintFile } from '../../src/lint/lint-file.js';
import type { LintDiagnostic } from '../../src/lint/types.js';
import { seedGroups, seedText } from './helpers.js';

/** 1-based line/column of the first occurrence of `needle` in `text` at or after `from`. */
function find(text: string, needle: string, from = 0): { line: number; column: number } {
  const i = text.indexOf(needle, from);
  if (i < 0) throw new Error(`${needle} not in text`);
  const before = text.slice(0, i).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

const at = (d: LintDiagnostic | undefined): { line?: number; column?: number } => ({
  line: d?.line,
  column: d?.column,
});

describe('lintFile positions', () => {
  it('points into a plain one-line expr (seed day 0: [1m] window, per-minute threshold)', () => {
    const file = '000-maestro-day0-hair-trigger.yaml';
    const text = seedText(file);
    const diags = lintFile(text, file);
    const budget = text.indexOf('alert: MaestroBudgetBurnSpike');
    const short = diags.find((d) => d.code === 'lint/range-too-short' && d.path === 'groups[0].rules[2].expr');
    expect(at(short)).toEqual(find(text, 'maestro_cost_usd_total[1m]', budget));
    const perMin = diags.find(
      (d) => d.code === 'lint/per-second-vs-per-minute' && d.path === 'groups[0].rules[2].expr',
    );
    expect(at(perMin)).toEqual(find(text, '2.0', budget));
    // rule-level findings point at the value they are about
    const runbook = diags.find((d) => d.code === 'lint/missing-runbook' && d.path.startsWith('groups[0].rules[2]'));
    expect(runbook?.path).toBe('groups[0].rules[2].annotations');
    expect(at(runbook)).toEqual(find(text, 'summary:', budget));
  });

  it('maps through a block scalar (seed day 8: the ratio on the second line of `expr: |`)', () => {
    const file = '000-maestro-day8-mature.yaml';
    const text = seedText(file);
    const diags = lintFile(text, file);
    const ratio = diags.find(
      (d) => d.code === 'lint/ratio-without-traffic-guard' && d.path === 'groups[0].rules[0].expr',
    );
    const expr = seedGroups(file)[0].rules[0].expr;
    const snippet = expr.slice(ratio!.range!.start, ratio!.range!.end);
    expect(snippet.startsWith('sum(rate(maestro_run_success_total[1h])) / sum(rate(maestro_run_total[1h]))')).toBe(
      true,
    );
    expect(at(ratio)).toEqual(find(text, snippet));
    const bucket = diags.find((d) => d.code === 'lint/bucket-sum-across-le');
    const start = text.indexOf('alert: MaestroSLOLatencyBudgetBurn');
    // the second (unfiltered) bucket sum, after the `/` line
    expect(at(bucket)).toEqual(find(text, 'sum(rate(maestro_step_latency_bucket[1h]))\n', text.indexOf('/\n', start)));
  });

  it('maps the recording-rule mismatch onto its line', () => {
    const file = '000-maestro-business-recording.yaml';
    const text = seedText(file);
    const d = lintFile(text, file).find((x) => x.code === 'lint/vector-match-impossible');
    expect(at(d)).toEqual(find(text, 'sum by (tenant) (increase(maestro_run_total[1h])) / sum('));
  });

  it('maps through double-quoted, single-quoted and folded values', () => {
    const text = [
      'groups:',
      '  - name: q',
      '    rules:',
      '      - record: a:b:rate1m',
      '        expr: "sum(rate(x_total[1m])) + sum(rate(y_total[1m]))"',
      '      - record: a:c:rate1m',
      '        expr: \'sum(rate(x_total{k="v"}[5m])) + sum(rate(z_total[1m]))\'',
      '      - record: a:e:rate1m',
      '        expr: "sum(rate(v_total{a=\\"b\\\\\\\\c\\"}[5m])) + sum(rate(u_total{a=\\"\\"}[1m]))"',
      '      - record: a:d:rate1m',
      '        expr: >',
      '          sum(rate(x_total[5m]))',
      '          +',
      '          sum(rate(w_total[1m]))',
      '',
    ].join('\n');
    const diags = lintFile(text, 'q.yaml').filter((d) => d.code === 'lint/range-too-short');
    expect(diags.map(at)).toEqual([
      find(text, 'x_total[1m]'),
      find(text, 'y_total[1m]'),
      find(text, 'z_total[1m]'),
      find(text, 'u_total{'),
      find(text, 'w_total[1m]'),
    ]);
  });

  it('reports YAML syntax errors with their position and no lint findings', () => {
    const diags = lintFile('groups:\n  - name: x\n    rules: [\n', 'bad.yaml');
    expect(diags.length).toBeGreaterThan(0);
    expect(
      diags.every(
        (d) => d.code === 'yaml/parse' && d.severity === 'error' && d.file === 'bad.yaml' && (d.line ?? 0) > 0,
      ),
    ).toBe(true);
  });

  it('reports a file without groups', () => {
    expect(lintFile('rules: []\n', 'x.yaml').map((d) => [d.code, d.path])).toEqual([['yaml/shape', 'groups']]);
  });

  it('related positions of a duplicate alert name point at the first definition', () => {
    const text = [
      'groups:',
      '  - name: a',
      '    rules:',
      '      - alert: Dup',
      '        expr: up == 0',
      '      - alert: Dup',
      '        expr: up == 0',
      '',
    ].join('\n');
    const [d] = lintFile(text, 'd.yaml');
    expect(d.code).toBe('lint/duplicate-alert-name');
    expect(at(d)).toEqual({ line: 6, column: 16 });
    expect(d.related).toEqual([{ path: 'groups[0].rules[0].alert', line: 4, column: 16, message: 'first definition' }]);
  });
});
