/**
 * Plain data shapes of a generated scenario: series, ground-truth incidents, phase windows.
 * All times are Unix milliseconds; durations in `expected[].within` are seconds.
 */
import type { ExpectedAlert as KpiExpectedAlert, GroundTruthIncident } from '@alertcraft/alert-noise';
import type { SeriesData } from '@alertcraft/promql';

/** Launch phases of the seed playbooks (day 0–3, day 4–7, day 8–14); packs may name others. */
export type Phase = 'day0' | 'day4' | 'day8' | (string & {});

export const PHASES: readonly Phase[] = ['day0', 'day4', 'day8'];

/** One series of a scenario; `labels.__name__` is the metric name. */
export type ScenarioSeries = SeriesData;

export type IncidentKind =
  | 'error-spike'
  | 'latency-regression'
  | 'cost-burn'
  | 'saga-compensation-storm'
  | 'safety-guardian-attack'
  | 'zero-traffic'
  | 'capacity-creep'
  | 'premium-tenant-outage'
  | 'slow-budget-burn'
  | 'maintenance-window'
  | 'cache-degradation'
  | 'low-confidence-spike'
  | 'rerank-budget-burn';

export const INCIDENT_KINDS: readonly IncidentKind[] = [
  'error-spike',
  'latency-regression',
  'cost-burn',
  'saga-compensation-storm',
  'safety-guardian-attack',
  'zero-traffic',
  'capacity-creep',
  'premium-tenant-outage',
  'slow-budget-burn',
  'maintenance-window',
  'cache-degradation',
  'low-confidence-spike',
  'rerank-budget-burn',
];

/**
 * An alert the incident must raise (alert-noise's `ExpectedAlert`, the KPIs' ground truth), with
 * phases among the launch phases.
 */
export interface ExpectedAlert extends KpiExpectedAlert {
  phases?: Phase[];
}

/**
 * Ground truth: what was injected, where and when, and which alerts must catch it: alert-noise's
 * `GroundTruthIncident` plus what the generator needs to inject it.
 */
export interface Incident extends GroundTruthIncident {
  kind: IncidentKind;
  /** Size of the injected effect, in the unit the kind documents (see incidents.ts). */
  magnitude: number;
  description: string;
  expected: ExpectedAlert[];
}

/**
 * Benign disturbances: things real launch traffic does that are NOT incidents (no alert is
 * expected, nothing is broken): an alert they trip is a false positive. See disturbances.ts.
 */
export type DisturbanceKind = 'traffic-surge' | 'deploy-blip' | 'retry-storm';

export const DISTURBANCE_KINDS: readonly DisturbanceKind[] = ['traffic-surge', 'deploy-blip', 'retry-storm'];

export interface Disturbance {
  id: string;
  kind: DisturbanceKind;
  start: number;
  end: number;
  /** Scope as series labels. */
  labels: Record<string, string>;
  /** Size of the effect, in the unit the kind documents (see disturbances.ts). */
  magnitude: number;
  description: string;
  /** Why the scenario has it: the seed passage that says launch traffic does this. */
  why: string;
}

export interface PhaseWindow {
  phase: Phase;
  start: number;
  end: number;
}

/** A scenario instance: metadata, ground truth, and series generated lazily on iteration. */
export interface Scenario {
  name: string;
  description: string;
  /** The seed as given (same seed, same bytes). */
  seed: number | string;
  /** First sample time and the end of the range (exclusive), ms. */
  start: number;
  end: number;
  /** When traffic starts (T+0). */
  launchAt: number;
  stepMs: number;
  phases: PhaseWindow[];
  incidents: Incident[];
  /** Benign disturbances (not incidents: no alert is expected for them). */
  disturbances: Disturbance[];
  /** Number of series `series()` yields. */
  seriesCount: number;
  /**
   * Generates the series one group at a time: only the series of the current group are held in
   * memory. Each call starts over and yields the same bytes.
   */
  series(): Generator<ScenarioSeries>;
}
