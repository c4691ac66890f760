import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * What a run started, tied to the run, at two levels:
 *
 * 1. in memory (`registerLive`): on `exit`, `SIGINT`, `SIGTERM` (and `SIGHUP`) every live entry is
 *    killed synchronously (SIGKILL for processes; its temp dir removed), so an interrupted test run
 *    leaves no Prometheus behind;
 * 2. on disk (`recordResource`): one JSON file per process, temp dir, ledger schema or container run under the
 *    runtime dir (`ALERTCRAFT_RUNTIME_DIR`, default `<tmpdir>/alertcraft-runtime-<uid>`), naming
 *    its owner (pid and, on Linux, the owner's start time so a reused pid is not mistaken for it).
 *    A SIGKILLed owner runs no handler; `sweepOrphans()` at the next start kills, removes and
 *    drops what dead owners left. (Server processes also have a supervisor that stops them and
 *    removes their temp dirs as soon as their owner dies; see supervisor.ts.)
 */

export interface LiveEntry {
  /** Human-readable description for logs, e.g. `prometheus pid 1234 (http://127.0.0.1:41233)`. */
  describe(): string;
  /** Synchronous last-resort cleanup; must not throw. */
  killSync(): void;
}

const live = new Set<LiveEntry>();
let installed = false;
let orphaned = false;

/**
 * Whether this process is an orphaned fork worker (its parent died): what it keeps for a user
 * to read (a failed run's ledger schema) nobody will, so it is removed instead.
 */
export function isOrphaned(): boolean {
  return orphaned;
}

function cleanupAll(): void {
  for (const entry of [...live]) {
    live.delete(entry);
    try {
      entry.killSync();
    } catch {
      // last resort: nothing else to do
    }
  }
}

function onSignal(signal: NodeJS.Signals): void {
  cleanupAll();
  // Restore the default behaviour when we were the only listener, then re-raise.
  process.removeListener(signal, onSignal);
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', cleanupAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
  // A forked worker (vitest's fork pool) whose parent died keeps running, orphaned, with nobody
  // to report to: its IPC channel closing is the parent's death, so stop what it started.
  if (process.channel) {
    process.once('disconnect', () => {
      orphaned = true;
      cleanupAll();
    });
  }
}

export function registerLive(entry: LiveEntry): () => void {
  install();
  live.add(entry);
  return () => {
    live.delete(entry);
  };
}

/** Descriptions of entries still live (tests assert it is empty after stop). */
export function liveEntries(): string[] {
  return [...live].map((e) => e.describe());
}

// ---------------------------------------------------------------------------------------------
// On-disk registry.

/** A process as identified on disk: pid plus, where the OS tells, its start time. */
export interface ProcessIdentity {
  pid: number;
  /** Start time in clock ticks since boot (`/proc/<pid>/stat` field 22); absent off Linux. */
  startTime?: string;
}

export type RegisteredResource =
  | {
      kind: 'process';
      description: string;
      process: ProcessIdentity;
      supervisor?: ProcessIdentity;
      tempDirs?: string[];
    }
  | { kind: 'dir'; description: string; path: string }
  /** Containers, networks and volumes labelled `dev.alertcraft.run=<runId>` on the engine at `engine` (container-run.ts). */
  | { kind: 'containers'; description: string; runId: string; engine: string }
  /** `database` is the connection URL with its password removed (never written to disk). */
  | { kind: 'schema'; description: string; schema: string; database: string };

export interface RegistryRecord {
  owner: ProcessIdentity;
  resource: RegisteredResource;
}

/** The runtime dir holding the registry. */
export function runtimeDir(): string {
  return process.env.ALERTCRAFT_RUNTIME_DIR ?? join(tmpdir(), `alertcraft-runtime-${process.getuid?.() ?? 'user'}`);
}

function procStartTime(pid: number): string | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at field 3.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

export function processIdentity(pid: number): ProcessIdentity {
  const startTime = procStartTime(pid);
  return startTime === undefined ? { pid } : { pid, startTime };
}

/** Whether the process is still the one identified (same pid and, when known, same start time). */
export function isAlive(id: ProcessIdentity): boolean {
  // Never probe 0 or negative pids: they address process groups (−1: every process).
  if (!(Number.isSafeInteger(id.pid) && id.pid > 0)) return false;
  try {
    process.kill(id.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (id.startTime === undefined) return true;
  return procStartTime(id.pid) === id.startTime;
}

let self: ProcessIdentity | undefined;

/** A registry file name for a resource of this process (written by `recordResource`). */
export function registryFileFor(ownerPid = process.pid): string {
  return join(runtimeDir(), `${ownerPid}-${randomBytes(6).toString('hex')}.json`);
}

/**
 * Writes a registry record owned by this process; returns `release()`, which removes it (call it
 * once the resource is gone or deliberately kept). `file` may be pre-chosen (`registryFileFor`).
 */
export function recordResource(
  resource: RegisteredResource,
  file = registryFileFor(),
): { file: string; release: () => void } {
  self ??= processIdentity(process.pid);
  mkdirSync(runtimeDir(), { recursive: true, mode: 0o700 });
  const record: RegistryRecord = { owner: self, resource };
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(record), { mode: 0o600 });
  renameSync(tmp, file);
  return { file, release: () => rmSync(file, { force: true }) };
}

/** Every record in the registry (unreadable files are skipped). */
export function registryRecords(): Array<RegistryRecord & { file: string }> {
  let names: string[];
  try {
    names = readdirSync(runtimeDir()).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  const out: Array<RegistryRecord & { file: string }> = [];
  for (const name of names) {
    const file = join(runtimeDir(), name);
    try {
      out.push({ ...(JSON.parse(readFileSync(file, 'utf8')) as RegistryRecord), file });
    } catch {
      // being written or not ours: leave it
    }
  }
  return out;
}

export interface SweepReport {
  /** Descriptions of what was killed, removed or dropped. */
  cleaned: string[];
  /** Records of dead owners left in place (e.g. a schema of another database), with why. */
  kept: string[];
}

export interface SweepOptions {
  /**
   * Drops an orphaned ledger schema; returns false when it cannot here (another database), so
   * the record stays for a later sweep. Without it schema records are left.
   */
  dropSchema?: (schema: string, database: string) => Promise<boolean>;
  /**
   * Removes what a dead run labelled on a container engine; returns false when it cannot here
   * (another engine), so the record stays. Without it container records are left.
   */
  removeContainers?: (runId: string, engine: string) => Promise<boolean>;
}

function killIfAlive(id: ProcessIdentity | undefined): boolean {
  if (!id || !isAlive(id)) return false;
  try {
    process.kill(id.pid, 'SIGKILL');
    return true;
  } catch {
    return false;
  }
}

/**
 * Cleans what dead owners left: kills their processes (checked by pid and start time), removes
 * their temp dirs, drops their schemas (with `dropSchema`), and removes the records.
 */
export async function sweepOrphans(options: SweepOptions = {}): Promise<SweepReport> {
  const report: SweepReport = { cleaned: [], kept: [] };
  for (const rec of registryRecords()) {
    if (isAlive(rec.owner)) continue;
    const r = rec.resource;
    const whose = `(owner pid ${rec.owner.pid} is gone)`;
    try {
      if (r.kind === 'process') {
        const killed = [killIfAlive(r.supervisor), killIfAlive(r.process)].some(Boolean);
        if (killed) report.cleaned.push(`killed ${r.description} ${whose}`);
        for (const dir of r.tempDirs ?? []) {
          await rm(dir, { recursive: true, force: true });
          report.cleaned.push(`removed temp dir ${dir} of ${r.description}`);
        }
      } else if (r.kind === 'dir') {
        await rm(r.path, { recursive: true, force: true });
        report.cleaned.push(`removed ${r.description} ${whose}`);
      } else if (r.kind === 'containers') {
        if (!options.removeContainers || !(await options.removeContainers(r.runId, r.engine))) {
          report.kept.push(`${r.description} ${whose}: not removed here (engine ${r.engine})`);
          continue;
        }
        report.cleaned.push(`removed ${r.description} ${whose}`);
      } else {
        if (!options.dropSchema || !(await options.dropSchema(r.schema, r.database))) {
          report.kept.push(`${r.description} ${whose}: not dropped here (database ${r.database})`);
          continue;
        }
        report.cleaned.push(`dropped ${r.description} ${whose}`);
      }
      rmSync(rec.file, { force: true });
    } catch (err) {
      report.kept.push(`${r.description} ${whose}: ${(err as Error).message}`);
    }
  }
  return report;
}

/** A connection URL without its password (what the registry and messages may show). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]+@/, ':***@');
  }
}

/**
 * Create a temp dir and guard it until `fn` settles: removed if `fn` throws, and removed by the
 * exit/signal handlers if the process dies meanwhile (before a process handle owns it); recorded
 * on disk so a sweep removes it after a SIGKILL.
 */
export async function withGuardedTempDir<T>(
  prefix: string,
  keep: boolean,
  fn: (dir: string) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const record = keep ? undefined : recordResource({ kind: 'dir', description: `temp dir ${dir}`, path: dir });
  const release = registerLive({
    describe: () => `temp dir ${dir}`,
    killSync: () => {
      if (!keep) rmSync(dir, { recursive: true, force: true });
      record?.release();
    },
  });
  try {
    return await fn(dir);
  } catch (err) {
    if (!keep) await rm(dir, { recursive: true, force: true });
    throw err;
  } finally {
    release();
    record?.release();
  }
}
