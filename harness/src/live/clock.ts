/**
 * The live clock: wall time ↔ scenario time at a fixed speedup,
 * `scenario = t0 + (wall − wallStart) × speedup`. The wall clock is an input (`now`), so the
 * mapping itself is pure and testable.
 */
export interface LiveClock {
  /** Scenario time (Unix ms) at `wallStartMs`. */
  readonly scenarioStartMs: number;
  /** Wall time (Unix ms) at which the scenario clock reads `scenarioStartMs`. */
  readonly wallStartMs: number;
  /** Scenario seconds per wall second. */
  readonly speedup: number;
  /** Current wall time (Unix ms). */
  now(): number;
  /** Scenario time at wall time `wallMs` (default now). */
  scenarioAt(wallMs?: number): number;
  /** Wall time at which the scenario clock reads `scenarioMs`. */
  wallAt(scenarioMs: number): number;
}

export function liveClock(opts: {
  scenarioStartMs: number;
  wallStartMs: number;
  speedup: number;
  now?: () => number;
}): LiveClock {
  const now = opts.now ?? (() => Date.now());
  const { scenarioStartMs, wallStartMs, speedup } = opts;
  return {
    scenarioStartMs,
    wallStartMs,
    speedup,
    now,
    scenarioAt: (wallMs = now()) => scenarioStartMs + (wallMs - wallStartMs) * speedup,
    wallAt: (scenarioMs) => wallStartMs + (scenarioMs - scenarioStartMs) / speedup,
  };
}
