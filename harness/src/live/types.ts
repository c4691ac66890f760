/**
 * The data live mode takes and returns: options, progress, the started-hook view, and the result
 * (alerts seen on Prometheus, silences, ledger vs Alertmanager counts, timings).
 */
import type { Labels } from '@alertcraft/promql';
import type { GettableSilence } from '../clients/alertmanager-client.js';
import type { AnySeedPack, PackInputs } from '../pack-registry/registry.js';
import type { RuntimeOptions, RuntimeVersions } from '../runtime/types.js';
import type { Scenario } from '../scenario/types.js';
import type { LiveClock } from './clock.js';
import type { TimeScaleWarning } from './time-scale.js';

export type LiveRuntimeKind = 'local' | 'testcontainers';

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
  /** `pid` and `tempDir` for a local process; absent for a container. */
  prometheus: { url: string; pid?: number; tempDir?: string };
  alertmanager: { url: string; pid?: number; tempDir?: string };
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
  /**
   * Postgres URL for the ledger. Default: on the `testcontainers` runtime a Postgres container of
   * the run (`postgres:16`, or `images.postgres` / `ALERTCRAFT_POSTGRES_IMAGE`, removed with the
   * run, so `keepLedger` has no effect there); on `local`, `DATABASE_URL` or
   * `postgres://postgres@127.0.0.1:5432/test`.
   */
  databaseUrl?: string;
  /** Ledger schema name; default `alertcraft_live_<random>`. */
  ledgerSchema?: string;
  /**
   * Bearer token the webhook requires (and the Alertmanager configuration it writes sends, as
   * `http_config.authorization`); default a random token per run. `false`: no authentication.
   */
  webhookToken?: string | false;
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
  /** Payloads the ledger quarantined (malformed or not storable as typed rows); 0 expected. */
  quarantined: number;
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
