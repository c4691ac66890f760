/**
 * Nagios' flap detection (`base/flapping.c`): the last 21 check states are kept; each state change
 * between consecutive entries is weighted from 0.75 (oldest) to 1.25 (newest) linearly, and the
 * percent state change is their sum × 100 / 20. With hysteresis, an object starts flapping when the
 * percentage reaches `high` (default 20, nagios.cfg's `high_service_flap_threshold`), stops when it
 * falls to `low` (default 5) or below, and keeps its flap state in between. The history starts
 * filled with the first state, as when Nagios enables flap detection. This is a different measure
 * from the KPIs' `flappingCount` (re-fires within a window).
 */
import type { TimelineAlert } from '@alertcraft/promql';
import { AlertNoiseError } from './errors.js';

export const NAGIOS_HISTORY = 21;

/** Percent state change of a history (oldest first, at most 21 entries; fewer are left-padded with the first). */
export function percentStateChange(history: readonly unknown[]): number {
  if (!history.length) return 0;
  const h = [
    ...Array(Math.max(0, NAGIOS_HISTORY - history.length)).fill(history[0]),
    ...history.slice(-NAGIOS_HISTORY),
  ];
  let changes = 0;
  for (let x = 1; x < NAGIOS_HISTORY; x++)
    if (h[x] !== h[x - 1]) changes += ((x - 1) * (1.25 - 0.75)) / (NAGIOS_HISTORY - 2) + 0.75;
  return (changes * 100) / (NAGIOS_HISTORY - 1);
}

export interface NagiosFlapOptions {
  /** Stop flapping at or below this percentage (default 5). */
  low?: number;
  /** Start flapping at or above this percentage (default 20). */
  high?: number;
}

export interface NagiosFlapResult {
  /** Percent state change after each check. */
  percent: number[];
  /** Flap state after each check. */
  flapping: boolean[];
  /** How many times flapping started. */
  flapStarts: number;
}

/** Runs Nagios' detector over a sequence of check states (any comparable values, e.g. firing or not). */
export function nagiosFlapping(states: readonly unknown[], options: NagiosFlapOptions = {}): NagiosFlapResult {
  const low = options.low ?? 5;
  const high = options.high ?? 20;
  if (!(low >= 0 && high <= 100 && low < high))
    throw new AlertNoiseError(
      'alert-noise/bad-flap-thresholds',
      `flap thresholds need 0 <= low < high <= 100, got low ${low}, high ${high}`,
    );
  const history: unknown[] = Array(NAGIOS_HISTORY).fill(states[0]);
  const out: NagiosFlapResult = { percent: [], flapping: [], flapStarts: 0 };
  let flapping = false;
  for (const s of states) {
    history.shift();
    history.push(s);
    const p = percentStateChange(history);
    if (p <= low) flapping = false;
    else if (p >= high) {
      if (!flapping) out.flapStarts++;
      flapping = true;
    }
    out.percent.push(p);
    out.flapping.push(flapping);
  }
  return out;
}

/**
 * The firing state (true/false) of an alert identity's timeline entries sampled every `stepMs`
 * over [start, end): the check states to feed `nagiosFlapping` (one check per rule evaluation).
 */
export function firingStates(
  alerts: readonly Pick<TimelineAlert, 'firedAt' | 'resolvedAt'>[],
  start: number,
  end: number,
  stepMs: number,
): boolean[] {
  if (!(stepMs > 0)) throw new AlertNoiseError('alert-noise/bad-step', `stepMs must be positive, got ${stepMs}`);
  const out: boolean[] = [];
  for (let t = start; t < end; t += stepMs)
    out.push(alerts.some((a) => a.firedAt != null && a.firedAt <= t && (a.resolvedAt == null || t < a.resolvedAt)));
  return out;
}
