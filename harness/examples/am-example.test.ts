// The Alertmanager test-file example: `alertcraft am test harness/examples/am-example.test.yml`
// passes, and the same file with one wrong expectation fails with a readable diff.
import { mkdtemp, readFile, rm, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';

const here = dirname(fileURLToPath(import.meta.url));
const capture = (cwd: string) => {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (l: string) => out.push(l), stderr: (l: string) => err.push(l), isTTY: false, cwd },
    out,
    err,
  };
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'alertcraft-am-example-'));
  await copyFile(join(here, 'am-example.alertmanager.yml'), join(dir, 'am-example.alertmanager.yml'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('passes: routing, grouping, inhibition, silences, mute and active time intervals', async () => {
  const c = capture(here);
  expect(await main(['am', 'test', 'am-example.test.yml'], c.io)).toBe(0);
  expect(c.out).toEqual(['Unit Testing:  am-example.test.yml', '  SUCCESS', '']);
});

it('a wrong expected notification time fails with expected and got', async () => {
  const text = await readFile(join(here, 'am-example.test.yml'), 'utf8');
  const wrong = text.replace('      - at: 37h0m30s', '      - at: 36h0m30s');
  expect(wrong).not.toBe(text);
  await writeFile(join(dir, 'wrong.test.yml'), wrong);
  const c = capture(dir);
  expect(await main(['am', 'test', 'wrong.test.yml'], c.io)).toBe(1);
  const err = c.err.join('\n');
  expect(err).toContain('  FAILED:');
  expect(err).toMatch(/wrong\.test\.yml:\d+: name: mute time interval in Europe\/Paris, notifications:/);
  expect(err).toContain('exp: at 1d12h30s receiver chat firing [{alertname="BatchLate", type="batch"}]');
  expect(err).toContain('got: at 1d13h30s receiver chat firing [{alertname="BatchLate", type="batch"}]');
});
