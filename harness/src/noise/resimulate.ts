/**
 * Recommendations proven by re-simulation: a pack's phase is replayed on the embedded engine and
 * its notifications simulated with the pack's Alertmanager configuration, before and after each
 * recommendation, and after the top ones together (chosen greedily: each lowers some figure further,
 * none is worse than before, no detected incident is lost).
 */
import {
  alertsFromTimeline,
  applyRecommendations,
  measureNoise,
  recommend,
  simulateAlertmanager,
  type NoiseMeasures,
  type Recommendation,
} from '@alertcraft/alert-noise';
import type { TimelineAlert } from '@alertcraft/promql';
import { parseDuration, type AlertmanagerConfig, type RuleFile } from '@alertcraft/rule-dsl';
import { getPack } from '../pack-registry/registry.js';
import { replay } from '../replay/replay.js';

/** The figures compared before and after. */
export interface NoiseFigures {
  falsePositiveRate: number | null;
  pagesPerDay: number;
  flapping: number;
  firingAlerts: number;
  /** Incidents caught in time / incidents to catch. */
  detected: number;
  required: number;
  /** Ids of the incidents caught. */
  detectedIds: string[];
  /** Notifications the pack's Alertmanager configuration sends, per receiver. */
  notifications: Record<string, number>;
  notificationsPerDay: number;
}

export interface RecommendationEffect {
  recommendation: Recommendation;
  after: NoiseFigures;
  /** Lowered pages/day or false positives (or notifications), and lost no detected incident. */
  helps: boolean;
}

export interface Resimulation {
  pack: string;
  phase: string;
  scenario: string;
  seed: number | string;
  before: NoiseFigures;
  effects: RecommendationEffect[];
  /**
   * The top recommendations applied together (chosen greedily, see `resimulate`): lower figures
   * than before, no figure higher, every detected incident kept; null when none helps.
   */
  top: { recommendations: string[]; after: NoiseFigures } | null;
}

export interface ResimulateOptions {
  pack: string;
  phase: string;
  scenario?: string;
  seed?: number;
  /** Called before each replay (progress). */
  onStep?: (label: string) => void;
}

interface Outcome {
  seed: number | string;
  figures: NoiseFigures;
  measures: NoiseMeasures;
  alerts: TimelineAlert[];
  rules: RuleFile;
  deadlines: Record<string, number>;
}

async function run(
  options: ResimulateOptions,
  tune: (rules: RuleFile) => RuleFile,
  alertmanager: AlertmanagerConfig,
): Promise<Outcome> {
  const pack = getPack(options.pack);
  let rendered: RuleFile | undefined;
  const out = await replay({
    scenario: options.scenario ?? 'launch-week',
    seed: options.seed,
    packs: [options.pack],
    phase: pack.rules.phases.length > 1 ? 'launch' : options.phase,
    onlyPhase: options.phase,
    // Only the phase's own rules are tuned and measured; its variants are not.
    variants: false,
    transformRules: (_p, _ph, rules) => (rendered = tune(rules)),
  });
  const detail = out.runs[0]!;
  const window = { start: detail.window.start, end: detail.window.end };
  const sim = simulateAlertmanager(alertmanager, alertsFromTimeline(detail.alerts), window);
  const measures = measureNoise({
    source: 'replay',
    window,
    alerts: detail.alerts,
    incidents: out.scenario.incidents,
    pack: options.pack,
    phase: options.phase,
  });
  const notifications: Record<string, number> = {};
  for (const n of sim.notifications) notifications[n.receiver] = (notifications[n.receiver] ?? 0) + 1;
  const k = measures.kpis;
  const deadlines: Record<string, number> = {};
  for (const d of k.detections)
    if (d.deadline !== undefined) {
      const i = out.scenario.incidents.find((x) => x.id === d.id);
      if (i) deadlines[d.id] = d.deadline - i.start;
    }
  return {
    seed: out.scenario.seed,
    measures,
    alerts: detail.alerts,
    rules: rendered!,
    deadlines,
    figures: {
      falsePositiveRate: k.falsePositiveRate,
      pagesPerDay: k.pagesPerDay,
      flapping: k.flapping,
      firingAlerts: k.firingAlerts,
      detected: k.incidentsDetected,
      required: k.incidentsRequired,
      detectedIds: k.detections.filter((d) => d.detected).map((d) => d.id),
      notifications: Object.fromEntries(Object.entries(notifications).sort(([a], [b]) => (a < b ? -1 : 1))),
      notificationsPerDay: sim.notifications.length / ((window.end - window.start) / 86_400_000),
    },
  };
}

