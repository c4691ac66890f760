/**
 * Every flag is validated before any work starts (issue #16 item 5): numbers, URLs, regexes,
 * flags that only apply with --live, output paths; and a known failure (Postgres down) is a clear
 * line, never "please report this as a bug".
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getPack, packNames, phaseIds } from '../pack-registry/registry.js';
import type { CommandIO } from './command.js';
import { main } from './main.js';

const dir = mkdtempSync(join(tmpdir(), 'alertcraft-flags-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; err: string; ms: number }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIO = { stdout: (l) => out.push(l), stderr: (l) => err.push(l), isTTY: false, cwd: dir };
  const t0 = performance.now();
  const code = await main(argv, io);
  return { code, err: err.join('\n'), ms: performance.now() - t0 };
}

const pack = packNames()[0]!;
const livePack = ['--pack', pack, '--phase', phaseIds(getPack(pack))[0]!];

describe('CLI flag validation', () => {
  it('rejects live-only flags without --live', async () => {
    for (const args of [['--speedup', 'abc'], ['--window', 'garbage'], ['--keep-ledger'], ['--speedup', '60']]) {
      const r = await cli('replay', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain(`${args[0]} only apply with --live`);
    }
  });

  it('accepts only decimal seeds', async () => {
    for (const seed of ['', '0x10', '1e3', '-1', '1.5', ' 7', '99999999999999999999']) {
      const r = await cli('replay', '--seed', seed);
      expect(r.code, JSON.stringify(seed)).toBe(2);
      expect(r.err).toContain(`--seed '${seed}': expected a decimal integer`);
    }
  });

  it('bounds --speedup with --live, before starting anything', async () => {
    for (const s of ['abc', '1e-300', '0', '-5', '1e9', 'Infinity', '']) {
      const r = await cli('replay', '--live', ...livePack, '--speedup', s);
      expect(r.code, s).toBe(2);
      expect(r.err).toContain(`--speedup '${s}': expected a decimal number from 1 to 100000`);
    }
    const r = await cli('replay', '--live', ...livePack, '--report', 'x.html');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--report does not apply with --live');
  });

  it('rejects a malformed --webhook-url without printing its credentials', async () => {
    const r = await cli(
      'emit',
      '--pack',
      pack,
      '--format',
      'alertmanager',
      '--out',
      join(dir, 'am'),
      '--webhook-url',
      'http://u:p@[::1/a',
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain("--webhook-url 'http://***@[::1/a' is not a valid http(s) URL");
    expect(r.err).not.toContain('u:p');
    for (const bad of ['ftp://x/', 'http://', 'not a url', 'http://a b/']) {
      expect(
        (await cli('emit', '--pack', pack, '--format', 'alertmanager', '--out', join(dir, 'am'), '--webhook-url', bad))
          .code,
        bad,
      ).toBe(2);
    }
  });

  it('checks output paths before the replay runs', async () => {
    const r = await cli('replay', '--report', '.', '--pack', pack);
    expect(r.code).toBe(2);
    expect(r.err).toContain('cannot write --report: it is a directory; give a file name');
    expect(r.ms).toBeLessThan(2000);
    writeFileSync(join(dir, 'a-file'), 'x');
    const j = await cli('replay', '--json', join('a-file', 'r.json'), '--pack', pack);
    expect(j.code).toBe(2);
    expect(j.err).toContain(`cannot write --json: ${join(dir, 'a-file')} is not a directory`);
    expect(j.ms).toBeLessThan(2000);
  });

  it('names --run when its regex is invalid', async () => {
    const r = await cli('test', '--run', '(', 'x.yml');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--run "(" is not a valid RE2 regex: error parsing regexp: missing closing ): `(`');
    expect(r.err).not.toContain('please report');
    expect((await cli('test', '--run', '(?=a)', 'x.yml')).err).toContain('invalid or unsupported Perl syntax');
  });

  it('says Postgres is down in one line, without calling it a bug', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = `postgres://user:secret@127.0.0.1:${port}/nope`;
    try {
      const r = await cli('replay', '--live', ...livePack, '--window', '+0m/+1m');
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/Postgres/);
      expect(r.err).not.toContain('please report');
      expect(r.err).not.toContain('unexpected error');
      expect(r.err).not.toContain('secret');
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
  }, 60_000);
});
