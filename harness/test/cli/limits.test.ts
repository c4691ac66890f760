/**
 * The CLI's resource limits: file sizes (`ALERTCRAFT_MAX_INPUT_BYTES`), series and samples a test
 * may load (`--max-series`, `--max-samples`) and samples per query (`--query-max-samples`). Each
 * ends with a located error, has a default, and can be raised.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { CommandIO } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';

const dir = mkdtempSync(join(tmpdir(), 'alertcraft-cli-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  delete process.env.ALERTCRAFT_MAX_INPUT_BYTES;
});

function capture(): { io: CommandIO; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (l) => out.push(l), stderr: (l) => err.push(l), isTTY: false, cwd: dir }, out, err };
}

async function run(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const c = capture();
  const code = await main(argv, c.io);
  return { code, out: c.out, err: c.err };
}

writeFileSync(
  join(dir, 'three.test'),
  'load 1m\n  a 1 2 3\n  b 1 2 3\n  c 1 2 3\n\neval instant at 2m count({__name__=~"a|b|c"})\n  {} 3\n',
);
writeFileSync(
  join(dir, 'three_test.yml'),
  [
    'tests:',
    '  - interval: 1m',
    '    input_series:',
    "      - { series: 'a', values: '1 2 3' }",
    "      - { series: 'b', values: '1 2 3' }",
    "      - { series: 'c', values: '1 2 3' }",
    '    promql_expr_test:',
    '      - expr: count({__name__=~"a|b|c"})',
    '        eval_time: 2m',
    '        exp_samples: [{ labels: "{}", value: 3 }]',
    '',
  ].join('\n'),
);
writeFileSync(join(dir, 'rules.yml'), 'groups:\n  - name: g\n    rules:\n      - record: r\n        expr: up\n');

describe('alertcraft promqltest limits', () => {
  it('passes under the defaults', async () => {
    expect(await run(['promqltest', 'three.test'])).toMatchObject({ code: 0, out: ['1 passed, 0 failed, 0 skipped'] });
  });

  // The expected series of an eval count too: 4 series, 10 samples in all.
  it('--max-series / --max-samples: exit 2 at the line that passes the limit', async () => {
    const s = await run(['promqltest', '--max-series', '2', 'three.test']);
    expect(s.code).toBe(2);
    expect(s.err).toEqual([
      'alertcraft promqltest: three.test:4: this series is one more than the 2 series a test may load (the limit; raise it with maxSeries / --max-series)',
    ]);
    const n = await run(['promqltest', '--max-samples', '8', 'three.test']);
    expect(n.code).toBe(2);
    expect(n.err[0]).toMatch(
      /^alertcraft promqltest: three\.test:4: this series brings the samples loaded to 9, more than the 8/,
    );
    expect((await run(['promqltest', '--max-series', '4', '--max-samples', '10', 'three.test'])).code).toBe(0);
  });

  it("--query-max-samples: the case fails with Prometheus' message", async () => {
    const r = await run(['promqltest', '--query-max-samples', '2', 'three.test']);
    expect(r.code).toBe(1);
    expect(r.out[0]).toContain('query processing would load too many samples into memory in query execution');
  });

  it('bad limit values are usage errors naming the flag, before any file is read', async () => {
    for (const v of ['0', '-1', '1e3', '0x10', '']) {
      const r = await run(['promqltest', `--max-series=${v}`, 'missing.test']);
      expect(r.code).toBe(2);
      expect(r.err[0]).toContain(`--max-series '${v}': expected a decimal integer from 1 to`);
    }
  });

  it('ALERTCRAFT_MAX_INPUT_BYTES bounds the file size', async () => {
    process.env.ALERTCRAFT_MAX_INPUT_BYTES = '10';
    const r = await run(['promqltest', 'three.test']);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(
      /^alertcraft promqltest: three\.test: file is \d+ bytes, larger than the 10-byte limit \(raise it with ALERTCRAFT_MAX_INPUT_BYTES\)$/,
    );
    process.env.ALERTCRAFT_MAX_INPUT_BYTES = 'lots';
    const bad = await run(['promqltest', 'three.test']);
    expect(bad.code).toBe(2);
    expect(bad.err[0]).toContain('ALERTCRAFT_MAX_INPUT_BYTES="lots": expected a positive decimal number of bytes');
  });
});

describe('alertcraft test limits', () => {
  it('--max-series fails the group at the series line (exit 1, as promtool reports bad input series)', async () => {
    expect((await run(['test', 'three_test.yml'])).code).toBe(0);
    const r = await run(['test', '--max-series', '2', 'three_test.yml']);
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toMatch(
      /three_test\.yml:6: error in input series "c 1 2 3": this series is one more than the 2 series/,
    );
  });

  it('--query-max-samples raises or lowers promtool’s 10,000', async () => {
    const r = await run(['test', '--query-max-samples', '2', 'three_test.yml']);
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toContain('query processing would load too many samples into memory in query execution');
  });

  it('ALERTCRAFT_MAX_INPUT_BYTES bounds the unit-test file (exit 2)', async () => {
    process.env.ALERTCRAFT_MAX_INPUT_BYTES = '10';
    const r = await run(['test', 'three_test.yml']);
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toMatch(/three_test\.yml: file is \d+ bytes, larger than the 10-byte limit/);
  });
});

describe('alertcraft lint size limit', () => {
  it('4 MiB by default; ALERTCRAFT_MAX_INPUT_BYTES lowers or raises it', async () => {
    expect((await run(['lint', 'rules.yml'])).code).not.toBe(2);
    process.env.ALERTCRAFT_MAX_INPUT_BYTES = '20';
    const r = await run(['lint', 'rules.yml']);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(
      /rules\.yml: rule file is \d+ bytes, larger than the 20 bytes limit; is this the right file\? \(raise the limit with ALERTCRAFT_MAX_INPUT_BYTES=BYTES\)$/,
    );
  });
});
