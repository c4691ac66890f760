/**
 * Live mode: a scenario played in compressed time through real servers.
 *
 * 1. the ledger (Postgres, own schema per run) and the webhook receiver start in-process;
 * 2. the exporter serves the scenario at `t0 + (now − wallStart) × speedup`;
 * 3. an Alertmanager (the pack's routing, timers divided by the speedup) posts every receiver to
 *    the webhook (`/webhook/<receiver>`), which commits each notification before answering 200;
 * 4. a Prometheus scrapes the exporter every 1 s, evaluates time-scaled copies of the pack phase's
 *    rules (see time-scale.ts) and sends alerts to the Alertmanager;
 * 5. at each maintenance window of the scenario the pack's maintenance silence is posted
 *    (v2 API) for the window's compressed length, and checked to be `expired` after its end;
 * 6. at the end: ledger deliveries vs Alertmanager's `alertmanager_notifications_total{integration="webhook"}`
 *    minus `alertmanager_notifications_failed_total{integration="webhook"}` (the names Debian's 0.25
 *    serves; every series with `integration="webhook"` is summed, so extra labels a newer version
 *    adds, such as a failure `reason`, do not change the figure).
 *
 * The exporter serves the latest scenario sample at or before the scrape's scenario time, so a
 * 1 s scrape at speedup × covers `speedup` scenario seconds: at 60× over a 30 s scenario step,
 * Prometheus records every other sample (at 30× exactly every sample).
 *
 * Every server, listener and temp dir is stopped/removed in `finally`, on failure and on abort. A
 * server that dies mid-run ends the run with a `LiveRunError` naming it, with its last log lines;
 * the ledger schema is then kept (not dropped) so the rows written so far stay readable.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { stringify } from 'yaml';
import type { Labels, SeriesData } from '@alertcraft/promql';
import { emitAlertmanagerConfig, emitRuleFile, formatDuration, parseDuration } from '@alertcraft/rule-dsl';
import type { GettableAlert, GettableSilence } from '../clients/alertmanager-client.js';
import { NotificationLedger } from '../ledger/ledger.js';
import { pgDatabase } from '../ledger/sql.js';
import { startWebhookReceiver } from '../ledger/webhook-receiver.js';
import { exampleInputs, getPack, renderPhase, resolvePhase, type AnySeedPack, type PackInputs } from '../pack-registry/registry.js';
import type { PackSilence } from '../../packs/types.js';
import type { LocalRuntime } from '../runtime/local.js';
import { startRuntime } from '../runtime/start-runtime.js';
import type { TestcontainersRuntime } from '../runtime/testcontainers.js';
import type { RuntimeOptions, RuntimeVersions } from '../runtime/types.js';
import { clipSeries } from '../scenario/clip.js';
import { getScenario } from '../scenario/registry.js';
import type { Scenario } from '../scenario/types.js';
import { liveClock, type LiveClock } from './clock.js';
import { LiveError, LiveRunError } from './errors.js';
import { startExporter } from './exporter.js';
import { hostAddressFor, startLiveAlertmanager, startLivePrometheus, type LiveRuntimeKind, type LiveServer } from './servers.js';
import { scaleAlertmanagerConfig, scaleMs, scaleRuleFile, type TimeScaleWarning } from './time-scale.js';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
export const LIVE_SCRAPE_INTERVAL_MS = 1000;

export interface LiveWindow {
  /** Scenario time (Unix ms). */
  start: number;
  end: number;
}

export interface LiveProgress {
  stage: 'starting' | 'running' | 'settling';
  /** Wall ms since the scenario clock started. */
  elapsedMs: number;
  /** Scenario time now (Unix ms). */
  scenarioTime: number;
  /** 0..1 of the window played. */
  fraction: number;
  scrapes: number;
  /** Alerts firing on Prometheus at the last poll. */
  firing: number;
  /** Webhook deliveries committed to the ledger so far. */
  ledgerDeliveries: number;
  message?: string;
}

/** What the test hook sees once every server is up (e.g. to kill Prometheus mid-run). */
export interface LiveStarted {
  prometheus: { url: string; pid?: number };
  alertmanager: { url: string; pid?: number };
  exporterUrl: string;
  webhookUrl: string;
  ledgerSchema: string;
  clock: LiveClock;
}

