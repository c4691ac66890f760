import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LoadError } from '../errors.js';
import { emitRuleFile } from '../emit/rule-file.js';
import { loadRuleFile, parseRuleFile } from './rule-file.js';

function loadError(text: string, file = 'rules.yaml'): LoadError {
  try {
    loadRuleFile(text, { file });
  } catch (e) {
    if (e instanceof LoadError) return e;
    throw e;
  }
  throw new Error('expected a LoadError');
}

describe('loadRuleFile errors', () => {
  it("names file:line:col and the path, e.g. groups[0].rules[2]: missing 'expr'", () => {
    const text = [
      'groups:',
      '  - name: g',
      '    rules:',
      '      - alert: A',
      '        expr: up == 0',
      '      - record: r',
      '        expr: up',
      '      - alert: C',
      '        for: 5m',
      '',
    ].join('\n');
    const err = loadError(text);
    expect(err.code).toBe('rule-dsl/load');
    expect(err.message).toBe(
      "cannot load rules.yaml: 1 problem(s):\n  rules.yaml:8:9: groups[0].rules[2]: missing 'expr'",
    );
    expect(err.diagnostics[0]).toMatchObject({
      code: 'load/missing-field',
      path: 'groups[0].rules[2]',
      line: 8,
      column: 9,
    });
  });

  it('reports every shape problem at its position', () => {
    const text = [
      'groups:',
      '  - name: x', // 2
      '    interval: 1 minute', // 3
      '    rules:',
      '      - alert: A', // 5
      '        expr: up',
      '        for: 5x', // 7
      '        labels: { bad-name: v }', // 8
      '      - record: job:up', // 9
      '        expr: up',
      '        annotations: { a: b }', // 11
      '      - alert: B', // 12
      '        record: b',
      '        expr: up',
      '      - expr: up', // 15
      '        severity: page', // 16
      '  - name: x', // 17
      '    rules: {}', // 18
      '    extra: 1', // 19
    ].join('\n');
    const err = loadError(text);
    expect(err.diagnostics.map((d) => `${d.line}:${d.column} ${d.path}: ${d.code}`)).toEqual([
      '3:15 groups[0].interval: load/invalid-duration',
      '7:14 groups[0].rules[0].for: load/invalid-duration',
      '8:19 groups[0].rules[0].labels.bad-name: load/invalid-name',
      '11:22 groups[0].rules[1].annotations: load/invalid-field',
      '12:9 groups[0].rules[2]: load/invalid-rule',
      '16:9 groups[0].rules[3].severity: load/unknown-field',
      '15:9 groups[0].rules[3]: load/missing-field',
      '19:5 groups[1].extra: load/unknown-field',
      '17:5 groups[1].name: load/duplicate-group',
      '18:12 groups[1].rules: load/wrong-type',
    ]);
  });

  it('reports YAML syntax errors with positions', () => {
    const err = loadError('groups:\n  - name: g\n   rules: [\n', 'bad.yaml');
    expect(err.diagnostics[0]).toMatchObject({ code: 'load/yaml-syntax', line: 3 });
    expect(err.message).toMatch(/^cannot load bad\.yaml: \d problem\(s\):\n {2}bad\.yaml:3:\d+: /);
  });

  it('reports invalid expressions with the rule path', () => {
    const err = loadError('groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: sum(rate(x[5m])\n');
    expect(err.diagnostics).toHaveLength(1);
    // The parser reports the unclosed parenthesis at the end of the expression: column 15 + 16 - 1.
    expect(err.diagnostics[0]).toMatchObject({
      code: 'load/invalid-expr',
      path: 'groups[0].rules[0].expr',
      line: 5,
      column: 30,
    });
  });

  it('maps expression positions into literal block scalars', () => {
    const text = [
      'groups:',
      '  - name: g',
      '    rules:',
      '      - alert: C',
      '        expr: |',
      '          (',
      '            sum(rate(x[5m]))',
      '            > > 1',
      '          )',
      '',
    ].join('\n');
    const d = loadError(text).diagnostics[0]!;
    expect(d).toMatchObject({ code: 'load/invalid-expr', line: 8, column: 15 });
    expect(text.split('\n')[d.line! - 1]!.slice(d.column! - 1)).toBe('> 1');
  });

  it('reads empty files and null groups, and keeps scalar label values as written', () => {
    expect(loadRuleFile('')).toEqual({ groups: [] });
    expect(loadRuleFile('groups:\n')).toEqual({ groups: [] });
    const f = loadRuleFile(
      'groups:\n  - name: g\n    limit: 10\n    rules:\n      - alert: A\n        expr: "1"\n        labels: { code: 0500, on: yes, ratio: 1.50 }\n',
    );
    expect(f).toEqual({
      groups: [
        {
          name: 'g',
          limit: 10,
          rules: [{ alert: 'A', expr: '1', labels: { code: '0500', on: 'yes', ratio: '1.50' } }],
        },
      ],
    });
  });

  it('parseRuleFile returns diagnostics instead of throwing', () => {
    const res = parseRuleFile('groups: 3');
    expect(res.value).toBeUndefined();
    expect(res.diagnostics[0]).toMatchObject({
      path: 'groups',
      message: 'expected a list, got number 3',
      line: 1,
      column: 9,
    });
  });
});

describe('emit(load(f)) on hand-written files', () => {
  const fixture = (name: string): string =>
    readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url), 'utf8');

  it.each(['seed-000-day0.yaml', 'seed-000-recording.yaml'])(
    '%s: same model after one pass, same bytes after two',
    (name) => {
      const original = loadRuleFile(fixture(name));
      const once = emitRuleFile(original);
      expect(loadRuleFile(once)).toStrictEqual(original);
      expect(emitRuleFile(loadRuleFile(once))).toBe(once);
    },
  );
});
