/**
 * Ryuk is not used, so the testcontainers runtime removes what it creates itself: a run killed
 * with SIGKILL (a child process with an Alertmanager container, the run's network and a host
 * relay) leaves its labelled container and network, and the next run's start removes them; a run
 * stopped normally leaves nothing. Checked with the docker CLI by the run's label. (After the whole
 * suite scripts/docker/with-dockerd.sh checks that nothing labelled dev.alertcraft.run is left.)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, required, which } from '../../../test-support/requirements.js';
import { probeContainerEngine } from '../../src/runtime/container-engine.js';
import { RUN_LABEL } from '../../src/runtime/container-run.js';
import { startTestcontainersRuntime } from '../../src/runtime/testcontainers.js';

const probe = await probeContainerEngine();
const docker = which(['docker']);
const missing = !probe.ok
  ? `no container engine: ${probe.reason}`
  : !docker
    ? 'no docker CLI on PATH (apt-get install -y docker.io)'
    : undefined;
if (missing) {
  if (required('docker')) throw new Error(`ALERTCRAFT_REQUIRE=${process.env.ALERTCRAFT_REQUIRE}: ${missing}`);
  console.log(`skipping the container leftovers test: ${missing}`);
}

/** Ids of containers, networks and volumes labelled with the run id. */
function labelled(runId: string): { containers: string[]; networks: string[]; volumes: string[] } {
  const ls = (args: string[]) => {
    const r = spawnSync('docker', [...args, '-q', '--filter', `label=${RUN_LABEL}=${runId}`], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`docker ${args.join(' ')}: ${r.stderr}`);
    return r.stdout.split('\n').filter(Boolean);
  };
  return { containers: ls(['ps', '-a']), networks: ls(['network', 'ls']), volumes: ls(['volume', 'ls']) };
}
const NOTHING = { containers: [], networks: [], volumes: [] };

const work = mkdtempSync(join(tmpdir(), 'alertcraft-container-leftovers-'));
const runtimeDir = join(work, 'runtime');
let child: ChildProcess | undefined;
afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!!missing)('testcontainers runtime leaves nothing behind', () => {
  it('a SIGKILLed run leaves its labelled container and network; the next start removes them; a stopped run leaves nothing', {
    timeout: 240_000,
  }, async () => {
    const reportFile = join(work, 'killed.json');
    child = spawn(
      process.execPath,
      ['--conditions=@alertcraft/source', '--import', 'tsx', 'harness/test/runtime/fixtures/killed-container-run.ts'],
      {
        cwd: repoRoot,
        env: { ...process.env, ALERTCRAFT_RUNTIME_DIR: runtimeDir, ALERTCRAFT_KILL_REPORT: reportFile },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    for (const t0 = Date.now(); !existsSync(reportFile); ) {
      if (child.exitCode !== null) throw new Error(`the run to kill exited early:\n${output}`);
      if (Date.now() - t0 > 180_000) throw new Error(`no report after 180 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const killed = JSON.parse(readFileSync(reportFile, 'utf8')) as { pid: number; runId: string; container: string };
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    const left = labelled(killed.runId);
    expect(left.containers.map((id) => killed.container.startsWith(id))).toEqual([true]);
    expect(left.networks).toHaveLength(1);

    const prev = process.env.ALERTCRAFT_RUNTIME_DIR;
    process.env.ALERTCRAFT_RUNTIME_DIR = runtimeDir;
    try {
      const lines: string[] = [];
      const rt = await startTestcontainersRuntime({ log: (l) => lines.push(l) });
      expect(labelled(killed.runId)).toEqual(NOTHING);
      expect(lines.join('\n')).toContain(`removed containers of run ${killed.runId}`);
      await rt.startAlertmanager('route:\n  receiver: "null"\nreceivers:\n  - name: "null"\n');
      expect(labelled(rt.run.id).containers).toHaveLength(1);
      await rt.stop();
      expect(labelled(rt.run.id)).toEqual(NOTHING);
    } finally {
      if (prev === undefined) delete process.env.ALERTCRAFT_RUNTIME_DIR;
      else process.env.ALERTCRAFT_RUNTIME_DIR = prev;
    }
  });
});
