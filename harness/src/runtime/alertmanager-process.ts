import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AlertmanagerClient } from '../clients/alertmanager-client.js';
import { findBinary } from './binaries.js';
import { StartedServerProcess, type ManagedProcess } from './managed-process.js';
import { ServerProcessBuilder, type ServerProcessOptions } from './server-process-builder.js';
import { withGuardedTempDir } from './process-registry.js';
import { NULL_ALERTMANAGER_CONFIG, alertmanagerArgs } from './server-args.js';

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
      return this.startWithPortRetry(
        'alertmanager',
        binary,
        tempDir,
        prepare,
        (listenAddress) => alertmanagerArgs({ configFile, storagePath, listenAddress, extraArgs: this.extraArgs }),
        (proc, port) => new StartedAlertmanagerProcess(proc, port, binary),
      );
    });
  }
}

/** A running Alertmanager. `stop()` (or `await using`) terminates it and removes its temp dir. */
export class StartedAlertmanagerProcess extends StartedServerProcess<AlertmanagerClient> {
  constructor(process: ManagedProcess, port: number, binary: string) {
    super(process, port, binary, new AlertmanagerClient({ url: process.url }));
  }
}
