/**
 * Live mode: a scenario played in compressed time through real servers.
 *
 * 1. plan (plan.ts): pack, phase, window, maintenance, rendered rules, the exporter's series;
 * 2. stack (stack.ts): ledger (own schema per run) and webhook receiver, runtime, exporter at
 *    `t0 + (now − wallStart) × speedup`, Alertmanager (the pack's routing, timers scaled, bearer
 *    token), Prometheus scraping every 1 s with time-scaled rules (time-scale.ts);
 * 3. observation (observe.ts): alerts polled each second, maintenance silences posted and checked
 *    expired, servers watched (a dead one ends the run with a `LiveRunError`, ledger kept);
 * 4. settling (settle.ts): ledger deliveries vs Alertmanager's webhook counters.
 *
 * The exporter serves the latest scenario sample at or before the scrape's scenario time, so a
 * 1 s scrape at speedup × covers `speedup` scenario seconds. Every server, listener, temp dir and
 * (unless kept) the schema is stopped/removed on success, failure and abort; everything is also
 * recorded in the runtime registry so a SIGKILLed run is cleaned at the next start.
 */
import { planLive } from './plan.js';
import { observeWindow, progressReporter } from './observe.js';
import { watchServers } from './server-watch.js';
import { settleNotifications } from './settle.js';
import { startLiveStack } from './stack.js';
import type { LiveOptions, LiveResult } from './types.js';

export { DEFAULT_DATABASE_URL } from './stack.js';
export { LIVE_SCRAPE_INTERVAL_MS, livePrometheusConfig } from './prometheus-config.js';
export { formatLiveSummary } from './summary.js';
export type * from './types.js';

/** Runs a pack phase live over a scenario window; see the module comment. */
export async function runLive(opts: LiveOptions): Promise<LiveResult> {
  const t0 = performance.now();
  const log = opts.log ?? (() => undefined);
  const plan = planLive(opts, log);
  const stack = await startLiveStack(plan, opts, log);
  try {
    const startupMs = performance.now() - t0;
    log(
      `live: ${plan.kind} prometheus ${stack.prometheus.url}, alertmanager ${stack.alertmanager.url}, exporter ${stack.exporter.url}, webhook ${stack.receiver.url}, ledger schema ${stack.schema}; started in ${Math.round(startupMs)} ms`,
    );
    const server = (s: typeof stack.prometheus | typeof stack.alertmanager) => ({
      url: s.url,
      ...(s.pid !== undefined ? { pid: s.pid } : {}),
      ...(s.tempDir !== undefined ? { tempDir: s.tempDir } : {}),
    });
    await opts.onStarted?.({
      prometheus: server(stack.prometheus),
      alertmanager: server(stack.alertmanager),
      exporterUrl: stack.exporter.url,
      webhookUrl: stack.receiver.webhookUrl,
      ledgerSchema: stack.schema,
      clock: stack.clock,
    });
    const check = watchServers(stack);
    const observed = await observeWindow(stack, plan, opts, check, log);
    const progress = progressReporter(stack, plan, opts, () => observed.alerts.firing);
    const { counts, settleMs } = await settleNotifications(stack, opts, check, progress);
    const silences = observed.silences.results(await stack.ledger.notifications());
    return {
      pack: plan.pack.name,
      phase: plan.phase,
      runtime: plan.kind,
      versions: stack.versions,
      speedup: plan.speedup,
      window: plan.window,
      ledgerSchema: stack.schema,
      ledgerKept: stack.ledgerKept,
      scrapes: stack.exporter.scrapes,
      warnings: stack.warnings,
      alerts: observed.alerts.alerts(),
      silences,
      notifications: counts,
      timings: { startupMs, runMs: observed.runMs, settleMs, totalMs: performance.now() - t0 },
    };
  } finally {
    await stack.stop();
    if (stack.ledgerKept) log(`live: ledger schema '${stack.schema}' kept`);
  }
}
