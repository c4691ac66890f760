/**
 * Threshold calibration: from the history of the value an alert compares (one sample per rule
 * evaluation) and, optionally, labelled incidents, propose the threshold and `for` duration that
 * stay within a false-positive budget with the best detection, and say why.
 *
 * Each candidate (threshold × `for`) is replayed over the history with the alert state machine of
 * Prometheus (pending at the first evaluation over the threshold, firing once it has been over
 * for `for`, inactive at the first evaluation that is not over it or has no sample). A firing
 * episode is a false positive when it overlaps no labelled incident (window extended by
 * `graceMs`); an incident is detected when an episode fires between its start and its end plus
 * `graceMs`, the time to detect counted from the incident's start.
 *
 * The choice: among candidates within the budget, the most incidents detected, then the fewest
 * false positives (the budget is a ceiling, not an allowance: a page a few seconds sooner is not
 * worth a page on something benign the history shows), then the lowest mean time to detect, then
 * the least sensitive threshold (the one farthest from normal), then the shorter `for`. Without labelled incidents detection cannot
 * be measured: the most sensitive candidate within the budget is chosen (lowest threshold for
 * `above`, then the shorter `for`), the tightest alert the history allows. When no candidate
 * meets the budget, the one with the fewest false positives is returned with `met: false`.
 *
 * Candidate thresholds come from a policy: statistics of the history outside the labelled
 * incidents (p90, p95, p99, max by default) times multipliers. `SEED000_PHASE_MULTIPLIERS` are
 * seed 000's auto-tune multipliers (day0 0.8, day4 1.2, day8 1.5); the default policy tries
 * each of them on each statistic.
 */
import { quantileSorted, sortedSample } from './quantile.js';

/** Seed 000's `auto-tune-alerts.sh`: thresholds scaled by 0.8 (day0), 1.2 (day4), 1.5 (day8). */
export const SEED000_PHASE_MULTIPLIERS: Readonly<Record<'day0' | 'day4' | 'day8', number>> = {
  day0: 0.8,
  day4: 1.2,
  day8: 1.5,
};

/** How candidate thresholds are derived from the history. */
export interface ThresholdPolicy {
  /** Statistics of the normal history: `pNN` quantiles (type 7) or `max`. Default p90, p95, p99, max. */
  stats?: readonly string[];
  /** Each statistic times each multiplier. Default the seed 000 multipliers 0.8, 1.2, 1.5. */
  multipliers?: readonly number[];
}

export interface CalibrationIncident {
  id: string;
  start: number;
  end: number;
}

export interface CalibrationInput {
  /** Alert name (messages and explanation). */
  name: string;
  /** Evaluation timestamps (Unix ms, ascending) at which the compared value had a sample. */
  timestamps: ArrayLike<number>;
  /** The compared value at each evaluation; finite (drop evaluations without a value). */
  values: ArrayLike<number>;
  /** The rule evaluation interval: a gap longer than this between samples resets the alert. */
  evalIntervalMs: number;
  /** Fires when the value is `above` (default) or `below` the threshold. */
  direction?: 'above' | 'below';
  /** The history window (default: first to last sample); false positives are counted per day of it. */
  window?: { start: number; end: number };
  /** Labelled incidents the alert should detect; absent or empty: unlabelled history. */
  incidents?: readonly CalibrationIncident[];
  /** The false-positive budget: alert episodes outside any incident, per day of history. */
  maxFalsePositivesPerDay: number;
  /** Candidate `for` durations in ms (default 0, 2, 5, 10, 15 min). */
  forMs?: readonly number[];
  /** Explicit candidate thresholds, instead of (not in addition to) the policy's. */
  thresholds?: readonly number[];
  policy?: ThresholdPolicy;
  /** After an incident's end, an episode still counts for it (default 10 min). */
  graceMs?: number;
  /** Fewest samples of normal history to calibrate from (default 60). */
  minSamples?: number;
}

export interface CandidateOutcome {
  threshold: number;
  forMs: number;
  /** Where the threshold came from (`p99 × 1.2`), or `explicit`. */
  source: string;
  falsePositives: number;
  falsePositivesPerDay: number;
  /** Firing episodes in all. */
  episodes: number;
  detected: number;
  /** Mean time to detect of the detected incidents (ms), null when none. */
  meanTtdMs: number | null;
  withinBudget: boolean;
}

export interface CalibrationResult {
  name: string;
  threshold: number;
  forMs: number;
  /** True when the chosen candidate meets the false-positive budget. */
  met: boolean;
  chosen: CandidateOutcome;
  /** Every candidate tried, sorted by threshold then `for`. */
  candidates: CandidateOutcome[];
  /** Labelled incidents (0: unlabelled history). */
  incidents: number;
  historyDays: number;
  /** Normal-history samples the statistics were computed from. */
  normalSamples: number;
  /** Why this candidate, in sentences. */
  explanation: string[];
}

/** Input that cannot be calibrated from: says which alert and why. */
export class CalibrationInputError extends Error {
  readonly code = 'baseline-stats/calibration-input';
  constructor(
    readonly alert: string,
    message: string,
  ) {
    super(`calibrate ${alert}: ${message}`);
    this.name = 'CalibrationInputError';
  }
}

