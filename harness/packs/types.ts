/**
 * The shape of a seed rule pack as the harness ships it (`harness/packs/<name>/`): the typed rule
 * pack of `@alertcraft/rule-dsl` (phases, groups, expectations, example baselines) plus what the
 * rule DSL's `RulePack` does not hold: the Alertmanager routing of the seed, the silences it
 * creates, and the list of corrections made to the seed's rules (each checked by a test that
 * lints the seed's original text).
 */
import type { NoiseBudget } from '@alertcraft/alert-noise';
import type {
  AlertmanagerConfig,
  Baselines,
  Receiver,
  RulePack,
  SilencePayload,
  TimeInput,
} from '@alertcraft/rule-dsl';

/** Where the Alertmanager receivers deliver; the live harness points them at its webhook. */
export interface AlertmanagerOptions {
  /**
   * Base URL of the webhook every receiver posts to; the receiver name is appended as the last
   * path segment (`<base>/<receiver>`). Default `http://127.0.0.1:9095/alerts`.
   */
  webhookBaseUrl?: string;
}

/** Inputs of a silence builder: time is an input (no clock reads in library code). */
export interface SilenceOptions {
  /** When the silence starts (a Date, Unix ms or RFC 3339). */
  now: TimeInput;
  /** Length in minutes (packs document their default). */
  durationMinutes?: number;
  comment?: string;
  createdBy?: string;
}

/** A named silence the seed creates (e.g. seed 001's maintenance mode). */
export interface PackSilence<Ph extends string = string> {
  name: string;
  description: string;
  /** Phases in which the seed uses it; absent means every phase. */
  phases?: readonly Ph[];
  build(options: SilenceOptions): SilencePayload;
}

/** One rule the pack carries in corrected form. */
export interface Correction {
  /** Rule name in the seed (alert or record). */
  rule: string;
  /** What was wrong in the seed and what the pack does instead. */
  what: string;
  /**
   * The lint code that catches the seed's original text, when lint can see it; checked by
   * `harness/test/packs/corrections.test.ts` against the seed fixture.
   */
  lintCode?: string;
  /** Seed rule-file fixture (file name under `packages/rule-dsl/test/fixtures/seeds/`) holding the original text. */
  fixture?: string;
}

export interface SeedPack<Ph extends string = string> {
  /** Same as `rules.name`; the CLI's `--pack` value. */
  name: string;
  /** Seed document the pack implements (file name under the shared seeds directory). */
  seed: string;
  summary: string;
  rules: RulePack<Ph>;
  /** Alertmanager configuration (plain data, alertmanager.yml shape) for a phase. */
  alertmanager(phase: Ph, options?: AlertmanagerOptions): AlertmanagerConfig;
  silences?: readonly PackSilence<Ph>[];
  /** The noise budget a replay run of the phase must stay within; default alert-noise's `DEFAULT_NOISE_BUDGET`. */
  noiseBudget?(phase: Ph): NoiseBudget;
  corrections: readonly Correction[];
  /**
   * How the pack's baselines are learned from data (seed 000's `collect-baselines.py`): each
   * query's range-query values over the learning window are summarised into p50/p90/p95/p99/max.
   * A launch replay renders the calibrated phase with baselines learned from the days before it.
   */
  baselineQueries?: Readonly<Record<string, BaselineQuery>>;
  /**
   * Which alerts of the calibrated phase have their threshold and `for` calibrated from history
   * (`@alertcraft/baseline-stats` `calibrate`), and against which false-positive budget. A launch
   * replay calibrates them from the days before the phase; `alertcraft calibrate` from any history.
   */
  calibration?: PackCalibration;
}

/** The calibrated alerts of one phase. */
export interface PackCalibration {
  phase: string;
  /** The phase the calibrated one is compared with in the report (the hair-trigger day 0). */
  comparedWith: string;
  /** False-positive budget: alert episodes outside incidents per day of history. */
  maxFalsePositivesPerDay: number;
  alerts: Readonly<Record<string, AlertCalibration>>;
}

export interface AlertCalibration {
  /**
   * PromQL of the value the alert compares with its threshold, its guards applied (no sample when
   * a guard fails); a function of the learned baselines when a guard reads one.
   */
  signal: string | ((baselines: Baselines) => string);
  /** The alert parameter the calibrated threshold replaces (default `threshold`). */
  param?: string;
  direction?: 'above' | 'below';
  /** Incident kinds in the history this alert must detect (labelled incidents of this pack). */
  incidentKinds: readonly string[];
  /** Candidate `for` durations (default 0s, 2m, 5m, 10m, 15m). */
  for?: readonly string[];
}

/** A baseline query: PromQL run as a range query at `stepMs` (default 5 min) over the learning window. */
export interface BaselineQuery {
  expr: string;
  stepMs?: number;
  /** Statistics to keep; default p50, p90, p95, p99, max. */
  stats?: readonly (`p${number}` | 'max' | 'min' | 'mean' | 'median')[];
}

/** A pack whatever its phase ids: what the registry lists and the harness takes. */
export type AnySeedPack = SeedPack<string>;

export const DEFAULT_WEBHOOK_BASE_URL = 'http://127.0.0.1:9095/alerts';

/** A webhook receiver named `name` posting to `<base>/<name>`. */
export function webhookReceiver(name: string, options: AlertmanagerOptions = {}): Receiver {
  const base = (options.webhookBaseUrl ?? DEFAULT_WEBHOOK_BASE_URL).replace(/\/+$/, '');
  return { name, webhook_configs: [{ url: `${base}/${encodeURIComponent(name)}`, send_resolved: true }] };
}
