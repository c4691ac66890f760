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
    expect(c.out).toEqual(['failing.test:4: up: expected 1 for up{job="api"} but got 0', '7 passed, 1 failed, 0 skipped']);
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
});
