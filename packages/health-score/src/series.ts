/**
 * In-process evaluation of a health score over replayed series, step by step, with PromQL's
 * instant-selector semantics: at `t` a series' reading is its latest sample in `[t − lookback, t]`
 * (Prometheus 2.x), none when that sample is a staleness marker. Series are grouped by their
 * labels without `__name__`, as the recording rules' `on (component)` matching groups them.
 */
import { isStaleNaN, labelsKey, labelsString, type Labels, type SeriesData } from '@alertcraft/promql';
import { computeScore, type ScoreResult } from './compute.js';
import { HealthScoreError } from './errors.js';
import { validateSpec, type HealthScoreSpec } from './spec.js';

/** Prometheus' default `--query.lookback-delta` (5 minutes). */
export const DEFAULT_LOOKBACK_MS = 5 * 60_000;

export interface SeriesEvalOptions {
  /** First step (ms), inclusive. */
  start: number;
  /** Last step (ms), inclusive. */
  end: number;
  /** Step (ms), e.g. the rule group's evaluation interval. */
  stepMs: number;
  lookbackMs?: number;
}

export interface ScoreSeries {
  /** The inputs' labels without `__name__` (the labels of the recorded score). */
  labels: Labels;
  /** One entry per step where at least one component had a reading. */
  points: Array<{ t: number; result: ScoreResult }>;
}

/** The latest sample of `s` in `[t − lookback, t]`, or null (none, or a staleness marker). */
export function instantValue(s: SeriesData, t: number, lookbackMs = DEFAULT_LOOKBACK_MS): number | null {
  const ts = s.timestamps;
  let lo = 0;
  let hi = ts.length - 1;
  let idx = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ts[mid]! <= t) {
      idx = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (idx < 0 || ts[idx]! < t - lookbackMs) return null;
  const v = s.values[idx]!;
  return isStaleNaN(v) ? null : v;
}

function withoutName(labels: Labels): Labels {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (k !== '__name__') out[k] = v;
  return out;
}

/**
 * Evaluates `spec` at every step of `[start, end]` over `inputs` (the raw reading series of each
 * component, by component name). A NaN/Inf sample (other than a staleness marker) throws
 * `HealthScoreError` naming the component, the series and the time.
 */
export function evaluateScoreOverSeries(
  spec: HealthScoreSpec,
  inputs: Readonly<Record<string, readonly SeriesData[]>>,
  options: SeriesEvalOptions,
): ScoreSeries[] {
  validateSpec(spec);
  const { start, end, stepMs } = options;
  if (!(Number.isFinite(start) && Number.isFinite(end) && end >= start))
    throw new HealthScoreError('options.end', `expected end >= start, got ${start}..${end}`);
  if (!(Number.isFinite(stepMs) && stepMs > 0))
    throw new HealthScoreError('options.stepMs', `expected a positive step, got ${stepMs}`);
  for (const k of Object.keys(inputs)) {
    if (!spec.components.some((c) => c.name === k))
      throw new HealthScoreError(`inputs.${k}`, `score '${spec.name}' has no component '${k}'`);
  }
  const lookback = options.lookbackMs ?? DEFAULT_LOOKBACK_MS;
  const groups = new Map<string, { labels: Labels; series: Map<string, SeriesData> }>();
  for (const c of spec.components) {
    for (const s of inputs[c.name] ?? []) {
      const labels = withoutName(s.labels);
      const key = labelsKey(labels);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { labels, series: new Map() }));
      if (g.series.has(c.name)) {
        throw new HealthScoreError(
          `inputs.${c.name}`,
          `two series with labels ${labelsString(labels)} for one component; aggregate them first (PromQL would sum their scores)`,
        );
      }
      g.series.set(c.name, s);
    }
  }
  const out: ScoreSeries[] = [];
  for (const g of [...groups.values()].sort((a, b) => (labelsKey(a.labels) < labelsKey(b.labels) ? -1 : 1))) {
    const points: ScoreSeries['points'] = [];
    for (let t = start; t <= end; t += stepMs) {
      const readings: Record<string, number | null> = {};
      for (const [name, s] of g.series) {
        const v = instantValue(s, t, lookback);
        if (v !== null && !Number.isFinite(v)) {
          throw new HealthScoreError(
            `inputs.${name}`,
            `sample ${v} of series ${labelsString(s.labels)} at ${new Date(t).toISOString()} is not a finite number`,
          );
        }
        readings[name] = v;
      }
      const result = computeScore(spec, readings, { validated: true });
      if (result.value !== null) points.push({ t, result });
    }
    out.push({ labels: g.labels, points });
  }
  return out;
}
