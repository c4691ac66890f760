import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { ProcessStartError } from './errors.js';
import { LogBuffer } from './log-buffer.js';
import { isAddressInUse } from './ports.js';
import { processIdentity, recordResource, registerLive, registryFileFor } from './process-registry.js';
import { waitForHttpReady } from './readiness.js';
import { spawnSupervised } from './supervisor.js';

export interface ManagedProcessSpec {
  /** Short name used in messages: `prometheus`, `alertmanager`. */
  name: string;
  command: string;
  args: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Polled until it answers 200 (`http://127.0.0.1:<port>/-/ready`). */
  readyUrl: string;
  /** Base URL of the started server (what the handle reports). */
  url: string;
  startupTimeoutMs: number;
  /** Grace period between SIGTERM and SIGKILL on stop; default 5 s. */
  stopTimeoutMs?: number;
  /** Directories removed after the process stopped (unless `keep`). */
  tempDirs?: readonly string[];
  keepTempDirs?: boolean;
  signal?: AbortSignal;
}

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * A server process that answered its readiness URL. Stop it with `stop()` or `await using`.
 *
 * It runs under a supervisor (supervisor.ts) that stops it and removes its temp dirs when this
 * Node process dies, even by SIGKILL; `pid` is the server's own pid, `supervisorPid` the
 * supervisor's. Both, with the temp dirs, are recorded in the on-disk registry until stopped.
 */
export class ManagedProcess implements AsyncDisposable {
  readonly url: string;
  readonly pid: number;
  readonly supervisorPid: number;
  /** Milliseconds from spawn to ready. */
  readyMs = 0;
  private stopping: Promise<void> | undefined;
  private unregister: () => void;

  constructor(
    private readonly spec: ManagedProcessSpec,
    private readonly child: ChildProcess,
    pid: number | undefined,
    readonly logs: LogBuffer,
    readonly exited: Promise<ExitStatus>,
    private readonly exitState: { status?: ExitStatus },
    private readonly releaseRecord: () => void,
  ) {
    this.url = spec.url;
    this.supervisorPid = child.pid ?? -1;
    this.pid = pid ?? -1;
    this.unregister = registerLive({
      describe: () => `${spec.name} pid ${this.pid} (${spec.url})`,
      killSync: () => this.killSync(),
    });
  }

  /** The first temp dir (the server's config/data dir), when it has one. */
  get tempDir(): string | undefined {
    return this.spec.tempDirs?.[0];
  }

  /** Why the process is known to be gone, without I/O (`exited with signal SIGKILL`), else undefined. */
  exitReason(): string | undefined {
    const s = this.exitState.status;
    return s ? `exited with ${s.signal ? `signal ${s.signal}` : `code ${s.code}`}` : undefined;
  }

  /** The exit status when the process has exited, else undefined. */
  get exitStatus(): ExitStatus | undefined {
    return this.exitState.status;
  }

