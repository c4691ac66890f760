import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AlertmanagerClient } from '../clients/alertmanager-client.js';
import { findBinary } from './binaries.js';
import { ProcessStartError } from './errors.js';
import { startManagedProcess, StartedServerProcess, type ManagedProcess } from './managed-process.js';
import { ServerProcessBuilder, type ServerProcessOptions } from './server-process-builder.js';
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
export type AlertmanagerProcessOptions = ServerProcessOptions;

export class AlertmanagerProcess extends ServerProcessBuilder {
  /** Default configuration: one receiver named "null" that notifies nobody. */
  constructor(opts: AlertmanagerProcessOptions = {}) {
    super(NULL_ALERTMANAGER_CONFIG, opts);
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