const DEFAULT_STATS = ['p90', 'p95', 'p99', 'max'] as const;
const DEFAULT_FOR_MS = [0, 120_000, 300_000, 600_000, 900_000];
const DAY = 86_400_000;

function statOf(sorted: Float64Array, stat: string, alert: string): number {
  if (stat === 'max') return sorted[sorted.length - 1]!;
  if (stat === 'min') return sorted[0]!;
  const m = /^p(\d{1,2}(?:\.\d+)?)$/.exec(stat);
  if (!m) throw new CalibrationInputError(alert, `unknown statistic '${stat}'; use pNN (p50, p99.9), min or max`);
  return quantileSorted(sorted, Number(m[1]) / 100);
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4))));
const mins = (ms: number) => `${fmt(ms / 60_000)}m`;

interface Episode {
  firedAt: number;
  end: number;
}

/** Firing episodes of `value > threshold` (or `<`) held for `forMs`, Prometheus' state machine. */
function episodes(
  ts: ArrayLike<number>,
  vs: ArrayLike<number>,
  threshold: number,
  forMs: number,
  evalMs: number,
  above: boolean,
): Episode[] {
  const out: Episode[] = [];
  let activeAt = Number.NaN;
  let firedAt = Number.NaN;
  let prevT = Number.NEGATIVE_INFINITY;
  const close = (end: number) => {
    if (!Number.isNaN(firedAt)) out.push({ firedAt, end });
    activeAt = Number.NaN;
    firedAt = Number.NaN;
  };
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    // A missing evaluation in between: the condition was false there, the alert resolved.
    if (!Number.isNaN(activeAt) && t - prevT > evalMs * 1.5) close(prevT + evalMs);
    const v = vs[i]!;
    const on = above ? v > threshold : v < threshold;
    if (!on) {
      if (!Number.isNaN(activeAt)) close(t);
    } else {
      if (Number.isNaN(activeAt)) activeAt = t;
      if (Number.isNaN(firedAt) && t - activeAt >= forMs) firedAt = t;
    }
    prevT = t;
  }
  if (!Number.isNaN(activeAt)) close(prevT + evalMs);
  return out;
}

function validate(input: CalibrationInput): void {
  const { name, timestamps: ts, values: vs } = input;
  if (ts.length !== vs.length) throw new CalibrationInputError(name, `${ts.length} timestamps but ${vs.length} values`);
  if (ts.length === 0)
    throw new CalibrationInputError(name, 'the history is empty: no evaluation had a value to learn from');
  for (let i = 0; i < vs.length; i++) {
    if (!Number.isFinite(vs[i]!)) {
      throw new CalibrationInputError(
        name,
        `sample ${i} (t=${new Date(ts[i]!).toISOString()}) is ${vs[i]}; drop evaluations without a finite value (PromQL's comparison is false for NaN)`,
      );
    }
    if (i > 0 && !(ts[i]! > ts[i - 1]!))
      throw new CalibrationInputError(name, `timestamps must ascend: sample ${i} is not after sample ${i - 1}`);
  }
  if (!(input.evalIntervalMs > 0)) throw new CalibrationInputError(name, 'evalIntervalMs must be positive');
  if (!(input.maxFalsePositivesPerDay >= 0) || !Number.isFinite(input.maxFalsePositivesPerDay))
    throw new CalibrationInputError(name, 'maxFalsePositivesPerDay must be a finite number ≥ 0');
  for (const f of input.forMs ?? []) {
    if (!(f >= 0) || !Number.isFinite(f)) throw new CalibrationInputError(name, `for ${f} ms is not a duration ≥ 0`);
  }
  for (const inc of input.incidents ?? []) {
    if (!(inc.end >= inc.start)) throw new CalibrationInputError(name, `incident ${inc.id} ends before it starts`);
  }
}

