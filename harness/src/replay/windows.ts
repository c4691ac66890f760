/**
 * Which rules run when: in a launch replay each phase of a pack owns the days its `PhaseSpec`
 * names (day 0 = the scenario's launch day), clipped to the scenario's range.
 */
import type { Scenario } from '../scenario/types.js';
import type { AnySeedPack } from '../pack-registry/registry.js';

export const DAY_MS = 86_400_000;

export interface PhaseRunWindow {
  phase: string;
  /** First evaluation (inclusive), Unix ms. */
  start: number;
  /** End of the window (exclusive), Unix ms. */
  end: number;
}

/**
 * The windows of `pack`'s phases in `scenario`. `phase` = one phase id: that phase over the
 * whole scenario (from launch); `'launch'`: each phase over its own days. Phases whose days lie
 * outside the scenario are left out.
 */
export function phaseWindows(
  pack: AnySeedPack,
  scenario: Pick<Scenario, 'start' | 'end' | 'launchAt'>,
  phase: string,
): PhaseRunWindow[] {
  const phases = pack.rules.phases as readonly { id: string; days: readonly [number, number] }[];
  const clip = (w: PhaseRunWindow) => ({
    ...w,
    start: Math.max(w.start, scenario.start),
    end: Math.min(w.end, scenario.end),
  });
  if (phase !== 'launch') return [clip({ phase, start: scenario.start, end: scenario.end })];
  const last = phases.length - 1;
  return phases
    .map((p, i) =>
      clip({
        phase: p.id,
        start: i === 0 ? scenario.start : scenario.launchAt + p.days[0] * DAY_MS,
        end: i === last ? scenario.end : scenario.launchAt + (p.days[1] + 1) * DAY_MS,
      }),
    )
    .filter((w) => w.end > w.start);
}
