/**
 * Builds result runs from plain data (alert timeline in ms, incidents, KPIs) and converts back.
 */
import {
  DEFAULT_NOISE_BUDGET,
  incidentsIn,
  measureNoise,
  type GroundTruthIncident,
  type KpiOptions,
  type Kpis,
  type NoiseBudget,
  type TimeWindow,
} from '@alertcraft/alert-noise';
import { compareLabels, type TimelineAlert } from '@alertcraft/promql';
import type { Incident } from '../scenario/types.js';
import { toolVersion } from '../version.js';
import { documentVerdict } from './verdict.js';
import {
  RESULT_FORMAT,
  type ResultAlert,
  type ResultCalibration,
  type ResultComparisonSide,
  type ResultDocument,
  type ResultIncident,
  type ResultKpis,
  type ResultRun,
  type ResultVariant,
} from './types.js';

/** Unix ms → RFC 3339 UTC with milliseconds. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString();
}

/** RFC 3339 → Unix ms. */
export function fromRfc3339(text: string): number {
  return Date.parse(text);
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;
const roundOrNull = (v: number | null) => (v === null ? null : round(v));

export interface RunInput {
  pack: string;
  phase: string;
  scenario: string;
  runtime: string;
  seed: number | string;
  window: TimeWindow;
  alerts: readonly TimelineAlert[];
  /** The scenario's incidents; those starting in the window are recorded. */
  incidents: readonly Incident[];
  /** Computed with `computeKpis` when absent. */
  kpis?: Kpis;
  kpiOptions?: KpiOptions;
  /** The run's noise budget (default alert-noise's `DEFAULT_NOISE_BUDGET`). */
  budget?: NoiseBudget;
  /** Rule evaluation interval, ms (Nagios' check interval); default 60 s. */
  evalIntervalMs?: number;
}

function cmp(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function buildRun(input: RunInput): ResultRun {
  const measures = measureNoise(
    {
      source: 'replay',
      alerts: input.alerts,
      incidents: input.incidents,
      window: input.window,
      pack: input.pack,
      phase: input.phase,
      evalIntervalMs: input.evalIntervalMs,
    },
    input.kpiOptions,
  );
  const kpis = input.kpis ?? measures.kpis;
  const detections = new Map(kpis.detections.map((d) => [d.id, d]));
  const alerts: ResultAlert[] = [...input.alerts]
    .sort((a, b) => a.activeAt - b.activeAt || cmp(a.alertname, b.alertname) || compareLabels(a.labels, b.labels))
    .map((a) => ({
      alertname: a.alertname,
      labels: { ...a.labels },
      activeAt: rfc3339(a.activeAt),
      firedAt: a.firedAt === undefined ? null : rfc3339(a.firedAt),
      resolvedAt: a.resolvedAt === undefined ? null : rfc3339(a.resolvedAt),
    }));
  const incidents: ResultIncident[] = incidentsIn(input.incidents, input.window)
    .sort((a, b) => a.start - b.start || cmp(a.id, b.id))
    .map((i) => {
      const d = detections.get(i.id);
      return {
        id: i.id,
        kind: i.kind,
        start: rfc3339(i.start),
        end: rfc3339(i.end),
        labels: { ...i.labels },
        expected: [...i.expected]
          .sort((a, b) => cmp(a.pack ?? '', b.pack ?? '') || cmp(a.alertname, b.alertname))
          .map((e) => ({
            alertname: e.alertname,
            ...(e.pack !== undefined ? { pack: e.pack } : {}),
            ...(e.phases !== undefined ? { phases: [...e.phases] } : {}),
            withinSeconds: e.within,
          })),
        required: d?.required ?? [],
        detection: d?.detected
          ? { alertname: d.alertname!, firedAt: rfc3339(d.firedAt!), seconds: round(d.seconds!) }
          : null,
        alreadyFiring: d?.alreadyFiring ?? null,
      };
    });
  const resultKpis: ResultKpis = {
    detectionRate: roundOrNull(kpis.detectionRate),
    falsePositiveRate: roundOrNull(kpis.falsePositiveRate),
    mttdSeconds: roundOrNull(kpis.mttdSeconds),
    ttdP50Seconds: roundOrNull(kpis.ttdP50Seconds),
    ttdP95Seconds: roundOrNull(kpis.ttdP95Seconds),
    pagesPerDay: round(kpis.pagesPerDay),
    flapping: kpis.flapping,
    quietViolations: kpis.quietViolations,
    firingAlerts: kpis.firingAlerts,
    falsePositives: kpis.falsePositives,
    incidentsRequired: kpis.incidentsRequired,
    incidentsDetected: kpis.incidentsDetected,
    noisiest: kpis.noisiest.map((n) => ({ ...n, firingSeconds: round(n.firingSeconds) })),
  };
  return {
    pack: input.pack,
    phase: input.phase,
    scenario: input.scenario,
    runtime: input.runtime,
    seed: input.seed,
    window: { start: rfc3339(input.window.start), end: rfc3339(input.window.end) },
    alerts,
    incidents,
    kpis: resultKpis,
    noise: {
      budget: { ...(input.budget ?? DEFAULT_NOISE_BUDGET) },
      fatigue: round(measures.fatigue),
      pagesPerNight: roundOrNull(measures.pages.pagesPerNight),
      maxPagesPerShift: measures.pages.maxPagesPerShift,
      incidentMinutes: round(measures.incidentMinutes),
      resolvedUnder5m: roundOrNull(measures.resolvedUnder5m),
      ttrP50Seconds: roundOrNull(measures.ttrP50Seconds),
      ttrP95Seconds: roundOrNull(measures.ttrP95Seconds),
      nagiosFlapping: measures.nagiosFlapping.length,
      duplicates: measures.duplicates.map((d) => ({ a: d.a, b: d.b, share: round(d.share) })),
    },
  };
}

/** A result document with runs in their defined order (pack, phase, scenario, runtime, seed). */
/** The comparison figures of a run (for `ResultCalibration.comparison`). */
export function comparisonSide(run: ResultRun): ResultComparisonSide {
  const k = run.kpis;
  return {
    phase: run.phase,
    firingAlerts: k.firingAlerts,
    falsePositives: k.falsePositives,
    falsePositiveRate: k.falsePositiveRate,
    incidentsRequired: k.incidentsRequired,
    incidentsDetected: k.incidentsDetected,
    detectionRate: k.detectionRate,
    mttdSeconds: k.mttdSeconds,
  };
}

export function buildResult(
  runs: readonly ResultRun[],
  calibrations: readonly ResultCalibration[] = [],
  variants: readonly ResultVariant[] = [],
): ResultDocument {
  const sorted = [...runs].sort(
    (a, b) =>
      cmp(a.pack, b.pack) ||
      cmp(a.phase, b.phase) ||
      cmp(a.scenario, b.scenario) ||
      cmp(a.runtime, b.runtime) ||
      cmp(String(a.seed), String(b.seed)),
  );
  return {
    format: RESULT_FORMAT,
    tool: { name: 'alertcraft', version: toolVersion() },
    verdict: documentVerdict(sorted),
    runs: sorted,
    ...(calibrations.length
      ? { calibrations: [...calibrations].sort((a, b) => cmp(a.pack, b.pack) || cmp(a.phase, b.phase)) }
      : {}),
    ...(variants.length
      ? {
          variants: [...variants].sort(
            (a, b) => cmp(a.pack, b.pack) || cmp(a.phase, b.phase) || cmp(a.variant, b.variant),
          ),
        }
      : {}),
  };
}

/** The run's alerts back as a timeline (ms), e.g. to re-compute KPIs from a stored result. */
export function timelineOf(run: ResultRun): TimelineAlert[] {
  return run.alerts.map((a) => ({
    alertname: a.alertname,
    labels: a.labels,
    state: a.resolvedAt !== null ? 'inactive' : a.firedAt !== null ? 'firing' : 'pending',
    activeAt: fromRfc3339(a.activeAt),
    ...(a.firedAt !== null ? { firedAt: fromRfc3339(a.firedAt) } : {}),
    ...(a.resolvedAt !== null ? { resolvedAt: fromRfc3339(a.resolvedAt) } : {}),
  }));
}

/** The run's recorded incidents back as ground truth (ms, `within` in seconds), e.g. to re-measure noise. */
export function incidentsOf(run: ResultRun): GroundTruthIncident[] {
  return run.incidents.map((i) => ({
    id: i.id,
    kind: i.kind,
    start: fromRfc3339(i.start),
    end: fromRfc3339(i.end),
    labels: i.labels,
    expected: i.expected.map(({ withinSeconds, ...e }) => ({ ...e, within: withinSeconds })),
  }));
}
