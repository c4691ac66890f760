/**
 * The result JSON of a replay (format `alertcraft-result/v2`). Times are RFC 3339 strings in
 * UTC with milliseconds (`2025-09-01T06:00:00.000Z`); every duration is in seconds and says so in
 * its name (`withinSeconds`, `mttdSeconds`, `detection.seconds`). Keys are written
 * sorted and arrays in a defined order, so the same run gives the same bytes:
 *
 * - `runs` by pack, phase, scenario, runtime, seed;
 * - `alerts` by activeAt, alertname, labels;
 * - `incidents` by start, id; `expected` by pack, alertname.
 *
 * ```json
 * { "format": "alertcraft-result/v2",
 *   "tool": { "name": "alertcraft", "version": "0.1.0" },
 *   "verdict": { "result": "pass", "runs": 3, "failing": 0 },
 *   "runs": [ { "pack": "maestro", "phase": "day0", "scenario": "launch-week", "runtime": "embedded",
 *     "seed": 20250901, "window": { "start": "…", "end": "…" },
 *     "alerts": [ { "alertname": "MaestroErrorRateSpike", "labels": { "severity": "page" },
 *                   "activeAt": "…", "firedAt": "…", "resolvedAt": null } ],
 *     "incidents": [ { "id": "01-error-spike", "kind": "error-spike", "start": "…", "end": "…",
 *                      "labels": { "job": "maestro" }, "expected": [ { "alertname": "…", "pack": "maestro",
 *                      "phases": ["day0"], "withinSeconds": 600 } ], "required": ["…"],
 *                      "detection": { "alertname": "…", "firedAt": "…", "seconds": 240 } } ],
 *     "kpis": { "detectionRate": 1, "falsePositiveRate": 0, "mttdSeconds": 240, "pagesPerDay": 2, … } } ] }
 * ```
 *
 * v2 (from v1): top-level `tool` and `verdict`; `expected[].within` renamed `withinSeconds`.
 */

import type { Kpis, NoiseBudget, NoisyAlert } from '@alertcraft/alert-noise';

export const RESULT_FORMAT = 'alertcraft-result/v2';

export interface ResultDocument {
  format: typeof RESULT_FORMAT;
  /** The tool that wrote the result. */
  tool: { name: 'alertcraft'; version: string };
  /** `pass` when every run passes (see `runVerdict`); `failing` counts the runs that do not. */
  verdict: ResultVerdict;
  runs: ResultRun[];
  /**
   * Phases whose thresholds were calibrated from earlier days of the replay (launch replays of a
   * pack with a calibration), each compared with the phase it replaces on the same days.
   */
  calibrations?: ResultCalibration[];
  /**
   * Pack variants (e.g. a seed's own alert kept beside the generated ones) replayed over their
   * phase's days and compared with the phase; they do not count in the verdict.
   */
  variants?: ResultVariant[];
}

/** A variant of a phase's rules against the phase, on the same days and incidents. */
export interface ResultVariant {
  pack: string;
  phase: string;
  /** The variant's name (`seed`). */
  variant: string;
  description: string;
  window: { start: string; end: string };
  /** Incident ids starting in the window. */
  incidents: string[];
  /** The phase's rules (`name` = the phase id), then the variant's (`name` = the variant's). */
  comparison: ResultVariantSide[];
  /** Per incident the pack expects the phase to catch: the first alert of each side and its delay. */
  detections: ResultVariantDetection[];
}

export interface ResultVariantSide extends ResultComparisonSide {
  name: string;
}

export interface ResultVariantDetection {
  incident: string;
  kind: string;
  /** The deadline of the expectation (seconds from the incident's start). */
  withinSeconds: number;
  /** The phase's first alert within the deadline, or null. */
  phase: { alertname: string; seconds: number } | null;
  /** The variant's first alert within the deadline, or null. */
  variant: { alertname: string; seconds: number } | null;
}

/** A value with its unit, for figures whose unit a name cannot carry (`x`, a ratio of a budget). */
export interface ResultMeasure {
  value: number | null;
  unit: string;
}

/**
 * One SLO of a run's phase (`SeedPack.slos`): its SLI over the run's window (`windowSeconds`, the
 * window ending at the run's end) and its budget over the SLO's period ending there.
 */
export interface ResultSlo {
  name: string;
  service?: string;
  /** Percent, e.g. 99.9. */
  objectivePercent: number;
  /** As written (`30d`) and in seconds. */
  period: string;
  periodSeconds: number;
  windowSeconds: number;
  /** SLI events over the window; null when the SLI is one error-ratio query. */
  events: number | null;
  /** Bad events / events over the window (0..1); null without traffic. */
  errorRatio: number | null;
  /** The allowed error ratio, 1 − objective / 100. */
  errorBudgetRatio: number;
  /** errorRatio / errorBudgetRatio, unit `x` (1 = spending exactly the budget over the period). */
  burnRate: ResultMeasure;
  /** Share of one period's budget the window spent: burn × window / period. */
  budgetSpent: ResultMeasure;
  /** 1 − (error ratio over the period ending at the run's end) / budget; below 0 = overspent. */
  budgetRemaining: ResultMeasure;
}

