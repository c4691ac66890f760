import { describe, expect, it } from 'vitest';
import { parseRuleFile } from '../rules/rule-file.js';
import { readYaml } from './reader.js';

describe('go-yaml compatibility of the reader', () => {
  it('reads a quoted scalar continued at or left of its key, as go-yaml does (same lines)', () => {
    const src = readYaml(
      'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: "up\n== 0"\n        for: 5m\n',
    );
    expect(src.errors).toEqual([]);
    expect(src.documents[0]!.toJS()).toEqual({
      groups: [{ name: 'g', rules: [{ alert: 'A', expr: 'up == 0', for: '5m' }] }],
    });
    expect(src.text.split('\n')).toHaveLength(8);
  });

  it('still rejects what go-yaml rejects: a document marker inside the scalar, an unterminated quote', () => {
    expect(readYaml('a:\n  b: "up\n--- == 0"\n').errors.length).toBeGreaterThan(0);
    expect(readYaml('a:\n  b: "up == 0\n').errors.length).toBeGreaterThan(0);
  });

  it('reads the groups of PrometheusRule manifests (multi-document) with manifest positions', () => {
    const doc = (name: string) =>
      `apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: { name: ${name} }\nspec:\n  groups:\n    - name: ${name}\n      rules:\n        - record: r\n          expr: sum(\n`;
    const res = parseRuleFile(`${doc('a')}---\n${doc('b')}`, { file: 'm.yaml' });
    expect(res.groups.map((g) => g.name)).toEqual(['a', 'b']);
    expect(res.problems.map((p) => p.line)).toEqual([9, 19]);
  });
});
