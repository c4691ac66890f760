/**
 * Replay: pack × phase × scenario → alert timelines, KPIs and the pack's expectations.
 *
 * A launch replay (`phase: 'launch'`) lives through the launch as the seeds do: each phase's rules
 * run over that phase's days (day0 rules on days 0–3, day4 rules from day 4, day8 rules from day
 * 8), starting fresh at the phase switch as a Prometheus reload does, and the calibrated phase is
 * rendered with baselines learned from the days before it in the same replayed data.
 */
import { createStorage, type Storage, type TimelineAlert } from '@alertcraft/promql';
import { parseDuration, type Baselines, type RuleFile } from '@alertcraft/rule-dsl';
import { getPack, renderPhase, resolvePhase, type AnySeedPack, type PackInputs } from '../pack-registry/registry.js';
import { buildResult, buildRun, comparisonSide, rfc3339 } from '../result/build.js';
import type {
  ResultCalibration,
  ResultDocument,
  ResultRun,
  ResultVariant,
  ResultVariantDetection,
} from '../result/types.js';
import type { PackVariant } from '../../packs/types.js';
import type { Incident } from '../scenario/types.js';
import { sloBudgets } from './slo-budget.js';
import { calibratePhase, type PhaseCalibration } from './calibrate-phase.js';
import { startRuntime } from '../runtime/start-runtime.js';
import type { Runtime, RuntimeKind, RuntimeOptions } from '../runtime/types.js';
import { getScenario } from '../scenario/registry.js';
import type { Disturbance, Scenario, ScenarioSeries } from '../scenario/types.js';
import { computeBaselines, type ComputedBaseline } from './baselines.js';
import { checkExpectations, type ExpectationOutcome } from './expectations.js';
import { phaseWindows, type PhaseRunWindow } from './windows.js';
import { ruleReads, seriesFor } from './series-filter.js';

export type ReplayProgress =
  | { kind: 'generate'; scenario: string; series: number; samples: number; ms: number }
  | { kind: 'runtime'; runtime: RuntimeKind; versions: Record<string, string | undefined>; ms: number }
  | { kind: 'baselines'; pack: string; phase: string; from: number; to: number; details: ComputedBaseline[] }
  | { kind: 'calibration'; calibration: PhaseCalibration }
  | { kind: 'run-start'; pack: string; phase: string; index: number; total: number }
  | {
      kind: 'run-done';
      pack: string;
      phase: string;
      index: number;
      total: number;
      alerts: number;
      ms: number;
      expectationsMet: number;
      expectations: number;
    }
  | { kind: 'variant'; pack: string; phase: string; variant: string }
  | { kind: 'log'; line: string };

export interface ReplayOptions {
  /** Scenario name (default `launch-week`). */
  scenario?: string;
  /** Scenario seed; default the scenario's own. */
  seed?: number;
  /** Packs to replay; default every seed pack. */
  packs?: readonly string[];
  /** A phase id, or `launch` (default) to switch phases by day. */
  phase?: string;
  runtime?: RuntimeKind;
  runtimeOptions?: RuntimeOptions;
  /** Baselines/context for rendering; when absent a launch replay learns baselines from the data. */
  inputs?: PackInputs;
  /**
   * Calibrate the thresholds of a pack's calibrated phase from the days before it (default true
   * in a launch replay of a pack with a `calibration`; baselines given in `inputs` turn it off).
   */
  calibrate?: boolean;
  onProgress?: (event: ReplayProgress) => void;
  /** Only the runs of this phase (a launch replay still learns baselines from the days before it). */
  onlyPhase?: string;
  /**
   * Changes the rendered rules of a run before they are evaluated (re-simulating a tuning). Only
   * the run's own rules: not the phase a calibration is compared with, nor a variant.
   */
  transformRules?: (pack: string, phase: string, rules: RuleFile) => RuleFile;
  /** Replay the packs' variants beside their phases (default true). */
  variants?: boolean;
}

export interface ReplayRunDetail {
  pack: string;
  window: PhaseRunWindow;
  alerts: TimelineAlert[];
  expectations: ExpectationOutcome[];
  baselines?: Baselines;
  /** The calibration the run's rules were rendered with. */
  calibration?: PhaseCalibration;
  warnings: { code: string; message: string; path?: string }[];
}

