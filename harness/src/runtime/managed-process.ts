import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { ProcessStartError } from './errors.js';
import { LogBuffer } from './log-buffer.js';
import { isAddressInUse } from './ports.js';
import { registerLive } from './process-registry.js';
import { waitForHttpReady } from './readiness.js';

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

/** A child process that answered its readiness URL. Stop it with `stop()` or `await using`. */
export class ManagedProcess implements AsyncDisposable {
  readonly url: string;
  readonly pid: number;
  /** Milliseconds from spawn to ready. */
  readyMs = 0;
  private stopping: Promise<void> | undefined;
  private unregister: () => void;

  constructor(
    private readonly spec: ManagedProcessSpec,
    private readonly child: ChildProcess,
    readonly logs: LogBuffer,
    readonly exited: Promise<ExitStatus>,
    private readonly exitState: { status?: ExitStatus },
  ) {
    this.url = spec.url;
    this.pid = child.pid ?? -1;
    this.unregister = registerLive({
      describe: () => `${spec.name} pid ${this.pid} (${spec.url})`,
      killSync: () => this.killSync(),
    });
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
          this.child.kill('SIGKILL');
          await this.exited;
        }
      }
      this.unregister();
      if (!this.spec.keepTempDirs) {
        for (const dir of this.spec.tempDirs ?? []) await rm(dir, { recursive: true, force: true });
      }
    })();
    return this.stopping;
  }

  /** Last-resort synchronous cleanup (process exit handlers). */
  killSync(): void {
    if (!this.exitState.status) this.child.kill('SIGKILL');
    if (!this.spec.keepTempDirs) {
      for (const dir of this.spec.tempDirs ?? []) rmSync(dir, { recursive: true, force: true });
    }
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
export async function startManagedProcess(spec: ManagedProcessSpec): Promise<ManagedProcess> {
  const logs = new LogBuffer(200);
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: spec.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
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
  const handle = new ManagedProcess(spec, child, logs, exited, exitState);
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
    throw new ProcessStartError('runtime/spawn-failed', `${where} could not be spawned: ${exitState.spawnError.message}`, tail, { cause: exitState.spawnError });
  }
  if (isAddressInUse(tail)) {
    throw new ProcessStartError('runtime/port-in-use', `${where} could not listen at ${spec.url}: the port is in use.`, tail);
  }
  if (!outcome.ready && outcome.reason.startsWith('exited early')) {
    throw new ProcessStartError('runtime/exited-early', `${where} ${outcome.reason} before becoming ready at ${spec.readyUrl}.`, tail);
  }
  if (!outcome.ready && outcome.reason === 'aborted') throw new ProcessStartError('runtime/aborted', `${where}: start aborted.`, tail);
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
