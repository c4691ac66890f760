/**
 * Benign disturbances: what real launch traffic does that is not an incident. Nothing is broken,
 * no alert is expected, the ground truth does not list them: an alert they trip is a false
 * positive. Seed 000 (the Maestro post-GA playbook) is why a scenario has them: it calls its day
 * 0–3 rules "Golden Signal Alerts (Hair-trigger Mode)", accepts "false_positive_rate: '<20%' #
 * Acceptable during launch", and expects day 4–7 calibration to achieve "alert_noise_reduction:
 * '>30%'". Each disturbance a scenario declares carries the seed passage it stands for (`why`).
 *
 * | kind | magnitude | effect |
 * |---|---|---|
 * | traffic-surge | peak traffic multiplier | traffic of the scope × (1 + (m − 1)·e^(−t/τ)), τ = a quarter of the duration: a spike that decays |
 * | deploy-blip | error ratio (0.03 = 3 %) | runs on draining instances fail while a rolling deploy passes |
 * | retry-storm | latency median multiplier | a dependency stalls, clients retry with backoff: latency × m and runs × 1.5, then it heals |
 */
import type { Labels } from '@alertcraft/promql';
import { matches, stepRange, type Plan } from './plan.js';
import type { Disturbance, DisturbanceKind } from './types.js';

export interface DisturbanceSpec {
  kind: DisturbanceKind;
  /** Start, ms after launch (T+0). */
  at: number;
  durationMs: number;
  labels: Labels;
  /** Default: `DEFAULT_DISTURBANCE_MAGNITUDE[kind]`. */
  magnitude?: number;
  description: string;
  /** The seed passage this disturbance stands for. */
  why: string;
}

export const DEFAULT_DISTURBANCE_MAGNITUDE: Record<DisturbanceKind, number> = {
  'traffic-surge': 2.5,
  'deploy-blip': 0.03,
  'retry-storm': 2.5,
};

/** Extra runs (retries) per original run during a retry storm. */
export const RETRY_STORM_EXTRA_RUNS = 0.5;

export function resolveDisturbance(spec: DisturbanceSpec, index: number, launchAt: number): Disturbance {
  const start = launchAt + spec.at;
  return {
    id: `d${String(index + 1).padStart(2, '0')}-${spec.kind}`,
    kind: spec.kind,
    start,
    end: start + spec.durationMs,
    labels: { ...spec.labels },
    magnitude: spec.magnitude ?? DEFAULT_DISTURBANCE_MAGNITUDE[spec.kind],
    description: spec.description,
    why: spec.why,
  };
}

/**
 * The level of disturbances of `kind` on a series with `labels`, per step; undefined when none
 * touches it. Traffic surges give their multiplier (decaying from the magnitude towards 1), the
 * other kinds their magnitude inside the disturbance and 0 outside.
 */
export function disturbanceEffect(plan: Plan, labels: Labels, kind: DisturbanceKind): Float64Array | undefined {
  let out: Float64Array | undefined;
  for (const d of plan.disturbances) {
    if (d.kind !== kind || !matches(d.labels, labels)) continue;
    out ??= new Float64Array(plan.timestamps.length);
    const { i0, i1 } = stepRange(plan, d.start, d.end);
    const tau = Math.max(1, (d.end - d.start) / 4);
    for (let i = i0; i < i1; i++) {
      const level =
        kind === 'traffic-surge'
          ? 1 + (d.magnitude - 1) * Math.exp(-(plan.timestamps[i]! - d.start) / tau)
          : d.magnitude;
      if (level > out[i]!) out[i] = level;
    }
  }
  return out;
}
