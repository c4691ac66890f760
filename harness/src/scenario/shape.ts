/**
 * The launch curve: a traffic multiplier per step. Zero before launch, a smooth ramp after
 * T+0, a launch-day novelty bump, a diurnal cycle (peak 15:00 UTC, trough 03:00 UTC), quieter
 * weekends, and compound daily growth. 1.0 is "a normal weekday afternoon at launch".
 */

export interface LaunchCurveOptions {
  launchAt: number;
  /** Time from T+0 to full traffic (smoothstep). Default 2 h. */
  rampMs?: number;
  /** Peak-to-mean amplitude of the diurnal cycle, 0..1. Default 0.45. */
  diurnalAmplitude?: number;
  /** Traffic factor on Saturday/Sunday (UTC). Default 0.7. */
  weekendFactor?: number;
  /** Compound growth per day after launch. Default 0.04 (4 %/day). */
  dailyGrowth?: number;
  /** Extra launch-day interest, decaying with a 12 h time constant. Default 0.5. */
  launchBump?: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Fills `out[i]` with the traffic multiplier at `timestamps[i]`. */
export function launchCurve(
  timestamps: Float64Array,
  options: LaunchCurveOptions,
  out = new Float64Array(timestamps.length),
): Float64Array {
  const ramp = options.rampMs ?? 2 * HOUR;
  const amp = options.diurnalAmplitude ?? 0.45;
  const weekend = options.weekendFactor ?? 0.7;
  const growth = Math.log(1 + (options.dailyGrowth ?? 0.04));
  const bump = options.launchBump ?? 0.5;
  for (let i = 0; i < timestamps.length; i++) {
    const t = timestamps[i]!;
    const since = t - options.launchAt;
    if (since < 0) {
      out[i] = 0;
      continue;
    }
    const x = Math.min(1, since / ramp);
    const rampF = x * x * (3 - 2 * x);
    const hour = (((t % DAY) + DAY) % DAY) / HOUR;
    const diurnal = 1 + amp * Math.cos((2 * Math.PI * (hour - 15)) / 24);
    const dow = new Date(t).getUTCDay();
    const weekendF = dow === 0 || dow === 6 ? weekend : 1;
    const grow = Math.exp((growth * since) / DAY);
    const novelty = 1 + bump * Math.exp(-since / (12 * HOUR));
    // Normalised so a weekday 15:00 at launch (before the bump) is ~1.
    out[i] = (rampF * diurnal * weekendF * grow * novelty) / (1 + amp);
  }
  return out;
}
