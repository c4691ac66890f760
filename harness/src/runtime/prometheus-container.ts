import { PrometheusClient } from '../clients/prometheus-client.js';
import { PINNED_IMAGES } from './container-engine.js';
import { ProcessStartError } from './errors.js';
import { ServerContainerBuilder, startServerContainer, type StartedServerContainer } from './started-container.js';
import { EMPTY_PROMETHEUS_CONFIG, prometheusArgs } from './server-args.js';

const PORT = 9090;
const CONFIG_DIR = '/etc/alertcraft';
const CONFIG_PATH = `${CONFIG_DIR}/prometheus.yml`;
const DATA_DIR = '/prometheus';
const OM_DIR = '/alertcraft/om';

/**
 * Builds TSDB blocks from every copied OpenMetrics file with the image's own promtool, as many at a
 * time as the container has CPUs (into the same data dir, as the local runtime does), then execs
 * Prometheus with the arguments passed after the script (`"$@"`). Same flags as the local runtime.
 * A failing promtool fails the script (`wait` returns its status under `set -e`).
 */
const ENTRY_SCRIPT = [
  'set -e',
  'n=$(nproc 2>/dev/null || echo 2)',
  'i=0',
  'pids=""',
  `for f in ${OM_DIR}/*.om; do`,
  '  [ -e "$f" ] || continue',
  `  promtool tsdb create-blocks-from openmetrics --quiet "$f" ${DATA_DIR} &`,
  '  pids="$pids $!"',
  '  i=$((i + 1))',
  '  if [ "$i" -ge "$n" ]; then for p in $pids; do wait "$p"; done; pids=""; i=0; fi',
  'done',
  'for p in $pids; do wait "$p"; done',
  'exec /bin/prometheus "$@"',
].join('\n');

/**
 * Time allowed per OpenMetrics file on top of the startup timeout: the port opens only after the
 * backfill, which for a two-week scenario is 169 promtool runs (about 0.7 s each on a loaded
 * 2-core machine), and the startup timeout is about the server, not the data.
 */
export const BACKFILL_MS_PER_FILE = 3_000;

/**
 * `prom/prometheus` in a container, built like the local `PrometheusProcess`: config from a YAML
 * string, OpenMetrics files turned into blocks inside the container, readiness via `/-/ready`.
 */
export class PrometheusContainer extends ServerContainerBuilder {
  private config = EMPTY_PROMETHEUS_CONFIG;
  private openMetrics: string[] = [];
  private lookbackDeltaMs?: number;
  private extraArgs: string[] = [];
  private files: Record<string, string> = {};

  constructor(private readonly image: string = PINNED_IMAGES.prometheus) {
    super();
  }

  /** A file written next to the config (e.g. a rule file named in `rule_files`), as `PrometheusProcess.withFile`. */
  withFile(name: string, content: string): this {
    if (name.includes('..') || name.startsWith('/'))
      throw new ProcessStartError(
        'runtime/input',
        `file name must be relative and stay in the config dir: ${name}`,
        '',
      );
    this.files[name] = content;
    return this;
  }

  withConfig(yaml: string): this {
    this.config = yaml;
    return this;
  }
  /** Host OpenMetrics files to backfill into the container's TSDB before Prometheus starts. */
  withOpenMetricsFiles(files: readonly string[]): this {
    this.openMetrics = [...files];
    return this;
  }
  withLookbackDelta(ms: number): this {
    this.lookbackDeltaMs = ms;
    return this;
  }
  withExtraArgs(...args: string[]): this {
    this.extraArgs.push(...args);
    return this;
  }

  start(): Promise<StartedPrometheusContainer> {
    return startServerContainer({
      name: 'prometheus',
      image: this.image,
      port: PORT,
      readyPath: '/-/ready',
      startupTimeoutMs: this.startupTimeoutMs + this.openMetrics.length * BACKFILL_MS_PER_FILE,
      run: this.run,
      configure: (c) =>
        c
          .withEntrypoint(['/bin/sh', '-c', ENTRY_SCRIPT, 'prometheus-entry'])
          .withCommand(
            prometheusArgs({
              configFile: CONFIG_PATH,
              dataDir: DATA_DIR,
              listenAddress: `0.0.0.0:${PORT}`,
              lookbackDeltaMs: this.lookbackDeltaMs,
              extraArgs: this.extraArgs,
            }),
          )
          .withCopyContentToContainer([
            { content: this.config, target: CONFIG_PATH },
            ...Object.entries(this.files).map(([name, content]) => ({ content, target: `${CONFIG_DIR}/${name}` })),
          ])
          .withCopyFilesToContainer(
            this.openMetrics.map((source, i) => ({ source, target: `${OM_DIR}/${String(i).padStart(4, '0')}.om` })),
          ),
      client: (url) => new PrometheusClient({ url }),
    });
  }
}

export type StartedPrometheusContainer = StartedServerContainer<PrometheusClient>;