export interface ReplayOutcome {
  document: ResultDocument;
  runs: ReplayRunDetail[];
  expectations: ExpectationOutcome[];
  /** True when every pack expectation was met. */
  ok: boolean;
  scenario: Pick<Scenario, 'name' | 'seed' | 'start' | 'end' | 'launchAt' | 'incidents' | 'disturbances'>;
}

function loadStorage(series: readonly ScenarioSeries[]): Storage {
  const storage = createStorage();
  for (const s of series) storage.appendSeries(s.labels, s.timestamps, s.values);
  return storage;
}

/** Phases of `pack` whose rules read baselines, i.e. that must learn them first. */
function learningWindow(
  pack: AnySeedPack,
  windows: readonly PhaseRunWindow[],
  w: PhaseRunWindow,
): { from: number; to: number } | undefined {
  if (!pack.baselineQueries || Object.keys(pack.baselineQueries).length === 0) return undefined;
  const first = windows[0];
  if (!first || w.start <= first.start) return undefined;
  return { from: first.start, to: w.start };
}

/**
 * Replays `scenario` through the packs' rules on one runtime. Stops every process the runtime
 * started before returning, also on error.
 */
export async function replay(options: ReplayOptions = {}): Promise<ReplayOutcome> {
  const emit = options.onProgress ?? (() => undefined);
  const phaseArg = options.phase ?? 'launch';
  const packs = (options.packs ?? (await import('../pack-registry/registry.js')).packNames()).map(getPack);
  // Validate the phase for every pack before any work.
  if (phaseArg !== 'launch') for (const p of packs) resolvePhase(p, phaseArg);

  const t0 = performance.now();
  const scenario = getScenario(
    options.scenario ?? 'launch-week',
    options.seed === undefined ? undefined : { seed: options.seed },
  );
  const series = [...scenario.series()];
  let samples = 0;
  for (const s of series) samples += s.timestamps.length;
  emit({ kind: 'generate', scenario: scenario.name, series: series.length, samples, ms: performance.now() - t0 });

  const runtimeKind = options.runtime ?? 'embedded';
  const t1 = performance.now();
  const runtime: Runtime = await startRuntime(runtimeKind, {
    ...options.runtimeOptions,
    log: options.runtimeOptions?.log ?? ((line) => emit({ kind: 'log', line })),
  });
  emit({ kind: 'runtime', runtime: runtimeKind, versions: { ...runtime.versions }, ms: performance.now() - t1 });

  let baselineStorage: Storage | undefined;
  const plan = packs.flatMap((pack) => {
    const windows = phaseWindows(pack, scenario, phaseArg);
    return windows
      .filter((w) => options.onlyPhase === undefined || w.phase === options.onlyPhase)
      .map((w) => ({ pack, w, windows }));
  });
  const runs: ReplayRunDetail[] = [];
  const resultRuns: ResultRun[] = [];
  const calibrations: ResultCalibration[] = [];
  const variants: ResultVariant[] = [];
  try {
    for (const [index, { pack, w, windows }] of plan.entries()) {
      emit({ kind: 'run-start', pack: pack.name, phase: w.phase, index, total: plan.length });
      const started = performance.now();
      let inputs: PackInputs = options.inputs ?? {};
      const learn = options.inputs?.baselines ? undefined : learningWindow(pack, windows, w);
      if (learn) {
        baselineStorage ??= loadStorage(series);
        const { baselines, details } = computeBaselines(baselineStorage, pack.baselineQueries!, learn.from, learn.to);
        emit({ kind: 'baselines', pack: pack.name, phase: w.phase, from: learn.from, to: learn.to, details });
        inputs = { ...inputs, baselines };
      }
      const evalIntervalMs = pack.rules.evaluationInterval ? parseDuration(pack.rules.evaluationInterval) : 60_000;
      let calibration: PhaseCalibration | undefined;
      if (learn && options.calibrate !== false && pack.calibration?.phase === w.phase) {
        calibration = calibratePhase(baselineStorage!, pack, {
          baselines: inputs.baselines ?? {},
          from: learn.from,
          to: learn.to,
          evalIntervalMs,
          incidents: scenario.incidents,
        });
        emit({ kind: 'calibration', calibration });
      }
      const runRules = async (
        phase: string,
        overrides?: PhaseCalibration['overrides'],
        rulesOf = pack,
        transform?: ReplayOptions['transformRules'],
      ) => {
        // Context values (capacity limits) and, before anything is learned, baselines come from the pack's documented examples.
        const rendered = renderPhase(rulesOf, phase, inputs, { fillFromExamples: true, overrides });
        const rules = transform ? transform(pack.name, phase, rendered) : rendered;
        // Only the series the rules can read, clipped to the window they can read: same results, less work.
        const reads = ruleReads(rules.groups);
        return runtime.backtest({
          series: [...seriesFor(series, reads, w.start, w.end - 1)],
          rules: rules.groups,
          start: w.start,
          end: w.end - 1,
          evalIntervalMs,
        });
      };
      const result = await runRules(w.phase, calibration?.overrides, pack, options.transformRules);
      const expectations = checkExpectations(pack, w, scenario.incidents, result.alerts);
      runs.push({
        pack: pack.name,
        window: w,
        alerts: result.alerts,
        expectations,
        baselines: inputs.baselines,
        ...(calibration ? { calibration } : {}),
        warnings: result.warnings,
      });
      // One phase's alerts over this window, as a result run (with that phase's noise budget).
      const toRun = (phase: string, alerts: TimelineAlert[]): ResultRun =>
        buildRun({
          pack: pack.name,
          phase,
          scenario: scenario.name,
          runtime: runtimeKind,
          seed: scenario.seed,
          window: { start: w.start, end: w.end },
          alerts,
          incidents: scenario.incidents,
          budget: pack.noiseBudget?.(phase),
          evalIntervalMs,
        });
      const run = toRun(w.phase, result.alerts);
      const slos = pack.slos?.[w.phase];
      if (slos?.length) {
        baselineStorage ??= loadStorage(series);
        run.slos = sloBudgets(baselineStorage, slos, w.start, w.end);
      }
      resultRuns.push(run);
      for (const v of options.variants === false ? [] : (pack.variants ?? [])) {
        if (v.phase !== w.phase) continue;
        const variantPack: AnySeedPack = { ...pack, rules: v.rules };
        const alerts = (await runRules(w.phase, undefined, variantPack)).alerts;
        const variantRun = buildRun({
          pack: pack.name,
          phase: w.phase,
          scenario: scenario.name,
          runtime: runtimeKind,
          seed: scenario.seed,
          window: { start: w.start, end: w.end },
          alerts,
          incidents: variantIncidents(scenario.incidents, pack.name, v),
          budget: pack.noiseBudget?.(w.phase),
          evalIntervalMs,
        });
        const variantExpectations = checkExpectations(variantPack, w, scenario.incidents, alerts);
        variants.push(resultVariant(pack.name, v, w, run, variantRun, expectations, variantExpectations));
        emit({ kind: 'variant', pack: pack.name, phase: w.phase, variant: v.name });
      }
      if (calibration) {
        // The phase the calibration replaces, on the same days and so the same incidents.
        const beforeRun = toRun(calibration.comparedWith, (await runRules(calibration.comparedWith)).alerts);
        calibrations.push(resultCalibration(calibration, w, run, beforeRun, scenario.disturbances));
      }
      emit({
        kind: 'run-done',
        pack: pack.name,
        phase: w.phase,
        index,
        total: plan.length,
        alerts: result.alerts.length,
        ms: performance.now() - started,
        expectationsMet: expectations.filter((e) => e.met).length,
        expectations: expectations.length,
      });
    }
  } finally {
    await runtime.stop();
  }
  const expectations = runs.flatMap((r) => r.expectations);
  return {
    document: buildResult(resultRuns, calibrations, variants),
    runs,
    expectations,
    ok: expectations.every((e) => e.met),
    scenario: {
      name: scenario.name,
      seed: scenario.seed,
      start: scenario.start,
      end: scenario.end,
      launchAt: scenario.launchAt,
      incidents: scenario.incidents,
      disturbances: scenario.disturbances,
    },
  };
}

