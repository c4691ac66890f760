/**
 * The stack of a live run, started in order and stopped in reverse: the ledger (Postgres, own
 * schema per run, recorded in the runtime registry so a killed run's schema is dropped at the next
 * start), the webhook receiver (bearer token), the runtime, the exporter, the Alertmanager (the
 * pack's routing, timers scaled, token in its webhook configs) and the Prometheus (time-scaled
 * rules). A failure while starting stops what was started. `stop()` is idempotent.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { emitAlertmanagerConfig, emitRuleFile, formatDuration } from '@alertcraft/rule-dsl';
import type { AlertmanagerClient } from '../clients/alertmanager-client.js';
import type { PrometheusClient } from '../clients/prometheus-client.js';
import { NotificationLedger } from '../ledger/ledger.js';
import { pgDatabase } from '../ledger/sql.js';
import { startWebhookReceiver, type StartedWebhookReceiver } from '../ledger/webhook-receiver.js';
import { isOrphaned, recordResource, redactUrl, sweepOrphans } from '../runtime/process-registry.js';
import { startRuntime } from '../runtime/start-runtime.js';
import type { LiveCapableRuntime, RuntimeVersions } from '../runtime/types.js';
import { liveClock, type LiveClock } from './clock.js';
import { LiveError } from './errors.js';
import { startExporter, type StartedExporter } from './exporter.js';
import type { LivePlan } from './plan.js';
import { LIVE_SCRAPE_INTERVAL_MS, livePrometheusConfig } from './prometheus-config.js';
import { liveCapable, startLiveAlertmanager, startLivePrometheus, type LiveServer } from './servers.js';
import { scaleAlertmanagerConfig, scaleMs, scaleRuleFile, type TimeScaleWarning } from './time-scale.js';
import type { LiveOptions } from './types.js';
import { withWebhookAuthorization } from './webhook-auth.js';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

export interface LiveStack extends AsyncDisposable {
  readonly versions: RuntimeVersions;
  readonly schema: string;
  readonly ledger: NotificationLedger;
  readonly receiver: StartedWebhookReceiver;
  readonly exporter: StartedExporter;
  readonly prometheus: LiveServer<PrometheusClient>;
  readonly alertmanager: LiveServer<AlertmanagerClient>;
  /** Fixed once the rules were scaled against it, right before Prometheus starts. */
  readonly clock: LiveClock;
  readonly warnings: TimeScaleWarning[];
  /** Whether the ledger schema will be (or was) kept at stop. */
  readonly ledgerKept: boolean;
  /** Keep the ledger schema at stop (a failed run keeps its rows readable). */
  keepLedger(): void;
  stop(): Promise<void>;
}

