import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { maestroPack } from '../../test/fixtures/maestro-pack.js';
import { CrdValidationError, RuleDslInputError } from '../errors.js';
import { render } from '../render.js';
import { loadPrometheusRule } from '../load/prometheus-rule.js';
import { emitPrometheusRule, toPrometheusRule } from './prometheus-rule.js';

describe('PrometheusRule CRD', () => {
  const day0 = render(maestroPack, 'day0');

  it('wraps the rendered groups in a monitoring.coreos.com/v1 PrometheusRule that validates', () => {
    const text = emitPrometheusRule(day0, {
      name: 'maestro-day0',
      namespace: 'monitoring',
      labels: { release: 'kube-prometheus-stack' },
    });
    const obj = parseYaml(text) as { apiVersion: string; kind: string; metadata: unknown; spec: { groups: unknown } };
    expect(obj.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(obj.kind).toBe('PrometheusRule');
    expect(obj.metadata).toEqual({
      name: 'maestro-day0',
      namespace: 'monitoring',
      labels: { release: 'kube-prometheus-stack' },
    });
    expect(obj.spec.groups).toEqual(day0.groups);
    expect(text.split('\n').slice(0, 8).join('\n')).toMatchInlineSnapshot(`
      "apiVersion: monitoring.coreos.com/v1
      kind: PrometheusRule
      metadata:
        name: maestro-day0
        namespace: monitoring
        labels:
          release: kube-prometheus-stack
      spec:"
    `);
  });

  it('fails schema validation with the schema message (bad durations)', () => {
    const bad = {
      groups: [{ name: 'g', interval: '1 minute', rules: [{ alert: 'A', expr: 'up == 0', for: 'soon' }] }],
    };
    expect(() => toPrometheusRule(bad, { name: 'x' })).toThrow(CrdValidationError);
    expect(() => toPrometheusRule(bad, { name: 'x' })).toThrow(/groups\/0\/interval must match pattern/);
  });

  it('names every schema violation with its JSON path (CRD schema checked with ajv)', () => {
    const bad = {
      groups: [{ name: '', rules: [{ alert: 'A', expr: 'up == 0', keep_firing_for: '', labels: { n: 1 } }] }],
    };
    const run = () => toPrometheusRule(bad as never, { name: 'x' });
    expect(run).toThrow(/\/spec\/groups\/0\/name must NOT have fewer than 1 characters/);
    expect(run).toThrow(/\/spec\/groups\/0\/rules\/0\/keep_firing_for must NOT have fewer than 1 characters/);
    expect(run).toThrow(/\/spec\/groups\/0\/rules\/0\/labels\/n must be string/);
    const ok = {
      groups: [{ name: 'g', interval: '1m', partial_response_strategy: 'WARN', rules: [{ record: 'r', expr: 'up' }] }],
    };
    expect(toPrometheusRule(ok as never, { name: 'x' }).spec.groups[0]!.name).toBe('g');
  });

  it('rejects names Kubernetes would reject', () => {
    expect(() => toPrometheusRule(day0, { name: 'Maestro_Day0' })).toThrow(RuleDslInputError);
  });
});

describe('loadPrometheusRule', () => {
  it('reads back what emitPrometheusRule wrote', () => {
    const file = render(maestroPack, 'day4', {
      baselines: maestroPack.exampleBaselines!,
      values: maestroPack.exampleValues!,
    });
    const text = emitPrometheusRule(file, {
      name: 'maestro-day4',
      namespace: 'monitoring',
      labels: { release: 'kps' },
    });
    expect(loadPrometheusRule(text)).toStrictEqual({
      metadata: { name: 'maestro-day4', namespace: 'monitoring', labels: { release: 'kps' } },
      file,
    });
  });

  it('reports problems under spec.groups with positions', () => {
    const text =
      'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: { name: x }\nspec:\n  groups:\n    - name: g\n      rules:\n        - alert: A\n';
    expect(() => loadPrometheusRule(text, { file: 'x.yaml' })).toThrow(
      "x.yaml:8:11: spec.groups[0].rules[0]: missing 'expr'",
    );
    expect(() => loadPrometheusRule('apiVersion: v1\nkind: ConfigMap\nspec: {}\n')).toThrow(
      /apiVersion: invalid value "v1": expected monitoring\.coreos\.com\/v1/,
    );
  });
});