const r6 = (v: number) => Number(v.toPrecision(6));

/** The result JSON's record of a calibrated phase and its comparison (both runs over `w`). */
export function resultCalibration(
  c: PhaseCalibration,
  w: PhaseRunWindow,
  calibrated: ResultRun,
  before: ResultRun,
  disturbances: readonly Disturbance[] = [],
): ResultCalibration {
  const benign = disturbances
    .filter((d) => d.start < w.end && d.end > w.start)
    .map((d) => `${d.id}: ${d.description}, ${rfc3339(d.start)}`);
  return {
    pack: c.pack,
    phase: c.phase,
    comparedWith: c.comparedWith,
    learnedFrom: { start: rfc3339(c.from), end: rfc3339(c.to) },
    window: { start: rfc3339(w.start), end: rfc3339(w.end) },
    maxFalsePositivesPerDay: c.maxFalsePositivesPerDay,
    alerts: c.alerts.map((a) => ({
      alertname: a.alertname,
      param: a.param,
      threshold: a.result.threshold,
      forSeconds: a.result.forMs / 1000,
      source: a.result.chosen.source,
      met: a.result.met,
      falsePositives: a.result.chosen.falsePositives,
      detected: a.result.chosen.detected,
      incidents: a.result.incidents,
      meanTtdSeconds: a.result.chosen.meanTtdMs === null ? null : r6(a.result.chosen.meanTtdMs / 1000),
      candidatesTried: a.result.candidates.length,
      explanation: [
        ...a.result.explanation,
        ...(a.droppedSamples
          ? [`${a.droppedSamples} evaluations had no finite value (NaN) and count as not firing.`]
          : []),
      ],
    })),
    incidents: calibrated.incidents.map((i) => i.id),
    ...(benign.length ? { disturbances: benign } : {}),
    comparison: [comparisonSide(before), comparisonSide(calibrated)],
  };
}

