/**
 * `alertcraft replay --live`: usage errors exit 2 with one line saying what to do; a short live run
 * of the built-in aetherlink-day scenario around its maintenance window (T+16h–16h30m from the
 * scenario start) at 120× prints the ledger/Alertmanager comparison and the silence result.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ALERTMANAGER_HINT,
  ALERTMANAGER_NAMES,
  needBinary,
  needPostgres,
  PROMTOOL_HINT,
} from '../../../test-support/requirements.js';
import { main } from '../../src/cli/main.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { stdout: (l) => out.push(l), stderr: (l) => err.push(l), isTTY: false, cwd: ROOT });
  return { code, out, err };
}

describe('alertcraft replay --live: usage', () => {
  it.each([
    [['replay', '--live'], /--live runs one pack: give exactly one --pack/],
    [
      ['replay', '--live', '--pack', 'aetherlink', '--runtime', 'embedded'],
      /--live needs --runtime local or testcontainers \(got 'embedded'\)/,
    ],
    [
      ['replay', '--live', '--pack', 'aetherlink', '--speedup', '-3'],
      /--speedup '-3': expected a decimal number from 1 to 100000/,
    ],
    [
      ['replay', '--live', '--pack', 'aetherlink', '--scenario', 'aetherlink-day', '--window', '+2h/+1h'],
      /--window '\+2h\/\+1h': the end must be after the start/,
    ],
    [
      ['replay', '--live', '--pack', 'aetherlink', '--scenario', 'aetherlink-day', '--window', 'soon/+1h'],
      /'soon' is not an RFC 3339 time/,
    ],
  ])('%j', async (args, message) => {
    const r = await run(args as string[]);
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toMatch(message);
  });
});

const prometheus = needBinary('local', ['prometheus'], PROMTOOL_HINT);
const alertmanager = needBinary('local', ALERTMANAGER_NAMES, ALERTMANAGER_HINT);
const postgres = await needPostgres();
const missing = [prometheus, alertmanager, postgres].find((a) => !a.ok);
if (missing) console.log(`skipping the CLI live run: ${missing.reason}`);

describe.skipIf(!!missing)('alertcraft replay --live: a short run', () => {
  it('prints the ledger vs alertmanager_notifications_total and the silence result, exit 0', async () => {
    const prev = process.env.DATABASE_URL;
    process.env.DATABASE_URL = postgres.value;
    try {
      const r = await run([
        'replay',
        '--live',
        '--pack',
        'aetherlink',
        '--scenario',
        'aetherlink-day',
        '--window',
        '+15h55m/+16h35m',
        '--speedup',
        '120',
      ]);
      const text = r.out.join('\n');
      console.log(text);
      expect(r.code, r.err.join('\n')).toBe(0);
      expect(text).toMatch(/^live local run of aetherlink\/production at 120× \(prometheus \S+, alertmanager \S+\):$/m);
      expect(text).toMatch(/alertmanager_notifications_total\{integration="webhook"\} \d+ \(failed 0\) → equal/);
      expect(text).toMatch(/silence maintenance-mode \S+: .*notifications while active: 0; after end: expired/);
      expect(text).toMatch(/warning live\/range-clamped at groups\[\d+\]\.rules\[\d+\]: range 5m at 120× is 2s500ms/);
      expect(text).toMatch(/ledger schema alertcraft_live_[0-9a-f]+ dropped/);
    } finally {
      if (prev === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = prev;
    }
  }, 90_000);
});
