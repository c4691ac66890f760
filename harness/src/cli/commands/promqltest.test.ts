import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../main.js';
import type { CommandIO } from '../command.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../../../../packages/promql/test/conformance/fixtures');

function capture(): { io: CommandIO; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (l) => out.push(l), stderr: (l) => err.push(l), isTTY: false, cwd: fixtures }, out, err };
}

describe('alertcraft promqltest', () => {
  it('exits 0 with the summary line when every case passes', async () => {
    const c = capture();
    expect(await main(['promqltest', 'passing.test'], c.io)).toBe(0);
    expect(c.out).toEqual(['6 passed, 0 failed, 0 skipped']);
  });

  it('exits 1 and prints one line per failing case', async () => {
    const c = capture();
    expect(await main(['promqltest', 'passing.test', 'failing.test'], c.io)).toBe(1);
    expect(c.out).toEqual([
      'failing.test:4: up: expected 1 for up{job="api"} but got 0',
      '7 passed, 1 failed, 0 skipped',
    ]);
  });

  it('exits 2 with file:line for an unusable file, and 2 for a missing one', async () => {
    const c = capture();
    expect(await main(['promqltest', 'passing.test', 'malformed.test'], c.io)).toBe(2);
    expect(c.err).toEqual(['alertcraft promqltest: malformed.test:7: invalid command "frobnicate this please"']);
    const m = capture();
    expect(await main(['promqltest', 'nope.test'], m.io)).toBe(2);
    expect(m.err[0]).toMatch(/^alertcraft promqltest: nope\.test: cannot read nope\.test/);
    expect(await main(['promqltest'], capture().io)).toBe(2);
  });

  it('takes a directory as its *.test files in name order, and says so when there are none', async () => {
    const { mkdtempSync, rmSync, writeFileSync, copyFileSync, mkdirSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'alertcraft-promqltest-'));
    try {
      copyFileSync(join(fixtures, 'passing.test'), join(dir, 'b.test'));
      copyFileSync(join(fixtures, 'failing.test'), join(dir, 'a.test'));
      writeFileSync(join(dir, 'notes.txt'), 'not a test file');
      const c = capture();
      expect(await main(['promqltest', dir], c.io)).toBe(1);
      expect(c.out.at(-1)).toBe('7 passed, 1 failed, 0 skipped');
      expect(c.out[0]).toMatch(/a\.test:4: up: /);
      mkdirSync(join(dir, 'empty'));
      const e = capture();
      expect(await main(['promqltest', join(dir, 'empty')], e.io)).toBe(2);
      expect(e.err[0]).toMatch(/no \*\.test files in directory .*empty/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