/**
 * The incidents as a variant sees them: where the pack expects an alert the variant replaces, it
 * expects the variant's stand-ins instead (same deadline), so detection and false positives are
 * measured the same way on both sides.
 */
export function variantIncidents(incidents: readonly Incident[], pack: string, v: PackVariant): Incident[] {
  const replaced = new Set(v.replaces);
  const standIns = (alertname: string): readonly string[] =>
    Array.isArray(v.by) ? v.by : ((v.by as Readonly<Record<string, readonly string[]>>)[alertname] ?? []);
  return incidents.map((i) => {
    const expected = i.expected.flatMap((e) =>
      e.pack === pack && replaced.has(e.alertname)
        ? standIns(e.alertname).map((alertname) => ({ ...e, alertname }))
        : [e],
    );
    const seen = new Set<string>();
    return {
      ...i,
      expected: expected.filter((e) => {
        const k = `${e.pack ?? ''}\u0000${e.alertname}\u0000${(e.phases ?? []).join(',')}`;
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      }),
    };
  });
}

/** The result JSON's record of a variant: both sides' KPIs and, per expected incident, each side's first alert. */
export function resultVariant(
  pack: string,
  v: PackVariant,
  w: PhaseRunWindow,
  phaseRun: ResultRun,
  variantRun: ResultRun,
  phaseExpectations: readonly ExpectationOutcome[],
  variantExpectations: readonly ExpectationOutcome[],
): ResultVariant {
  const first = (e: ExpectationOutcome | undefined) =>
    e?.met && e.alertname !== undefined ? { alertname: e.alertname, seconds: r6(e.seconds ?? 0) } : null;
  const detections: ResultVariantDetection[] = phaseExpectations.map((e, i) => {
    const other = variantExpectations[i];
    if (other && (other.incidentId !== e.incidentId || other.incidentKind !== e.incidentKind))
      throw new Error(`variant ${v.name} of ${pack}/${v.phase}: its expectations do not follow the phase's`);
    return {
      incident: e.incidentId,
      kind: e.incidentKind,
      withinSeconds: e.withinSeconds,
      phase: first(e),
      variant: first(other),
    };
  });
  return {
    pack,
    phase: v.phase,
    variant: v.name,
    description: v.description,
    window: { start: rfc3339(w.start), end: rfc3339(w.end) },
    incidents: phaseRun.incidents.map((i) => i.id),
    comparison: [
      { name: v.phase, ...comparisonSide(phaseRun) },
      { name: v.name, ...comparisonSide(variantRun) },
    ],
    detections,
  };
}