  /** SIGTERM, then SIGKILL after the grace period; then remove temp dirs. Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      if (!this.exitState.status) {
        this.child.kill('SIGTERM');
        const grace = this.spec.stopTimeoutMs ?? 5000;
        let timer: NodeJS.Timeout | undefined;
        const timedOut = await Promise.race([
          this.exited.then(() => false),
          new Promise<boolean>((r) => {
            timer = setTimeout(() => r(true), grace);
          }),
        ]);
        clearTimeout(timer);
        if (timedOut) {
          this.killBoth();
          await this.exited;
        }
      }
      this.unregister();
      if (!this.spec.keepTempDirs) {
        for (const dir of this.spec.tempDirs ?? []) await rm(dir, { recursive: true, force: true });
      }
      this.releaseRecord();
    })();
    return this.stopping;
  }

  private killBoth(): void {
    // The server first (the supervisor's SIGKILL would leave it to setpriv's parent-death signal).
    for (const pid of [this.pid, this.supervisorPid]) {
      try {
        if (pid > 0) process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }

  /** Last-resort synchronous cleanup (process exit handlers). */
  killSync(): void {
    if (!this.exitState.status) this.killBoth();
    if (!this.spec.keepTempDirs) {
      for (const dir of this.spec.tempDirs ?? []) rmSync(dir, { recursive: true, force: true });
    }
    this.releaseRecord();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}

/**
 * Spawn a server process and wait until its readiness URL answers 200. On failure the process is
 * killed, temp dirs removed, and a `ProcessStartError` thrown with the last log lines and a code:
 * `runtime/port-in-use`, `runtime/exited-early`, `runtime/start-timeout` or `runtime/spawn-failed`.
 */
/** The supervisor's one-line report on fd 3: the server's pid, or why it could not be spawned. */
function readReport(stream: Readable | undefined): Promise<{ pid?: number; error?: string }> {
  return new Promise((resolve) => {
    if (!stream) return resolve({ error: 'no report channel' });
    let text = '';
    stream.on('data', (c: Buffer) => (text += c.toString()));
    stream.once('close', () => {
      try {
        resolve(JSON.parse(text.split('\n')[0]!) as { pid?: number; error?: string });
      } catch {
        resolve({ error: `supervisor ended without a report${text ? `: ${text}` : ''}` });
      }
    });
  });
}

export async function startManagedProcess(spec: ManagedProcessSpec): Promise<ManagedProcess> {
  const logs = new LogBuffer(200);
  const registryFile = registryFileFor();
  const child = spawnSupervised({
    command: spec.command,
    args: spec.args,
    cwd: spec.cwd,
    env: spec.env,
    tempDirs: spec.keepTempDirs ? [] : (spec.tempDirs ?? []),
    registryFiles: [registryFile],
  });
  const exitState: { status?: ExitStatus; spawnError?: Error } = {};
  child.stdout?.on('data', (c: Buffer) => logs.write(c));
  child.stderr?.on('data', (c: Buffer) => logs.write(c));
  const exited = new Promise<ExitStatus>((resolve) => {
    child.once('error', (err) => {
      exitState.spawnError = err;
      exitState.status ??= { code: null, signal: null };
      resolve(exitState.status);
    });
    child.once('exit', (code, signal) => {
      exitState.status = { code, signal };
      resolve(exitState.status);
    });
  });
  const report = await readReport(child.stdio[3] as Readable | undefined);
  if (report.error && !exitState.spawnError) exitState.spawnError = new Error(report.error);
  const { release } = recordResource(
    {
      kind: 'process',
      description: `${spec.name} pid ${report.pid ?? '?'} (${spec.url})`,
      process: processIdentity(report.pid ?? -1),
      supervisor: processIdentity(child.pid ?? -1),
      tempDirs: spec.keepTempDirs ? [] : [...(spec.tempDirs ?? [])],
    },
    registryFile,
  );
  const handle = new ManagedProcess(spec, child, report.pid, logs, exited, exitState, release);
  const outcome = await waitForHttpReady(spec.readyUrl, {
    timeoutMs: spec.startupTimeoutMs,
    signal: spec.signal,
    gone: () => {
      if (exitState.spawnError) return `could not be spawned: ${exitState.spawnError.message}`;
      const s = exitState.status;
      return s ? `exited early with ${s.signal ? `signal ${s.signal}` : `code ${s.code}`}` : undefined;
    },
  });
  // Something else may hold the port and answer 200 while our process fails to bind and exits.
  if (outcome.ready && !exitState.status && !isAddressInUse(logs.tail(30))) {
    handle.readyMs = outcome.ms;
    return handle;
  }
  await handle.stop();
  const tail = logs.tail(30);
  const where = `${spec.name} (${spec.command} ${spec.args.join(' ')})`;
  if (exitState.spawnError) {
    throw new ProcessStartError(
      'runtime/spawn-failed',
      `${where} could not be spawned: ${exitState.spawnError.message}`,
      tail,
      { cause: exitState.spawnError },
    );
  }
  if (isAddressInUse(tail)) {
    throw new ProcessStartError(
      'runtime/port-in-use',
      `${where} could not listen at ${spec.url}: the port is in use.`,
      tail,
    );
  }
  if (!outcome.ready && outcome.reason.startsWith('exited early')) {
    throw new ProcessStartError(
      'runtime/exited-early',
      `${where} ${outcome.reason} before becoming ready at ${spec.readyUrl}.`,
      tail,
    );
  }
  if (!outcome.ready && outcome.reason === 'aborted')
    throw new ProcessStartError('runtime/aborted', `${where}: start aborted.`, tail);
  throw new ProcessStartError(
    'runtime/start-timeout',
    `${where} ${outcome.ready ? 'exited right after start' : outcome.reason} at ${spec.readyUrl}. Raise startupTimeoutMs if the machine is slow.`,
    tail,
  );
}

/**
 * The surface every started server process shares (Prometheus, Alertmanager): its URL, pid,
 * start-up time, logs and API client; `stop()` (or `await using`) terminates it and removes its
 * temp dirs.
 */
export abstract class StartedServerProcess<C> implements AsyncDisposable {
  constructor(
    readonly process: ManagedProcess,
    readonly port: number,
    readonly binary: string,
    readonly client: C,
  ) {}
  get url(): string {
    return this.process.url;
  }
  get pid(): number {
    return this.process.pid;
  }
  /** The server's temp dir (config, data), removed on stop. */
  get tempDir(): string | undefined {
    return this.process.tempDir;
  }
  /** Why the server is known to have exited (`exited with signal SIGKILL`), without I/O; else undefined. */
  gone(): string | undefined {
    return this.process.exitReason();
  }
  /** Milliseconds from spawn to the readiness endpoint answering 200. */
  get readyMs(): number {
    return this.process.readyMs;
  }
  /** The last log lines. */
  logs(lines?: number): string {
    return this.process.logs.tail(lines);
  }
  stop(): Promise<void> {
    return this.process.stop();
  }
  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}
