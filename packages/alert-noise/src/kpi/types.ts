/**
 * KPI inputs and outputs: plain data. Times are Unix ms in, seconds in durations out.
 *
 * The alert timeline is `TimelineAlert` from `@alertcraft/promql` (`{ alertname, labels, state,
 * activeAt, firedAt?, resolvedAt? }`); ground truth is `GroundTruthIncident` below, which a
 * scenario generator (e.g. `@alertcraft/harness`) extends with what it needs to inject.
 */
import type { Labels, TimelineAlert } from '@alertcraft/promql';

export interface TimeWindow {
  start: number;
  end: number;
}

/** An alert an incident must raise: when the run's pack/phase match, it must fire by start + within. */
export interface ExpectedAlert {
  alertname: string;
  /** Pack the alert belongs to; absent means any pack with an alert of that name. */
  pack?: string;
  /** Phases whose rules must catch it; absent means every phase. */
  phases?: readonly string[];
  /** Detect-by deadline, seconds after the incident start. */
  within: number;
}

/** Ground truth: a problem (or a period that must stay quiet) over [start, end) ms. */
export interface GroundTruthIncident {
  id: string;
  kind: string;
  start: number;
  end: number;
  /** Scope of the incident as series labels (e.g. `{ job: 'maestro', tenant: 'acme' }`). */
  labels: Labels;
  /** Empty means the period must stay quiet (maintenance windows, guarded zero traffic). */
  expected: readonly ExpectedAlert[];
}

export interface KpiInput {
  /** The alert timeline of one run (one pack, one phase's rules). */
  alerts: readonly TimelineAlert[];
  /** Ground truth (all of it; those starting inside `window` count). */
  incidents: readonly GroundTruthIncident[];
  /** The phase window the run covers; KPIs count incidents starting and alerts firing inside it. */
  window: TimeWindow;
  /** The run's pack and phase: select which `expected` entries apply. Absent = all apply. */
  pack?: string;
  phase?: string;
}

export interface KpiOptions {
  /** Severities that page; default `['page', 'critical']`. */
  pagingSeverities?: readonly string[];
  /** A re-fire of the same alert identity within this long after it resolved is a flap; default 1 h. */
  flapWindowMs?: number;
  /** How many noisiest alerts to list; default 5. */
  noisiestLimit?: number;
}

export interface IncidentDetection {
  id: string;
  kind: string;
  /** Alert names this run had to raise (relevant `expected` entries). Empty: must stay quiet. */
  required: string[];
  detected: boolean;
  /** The earliest matching alert that fired by the deadline. */
  alertname?: string;
  firedAt?: number;
  /** Seconds from incident start to `firedAt`. */
  seconds?: number;
  /** start + the largest relevant `within`. */
  deadline?: number;
  /** When not detected: a required alert that was already firing at the incident start (it cannot signal the incident). */
  alreadyFiring?: string;
}

export interface NoisyAlert {
  alertname: string;
  /** Alerts of this name that fired in the window. */
  fires: number;
  falsePositives: number;
  /** Seconds spent firing inside the window. */
  firingSeconds: number;
}

export interface Kpis {
  /** Detected / incidents with a relevant expectation; null when there are none. */
  detectionRate: number | null;
  /** Firing alerts overlapping no real incident / firing alerts; null when nothing fired. */
  falsePositiveRate: number | null;
  /** Mean seconds from incident start to detection; null when nothing was detected. */
  mttdSeconds: number | null;
  ttdP50Seconds: number | null;
  ttdP95Seconds: number | null;
  /** Firing alerts with a paging severity per day of the window. */
  pagesPerDay: number;
  /** Re-fires of the same alert identity within the flap window. */
  flapping: number;
  /** Firing alerts overlapping a period that must stay quiet (maintenance, guarded zero traffic). */
  quietViolations: number;
  firingAlerts: number;
  falsePositives: number;
  incidentsRequired: number;
  incidentsDetected: number;
  detections: IncidentDetection[];
  noisiest: NoisyAlert[];
}
