import { describe, expect, it } from 'vitest';
import { parseRuleFile } from './rule-file.js';

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
        "        for: 5m",
        '        keep_firing_for: 1m',
        '        labels: { severity: page }',
        "        annotations: { summary: '{{ $value }}' }",
      ].join('\n'),
      'r.yml',
    );
    expect(res.problems).toEqual([]);
    expect(res.groups).toEqual([
      {
        name: 'g',
        interval: '30s',
        limit: 10,
        rules: [
          { record: 'job:x:sum', expr: 'sum by (job) (x)' },
          { alert: 'A', expr: 'job:x:sum > 1', for: '5m', keep_firing_for: '1m', labels: { severity: 'page' }, annotations: { summary: '{{ $value }}' } },
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
      'r.yml',
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
    const text = ['groups:', '  - name: g', '    rules:', '      - record: r:x:rate', '        expr: rate(x)', ''].join('\n');
    const res = parseRuleFile(text, 'r.yml');
    expect(res.problems).toHaveLength(1);
    expect(res.problems[0]!.message).toMatch(/could not parse expression: .*expected 1 argument|range vector/);
  });

  it('unknown fields and malformed YAML are problems, not exceptions', () => {
    expect(parseRuleFile('groups:\n  - name: g\n    rulez: []\n', 'r.yml').problems[0]).toMatchObject({ line: 3, column: 5 });
    expect(parseRuleFile('groups: [\n', 'r.yml').problems[0]!.message).toMatch(/malformed YAML/);
  });
});
