import { existsSync } from 'node:fs';
/** Whether a process with this pid exists (signal 0 probes without signalling). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls until the process is gone or `ms` passed; true when it is gone. */
export async function waitDead(pid: number, ms: number): Promise<boolean> {
  for (const t0 = Date.now(); Date.now() - t0 < ms; ) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !alive(pid);
}

/**
 * Polls until `path` no longer exists or `ms` passed; true when it is gone. A supervisor removes
 * its server's temp dir after the server has exited, so the dir can outlive the pid briefly.
 */
export async function waitPathGone(path: string, ms: number): Promise<boolean> {
  for (const t0 = Date.now(); Date.now() - t0 < ms; ) {
    if (!existsSync(path)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !existsSync(path);
}
