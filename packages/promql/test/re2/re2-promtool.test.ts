/**
 * RE2 semantics of label matchers, checked against the real promtool (Debian, Prometheus 2.42):
 * every pattern of the corner-case corpus is accepted or rejected as `promtool check rules` does,
 * and every accepted one selects exactly the series `promtool test rules` selects. Our verdicts
 * become the test's expectations; promtool passing them is the agreement.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REGEX_PATTERNS, REGEX_VALUES } from '../../../../test-support/regex-corpus.js';
import { needBinary, PROMTOOL_HINT } from '../../../../test-support/requirements.js';
import { parse } from '../../src/index.js';
import { compileRe2Matcher, re2SyntaxError } from '../../src/re2.js';
import { promtoolCheckRules } from '../parse/promtool.js';

const promtool = needBinary('local', ['promtool'], PROMTOOL_HINT);
const dir = mkdtempSync(join(tmpdir(), 'alertcraft-re2-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const selector = (pattern: string) => `x{v=~${JSON.stringify(pattern)}}`;
const series = (i: number) =>
  REGEX_VALUES[i] === '' ? `x{i="${i}"}` : `x{i="${i}", v=${JSON.stringify(REGEX_VALUES[i])}}`;

describe.skipIf(!promtool.ok)('RE2 label matchers agree with promtool', () => {
  it('accepts and rejects the same patterns', async () => {
    const verdicts = await promtoolCheckRules(promtool.value!, REGEX_PATTERNS.map(selector));
    const differ: string[] = [];
    REGEX_PATTERNS.forEach((p, i) => {
      const ours = parse(selector(p)).expr !== undefined;
      if (ours !== (re2SyntaxError(p) === undefined))
        differ.push(`${JSON.stringify(p)}: parse and re2SyntaxError disagree`);
      const theirs = !verdicts.rejected.has(i);
      if (ours !== theirs)
        differ.push(
          `${JSON.stringify(p)}: ours ${ours ? 'accepts' : 'rejects'}, promtool ${theirs ? 'accepts' : `rejects (${verdicts.rejected.get(i)})`}`,
        );
    });
    expect(differ).toEqual([]);
    // The corpus has both kinds in number, so the check above cannot pass trivially.
    expect(verdicts.rejected.size).toBeGreaterThan(20);
    expect(REGEX_PATTERNS.length - verdicts.rejected.size).toBeGreaterThan(50);
  }, 60_000);

  it('selects the same series for every accepted pattern', async () => {
    const valid = REGEX_PATTERNS.filter((p) => re2SyntaxError(p) === undefined);
    const tests = valid.map((p) => {
      const re = compileRe2Matcher(p);
      const hits = REGEX_VALUES.map((_, i) => i).filter((i) => re.matches(REGEX_VALUES[i]!));
      return { expr: selector(p), eval_time: '0m', exp_samples: hits.map((i) => ({ labels: series(i), value: 1 })) };
    });
    const file = join(dir, 'match.test.json');
    const doc = {
      rule_files: [],
      tests: [
        {
          interval: '1m',
          input_series: REGEX_VALUES.map((_, i) => ({ series: series(i), values: '1' })),
          promql_expr_test: tests,
        },
      ],
    };
    writeFileSync(file, JSON.stringify(doc, null, 1));
    const { code, output } = await new Promise<{ code: number; output: string }>((resolve) => {
      execFile(
        promtool.value!,
        ['test', 'rules', file],
        { maxBuffer: 16 << 20, timeout: 60_000 },
        (err, stdout, stderr) => {
          resolve({ code: err ? Number(err.code ?? 1) : 0, output: `${stdout}\n${stderr}` });
        },
      );
    });
    expect(output.slice(0, 4000)).toContain('SUCCESS');
    expect(code).toBe(0);
    expect(
      tests.filter((t) => t.exp_samples.length > 0 && t.exp_samples.length < REGEX_VALUES.length).length,
    ).toBeGreaterThan(40);
  }, 60_000);
});
