import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Registry of live processes/containers started by this Node process. On `exit`, `SIGINT`,
 * `SIGTERM` (and `SIGHUP`) every live entry is killed synchronously (SIGKILL for processes; its
 * temp dir removed), so an interrupted test run leaves no Prometheus behind.
 */

export interface LiveEntry {
  /** Human-readable description for logs, e.g. `prometheus pid 1234 (http://127.0.0.1:41233)`. */
  describe(): string;
  /** Synchronous last-resort cleanup; must not throw. */
  killSync(): void;
}

const live = new Set<LiveEntry>();
let installed = false;

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

/**
 * Create a temp dir and guard it until `fn` settles: removed if `fn` throws, and removed by the
 * exit/signal handlers if the process dies meanwhile (before a process handle owns it).
 */
export async function withGuardedTempDir<T>(prefix: string, keep: boolean, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const release = registerLive({
    describe: () => `temp dir ${dir}`,
    killSync: () => {
      if (!keep) rmSync(dir, { recursive: true, force: true });
    },
  });
  try {
    return await fn(dir);
  } catch (err) {
    if (!keep) await rm(dir, { recursive: true, force: true });
    throw err;
  } finally {
    release();
  }
}