export interface LiveOptions {
  /** Seed pack (name or pack). */
  pack: string | AnySeedPack;
  /** Phase of the pack; may be omitted when the pack has one phase. */
  phase?: string;
  /** Scenario instance or built-in name. */
  scenario: Scenario | string;
  seed?: number;
  /** Scenario window to play (scenario ms); default the whole scenario. */
  window?: LiveWindow;
  /** Scenario seconds per wall second; default 60. */
  speedup?: number;
  runtime?: LiveRuntimeKind;
  /** Postgres URL; default `DATABASE_URL` or `postgres://postgres@127.0.0.1:5432/test`. */
  databaseUrl?: string;
  /** Ledger schema name; default `alertcraft_live_<random>`. */
  ledgerSchema?: string;
  /** Keep the ledger schema after a successful run (it is always kept after a failed one). */
  keepLedger?: boolean;
  /** Baselines/values to render the phase with; default the pack's example inputs. */
  inputs?: PackInputs;
  /**
   * Maintenance windows (scenario ms) at which the pack's maintenance silence is applied; default
   * the scenario's `maintenance-window` incidents overlapping the window. `[]` applies none.
   */
  maintenance?: LiveWindow[];
  /** Name of the pack silence to apply; default the pack's silence whose name contains "maintenance". */
  silence?: string;
  /** Wall ms to wait after the window for in-flight notifications to settle; default 10 000. */
  settleTimeoutMs?: number;
  signal?: AbortSignal;
  onProgress?: (p: LiveProgress) => void;
  log?: (line: string) => void;
  /** Called once every server is up, before the run loop (test hook). */
  onStarted?: (s: LiveStarted) => void | Promise<void>;
  runtimeOptions?: Omit<RuntimeOptions, 'signal' | 'log'>;
}

/** An alert Prometheus reported during the run (from `/api/v1/alerts`, polled each second). */
export interface LiveAlertSeen {
  alertname: string;
  labels: Labels;
  /** Scenario time Prometheus reports as `activeAt`. */
  activeAt: number;
  /** Scenario time of the first poll that saw it firing. */
  firingSeenAt?: number;
  /** Scenario time of the last poll that saw it. */
  lastSeenAt: number;
  /** Scenario time of the first poll that no longer saw it (absent while still active at the end). */
  resolvedSeenAt?: number;
  state: 'pending' | 'firing';
}

export interface LiveSilenceResult {
  name: string;
  id: string;
  /** The maintenance window, scenario ms. */
  window: LiveWindow;
  /** Wall times posted (RFC 3339). */
  startsAt: string;
  endsAt: string;
  /** Distinct alerts Alertmanager reported as silenced by it (alertname + labels). */
  suppressed: Array<{ alertname: string; labels: Labels }>;
  /** Notifications the ledger received while the silence was active (a leak when > 0). */
  notificationsDuringSilence: number;
  /** State `GET /api/v2/silences` gave after `endsAt` (`expired` expected). */
  stateAfterEnd?: GettableSilence['status']['state'];
  /** Wall ms after `endsAt` at which `expired` was first observed. */
  expiredObservedAfterMs?: number;
}

export interface LiveNotificationCounts {
  /** Rows of the ledger's notifications table (distinct notifications). */
  ledgerRows: number;
  /** Webhook deliveries committed (rows × their delivery counts). */
  ledgerDeliveries: number;
  /** Σ `alertmanager_notifications_total{integration="webhook"}`. */
  alertmanagerNotifications: number;
  /** Σ `alertmanager_notifications_failed_total{integration="webhook"}`. */
  alertmanagerFailed: number;
  /** ledgerDeliveries === alertmanagerNotifications − alertmanagerFailed. */
  equal: boolean;
  /** Webhook answers by HTTP status. */
  webhookAnswers: Record<number, number>;
}