function helps(before: NoiseFigures, after: NoiseFigures): boolean {
  const lost = before.detectedIds.some((id) => !after.detectedIds.includes(id));
  const fp = (f: NoiseFigures) => f.falsePositiveRate ?? 0;
  const better =
    after.pagesPerDay < before.pagesPerDay ||
    fp(after) < fp(before) ||
    after.notificationsPerDay < before.notificationsPerDay;
  const worse =
    after.pagesPerDay > before.pagesPerDay ||
    fp(after) > fp(before) ||
    after.notificationsPerDay > before.notificationsPerDay;
  return !lost && better && !worse;
}

/** True when `after` lowers pages/day, the false-positive rate or notifications/day against `current`. */
function lowersSome(current: NoiseFigures, after: NoiseFigures): boolean {
  const fp = (f: NoiseFigures) => f.falsePositiveRate ?? 0;
  return (
    after.pagesPerDay < current.pagesPerDay ||
    fp(after) < fp(current) ||
    after.notificationsPerDay < current.notificationsPerDay
  );
}

/** Recommends for one pack phase, re-simulates each recommendation and the helpful ones together. */
export async function resimulate(options: ResimulateOptions): Promise<Resimulation> {
  const pack = getPack(options.pack);
  const am = pack.alertmanager(options.phase);
  const step = options.onStep ?? (() => undefined);
  step('before');
  const base = await run(options, (r) => r, am);
  const recs = recommend({
    measures: base.measures,
    alerts: base.alerts,
    deadlines: base.deadlines,
    rules: base.rules,
    alertmanager: am,
    evalIntervalMs: pack.rules.evaluationInterval ? parseDuration(pack.rules.evaluationInterval) : 60_000,
  });
  const effects: RecommendationEffect[] = [];
  for (const rec of recs) {
    step(rec.id);
    const tuned = applyRecommendations({ rules: base.rules, alertmanager: am }, [rec]);
    const after = await run(options, (r) => applyRecommendations({ rules: r }, [rec]).rules, tuned.alertmanager ?? am);
    effects.push({ recommendation: rec, after: after.figures, helps: helps(base.figures, after.figures) });
  }
  // The top set, built greedily: the recommendations that help alone first, then the others; one
  // joins when, with the set so far, it lowers some figure further, no figure is worse than before
  // and no detected incident is lost. So a merge that lowers pages but, alone, raises the false
  // positive *rate* (fewer alerts, the same false ones) joins once the set has removed enough false
  // positives for the rate to stay below the original.
  const order = [...effects.filter((e) => e.helps), ...effects.filter((e) => !e.helps)];
  const chosen: Recommendation[] = [];
  let current = base.figures;
  for (const e of order) {
    const trial = [...chosen, e.recommendation];
    let after: NoiseFigures;
    if (chosen.length === 0) after = e.after;
    else {
      step(`top + ${e.recommendation.id}`);
      const tunedAm = applyRecommendations({ rules: base.rules, alertmanager: am }, trial).alertmanager ?? am;
      after = (await run(options, (r) => applyRecommendations({ rules: r }, trial).rules, tunedAm)).figures;
    }
    if (helps(base.figures, after) && lowersSome(current, after)) {
      chosen.push(e.recommendation);
      current = after;
    }
  }
  const top: Resimulation['top'] = chosen.length ? { recommendations: chosen.map((r) => r.id), after: current } : null;
  return {
    pack: options.pack,
    phase: options.phase,
    scenario: options.scenario ?? 'launch-week',
    seed: base.seed,
    before: base.figures,
    effects,
    top,
  };
}
