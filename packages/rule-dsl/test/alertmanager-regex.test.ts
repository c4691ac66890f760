/**
 * Alertmanager regex matchers have RE2 semantics: on the regex corner-case corpus, our config
 * validation accepts and rejects the patterns amtool check-config (Alertmanager 0.25) does, and
 * for every accepted pattern `amtool config routes test` routes each label value exactly where
 * our anchored RE2 matcher says it matches.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileRe2Matcher } from '@alertcraft/promql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGEX_PATTERNS, REGEX_VALUES } from '../../../test-support/regex-corpus.js';
import { ALERTMANAGER_HINT, needBinary } from '../../../test-support/requirements.js';
import { parseAlertmanagerConfig } from '../src/index.js';

const amtool = needBinary('local', ['amtool'], ALERTMANAGER_HINT);

/** A double-quoted Alertmanager matcher value (`\\`, `\"` and `\n` escaped, as its parser reads them). */
const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

function config(patterns: readonly string[]): string {
  const routes = patterns.map((p, i) => ({ receiver: `r${i}`, continue: true, matchers: [`v=~${quote(p)}`] }));
  return JSON.stringify({
    route: { receiver: 'none', routes },
    receivers: [{ name: 'none' }, ...patterns.map((_, i) => ({ name: `r${i}` }))],
  });
}

function amtoolRun(args: string[], cwd: string): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    execFile(amtool.value!, args, { cwd, timeout: 30_000, maxBuffer: 4 << 20 }, (err, stdout, stderr) =>
      resolve({ ok: !err, output: `${stdout}${stderr}` }),
    );
  });
}

describe.skipIf(!amtool.ok)('Alertmanager regex matchers agree with amtool', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'alertcraft-am-regex-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const ours = (p: string) => parseAlertmanagerConfig(config([p])).value !== undefined;
  const valid = REGEX_PATTERNS.filter(ours);
  const invalid = REGEX_PATTERNS.filter((p) => !ours(p));

  it('accepts the patterns amtool accepts and rejects the others', async () => {
    expect(valid.length).toBeGreaterThan(50);
    expect(invalid.length).toBeGreaterThan(20);
    // One amtool run checks one file per pattern and reports each as SUCCESS or FAILED.
    const files = REGEX_PATTERNS.map((_, i) => `p${i}.json`);
    await Promise.all(REGEX_PATTERNS.map((p, i) => writeFile(join(dir, files[i]!), config([p]))));
    const { output } = await amtoolRun(['check-config', ...files], dir);
    const differ: string[] = [];
    REGEX_PATTERNS.forEach((p, i) => {
      const m = new RegExp(`Checking '${files[i]}'\\s+(SUCCESS|FAILED)`).exec(output);
      expect(m, `no verdict for ${files[i]} in:\n${output.slice(0, 2000)}`).not.toBeNull();
      if ((m![1] === 'SUCCESS') !== ours(p))
        differ.push(`${JSON.stringify(p)}: ours ${ours(p) ? 'accepts' : 'rejects'}, amtool ${m![1]}`);
    });
    expect(differ).toEqual([]);
    // Our message is RE2's, as Alertmanager's is.
    const r = parseAlertmanagerConfig(config(['(?=a)']));
    expect(r.diagnostics.find((d) => d.severity === 'error')?.message).toContain(
      'invalid or unsupported Perl syntax: `(?=`',
    );
  }, 60_000);

  it('routes every label value where our RE2 matcher says it matches', async () => {
    // One route per (pattern, value): label v<k> carries value k, route r<i>_<k> matches v<k> with pattern i.
    // The 400,000-instruction pattern is left out here (its syntax is checked above): 34 copies of it are slow in amtool.
    const small = valid.filter((p) => p.length < 100);
    const routes = small.flatMap((p, i) =>
      REGEX_VALUES.map((_, k) => ({ receiver: `r${i}_${k}`, continue: true, matchers: [`v${k}=~${quote(p)}`] })),
    );
    const receivers = [{ name: 'none' }, ...routes.map((r) => ({ name: r.receiver }))];
    await writeFile(join(dir, 'routes.json'), JSON.stringify({ route: { receiver: 'none', routes }, receivers }));
    const labels = REGEX_VALUES.map((v, k) => `v${k}=${quote(v)}`);
    const res = await amtoolRun(['config', 'routes', 'test', '--config.file=routes.json', ...labels], dir);
    expect(res.ok, res.output.slice(0, 2000)).toBe(true);
    const line = res.output.split('\n').find((l) => /^(none|r\d+_\d+)(,r\d+_\d+)*$/.test(l.trim()));
    const theirs = new Set((line ?? '').trim().split(','));
    const differ: string[] = [];
    let hits = 0;
    small.forEach((p, i) => {
      const re = compileRe2Matcher(p, { dialect: 'alertmanager' });
      REGEX_VALUES.forEach((v, k) => {
        const mine = re.matches(v);
        if (mine) hits++;
        if (mine !== theirs.has(`r${i}_${k}`))
          differ.push(`${JSON.stringify(p)} on ${JSON.stringify(v)}: ours ${mine}, amtool ${!mine}`);
      });
    });
    expect(differ).toEqual([]);
    expect(hits).toBeGreaterThan(100);
    expect(hits).toBeLessThan(small.length * REGEX_VALUES.length - 100);
  }, 60_000);
});