export interface LiveResult {
  pack: string;
  phase: string;
  runtime: LiveRuntimeKind;
  versions: RuntimeVersions;
  speedup: number;
  window: LiveWindow;
  ledgerSchema: string;
  ledgerKept: boolean;
  scrapes: number;
  warnings: TimeScaleWarning[];
  alerts: LiveAlertSeen[];
  silences: LiveSilenceResult[];
  notifications: LiveNotificationCounts;
  /** Wall figures (ms): startup, run (window), settle, total. */
  timings: { startupMs: number; runMs: number; settleMs: number; totalMs: number };
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

const labelsKey = (l: Labels) => JSON.stringify(Object.keys(l).sort().map((k) => [k, l[k]]));

function pickSilence(pack: AnySeedPack, phase: string, name?: string): PackSilence | undefined {
  const all = (pack.silences ?? []).filter((s: PackSilence) => !s.phases || s.phases.includes(phase));
  if (name !== undefined) {
    const found = all.find((s: PackSilence) => s.name === name);
    if (!found) throw new LiveError('live/unknown-silence', `pack '${pack.name}' has no silence '${name}' for phase '${phase}'; silences: ${all.map((s: PackSilence) => s.name).join(', ') || 'none'}`);
    return found;
  }
  return all.find((s: PackSilence) => /maintenance/i.test(s.name));
}

/** Σ of a metric's samples with `integration="webhook"` (any other labels, e.g. 0.27's `reason`). */
function webhookSum(samples: { name: string; labels: Labels; value: number }[], name: string): number {
  return samples.filter((s) => s.name === name && s.labels.integration === 'webhook').reduce((a, s) => a + s.value, 0);
}

/** The Prometheus configuration of a live run (scrape the exporter every second, alert to the Alertmanager). */
export function livePrometheusConfig(o: { exporterTarget: string; alertmanagerTarget: string; evaluationIntervalMs: number; ruleFile: string }): string {
  return stringify({
    global: {
      scrape_interval: formatDuration(LIVE_SCRAPE_INTERVAL_MS),
      scrape_timeout: formatDuration(LIVE_SCRAPE_INTERVAL_MS),
      evaluation_interval: formatDuration(o.evaluationIntervalMs),
    },
    rule_files: [o.ruleFile],
    alerting: { alertmanagers: [{ static_configs: [{ targets: [o.alertmanagerTarget] }] }] },
    scrape_configs: [
      {
        job_name: 'alertcraft-live',
        // The scenario's series carry their own `job` (and `instance`) labels: keep them.
        honor_labels: true,
        static_configs: [{ targets: [o.exporterTarget] }],
      },
    ],
  });
}

/** Runs a pack phase live over a scenario window; see the module comment. */
export async function runLive(opts: LiveOptions): Promise<LiveResult> {
  const t00 = performance.now();
  const speedup = opts.speedup ?? 60;
  if (!(Number.isFinite(speedup) && speedup > 0)) throw new LiveError('live/bad-speedup', `speedup must be a positive number, got ${speedup}`);
  const kind: LiveRuntimeKind = opts.runtime ?? 'local';
  const log = opts.log ?? (() => undefined);
  const pack = typeof opts.pack === 'string' ? getPack(opts.pack) : opts.pack;
  const phase = resolvePhase(pack, opts.phase);
  const scenario = typeof opts.scenario === 'string' ? getScenario(opts.scenario, opts.seed === undefined ? {} : { seed: opts.seed }) : opts.scenario;
  const window = opts.window ?? { start: scenario.start, end: scenario.end };
  if (!(window.end > window.start)) throw new LiveError('live/bad-window', `window end ${new Date(window.end).toISOString()} is not after its start ${new Date(window.start).toISOString()}`);
  const silenceSpec = pickSilence(pack, phase, opts.silence);
  const maintenance = (opts.maintenance ?? scenario.incidents.filter((i) => i.kind === 'maintenance-window').map((i) => ({ start: i.start, end: i.end })))
    .filter((m) => m.end > window.start && m.start < window.end)
    .map((m) => ({ start: Math.max(m.start, window.start), end: m.end }));
  if (maintenance.length && !silenceSpec) log(`live: pack '${pack.name}' has no maintenance silence; ${maintenance.length} maintenance window(s) run unsilenced`);

  const inputs = opts.inputs ?? exampleInputs(pack);
  const ruleFile = renderPhase(pack, phase, inputs, { fillFromExamples: true });
  const evalMs = parseDuration(pack.rules.evaluationInterval ?? '1m');
  // The exporter serves what exists up to a little after the window (settling keeps playing it).
  const lookbackMs = 300_000;
  const series: SeriesData[] = [...clipSeries(scenario.series(), window.start - lookbackMs, window.end + 60_000 * speedup)];

  const cleanups: Array<() => Promise<unknown>> = [];
  const cleanup = async () => {
    for (const fn of cleanups.reverse()) await fn().catch((err: unknown) => log(`live: cleanup failed: ${(err as Error).message}`));
  };
  const abortCheck = () => {
    if (opts.signal?.aborted) throw new LiveError('live/aborted', 'live run aborted (servers stopped, temp dirs removed)', { cause: opts.signal.reason });
  };
  let ledgerKept = false;
  const schema = opts.ledgerSchema ?? `alertcraft_live_${randomBytes(5).toString('hex')}`;
  try {
    // Ledger.
    const pool = new pg.Pool({ connectionString: opts.databaseUrl ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, max: 4 });
    cleanups.push(() => pool.end());
    const ledger = new NotificationLedger(pgDatabase(pool), { schema });
    try {
      await ledger.migrate();
    } catch (err) {
      throw new LiveError('live/ledger', `cannot create the ledger schema '${schema}' in Postgres: ${(err as Error).message}. Set DATABASE_URL or pass databaseUrl.`, { cause: err });
    }
    let dropLedger = !opts.keepLedger;
    cleanups.push(async () => {
      if (dropLedger) await ledger.drop();
    });
    const receiver = await startWebhookReceiver({ ledger });
    cleanups.push(() => receiver.stop());

    // Runtime (binaries / container engine) and the clock.
    const rt = (await startRuntime(kind, { ...opts.runtimeOptions, signal: opts.signal, log })) as LocalRuntime | TestcontainersRuntime;
    cleanups.push(() => rt.stop());
    abortCheck();

    // Exporter; the clock starts now (the first scrape comes once Prometheus is up).
    let clock = liveClock({ scenarioStartMs: window.start, wallStartMs: Date.now(), speedup });
    const clockRef = { current: clock };
    const exporter = await startExporter({ series, clock: { ...clock, scenarioAt: (w?: number) => clockRef.current.scenarioAt(w) }, lookbackMs });
    cleanups.push(() => exporter.stop());
    const receiverPort = Number(new URL(receiver.url).port);
    const host = await hostAddressFor(kind, [exporter.port, receiverPort]);

    const am: LiveServer<import('../clients/alertmanager-client.js').AlertmanagerClient> = await startLiveAlertmanager(
      rt,
      emitAlertmanagerConfig(scaleAlertmanagerConfig(pack.alertmanager(phase, { webhookBaseUrl: `http://${host}:${receiverPort}/webhook` }), speedup)),
    );
    cleanups.push(() => am.stop());
    const amPort = Number(new URL(am.url).port);
    if (kind === 'testcontainers') await hostAddressFor(kind, [amPort]);

    // Rules are scaled against the clock (time()/timestamp()/@ map through it), so fix it here.
    clock = liveClock({ scenarioStartMs: window.start, wallStartMs: Date.now(), speedup });
    clockRef.current = clock;
    const scaled = scaleRuleFile(ruleFile, { speedup, scrapeIntervalMs: LIVE_SCRAPE_INTERVAL_MS, scenarioStartMs: clock.scenarioStartMs, wallStartMs: clock.wallStartMs });
    for (const w of scaled.warnings) log(`live: ${w.path ?? ''} ${w.message}`);
    const promConfig = livePrometheusConfig({
      exporterTarget: `${host}:${exporter.port}`,
      alertmanagerTarget: `${host}:${amPort}`,
      evaluationIntervalMs: scaleMs(evalMs, speedup),
      ruleFile: 'rules.yml',
    });
    const promArgs = [
      `--rules.alert.resend-delay=${formatDuration(Math.max(LIVE_SCRAPE_INTERVAL_MS, scaleMs(60_000, speedup)))}`,
    ];
    const lookbackDeltaMs = Math.max(2 * LIVE_SCRAPE_INTERVAL_MS, scaleMs(lookbackMs, speedup));
    const prom = await startLivePrometheus(rt, promConfig, { 'rules.yml': emitRuleFile(scaled.file) }, promArgs, lookbackDeltaMs, { ...opts.runtimeOptions, signal: opts.signal });
    cleanups.push(() => prom.stop());
    const startupMs = performance.now() - t00;
    log(`live: ${kind} prometheus ${prom.url}, alertmanager ${am.url}, exporter ${exporter.url}, webhook ${receiver.url}, ledger schema ${schema}; started in ${Math.round(startupMs)} ms`);

    await opts.onStarted?.({
      prometheus: { url: prom.url, pid: prom.pid },
      alertmanager: { url: am.url, pid: am.pid },
      exporterUrl: exporter.url,
      webhookUrl: receiver.webhookUrl,
      ledgerSchema: schema,
      clock,
    });

    // Run loop.
    const alerts = new Map<string, LiveAlertSeen>();
    const silences: Array<LiveSilenceResult & { wallStart: number; wallEnd: number; seen: Map<string, { alertname: string; labels: Labels }> }> = [];
    const pendingMaintenance = [...maintenance].sort((a, b) => a.start - b.start);
    let firing = 0;
    let promFailures = 0;
    let amFailures = 0;
    const died = (server: LiveServer<unknown>, why: string): never => {
      ledgerKept = true;
      dropLedger = false;
      const at = clock.scenarioAt();
      throw new LiveRunError(
        `live/${server.name}-died`,
        `${server.name === 'prometheus' ? 'Prometheus' : 'Alertmanager'} (${server.url}${server.pid ? `, pid ${server.pid}` : ''}) ${why} during the live run, ${((clock.now() - clock.wallStartMs) / 1000).toFixed(1)} s in (scenario time ${new Date(at).toISOString()}). The ledger schema '${schema}' is kept with the notifications written so far.`,
        { service: server.name, logTail: server.logs(20), ledgerSchema: schema },
      );
    };
    const checkServers = async (poll: boolean) => {
      for (const s of [prom, am] as LiveServer<unknown>[]) {
        const gone = s.gone();
        if (gone) died(s, gone);
      }
      if (!poll) return;
      const health = async (url: string) => {
        try {
          const res = await fetch(`${url}/-/healthy`, { signal: AbortSignal.timeout(1000) });
          await res.arrayBuffer();
          return res.ok;
        } catch {
          return false;
        }
      };
      promFailures = (await health(prom.url)) ? 0 : promFailures + 1;
      amFailures = (await health(am.url)) ? 0 : amFailures + 1;
      // A process' exit is seen at once above; a container (or a hung process) after 3 failed polls.
      for (const s of [prom, am] as LiveServer<unknown>[]) {
        const gone = s.gone();
        if (gone) died(s, gone);
      }
      if (promFailures >= 3) died(prom, 'stopped answering /-/healthy');
      if (amFailures >= 3) died(am, 'stopped answering /-/healthy');
    };
    const pollAlerts = async () => {
      const now = clock.now();
      let list;
      try {
        list = await prom.client.alerts();
      } catch {
        return; // health checks decide whether Prometheus is gone
      }
      firing = 0;
      const present = new Set<string>();
      for (const a of list) {
        if (a.state !== 'pending' && a.state !== 'firing') continue;
        if (a.state === 'firing') firing++;
        // One instance per labels and activeAt (the same labels active again are a new instance).
        const key = `${labelsKey(a.labels)}@${a.activeAt ?? ''}`;
        present.add(key);
        const activeAt = a.activeAt ? clock.scenarioAt(Date.parse(a.activeAt)) : clock.scenarioAt(now);
        let seen = alerts.get(key);
        if (!seen) alerts.set(key, (seen = { alertname: a.labels.alertname ?? '', labels: a.labels, activeAt, lastSeenAt: clock.scenarioAt(now), state: a.state }));
        seen.lastSeenAt = clock.scenarioAt(now);
        seen.state = a.state;
        if (a.state === 'firing' && seen.firingSeenAt === undefined) seen.firingSeenAt = clock.scenarioAt(now);
      }
      for (const [key, seen] of alerts) if (!present.has(key) && seen.resolvedSeenAt === undefined) seen.resolvedSeenAt = clock.scenarioAt(now);
    };
    const pollSilences = async () => {
      const now = clock.now();
      const active = silences.filter((s) => now >= s.wallStart && now < s.wallEnd);
      if (active.length) {
        let amAlerts: GettableAlert[];
        try {
          amAlerts = await am.client.getAlerts();
        } catch {
          amAlerts = [];
        }
        for (const s of active) {
          for (const a of amAlerts) if (a.status.silencedBy.includes(s.id)) s.seen.set(labelsKey(a.labels), { alertname: a.labels.alertname ?? '', labels: a.labels });
        }
      }
      for (const s of silences) {
        if (s.stateAfterEnd === 'expired' || now < s.wallEnd) continue;
        try {
          const got = await am.client.getSilence(s.id);
          s.stateAfterEnd = got.status.state;
          if (got.status.state === 'expired') s.expiredObservedAfterMs = now - s.wallEnd;
        } catch (err) {
          log(`live: GET silence ${s.id} failed: ${(err as Error).message}`);
        }
      }
    };
    const postDueSilences = async () => {
      while (silenceSpec && pendingMaintenance.length && clock.scenarioAt() >= pendingMaintenance[0]!.start) {
        const m = pendingMaintenance.shift()!;
        const wallStart = clock.wallAt(m.start);
        const wallEnd = clock.wallAt(m.end);
        const payload = silenceSpec.build({
          now: Math.max(Math.round(wallStart), clock.now() - 1000),
          durationMinutes: (wallEnd - Math.max(wallStart, clock.now() - 1000)) / 60_000,
          comment: `alertcraft live: maintenance window ${new Date(m.start).toISOString()} – ${new Date(m.end).toISOString()} (scenario time, ${speedup}× compressed)`,
        });
        const id = await am.client.postSilence(payload);
        log(`live: silence '${silenceSpec.name}' ${id} posted for ${payload.startsAt} – ${payload.endsAt}`);
        silences.push({
          name: silenceSpec.name,
          id,
          window: m,
          startsAt: payload.startsAt,
          endsAt: payload.endsAt,
          suppressed: [],
          notificationsDuringSilence: 0,
          wallStart: Date.parse(payload.startsAt),
          wallEnd: Date.parse(payload.endsAt),
          seen: new Map(),
        });
      }
    };
    const progress = async (stage: LiveProgress['stage'], message?: string) => {
      if (!opts.onProgress) return;
      const scenarioTime = clock.scenarioAt();
      opts.onProgress({
        stage,
        elapsedMs: clock.now() - clock.wallStartMs,
        scenarioTime,
        fraction: Math.min(1, Math.max(0, (scenarioTime - window.start) / (window.end - window.start))),
        scrapes: exporter.scrapes,
        firing,
        ledgerDeliveries: await ledger.deliveryCount().catch(() => -1),
        ...(message ? { message } : {}),
      });
    };

    const runStart = performance.now();
    let lastPoll = 0;
    const silencesSettled = () => silences.every((s) => s.stateAfterEnd === 'expired' || clock.now() > s.wallEnd + 10_000) && !pendingMaintenance.length;
    while (clock.scenarioAt() < window.end || !silencesSettled()) {
      abortCheck();
      await postDueSilences();
      const poll = clock.now() - lastPoll >= 1000;
      await checkServers(poll);
      // Expiry is checked at every tick once a silence's end has passed, so it is seen on time.
      const expiryDue = silences.some((x) => x.stateAfterEnd !== 'expired' && clock.now() >= x.wallEnd);
      if (poll) {
        lastPoll = clock.now();
        await pollAlerts();
        await pollSilences();
        await progress('running');
      } else if (expiryDue) await pollSilences();
      await sleep(200, opts.signal);
    }
    const runMs = performance.now() - runStart;

    // Settle: wait until the ledger holds every notification Alertmanager counts as sent.
    const settleStart = performance.now();
    let counts: LiveNotificationCounts | undefined;
    let equalPolls = 0;
    const deadline = settleStart + (opts.settleTimeoutMs ?? 10_000);
    for (;;) {
      abortCheck();
      await checkServers(true);
      const metrics = await am.client.metrics();
      const sent = webhookSum(metrics, 'alertmanager_notifications_total');
      const failed = webhookSum(metrics, 'alertmanager_notifications_failed_total');
      const deliveries = await ledger.deliveryCount();
      const rows = (await ledger.notifications()).length;
      counts = {
        ledgerRows: rows,
        ledgerDeliveries: deliveries,
        alertmanagerNotifications: sent,
        alertmanagerFailed: failed,
        equal: deliveries === sent - failed,
        webhookAnswers: { ...receiver.answered },
      };
      equalPolls = counts.equal ? equalPolls + 1 : 0;
      if (equalPolls >= 2 || performance.now() > deadline) break;
      await progress('settling', `ledger ${deliveries} deliveries, alertmanager ${sent - failed} sent`);
      await sleep(500, opts.signal);
    }
    const settleMs = performance.now() - settleStart;

    // Notifications the ledger received while a silence was active (a small grace at its start
    // for a notification already in flight when it was posted).
    const notifications = await ledger.notifications();
    for (const s of silences) {
      s.notificationsDuringSilence = notifications.filter((n) => {
        const t = n.firstReceivedAt.getTime();
        return t >= s.wallStart + 500 && t < s.wallEnd;
      }).length;
      s.suppressed = [...s.seen.values()].sort((a, b) => labelsKey(a.labels).localeCompare(labelsKey(b.labels)));
    }

    ledgerKept = !dropLedger;
    return {
      pack: pack.name,
      phase,
      runtime: kind,
      versions: rt.versions,
      speedup,
      window,
      ledgerSchema: schema,
      ledgerKept,
      scrapes: exporter.scrapes,
      warnings: scaled.warnings,
      alerts: [...alerts.values()].sort((a, b) => a.activeAt - b.activeAt || a.alertname.localeCompare(b.alertname) || labelsKey(a.labels).localeCompare(labelsKey(b.labels))),
      silences: silences.map(({ wallStart: _ws, wallEnd: _we, seen: _seen, ...rest }) => rest),
      notifications: counts!,
      timings: { startupMs, runMs, settleMs, totalMs: performance.now() - t00 },
    };
  } finally {
    await cleanup();
    if (ledgerKept) log(`live: ledger schema '${schema}' kept`);
  }
}

/** A one-paragraph text summary of a live result (CLI output). */
export function formatLiveSummary(r: LiveResult): string[] {
  const n = r.notifications;
  const lines = [
    `live ${r.runtime} run of ${r.pack}/${r.phase} at ${r.speedup}× (prometheus ${r.versions.prometheus ?? '?'}, alertmanager ${r.versions.alertmanager ?? '?'}):`,
    `  window ${new Date(r.window.start).toISOString()} – ${new Date(r.window.end).toISOString()}; startup ${(r.timings.startupMs / 1000).toFixed(1)} s, run ${(r.timings.runMs / 1000).toFixed(1)} s, settle ${(r.timings.settleMs / 1000).toFixed(1)} s, total ${(r.timings.totalMs / 1000).toFixed(1)} s; ${r.scrapes} scrapes`,
    `  alerts seen on Prometheus: ${r.alerts.length} (${r.alerts.filter((a) => a.firingSeenAt !== undefined).length} fired)`,
    `  notifications: ledger ${n.ledgerRows} rows / ${n.ledgerDeliveries} deliveries; alertmanager_notifications_total{integration="webhook"} ${n.alertmanagerNotifications} (failed ${n.alertmanagerFailed}) → ${n.equal ? 'equal' : 'MISMATCH'}`,
  ];
  for (const s of r.silences) {
    lines.push(
      `  silence ${s.name} ${s.id}: ${s.startsAt} – ${s.endsAt}; suppressed ${s.suppressed.length} alert(s) (${[...new Set(s.suppressed.map((a) => a.alertname))].join(', ') || 'none'}); notifications while active: ${s.notificationsDuringSilence}; after end: ${s.stateAfterEnd ?? 'not checked'}${s.expiredObservedAfterMs !== undefined ? ` (+${Math.round(s.expiredObservedAfterMs)} ms)` : ''}`,
    );
  }
  for (const w of r.warnings) lines.push(`  warning ${w.code}${w.path ? ` at ${w.path}` : ''}: ${w.message}`);
  lines.push(`  ledger schema ${r.ledgerSchema} ${r.ledgerKept ? 'kept' : 'dropped'}`);
  return lines;
}