/** One calibrated phase: what was chosen per alert, and the comparison on the same incidents. */
export interface ResultCalibration {
  pack: string;
  phase: string;
  comparedWith: string;
  /** The history the thresholds were learned from. */
  learnedFrom: { start: string; end: string };
  /** The days both phases' rules were replayed over for the comparison. */
  window: { start: string; end: string };
  maxFalsePositivesPerDay: number;
  alerts: ResultCalibratedAlert[];
  /** Incident ids starting in the window (the same for both sides). */
  incidents: string[];
  /**
   * Benign disturbances of the scenario in the window (not incidents, so an alert they trip is a
   * false positive), as `id: description`; absent when the scenario has none there.
   */
  disturbances?: string[];
  /** `comparedWith`'s rules, then the calibrated phase's, over `window`. */
  comparison: ResultComparisonSide[];
}

export interface ResultCalibratedAlert {
  alertname: string;
  param: string;
  threshold: number;
  forSeconds: number;
  /** The threshold's origin, e.g. `p99 × 1.2`. */
  source: string;
  /** True when the chosen candidate met the false-positive budget on the history. */
  met: boolean;
  /** On the history: */
  falsePositives: number;
  detected: number;
  incidents: number;
  meanTtdSeconds: number | null;
  candidatesTried: number;
  explanation: string[];
}

export interface ResultComparisonSide {
  phase: string;
  firingAlerts: number;
  falsePositives: number;
  falsePositiveRate: number | null;
  incidentsRequired: number;
  incidentsDetected: number;
  detectionRate: number | null;
  mttdSeconds: number | null;
}

export interface ResultVerdict {
  result: 'pass' | 'fail';
  runs: number;
  failing: number;
}

export interface ResultRun {
  pack: string;
  phase: string;
  scenario: string;
  runtime: string;
  seed: number | string;
  /** The phase window the KPIs cover. */
  window: { start: string; end: string };
  alerts: ResultAlert[];
  incidents: ResultIncident[];
  kpis: ResultKpis;
  /**
   * The run's noise budget and the measures beyond `kpis` (alert-noise's `measureNoise`). Absent in
   * results written before budgets existed: such a run is judged on detection and quiet periods only.
   */
  noise?: ResultNoise;
  /** Error budget and burn rate of each SLO the run's phase carries (packs with SLOs only). */
  slos?: ResultSlo[];
}

/** Noise measures of a run as written (rounded to 1e-6) and the budget its verdict checks. */
export interface ResultNoise {
  budget: NoiseBudget;
  /** 0-10, alert-noise's `fatigueScore`. */
  fatigue: number;
  pagesPerNight: number | null;
  maxPagesPerShift: number;
  incidentMinutes: number;
  /** Share of firing alerts resolved in under 5 minutes. */
  resolvedUnder5m: number | null;
  ttrP50Seconds: number | null;
  ttrP95Seconds: number | null;
  /** Alert identities Nagios' detector calls flapping. */
  nagiosFlapping: number;
  /** Pairs of alert names that fire together most of the time (`duplicatePairs`). */
  duplicates: { a: string; b: string; share: number }[];
}

export interface ResultAlert {
  alertname: string;
  labels: Record<string, string>;
  activeAt: string;
  /** Null: never fired (pending only). */
  firedAt: string | null;
  /** Null: still active at the end of the evaluated range. */
  resolvedAt: string | null;
}

export interface ResultExpected {
  alertname: string;
  pack?: string;
  phases?: string[];
  /** Seconds from the incident's start by which the alert had to fire. */
  withinSeconds: number;
}

export interface ResultIncident {
  id: string;
  kind: string;
  start: string;
  end: string;
  labels: Record<string, string>;
  expected: ResultExpected[];
  /** Alert names this run's pack/phase had to raise; empty = must stay quiet or not this run's concern. */
  required: string[];
  /** Null when not detected (or nothing was required). */
  detection: { alertname: string; firedAt: string; seconds: number } | null;
  /** Not detected because this required alert was already firing when the incident started; else null. */
  alreadyFiring: string | null;
}

/** A noisiest-alert row as written: alert-noise's `NoisyAlert` (`firingSeconds` rounded to 1e-6). */
export type ResultNoisyAlert = NoisyAlert;

/**
 * The KPIs as written: alert-noise's `Kpis` without the per-incident `detections` (recorded on
 * each incident instead), rates and seconds rounded to 1e-6.
 */
export type ResultKpis = Omit<Kpis, 'detections' | 'noisiest'> & { noisiest: ResultNoisyAlert[] };
