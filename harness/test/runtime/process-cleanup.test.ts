import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { needBinary, PROMTOOL_HINT } from '../../../test-support/requirements.js';
import { alive, waitDead, waitPathGone } from './pids.js';

const prometheus = needBinary('local', ['prometheus'], PROMTOOL_HINT);
if (!prometheus.ok) console.log(`skipping process cleanup tests: ${prometheus.reason}`);

const here = dirname(fileURLToPath(import.meta.url));
const script = join(here, 'fixtures', 'start-prometheus-and-wait.ts');

/** Runs the fixture in a child Node process; returns the Prometheus pid/dir it reports. */
async function runChild(
  mode: 'wait' | 'exit',
  signal?: NodeJS.Signals,
): Promise<{ pid: number; dir: string; childExit: number | string | null }> {
  const child = spawn(process.execPath, ['--conditions=@alertcraft/source', '--import', 'tsx', script, mode], {
    cwd: join(here, '..', '..', '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | string | null>((r) => child.once('exit', (code, sig) => r(sig ?? code)));
  try {
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0]!);
      });
      void exited.then(() => reject(new Error(`child exited before reporting: ${err}`)));
    });
    const info = JSON.parse(line) as { pid: number; dir: string };
    expect(alive(info.pid)).toBe(true);
    if (signal) child.kill(signal);
    return { ...info, childExit: await exited };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

describe.skipIf(!prometheus.ok)('live-process registry', () => {
  // SIGKILL runs no handler in the Node process: the server's supervisor sees its parent gone.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGKILL'] as const) {
    it(`kills Prometheus and removes its temp dir when the Node process gets ${signal}`, async () => {
      const r = await runChild('wait', signal);
      expect(r.childExit).toBe(signal); // the default action still happens after cleanup
      expect(await waitDead(r.pid, 5000)).toBe(true);
      expect(await waitPathGone(r.dir, 5000)).toBe(true);
    });
  }

  it('kills Prometheus when the Node process exits without stopping it', async () => {
    const r = await runChild('exit');
    expect(r.childExit).toBe(0);
    expect(await waitDead(r.pid, 5000)).toBe(true);
    expect(await waitPathGone(r.dir, 5000)).toBe(true);
  });
});
