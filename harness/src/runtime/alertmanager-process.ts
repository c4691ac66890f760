import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AlertmanagerClient } from '../clients/alertmanager-client.js';
import { findBinary } from './binaries.js';
import { ProcessStartError } from './errors.js';
import { startManagedProcess, StartedServerProcess, type ManagedProcess } from './managed-process.js';
import { freePort } from './ports.js';
import { withGuardedTempDir } from './process-registry.js';
import { NULL_ALERTMANAGER_CONFIG, alertmanagerArgs } from './server-args.js';

const PORT_RETRIES = 3;

/**
 * An Alertmanager process (`alertmanager` or Debian's `prometheus-alertmanager` from PATH),
 * clustering disabled, on a free port, config written from a YAML string, storage in a temp dir
 * removed on stop.
 *
 * ```ts
 * await using am = await new AlertmanagerProcess().withConfig(yaml).start();
 * await am.client.postSilence({...});
 * ```
 */
/** Options of `new AlertmanagerProcess(opts)`; each has a `with*` method too. */
export interface AlertmanagerProcessOptions {
  binary?: string;
  config?: string;
  port?: number;
  startupTimeoutMs?: number;
  extraArgs?: string[];
  keepTempDir?: boolean;
  signal?: AbortSignal;
}

export class AlertmanagerProcess {
  private binary?: string;
  private config = NULL_ALERTMANAGER_CONFIG;
  private port?: number;
  private host = '127.0.0.1';
  private startupTimeoutMs = 30_000;
  private extraArgs: string[] = [];
  private keepTempDir = false;
  private signal?: AbortSignal;

  constructor(opts: AlertmanagerProcessOptions = {}) {
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
  /** Configuration file content (YAML). Default: one receiver named "null" that notifies nobody. */
  withConfig(yaml: string): this {
    this.config = yaml;
    return this;
  }
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

  async start(): Promise<StartedAlertmanagerProcess> {
    const binary = findBinary('alertmanager', this.binary);
    return withGuardedTempDir('alertcraft-alertmanager-', this.keepTempDir, async (tempDir) => {
      const configFile = join(tempDir, 'alertmanager.yml');
      const storagePath = join(tempDir, 'data');
      const prepare = async (): Promise<void> => {
        await mkdir(storagePath, { recursive: true });
        await writeFile(configFile, this.config);
      };
      await prepare();
      for (let attempt = 1; ; attempt++) {
        const port = this.port ?? (await freePort(this.host));
        const url = `http://${this.host}:${port}`;
        try {
          const proc = await startManagedProcess({
            name: 'alertmanager',
            command: binary,
            args: alertmanagerArgs({ configFile, storagePath, listenAddress: `${this.host}:${port}`, extraArgs: this.extraArgs }),
            cwd: tempDir,
            readyUrl: `${url}/-/ready`,
            url,
            startupTimeoutMs: this.startupTimeoutMs,
            tempDirs: [tempDir],
            keepTempDirs: this.keepTempDir,
            signal: this.signal,
          });
          return new StartedAlertmanagerProcess(proc, port, binary);
        } catch (err) {
          const retry = err instanceof ProcessStartError && err.code === 'runtime/port-in-use' && this.port === undefined && attempt < PORT_RETRIES;
          if (!retry) throw err;
          await prepare();
        }
      }
    });
  }
}

/** A running Alertmanager. `stop()` (or `await using`) terminates it and removes its temp dir. */
export class StartedAlertmanagerProcess extends StartedServerProcess<AlertmanagerClient> {
  constructor(process: ManagedProcess, port: number, binary: string) {
    super(process, port, binary, new AlertmanagerClient({ url: process.url }));
  }
}
