/**
 * Issue #16 item 1, acceptance: SIGKILL a vitest worker running a live test, and the main process
 * of another vitest running one; then start a new run. No process, temp dir or ledger schema of
 * the killed runs remains, checked by pid, path and name (servers and dirs go at once through
 * their supervisors; the schemas, which only a database client can drop, at the next start).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ALERTMANAGER_HINT,
  ALERTMANAGER_NAMES,
  needBinary,
  needPostgres,
  PROMTOOL_HINT,
  repoRoot,
} from '../../../test-support/requirements.js';
import { runLive } from '../../src/live/run-live.js';
import { registryRecords } from '../../src/runtime/process-registry.js';
import { alive, waitDead } from '../runtime/pids.js';
import { at, liveScenario } from './fixtures/live-scenario.js';

const prometheus = needBinary('local', ['prometheus'], PROMTOOL_HINT);
const alertmanager = needBinary('local', ALERTMANAGER_NAMES, ALERTMANAGER_HINT);
const postgres = await needPostgres();
const missing = [prometheus, alertmanager, postgres].find((a) => !a.ok);
if (missing) console.log(`skipping the SIGKILL cleanup test: ${missing.reason}`);

interface Report {
  workerPid: number;
  prometheus: { pid: number; tempDir: string };
  alertmanager: { pid: number; tempDir: string };
  schema: string;
}

const work = mkdtempSync(join(tmpdir(), 'alertcraft-sigkill-test-'));
const runtimeDir = join(work, 'runtime');
const children: ChildProcess[] = [];
const workerPids: number[] = [];

/** A child vitest running the killed-run fixture, its own TMPDIR; resolves with its report. */
async function startKilledRun(name: string): Promise<{ child: ChildProcess; report: Report; tmp: string }> {
  const tmp = join(work, `${name}-tmp`);
  const reportFile = join(work, `${name}.json`);
  const { mkdirSync } = await import('node:fs');
  mkdirSync(tmp);
  const child = spawn(
    join(repoRoot, 'node_modules', '.bin', 'vitest'),
    ['run', '--config', 'harness/test/live/fixtures/killed-run.vitest.config.ts'],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        TMPDIR: tmp,
        ALERTCRAFT_RUNTIME_DIR: runtimeDir,
        ALERTCRAFT_KILL_REPORT: reportFile,
        DATABASE_URL: postgres.value,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  for (const t0 = Date.now(); !existsSync(reportFile); ) {
    if (child.exitCode !== null) throw new Error(`${name}: child vitest exited before the run started:\n${output}`);
    if (Date.now() - t0 > 90_000) throw new Error(`${name}: no report after 90 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report;
  workerPids.push(report.workerPid);
  return { child, report, tmp };
}

describe.skipIf(!!missing)('SIGKILL of a vitest worker or main process running a live test', () => {
  const pool = new pg.Pool({ connectionString: postgres.value, max: 2 });
  const schemaExists = async (s: string) =>
    (await pool.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [s])).rows.length > 0;
  afterAll(async () => {
    for (const pid of workerPids) if (alive(pid)) process.kill(pid, 'SIGKILL');
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await pool.end();
    rmSync(work, { recursive: true, force: true });
  });

  it('leaves no server, temp dir or schema once the next run starts', async () => {
    const a = await startKilledRun('worker-killed');
    const b = await startKilledRun('main-killed');
    for (const r of [a.report, b.report]) {
      expect(alive(r.prometheus.pid) && alive(r.alertmanager.pid)).toBe(true);
      expect(existsSync(r.prometheus.tempDir) && existsSync(r.alertmanager.tempDir)).toBe(true);
      expect(await schemaExists(r.schema)).toBe(true);
    }
    process.kill(a.report.workerPid, 'SIGKILL');
    process.kill(b.child.pid!, 'SIGKILL');

    // Servers and temp dirs go without waiting for a next run (supervisors, exit handlers).
    for (const r of [a.report, b.report]) {
      for (const s of [r.prometheus, r.alertmanager]) {
        expect(await waitDead(s.pid, 15_000), `pid ${s.pid} still alive`).toBe(true);
        for (let i = 0; i < 50 && existsSync(s.tempDir); i++) await new Promise((res) => setTimeout(res, 100));
        expect(existsSync(s.tempDir), s.tempDir).toBe(false);
      }
    }
    expect(await waitDead(a.report.workerPid, 15_000)).toBe(true);
    expect(await waitDead(b.report.workerPid, 15_000)).toBe(true);

    // The next run starts (same runtime dir): it drops the killed runs' schemas.
    const prev = process.env.ALERTCRAFT_RUNTIME_DIR;
    process.env.ALERTCRAFT_RUNTIME_DIR = runtimeDir;
    const lines: string[] = [];
    try {
      const result = await runLive({
        pack: 'aetherlink',
        scenario: liveScenario(),
        window: { start: at(25), end: at(27) },
        maintenance: [],
        speedup: 60,
        runtime: 'local',
        databaseUrl: postgres.value,
        settleTimeoutMs: 2000,
        log: (l) => lines.push(l),
      });
      expect(await schemaExists(result.ledgerSchema)).toBe(false);
    } finally {
      if (prev === undefined) delete process.env.ALERTCRAFT_RUNTIME_DIR;
      else process.env.ALERTCRAFT_RUNTIME_DIR = prev;
    }
    console.log(lines.filter((l) => l.includes('registry')).join('\n'));
    for (const r of [a.report, b.report]) expect(await schemaExists(r.schema), r.schema).toBe(false);
    // The killed worker ran no code after the kill: its schema went in the next run's sweep. (The
    // worker orphaned by its main's death drops its own when its IPC channel closes.)
    expect(lines.some((l) => l.includes(`dropped ledger schema ${a.report.schema}`))).toBe(true);
    // Nothing left: no alertcraft-* dir in the killed runs' TMPDIRs, no registry record.
    for (const tmp of [a.tmp, b.tmp]) expect(readdirSync(tmp).filter((n) => n.startsWith('alertcraft-'))).toEqual([]);
    process.env.ALERTCRAFT_RUNTIME_DIR = runtimeDir;
    try {
      expect(registryRecords()).toEqual([]);
    } finally {
      if (prev === undefined) delete process.env.ALERTCRAFT_RUNTIME_DIR;
      else process.env.ALERTCRAFT_RUNTIME_DIR = prev;
    }
  }, 240_000);
});
