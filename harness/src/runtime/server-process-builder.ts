import { ProcessStartError } from './errors.js';
import { startManagedProcess, type ManagedProcess } from './managed-process.js';
import { freePort } from './ports.js';

/** Attempts on a free port before a "port in use" failure is final (another process took it). */
const PORT_RETRIES = 3;

/**
 * The builder surface the Prometheus and Alertmanager process builders share: binary, config,
 * port, start-up timeout, extra arguments, temp-dir keeping and the abort signal.
 */
export interface ServerProcessOptions {
  binary?: string;
  config?: string;
  port?: number;
  startupTimeoutMs?: number;
  extraArgs?: string[];
  keepTempDir?: boolean;
  signal?: AbortSignal;
}

export abstract class ServerProcessBuilder {
  protected binary?: string;
  protected config: string;
  protected port?: number;
  protected host = '127.0.0.1';
  protected startupTimeoutMs = 30_000;
  protected extraArgs: string[] = [];
  protected keepTempDir = false;
  protected signal?: AbortSignal;

  protected constructor(defaultConfig: string, opts: ServerProcessOptions) {
    this.config = defaultConfig;
    if (opts.binary) this.withBinary(opts.binary);
    if (opts.config !== undefined) this.withConfig(opts.config);
    if (opts.port !== undefined) this.withPort(opts.port);
    if (opts.startupTimeoutMs !== undefined) this.withStartupTimeout(opts.startupTimeoutMs);
    if (opts.extraArgs) this.withExtraArgs(...opts.extraArgs);
    if (opts.keepTempDir) this.withKeepTempDir();
    this.withSignal(opts.signal);
  }

  withBinary(path: string): this {
    this.binary = path;
    return this;
  }
  /** Configuration file content (YAML). */
  withConfig(yaml: string): this {
    this.config = yaml;
    return this;
  }
  /** A fixed port (no retry when taken); default: a free port. */
  withPort(port: number): this {
    this.port = port;
    return this;
  }
  withStartupTimeout(ms: number): this {
    this.startupTimeoutMs = ms;
    return this;
  }
  withExtraArgs(...args: string[]): this {
    this.extraArgs.push(...args);
    return this;
  }
  withKeepTempDir(keep = true): this {
    this.keepTempDir = keep;
    return this;
  }
  withSignal(signal: AbortSignal | undefined): this {
    this.signal = signal;
    return this;
  }

  /**
   * Starts `binary` in `tempDir` (removed by the returned handle's stop) and waits for
   * `/-/ready`. Without a fixed port it picks a free one and, when another process takes it
   * first, retries on a new one (up to PORT_RETRIES attempts), running `prepare` again because
   * the failed attempt's stop removed the temp dir.
   */
  protected async startWithPortRetry<T>(
    name: string,
    binary: string,
    tempDir: string,
    prepare: () => Promise<void>,
    args: (listenAddress: string) => string[],
    started: (proc: ManagedProcess, port: number) => T,
  ): Promise<T> {
    await prepare();
    for (let attempt = 1; ; attempt++) {
      const port = this.port ?? (await freePort(this.host));
      const url = `http://${this.host}:${port}`;
      try {
        const proc = await startManagedProcess({
          name,
          command: binary,
          args: args(`${this.host}:${port}`),
          cwd: tempDir,
          readyUrl: `${url}/-/ready`,
          url,
          startupTimeoutMs: this.startupTimeoutMs,
          tempDirs: [tempDir],
          keepTempDirs: this.keepTempDir,
          signal: this.signal,
        });
        return started(proc, port);
      } catch (err) {
        const retry =
          err instanceof ProcessStartError &&
          err.code === 'runtime/port-in-use' &&
          this.port === undefined &&
          attempt < PORT_RETRIES;
        if (!retry) throw err;
        await prepare();
      }
    }
  }
}
