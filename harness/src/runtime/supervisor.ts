/**
 * The supervisor every server process is spawned through: a few lines of plain JavaScript run by
 * this Node binary (`node -e`), so it works from `src/` and from `dist/` alike. It
 *
 * - spawns the server (through `setpriv --pdeathsig KILL` where util-linux provides it, so the
 *   kernel kills the server if the supervisor itself is SIGKILLed), its stdout/stderr inherited;
 * - reports the server's pid (or why it could not be spawned) as one JSON line on fd 3;
 * - forwards SIGTERM/SIGINT/SIGHUP to the server and ends as the server ended (same code, or the
 *   same signal re-raised), so the parent sees the server's exit status;
 * - polls its parent every `pollMs`: once the parent is gone (its ppid changed, e.g. the parent was
 *   SIGKILLed), it terminates the server (SIGTERM, SIGKILL after `graceMs`), removes the temp dirs
 *   and the registry file of the run, and exits.
 *
 * Node cannot call `prctl(PR_SET_PDEATHSIG)` without a native addon; `setpriv` (util-linux) sets it
 * before exec'ing the server, which keeps the pid.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { whichFirst } from './binaries.js';

export interface SupervisorSpec {
  command: string;
  args: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Removed after the server stopped because the parent died. */
  tempDirs: readonly string[];
  /** Registry files removed on the same occasion. */
  registryFiles: readonly string[];
  /** Parent liveness poll period; default 250 ms. */
  pollMs?: number;
  /** SIGTERM → SIGKILL grace when the parent died; default 3 s. */
  graceMs?: number;
}

const SOURCE = String.raw`
const { spawn } = require('node:child_process');
const { rmSync, writeSync, closeSync } = require('node:fs');
const spec = JSON.parse(process.argv[1]);
const report = (o) => { try { writeSync(3, JSON.stringify(o) + '\n'); closeSync(3); } catch {} };
const parent = process.ppid;
const [cmd, ...args] = spec.setpriv ? [spec.setpriv, '--pdeathsig', 'KILL', '--', spec.command, ...spec.args] : [spec.command, ...spec.args];
const child = spawn(cmd, args, { cwd: spec.cwd, stdio: ['ignore', 'inherit', 'inherit'] });
let orphaned = false;
child.once('spawn', () => report({ pid: child.pid }));
child.once('error', (err) => { report({ error: err.message }); process.exit(127); });
const forward = (s) => () => { try { child.kill(s); } catch {} };
for (const s of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(s, forward(s));
const cleanup = () => {
  for (const p of [...spec.tempDirs, ...spec.registryFiles]) { try { rmSync(p, { recursive: true, force: true }); } catch {} }
};
const poll = setInterval(() => {
  let gone = process.ppid !== parent;
  if (!gone) { try { process.kill(parent, 0); } catch { gone = true; } }
  if (!gone || orphaned) return;
  orphaned = true;
  try { child.kill('SIGTERM'); } catch {}
  setTimeout(() => { try { child.kill('SIGKILL'); } catch {} }, spec.graceMs).unref();
}, spec.pollMs);
poll.unref();
child.once('exit', (code, signal) => {
  if (orphaned) { cleanup(); process.exit(0); }
  for (const s of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.removeAllListeners(s);
  if (signal) process.kill(process.pid, signal);
  process.exit(code ?? 1);
});
`;

let setprivPath: string | null | undefined;

/** `setpriv` when it exists and supports `--pdeathsig` (Linux, util-linux), else undefined. */
function setpriv(): string | undefined {
  if (setprivPath === undefined) setprivPath = (process.platform === 'linux' && whichFirst(['setpriv'])) || null;
  return setprivPath ?? undefined;
}

/**
 * Spawns the supervisor for `spec`. stdio: 0 ignored, 1/2 the server's output (piped), 3 the
 * supervisor's one-line report (`{ pid }` or `{ error }`).
 */
export function spawnSupervised(spec: SupervisorSpec): ChildProcess {
  const config = {
    command: spec.command,
    args: spec.args,
    cwd: spec.cwd,
    tempDirs: spec.tempDirs,
    registryFiles: spec.registryFiles,
    pollMs: spec.pollMs ?? 250,
    graceMs: spec.graceMs ?? 3000,
    setpriv: setpriv(),
  };
  // The supervisor is plain CommonJS: no loader flags (vitest's, tsx's) are needed or wanted.
  const env = { ...(spec.env ?? process.env) };
  delete env.NODE_OPTIONS;
  return spawn(process.execPath, ['-e', SOURCE, JSON.stringify(config)], {
    cwd: spec.cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
}
