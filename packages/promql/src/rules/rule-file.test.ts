import { describe, expect, it } from 'vitest';
import { RuleFileError } from '../errors.js';
import { UnitTestFileError } from '../unittest/load.js';
import { loadRuleFile, parseRuleFile, readRuleFile } from './rule-file.js';

describe('parseRuleFile (rulefmt-like validation, problems as data)', () => {
  it('reads groups and rules with their fields', () => {
    const res = parseRuleFile(
      [
        'groups:',
        '  - name: g',
        '    interval: 30s',
        '    limit: 10',
        '    rules:',
        '      - record: job:x:sum',
        '        expr: sum by (job) (x)',
        '      - alert: A',
        '        expr: job:x:sum > 1',
        '        for: 5m',
        '        keep_firing_for: 1m',
        '        labels: { severity: page }',
        "        annotations: { summary: '{{ $value }}' }",
      ].join('\n'),
      { file: 'r.yml' },
    );
    expect(res.problems).toEqual([]);
    expect(res.groups).toEqual([
      {
        name: 'g',
        interval: '30s',
        limit: 10,
        rules: [
          { record: 'job:x:sum', expr: 'sum by (job) (x)' },
          {
            alert: 'A',
            expr: 'job:x:sum > 1',
            for: '5m',
            keep_firing_for: '1m',
            labels: { severity: 'page' },
            annotations: { summary: '{{ $value }}' },
          },
        ],
      },
    ]);
  });

  it('reports every problem with file:line:column', () => {
    const res = parseRuleFile(
      [
        'groups:',
        '  - name: g',
        '    rules:',
        '      - record: bad name',
        '        expr: x',
        '      - alert: B',
        '        expr: rate(x[5m]',
        '      - alert: C',
        '        record: c',
        '        expr: x',
        '      - alert: D',
        '        expr: x',
        "        annotations: { s: '{{ nosuch }}' }",
        '        for: soon',
        '  - name: g',
        '    rules: []',
      ].join('\n'),
      { file: 'r.yml' },
    );
    expect(res.problems.map((p) => `${p.line}:${p.column} ${p.message.split(':')[0]}`)).toEqual([
      '4:17 group "g", rule 1, "bad name"',
      '7:15 group "g", rule 2, "B"',
      '8:9 group "g", rule 3, "c"',
      '11:9 group "g", rule 4, "D"',
      '14:14 group "g", rule 4, "D"',
      '15:11 groupname',
    ]);
    expect(res.problems[0]!.message).toContain('invalid recording rule name: bad name');
    expect(res.problems[1]!.message).toContain('could not parse expression');
    expect(res.problems[3]!.message).toContain('function "nosuch" not defined');
  });

  it('rejects type errors as the Prometheus rule loader does, not only syntax errors', () => {
    const text = ['groups:', '  - name: g', '    rules:', '      - record: r:x:rate', '        expr: rate(x)', ''].join(
      '\n',
    );
    const res = parseRuleFile(text, { file: 'r.yml' });
    expect(res.problems).toHaveLength(1);
    expect(res.problems[0]!.message).toMatch(/could not parse expression: .*expected 1 argument|range vector/);
  });

  it('unknown fields and malformed YAML are problems, not exceptions', () => {
    expect(parseRuleFile('groups:\n  - name: g\n    rulez: []\n', { file: 'r.yml' }).problems[0]).toMatchObject({
      line: 3,
      column: 5,
    });
    expect(parseRuleFile('groups: [\n', { file: 'r.yml' }).problems[0]!.message).toMatch(/malformed YAML/);
  });

  it('loadRuleFile throws a RuleFileError (not a unit-test error) naming file:line:col of every problem', () => {
    const text =
      'groups:\n  - name: g\n    rulez: []\n    rules:\n      - alert: A\n        expr: up\n        severity: page\n';
    let err: unknown;
    try {
      loadRuleFile(text, { file: 'r.yml' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RuleFileError);
    expect(err).not.toBeInstanceOf(UnitTestFileError);
    const e = err as RuleFileError;
    expect(e.code).toBe('promql/rule-file');
    expect([e.line, e.column]).toEqual([3, 5]);
    expect(e.problems.map((p) => `${p.line}:${p.column}`)).toEqual(['3:5', '7:9']);
    expect(e.message.split('\n')).toEqual([
      'r.yml:3:5: field rulez not found in rule group (known fields: name, interval, query_offset, limit, rules)',
      'r.yml:7:9: field severity not found in rule (known fields: record, alert, expr, for, keep_firing_for, labels, annotations)',
    ]);
    expect(loadRuleFile('groups:\n  - name: g\n    rules:\n      - record: r\n        expr: up\n')).toEqual([
      { name: 'g', rules: [{ record: 'r', expr: 'up' }] },
    ]);
    expect(() => loadRuleFile('groups: [\n', { file: 'bad.yml' })).toThrow(
      expect.objectContaining({ code: 'promql/rule-file-yaml' }),
    );
  });

  it('readRuleFile reads from disk; an unreadable file is one problem', () => {
    expect(readRuleFile('/nonexistent/rules.yml').problems[0]).toMatchObject({
      file: '/nonexistent/rules.yml',
      message: expect.stringMatching(/^cannot read rule file: /),
    });
  });
});
