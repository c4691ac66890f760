/**
 * Benign disturbances of launch-week: not incidents, visible in the series, spread over the
 * phases day 4's calibration learns from and is compared on, and each one's seed quote is in
 * seed 000 verbatim.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SeriesData } from '@alertcraft/promql';
import { describe, expect, it } from 'vitest';
import { buildScenario } from './generate.js';
import { getScenario, scenarios } from './registry.js';
import type { Disturbance } from './types.js';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const SEEDS = join(dirname(fileURLToPath(import.meta.url)), '../../../../shared/seeds');

/** Sum over series of `name` of the counter increase in (t0, t1], reset-aware. */
function increase(all: SeriesData[], name: string, t0: number, t1: number): number {
  let total = 0;
  for (const s of all) {
    if (s.labels.__name__ !== name) continue;
    for (let i = 1; i < s.values.length; i++) {
      if (s.timestamps[i]! <= t0 || s.timestamps[i]! > t1) continue;
      const d = s.values[i]! - s.values[i - 1]!;
      total += d >= 0 ? d : s.values[i]!;
    }
  }
  return total;
}

describe('launch-week benign disturbances', () => {
  const sc = getScenario('launch-week');
  const maestro = [...sc.series()].filter((s) => s.labels.job === 'maestro');
  const of = (kind: Disturbance['kind']) => sc.disturbances.filter((d) => d.kind === kind);
  const earlier = (d: Disturbance) => [d.start - 25 * MIN, d.start - 5 * MIN] as const;

  it('are not incidents: no ground truth lists them and none overlaps an incident', () => {
    expect(sc.disturbances.length).toBeGreaterThanOrEqual(6);
    const ids = new Set(sc.incidents.map((i) => i.id));
    for (const d of sc.disturbances) {
      expect(ids.has(d.id), d.id).toBe(false);
      for (const i of sc.incidents) expect(d.start < i.end && d.end > i.start, `${d.id} vs ${i.id}`).toBe(false);
    }
  });

  it('every kind appears in days 0–3 (calibration history) and days 4–7 (the comparison)', () => {
    for (const [from, to] of [
      [0, 4],
      [4, 8],
    ] as const) {
      const kinds = new Set(
        sc.disturbances
          .filter((d) => d.start >= sc.launchAt + from * DAY && d.start < sc.launchAt + to * DAY)
          .map((d) => d.kind),
      );
      expect([...kinds].sort(), `days ${from}-${to - 1}`).toEqual(['deploy-blip', 'retry-storm', 'traffic-surge']);
    }
  });

  it('each says why with passages that seed 000 contains verbatim', () => {
    const file = readdirSync(SEEDS).find((f) => f.startsWith('000_'))!;
    const seed = readFileSync(join(SEEDS, file), 'utf8');
    for (const d of sc.disturbances) {
      const quotes = [...d.why.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
      expect(quotes.length, d.id).toBeGreaterThan(0);
      for (const q of quotes) expect(seed.includes(q), `${d.id}: "${q}"`).toBe(true);
    }
  });

  it('traffic surge: maestro runs ≥ 1.8× the 20 minutes before in its first 5 minutes, back near normal at its end', () => {
    for (const d of of('traffic-surge')) {
      const perMin = (t0: number, t1: number) => increase(maestro, 'maestro_run_total', t0, t1) / ((t1 - t0) / MIN);
      const normal = perMin(...earlier(d));
      expect(perMin(d.start, d.start + 5 * MIN) / normal, d.id).toBeGreaterThan(1.8);
      expect(perMin(d.end - 5 * MIN, d.end) / normal, d.id).toBeLessThan(1.3);
    }
  });

  it('deploy blip: error ratio ≥ 2 % during (magnitude 3 %), < 0.5 % before', () => {
    for (const d of of('deploy-blip')) {
      const ratio = (t0: number, t1: number) =>
        increase(maestro, 'maestro_run_errors_total', t0, t1) / increase(maestro, 'maestro_run_total', t0, t1);
      expect(ratio(d.start, d.end), d.id).toBeGreaterThan(0.02);
      expect(ratio(...earlier(d)), d.id).toBeLessThan(0.005);
    }
  });

  it('retry storm: mean step latency ≥ 2× before (magnitude 2.5×), and the retries add runs', () => {
    for (const d of of('retry-storm')) {
      const mean = (t0: number, t1: number) =>
        increase(maestro, 'maestro_step_latency_sum', t0, t1) / increase(maestro, 'maestro_step_latency_count', t0, t1);
      expect(mean(d.start, d.end) / mean(...earlier(d)), d.id).toBeGreaterThan(2);
      const runs = (t0: number, t1: number) => increase(maestro, 'maestro_run_total', t0, t1) / (t1 - t0);
      expect(runs(d.start, d.end) / runs(...earlier(d)), d.id).toBeGreaterThan(1.25);
    }
  });

  it('a disturbance overlapping an incident is refused', () => {
    const spec = scenarios.find((s) => s.name === 'maestro-smoke')!.spec;
    expect(() =>
      buildScenario({
        ...spec,
        disturbances: [
          {
            kind: 'deploy-blip',
            at: spec.incidents[0]!.at,
            durationMs: 4 * MIN,
            labels: {},
            description: 'x',
            why: 'y',
          },
        ],
      }),
    ).toThrow(/disturbance d01-deploy-blip overlaps incident 01-error-spike/);
  });
});
