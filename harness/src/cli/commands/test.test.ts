import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../main.js';
import type { CommandIO } from '../command.js';

const corpus = join(dirname(fileURLToPath(import.meta.url)), '../../../../packages/promql/test/unittest');

function capture(): { io: CommandIO; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (l) => out.push(l), stderr: (l) => err.push(l), isTTY: false, cwd: corpus }, out, err };
}

describe('alertcraft test', () => {
  it('exits 0 and prints SUCCESS when every group passes', async () => {
    const c = capture();
    expect(await main(['test', 'group-eval-order.test.yml'], c.io)).toBe(0);
    expect(c.out).toEqual(['Unit Testing:  group-eval-order.test.yml', '  SUCCESS', '']);
  });

  it('exits 1 with promtool-style expected vs got on a failing group', async () => {
    const c = capture();
    expect(await main(['test', 'no-for.test.yml'], c.io)).toBe(1);
    const err = c.err.join('\n');
    expect(err).toContain('  FAILED:');
    expect(err).toContain(
      '    name: wrong severity label fails,\n    alertname: HighErrorRatio, time: 0s, \n        exp:[',
    );
    expect(err).toContain('Labels:{alertname="HighErrorRatio", job="api", severity="page"}');
    expect(err).toContain('got:[');
  });

  it('--run selects test groups by name', async () => {
    const c = capture();
    expect(await main(['test', '--run', 'fires on the first', 'no-for.test.yml'], c.io)).toBe(0);
  });

  it('exits 2 with file:line for an unusable file, and 2 without arguments', async () => {
    const c = capture();
    expect(await main(['test', 'bad/unknown-field.yml'], c.io)).toBe(2);
    expect(c.err.join('\n')).toMatch(/unknown-field\.yml:8:5: field alert_rule_tests not found/);
    expect(await main(['test'], capture().io)).toBe(2);
  });
});