/** Propose a threshold and `for` for one alert (see the module comment). Deterministic. */
export function calibrate(input: CalibrationInput): CalibrationResult {
  validate(input);
  const { name, timestamps: ts, values: vs } = input;
  const above = (input.direction ?? 'above') === 'above';
  const grace = input.graceMs ?? 600_000;
  const incidents = [...(input.incidents ?? [])].sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));
  const window = input.window ?? { start: ts[0]!, end: ts[ts.length - 1]! + input.evalIntervalMs };
  const days = Math.max(window.end - window.start, input.evalIntervalMs) / DAY;
  const inIncident = (t: number) => incidents.some((i) => t >= i.start && t <= i.end + grace);

  const normal: number[] = [];
  for (let i = 0; i < ts.length; i++) if (!inIncident(ts[i]!)) normal.push(vs[i]!);
  const minSamples = input.minSamples ?? 60;
  if (normal.length < minSamples) {
    throw new CalibrationInputError(
      name,
      `the history has ${normal.length} samples outside incidents, fewer than the ${minSamples} needed to learn normal behaviour; give a longer history`,
    );
  }
  const sorted = sortedSample(normal);

  const tried = new Map<number, string>();
  if (input.thresholds?.length) {
    for (const t of input.thresholds) {
      if (!Number.isFinite(t)) throw new CalibrationInputError(name, `candidate threshold ${t} is not finite`);
      tried.set(t, 'explicit');
    }
  } else {
    const stats = input.policy?.stats ?? DEFAULT_STATS;
    const multipliers = input.policy?.multipliers ?? Object.values(SEED000_PHASE_MULTIPLIERS);
    for (const stat of stats) {
      const base = statOf(sorted, stat, name);
      for (const m of multipliers) {
        if (!Number.isFinite(m) || m <= 0) throw new CalibrationInputError(name, `multiplier ${m} must be > 0`);
        const t = Number((base * m).toPrecision(12));
        if (!tried.has(t)) tried.set(t, `${stat} × ${fmt(m)}`);
      }
    }
  }
  const fors = [...new Set(input.forMs ?? DEFAULT_FOR_MS)].sort((a, b) => a - b);

  const candidates: CandidateOutcome[] = [];
  for (const [threshold, source] of [...tried].sort((a, b) => a[0] - b[0])) {
    for (const forMs of fors) {
      const eps = episodes(ts, vs, threshold, forMs, input.evalIntervalMs, above);
      let fp = 0;
      for (const e of eps) {
        if (!incidents.some((i) => e.firedAt <= i.end + grace && e.end >= i.start)) fp++;
      }
      let detected = 0;
      let ttdSum = 0;
      for (const i of incidents) {
        const hit =
          eps.find((e) => e.firedAt >= i.start && e.firedAt <= i.end + grace) ??
          eps.find((e) => e.firedAt < i.start && e.end > i.start);
        if (!hit) continue;
        detected++;
        ttdSum += Math.max(0, hit.firedAt - i.start);
      }
      const perDay = fp / days;
      candidates.push({
        threshold,
        forMs,
        source,
        falsePositives: fp,
        falsePositivesPerDay: Number(perDay.toPrecision(12)),
        episodes: eps.length,
        detected,
        meanTtdMs: detected ? ttdSum / detected : null,
        withinBudget: perDay <= input.maxFalsePositivesPerDay,
      });
    }
  }

  const sens = (c: CandidateOutcome) => (above ? c.threshold : -c.threshold);
  const ok = candidates.filter((c) => c.withinBudget);
  let chosen: CandidateOutcome;
  if (ok.length === 0) {
    chosen = [...candidates].sort(
      (a, b) =>
        a.falsePositives - b.falsePositives || b.detected - a.detected || sens(b) - sens(a) || a.forMs - b.forMs,
    )[0]!;
  } else if (incidents.length) {
    chosen = [...ok].sort(
      (a, b) =>
        b.detected - a.detected ||
        a.falsePositives - b.falsePositives ||
        (a.meanTtdMs ?? Infinity) - (b.meanTtdMs ?? Infinity) ||
        sens(b) - sens(a) ||
        a.forMs - b.forMs,
    )[0]!;
  } else {
    chosen = [...ok].sort((a, b) => sens(a) - sens(b) || a.forMs - b.forMs)[0]!;
  }

  const explanation: string[] = [
    `${candidates.length} candidates (${tried.size} thresholds × ${fors.length} for durations) replayed over ${fmt(days)} days of history (${ts.length} evaluations, ${incidents.length} labelled incidents).`,
  ];
  const desc = (c: CandidateOutcome) =>
    `${above ? '>' : '<'} ${fmt(c.threshold)} (${c.source}) for ${mins(c.forMs)}: ${c.falsePositives} false positives (${fmt(c.falsePositivesPerDay)}/day)${incidents.length ? `, ${c.detected}/${incidents.length} incidents detected${c.meanTtdMs !== null ? `, mean time to detect ${fmt(c.meanTtdMs / 1000)} s` : ''}` : ''}`;
  if (ok.length === 0) {
    explanation.push(
      `No candidate meets the budget of ${fmt(input.maxFalsePositivesPerDay)} false positives per day; the quietest is proposed: ${desc(chosen)}.`,
    );
  } else if (incidents.length) {
    explanation.push(
      `${ok.length} candidates meet the budget of ${fmt(input.maxFalsePositivesPerDay)} false positives per day; the best detection among them: ${desc(chosen)}.`,
    );
  } else {
    explanation.push(
      `Unlabelled history: detection cannot be measured, so the most sensitive of the ${ok.length} candidates within the budget of ${fmt(input.maxFalsePositivesPerDay)} false positives per day (every episode counts as one) is proposed: ${desc(chosen)}.`,
    );
  }
  const sortedStats = sorted[sorted.length - 1]! === sorted[0]!;
  if (sortedStats)
    explanation.push(
      `The normal history is constant (${fmt(sorted[0]!)}): every statistic equals it, the candidates are its multiples.`,
    );
  return {
    name,
    threshold: chosen.threshold,
    forMs: chosen.forMs,
    met: ok.length > 0,
    chosen,
    candidates,
    incidents: incidents.length,
    historyDays: Number(days.toPrecision(12)),
    normalSamples: normal.length,
    explanation,
  };
}
