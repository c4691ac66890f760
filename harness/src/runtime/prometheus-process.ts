import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PrometheusClient } from '../clients/prometheus-client.js';
import { findBinary } from './binaries.js';
import { RuntimeInputError } from './errors.js';
import { StartedServerProcess, type ManagedProcess } from './managed-process.js';
import { ServerProcessBuilder, type ServerProcessOptions } from './server-process-builder.js';
import { withGuardedTempDir } from './process-registry.js';
import { EMPTY_PROMETHEUS_CONFIG, prometheusArgs } from './server-args.js';

/**
 * A Prometheus server process, built like a testcontainers container:
 *
 * ```ts
 * await using prom = await new PrometheusProcess().withDataDir(blocksDir).start();
 * await prom.client.queryRange('up', start, end, 15_000);
 * ```
 *
 * The binary comes from PATH (or `withBinary`); the port is picked free (or `withPort`); a temp
 * dir holds the config (and the TSDB unless `withDataDir`) and is removed on stop.
 */
/** Options of `new PrometheusProcess(opts)`; each has a `with*` method too. */
export interface PrometheusProcessOptions extends ServerProcessOptions {
  dataDir?: string;
  files?: Record<string, string>;
  lookbackDeltaMs?: number;
}

export class PrometheusProcess extends ServerProcessBuilder {
  private dataDir?: string;
  private lookbackDeltaMs?: number;
  private files: Record<string, string> = {};

  /** Default configuration: scrape nothing, no rules. */
  constructor(opts: PrometheusProcessOptions = {}) {
    super(EMPTY_PROMETHEUS_CONFIG, opts);
    if (opts.dataDir) this.withDataDir(opts.dataDir);
    for (const [name, content] of Object.entries(opts.files ?? {})) this.withFile(name, content);
    if (opts.lookbackDeltaMs !== undefined) this.withLookbackDelta(opts.lookbackDeltaMs);
  }

  /** Serve this TSDB directory (not removed on stop: the caller owns it). */
  withDataDir(dir: string): this {
    this.dataDir = dir;
    return this;
  }
  /** A file written next to the config (e.g. a rule file named in `rule_files`). */
  withFile(name: string, content: string): this {
    if (name.includes('..') || name.startsWith('/'))
      throw new RuntimeInputError(`file name must be relative and stay in the config dir: ${name}`, 'withFile');
    this.files[name] = content;
    return this;
  }
  withLookbackDelta(ms: number): this {
    this.lookbackDeltaMs = ms;
    return this;
  }

  async start(): Promise<StartedPrometheusProcess> {
    const binary = findBinary('prometheus', this.binary);
    return withGuardedTempDir('alertcraft-prometheus-', this.keepTempDir, async (tempDir) => {
      const configFile = join(tempDir, 'prometheus.yml');
      const dataDir = this.dataDir ?? join(tempDir, 'data');
      const prepare = async (): Promise<void> => {
        await mkdir(tempDir, { recursive: true });
        await mkdir(dataDir, { recursive: true });
        await writeFile(configFile, this.config);
        for (const [name, content] of Object.entries(this.files)) {
          await mkdir(dirname(join(tempDir, name)), { recursive: true });
          await writeFile(join(tempDir, name), content);
        }
      };
      return this.startWithPortRetry(
        'prometheus',
        binary,
        tempDir,
        prepare,
        (listenAddress) =>
          prometheusArgs({
            configFile,
            dataDir,
            listenAddress,
            lookbackDeltaMs: this.lookbackDeltaMs,
            extraArgs: this.extraArgs,
          }),
        (proc, port) => new StartedPrometheusProcess(proc, port, dataDir, binary),
      );
    });
  }
}

/** A running Prometheus. `stop()` (or `await using`) terminates it and removes its temp dir. */
export class StartedPrometheusProcess extends StartedServerProcess<PrometheusClient> {
  constructor(
    process: ManagedProcess,
    port: number,
    readonly dataDir: string,
    binary: string,
  ) {
    super(process, port, binary, new PrometheusClient({ url: process.url }));
  }
}
