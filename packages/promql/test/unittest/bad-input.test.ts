/** Unusable unit-test files give a clear error with file:line (exit 2); broken content fails the group with its location. */
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { needBinary, PROMTOOL_HINT } from '../../../../test-support/requirements.js';
import { runUnitTests, formatUnitTestOutput, runUnitTestFile } from '../../src/unittest/run.js';

const bad = join(dirname(fileURLToPath(import.meta.url)), 'bad');
const differences = join(dirname(fileURLToPath(import.meta.url)), 'differences');

describe('unusable unit-test files (exit 2, file:line:col)', () => {
  it.each([
    ['malformed-yaml.yml', /malformed-yaml\.yml:6:1: malformed YAML: /],
    ['unknown-field.yml', /unknown-field\.yml:8:5: field alert_rule_tests not found in test group/],
    ['bad-duration.yml', /bad-duration\.yml:6:20: eval_time: unknown unit " minutes" in duration "5 minutes"/],
    ['does-not-exist.yml', /does-not-exist\.yml: no such file/],
  ])('%s', (file, message) => {
    const res = runUnitTests([join(bad, file)]);
    expect(res.exitCode).toBe(2);
    expect(res.files[0]!.fileError?.message).toMatch(message);
    const text = formatUnitTestOutput(res)
      .map((l) => l.line)
      .join('\n');
    expect(text).toContain('  FAILED:');
  });

  it('an unusable file among good ones still exits 2', () => {
    const res = runUnitTests([join(bad, '..', 'no-for.test.yml'), join(bad, 'unknown-field.yml')]);
    expect(res.exitCode).toBe(2);
  });
});

describe('broken content fails its test group like promtool (exit 1) with the location', () => {
  it('input series syntax error', () => {
    const res = runUnitTestFile(join(bad, 'bad-series.yml'));
    expect(res.ok).toBe(false);
    expect(res.groups[0]!.errors[0]).toMatch(
      /bad-series\.yml:7: error in input series "up\{job=\\"a\\" 1 1": expected "," or "\}" at column 12/,
    );
  });

  it('rule file whose expression does not parse', () => {
    const res = runUnitTestFile(join(bad, 'bad-rule-file.yml'));
    expect(res.ok).toBe(false);
    expect(res.groups[0]!.errors[0]).toMatch(
      /bad-expr\.rules\.yml:5:15: group "broken", rule 1, "Broken": could not parse expression: 1:17: parse error/,
    );
  });
});

const promtool = needBinary('local', ['promtool'], PROMTOOL_HINT);

describe.skipIf(!promtool.ok)('promtool 2.42 vs 2.54 (documented differences)', () => {
  it('a test group without interval: 2.54 (and we) load input at evaluation_interval, 2.42 does not', () => {
    const file = join(differences, 'interval-default.test.yml');
    const ours = runUnitTestFile(file);
    expect(ours.ok).toBe(true);
    const r = spawnSync(promtool.value!, ['test', 'rules', file], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('alertname: HighErrorRatio, time: 1m');
  });

  it('group query_offset: 2.54 (and we) delay the query, 2.42 cannot load the rule file', () => {
    const file = join(differences, 'query-offset.test.yml');
    expect(runUnitTestFile(file).ok).toBe(true);
    const r = spawnSync(promtool.value!, ['test', 'rules', file], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('field query_offset not found');
  });

  it('missing/malformed files: promtool exits 1, we exit 2 (the brief asks for 2 on unusable input)', () => {
    const r = spawnSync(promtool.value!, ['test', 'rules', join(bad, 'unknown-field.yml')], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('line 8: field alert_rule_tests not found');
    expect(runUnitTests([join(bad, 'unknown-field.yml')]).exitCode).toBe(2);
  });
});