export async function startLiveStack(
  plan: LivePlan,
  opts: LiveOptions,
  log: (line: string) => void,
): Promise<LiveStack> {
  const cleanups: Array<() => Promise<unknown>> = [];
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      for (const fn of cleanups.reverse())
        await fn().catch((err: unknown) => log(`live: cleanup failed: ${(err as Error).message}`));
    })());
  const abortCheck = () => {
    if (opts.signal?.aborted)
      throw new LiveError('live/aborted', 'live run aborted (servers stopped, temp dirs removed)', {
        cause: opts.signal.reason,
      });
  };
  const schema = opts.ledgerSchema ?? `alertcraft_live_${randomBytes(5).toString('hex')}`;
  let keep = opts.keepLedger ?? false;
  const startRt = async (): Promise<LiveCapableRuntime> => {
    const started = liveCapable(await startRuntime(plan.kind, { ...opts.runtimeOptions, signal: opts.signal, log }));
    cleanups.push(() => started.stop());
    abortCheck();
    return started;
  };
  try {
    // The testcontainers runtime brings the ledger's Postgres as a container of its run
    // (@testcontainers/postgresql, labelled and removed with the others) unless a URL is given;
    // so the runtime starts first there, and is stopped after the ledger's schema is dropped.
    const ownDb = plan.kind === 'testcontainers' && opts.databaseUrl === undefined;
    const early = ownDb ? await startRt() : undefined;
    let url: string;
    if (early) {
      if (!early.startPostgres)
        throw new LiveError('live/runtime', `the '${early.kind}' runtime cannot start Postgres`);
      url = (await early.startPostgres()).url;
      log(`live: ledger in the runtime's Postgres container (${early.versions.postgres ?? 'postgres'})`);
    } else url = opts.databaseUrl ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
    // Ledger; first what killed runs on this database left behind (a container database goes with its container).
    const database = redactUrl(url);
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    cleanups.push(() => pool.end());
    const db = pgDatabase(pool);
    if (!ownDb) {
      const swept = await sweepOrphans({
        dropSchema: async (name, where) => {
          if (where !== database) return false;
          await new NotificationLedger(db, { schema: name }).drop();
          return true;
        },
      }).catch((err: unknown) => ({ cleaned: [], kept: [`sweep failed: ${(err as Error).message}`] }));
      for (const line of [...swept.cleaned, ...swept.kept]) log(`live: registry: ${line}`);
    }
    const ledger = new NotificationLedger(db, { schema });
    const record = ownDb
      ? { release: () => undefined }
      : recordResource({ kind: 'schema', description: `ledger schema ${schema}`, schema, database });
    try {
      await ledger.migrate();
    } catch (err) {
      record.release();
      throw new LiveError(
        'live/ledger',
        `cannot create the ledger schema '${schema}' in Postgres at ${database}: ${(err as Error).message}. Set DATABASE_URL or pass databaseUrl.`,
        { cause: err },
      );
    }
    cleanups.push(async () => {
      // An orphaned worker (its vitest main was killed) has nobody to read a kept schema.
      if (!keep || ownDb || isOrphaned()) await ledger.drop();
      record.release();
    });
    const token =
      opts.webhookToken === false ? undefined : (opts.webhookToken ?? randomBytes(24).toString('base64url'));
    const receiver = await startWebhookReceiver({ ledger, ...(token ? { bearerToken: token } : {}) });
    cleanups.push(() => receiver.stop());

    // Runtime (binaries / container engine) and the exporter; the clock starts now.
    const rt = early ?? (await startRt());
    let clock = liveClock({ scenarioStartMs: plan.window.start, wallStartMs: Date.now(), speedup: plan.speedup });
    const exporter = await startExporter({
      series: plan.series,
      clock: { ...clock, scenarioAt: (w?: number) => clock.scenarioAt(w) },
      lookbackMs: plan.lookbackMs,
    });
    cleanups.push(() => exporter.stop());
    // How the servers reach the exporter and the receiver (both on 127.0.0.1 here).
    const exporterTarget = await rt.reachHost(exporter.port);
    const receiverTarget = await rt.reachHost(Number(new URL(receiver.url).port));

    const webhookBase = `http://${receiverTarget}/webhook`;
    let amConfig = scaleAlertmanagerConfig(
      plan.pack.alertmanager(plan.phase, { webhookBaseUrl: webhookBase }),
      plan.speedup,
    );
    if (token) amConfig = withWebhookAuthorization(amConfig, webhookBase, token);
    const alertmanager = await startLiveAlertmanager(rt, emitAlertmanagerConfig(amConfig));
    cleanups.push(() => alertmanager.stop());
    abortCheck();

    // Rules are scaled against the clock (time()/timestamp()/@ map through it), so fix it here.
    clock = liveClock({ scenarioStartMs: plan.window.start, wallStartMs: Date.now(), speedup: plan.speedup });
    const scaled = scaleRuleFile(plan.ruleFile, {
      speedup: plan.speedup,
      scrapeIntervalMs: LIVE_SCRAPE_INTERVAL_MS,
      scenarioStartMs: clock.scenarioStartMs,
      wallStartMs: clock.wallStartMs,
    });
    for (const w of scaled.warnings) log(`live: ${w.path ?? ''} ${w.message}`);
    const promConfig = livePrometheusConfig({
      exporterTarget,
      alertmanagerTarget: alertmanager.peerAddress,
      evaluationIntervalMs: scaleMs(plan.evalMs, plan.speedup),
      ruleFile: 'rules.yml',
    });
    const prometheus = await startLivePrometheus(rt, promConfig, {
      files: { 'rules.yml': emitRuleFile(scaled.file) },
      extraArgs: [
        `--rules.alert.resend-delay=${formatDuration(Math.max(LIVE_SCRAPE_INTERVAL_MS, scaleMs(60_000, plan.speedup)))}`,
      ],
      lookbackDeltaMs: Math.max(2 * LIVE_SCRAPE_INTERVAL_MS, scaleMs(plan.lookbackMs, plan.speedup)),
    });
    cleanups.push(() => prometheus.stop());
    const fixedClock = clock;
    return {
      versions: rt.versions,
      schema,
      ledger,
      receiver,
      exporter,
      prometheus,
      alertmanager,
      clock: fixedClock,
      warnings: scaled.warnings,
      get ledgerKept() {
        // A container database is removed with its run: nothing can be kept there.
        return keep && !ownDb && !isOrphaned();
      },
      keepLedger: () => {
        keep = true;
      },
      stop,
      [Symbol.asyncDispose]: stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
