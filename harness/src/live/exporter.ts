/**
 * The live exporter: an HTTP server on 127.0.0.1:<free port> whose `/metrics` answers, at each
 * scrape, what the scenario's series hold at scenario time `clock.scenarioAt(now)`.
 *
 * The scenario's series are served as Prometheus text exposition written directly (the scenario
 * exposition writer: counters as counters, gauges as gauges, histogram `_bucket{le}`/`_sum`/`_count`
 * under one histogram family), not through prom-client metric objects: a prom-client counter can
 * only be incremented and a histogram only observed, while the scenario already holds the exact
 * cumulative values (with its counter resets and scrape gaps) that a scrape must see. prom-client's
 * `Registry` serves the exporter's own metrics after them (`alertcraft_live_exporter_*`: scrapes
 * served, the scenario time of the last scrape, the speedup).
 */
import { createServer, type Server } from 'node:http';
import { listenHttp } from '../net/listen-http.js';
import type { SeriesData } from '@alertcraft/promql';
import { Counter, Gauge, Registry } from 'prom-client';
import { exposition } from '../scenario/exposition.js';
import type { LiveClock } from './clock.js';

export interface ExporterOptions {
  /** The series to serve, materialised (the exporter looks up the latest sample ≤ t per scrape). */
  series: readonly SeriesData[];
  clock: LiveClock;
  /** A sample older than this (scenario ms) before the scrape time is not served; default 5 min. */
  lookbackMs?: number;
  host?: string;
  /** 0 (default): a free port. */
  port?: number;
}

export interface StartedExporter extends AsyncDisposable {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** Scrapes answered so far. */
  readonly scrapes: number;
  stop(): Promise<void>;
}

/** Starts the exporter; `stop()` (or `await using`) closes it. */
export async function startExporter(opts: ExporterOptions): Promise<StartedExporter> {
  const registry = new Registry();
  const scrapeCounter = new Counter({
    name: 'alertcraft_live_exporter_scrapes_total',
    help: 'Scrapes of the scenario exporter.',
    registers: [registry],
  });
  const scenarioTime = new Gauge({
    name: 'alertcraft_live_exporter_scenario_time_seconds',
    help: 'Scenario time served by the last scrape (Unix seconds).',
    registers: [registry],
  });
  const speedup = new Gauge({
    name: 'alertcraft_live_exporter_speedup',
    help: 'Scenario seconds per wall second.',
    registers: [registry],
  });
  speedup.set(opts.clock.speedup);
  let scrapes = 0;

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('GET /metrics only\n');
      return;
    }
    const t = opts.clock.scenarioAt();
    scrapes++;
    scrapeCounter.inc();
    scenarioTime.set(t / 1000);
    const body = exposition(opts.series, t, { lookbackMs: opts.lookbackMs ?? 300_000 });
    void registry.metrics().then(
      (own) => res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(body + own),
      (err: unknown) =>
        res
          .writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
          .end(`exporter error: ${(err as Error).message}\n`),
    );
  });
  const { url, port, stop } = await listenHttp(server, opts);
  return {
    url,
    port,
    get scrapes() {
      return scrapes;
    },
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
