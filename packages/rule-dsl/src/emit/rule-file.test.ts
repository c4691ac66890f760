import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRuleFile } from '../load/rule-file.js';
import type { AlertingRule, RecordingRule, RuleFile, RuleGroup } from '../model.js';
import { emitRuleFile } from './rule-file.js';

const EXPRS = [
  'up == 0',
  'sum(rate(maestro_run_total[5m])) > 0',
  '(sum(rate(maestro_run_errors_total[5m])) / sum(rate(maestro_run_total[5m]))) > 0.02',
  '(\n  histogram_quantile(0.95, sum(rate(maestro_step_latency_bucket[5m])) by (le))\n  >\n  1.3\n) and (\n  rate(maestro_run_total[5m]) > 12\n)\n',
  'predict_linear(sum(rate(maestro_run_total[2h]))[4h:5m], 24*3600)\n>\n1600000',
  'up{job="a:b", env=~"prod|stage"} # comment with: colon',
  '  vector(1)',
  'absent(up{job="x"})\n\n',
];

const labelName = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,12}$/);
const tricky = fc.constantFrom(
  'yes',
  'no',
  'on',
  'true',
  'null',
  '~',
  '123',
  '0x1F',
  '1e3',
  '',
  ' ',
  ' lead',
  'trail ',
  '- item',
  '# hash',
  'a: b',
  '{{ $value }}',
  '"q"',
  "'s'",
  'multi\nline',
  'trailing newline\n',
  '\ttab',
  '@at',
  '*star',
  '&amp',
  '!tag',
  '%pct',
  '`tick`',
  'é😀',
);
const text = fc.oneof(tricky, fc.string({ maxLength: 20 }));
const stringMap = fc.dictionary(labelName, text, { minKeys: 1, maxKeys: 4 }).map((d) => ({ ...d }));
const duration = fc.constantFrom('0s', '30s', '1m', '5m', '1h30m', '2d', '1w');

const alerting: fc.Arbitrary<AlertingRule> = fc
  .record(
    {
      alert: fc.oneof(
        fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,20}$/),
        tricky.filter((s) => s !== ''),
      ),
      expr: fc.constantFrom(...EXPRS),
      for: duration,
      keep_firing_for: duration,
      labels: stringMap,
      annotations: stringMap,
    },
    { requiredKeys: ['alert', 'expr'] },
  )
  .map((r) => ({ ...r }));
const recording: fc.Arbitrary<RecordingRule> = fc
  .record(
    { record: fc.stringMatching(/^[a-z_:][a-z0-9_:]{0,20}$/), expr: fc.constantFrom(...EXPRS), labels: stringMap },
    { requiredKeys: ['record', 'expr'] },
  )
  .map((r) => ({ ...r }));
const group = (name: string): fc.Arbitrary<RuleGroup> =>
  fc
    .record(
      {
        interval: duration,
        limit: fc.nat({ max: 1000 }),
        query_offset: duration,
        rules: fc.array(fc.oneof(alerting, recording), { maxLength: 4 }),
      },
      { requiredKeys: ['rules'] },
    )
    .map((g) => ({ name, ...g }));
const ruleFile: fc.Arbitrary<RuleFile> = fc
  .uniqueArray(
    fc.oneof(
      fc.stringMatching(/^[a-z][a-z0-9.-]{0,15}$/),
      tricky.filter((s) => s !== ''),
    ),
    { maxLength: 3 },
  )
  .chain((names) => fc.tuple(...names.map(group)))
  .map((groups) => ({ groups }));

describe('emitRuleFile / loadRuleFile', () => {
  it('load(emit(x)) deep-equals x', () => {
    fc.assert(
      fc.property(ruleFile, (f) => {
        expect(loadRuleFile(emitRuleFile(f))).toStrictEqual(f);
      }),
      { numRuns: 100 },
    );
  });

  it('emit(load(text)) is stable on a second pass', () => {
    fc.assert(
      fc.property(ruleFile, (f) => {
        const once = emitRuleFile(f);
        expect(emitRuleFile(loadRuleFile(once))).toBe(once);
      }),
      { numRuns: 100 },
    );
  });

  it('writes a fixed key order, sorted labels, block scalars for multi-line exprs and quotes YAML 1.1 look-alikes', () => {
    const f: RuleFile = {
      groups: [
        {
          rules: [
            {
              annotations: { summary: 'Error rate > 2%', runbook: 'https://runbooks/error-spike' },
              labels: { severity: 'page', phase: 'day0' },
              for: '2m',
              expr: 'sum(rate(x[5m])) > 0\nand on() vector(1)',
              alert: 'A',
            },
            { labels: { enabled: 'yes' }, expr: 'sum(rate(x[5m]))', record: 'job:x:rate5m' },
          ],
          query_offset: '1m',
          interval: '30s',
          name: 'g',
        },
      ],
    };
    expect(emitRuleFile(f)).toMatchInlineSnapshot(`
      "groups:
        - name: g
          interval: 30s
          query_offset: 1m
          rules:
            - alert: A
              expr: |-
                sum(rate(x[5m])) > 0
                and on() vector(1)
              for: 2m
              labels:
                phase: day0
                severity: page
              annotations:
                runbook: https://runbooks/error-spike
                summary: Error rate > 2%
            - record: job:x:rate5m
              expr: sum(rate(x[5m]))
              labels:
                enabled: "yes"
      "
    `);
  });
});
