import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SeriesData } from '@alertcraft/promql';
import { buildScenario, windowForDays, type ScenarioSpec } from './generate.js';
import { INCIDENT_KINDS } from './types.js';
import { writeOpenMetrics } from '../openmetrics/write-openmetrics.js';
import { getScenario, scenarios } from './registry.js';
import { ScenarioError } from './errors.js';
import { createRng } from './prng.js';

const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;

/** OpenMetrics bytes of a scenario, hashed (the byte-stability check). */
async function digest(series: Iterable<SeriesData>): Promise<string> {
  const hash = createHash('sha256');
  await writeOpenMetrics(series, {
    write: (c: string) => {
      hash.update(c);
      return true;
    },
    once: () => undefined,
  });
  return hash.digest('hex');
}

/** Per-step increments of a counter, reset-aware (what rate() would count). */
function increments(s: SeriesData): number[] {
  const out: number[] = [];
  for (let i = 1; i < s.values.length; i++) {
    const d = s.values[i]! - s.values[i - 1]!;
    out.push(d >= 0 ? d : s.values[i]!);
  }
  return out;
}

/** Sum over series of `name` of the counter increase in [t0, t1]. */
function increase(
  all: SeriesData[],
  name: string,
  t0: number,
  t1: number,
  filter: (s: SeriesData) => boolean = () => true,
): number {
  let total = 0;
  for (const s of all) {
    if (s.labels.__name__ !== name || !filter(s)) continue;
    for (let i = 1; i < s.values.length; i++) {
      if (s.timestamps[i]! <= t0 || s.timestamps[i]! > t1) continue;
      const d = s.values[i]! - s.values[i - 1]!;
      total += d >= 0 ? d : s.values[i]!;
    }
  }
  return total;
}

describe('prng', () => {
  it('same seed, same stream; fork is independent of consumption order', () => {
    const a = createRng(42);
    const b = createRng(42);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
    const c = createRng(42);
    const before = c.fork('x').next();
    c.next();
    expect(c.fork('x').next()).toBe(before);
    expect(createRng('launch').next()).toBe(createRng('launch').next());
    expect(createRng(1).next()).not.toBe(createRng(2).next());
  });

  it('poisson has the right mean, small and large', () => {
    const r = createRng(7);
    for (const mean of [0.3, 4, 200]) {
      let s = 0;
      for (let i = 0; i < 20_000; i++) s += r.poisson(mean);
      expect(s / 20_000).toBeCloseTo(mean, mean < 1 ? 1 : 0);
    }
  });
});

describe('scenario registry', () => {
  it('lists the built-in scenarios with descriptions, durations and default seeds', () => {
    expect(scenarios.map((s) => s.name)).toEqual([
      'launch-week',
      'maestro-smoke',
      'aetherlink-day',
      'runbook-day',
      'ga-launch-30m',
    ]);
    for (const s of scenarios) {
      expect(s.description.length).toBeGreaterThan(40);
      expect(s.durationMs).toBeGreaterThan(0);
      expect(Number.isInteger(s.defaultSeed)).toBe(true);
    }
  });

  it('names the known scenarios when asked for an unknown one', () => {
    expect(() => getScenario('launch-weak')).toThrow(ScenarioError);
    expect(() => getScenario('launch-weak')).toThrow(
      /unknown scenario 'launch-weak'; known scenarios: launch-week, maestro-smoke/,
    );
  });

  it('rejects a step that is not whole milliseconds ≥ 1 s', () => {
    expect(() => getScenario('maestro-smoke', { stepMs: 500 })).toThrow(/step must be/);
  });
});

describe('determinism', () => {
  it('same seed → same bytes; another seed → other bytes; iterating twice → same bytes', async () => {
    const opts = { seed: 7, stepMs: 60_000 };
    const a = getScenario('maestro-smoke', opts);
    const d1 = await digest(a.series());
    const d2 = await digest(a.series());
    const d3 = await digest(getScenario('maestro-smoke', opts).series());
    const d4 = await digest(getScenario('maestro-smoke', { ...opts, seed: 8 }).series());
    expect(d2).toBe(d1);
    expect(d3).toBe(d1);
    expect(d4).not.toBe(d1);
  });

  it('a family generates the same series whatever other families are generated with it', () => {
    const spec = scenarios.find((s) => s.name === 'runbook-day')!.spec;
    const alone = [...buildScenario({ ...spec, families: ['node'] }).series()];
    const mixed = [...buildScenario({ ...spec, families: ['api', 'business', 'node'] }).series()].filter(
      (s) => s.labels.job === 'node',
    );
    expect(mixed.length).toBe(alone.length);
    expect(mixed.map((s) => Array.from(s.values))).toEqual(alone.map((s) => Array.from(s.values)));
  });
});

describe('series invariants', () => {
  const spec: ScenarioSpec = {
    ...scenarios.find((s) => s.name === 'maestro-smoke')!.spec,
    families: ['maestro', 'api', 'node', 'business', 'aether'],
    restartsPerDay: 24,
    gapsPerDay: 24,
  };
  const sc = buildScenario(spec);
  const all = [...sc.series()];

  it('yields as many series as it declares, each with matching arrays and a __name__', () => {
    expect(all.length).toBe(sc.seriesCount);
    for (const s of all) {
      expect(s.labels.__name__).toBeTruthy();
      expect(s.timestamps.length).toBe(s.values.length);
    }
  });

  it('counters only go down at a recorded restart of their scope', () => {
    const restartTimes = new Set(
      sc.plan.restarts.map((r) => Math.ceil((r.at - sc.start) / sc.stepMs) * sc.stepMs + sc.start),
    );
    expect(sc.plan.restarts.length).toBeGreaterThan(0);
    let drops = 0;
    for (const s of all.filter((x) => /_total$|_bucket$|_sum$|_count$/.test(x.labels.__name__!))) {
      for (let i = 1; i < s.values.length; i++) {
        if (s.values[i]! < s.values[i - 1]!) {
          drops++;
          const t = s.timestamps[i]!;
          // The reset lands on the restart step, or on the first sample after a gap that covers it.
          const ok = [...restartTimes].some((r) => r > s.timestamps[i - 1]! && r <= t);
          expect(ok, `${JSON.stringify(s.labels)} drops at ${new Date(t).toISOString()}`).toBe(true);
        }
      }
    }
    expect(drops).toBeGreaterThan(0);
  });

  it('scrape gaps remove samples from the series in their scope', () => {
    expect(sc.plan.gaps.length).toBeGreaterThan(0);
    const full = sc.plan.timestamps.length;
    expect(all.some((s) => s.values.length < full)).toBe(true);
  });

  it('histogram buckets are cumulative in le and _count equals the +Inf bucket', () => {
    const byRegion = new Map<string, SeriesData[]>();
    for (const s of all.filter((x) => x.labels.__name__ === 'maestro_step_latency_bucket')) {
      const list = byRegion.get(s.labels.region!) ?? [];
      list.push(s);
      byRegion.set(s.labels.region!, list);
    }
    expect(byRegion.size).toBe(3);
    for (const [region, buckets] of byRegion) {
      buckets.sort(
        (a, b) =>
          Number(a.labels.le === '+Inf' ? Infinity : a.labels.le) -
          Number(b.labels.le === '+Inf' ? Infinity : b.labels.le),
      );
      const incs = buckets.map(increments);
      for (let i = 0; i < incs[0]!.length; i++) {
        for (let b = 1; b < incs.length; b++) expect(incs[b]![i]!).toBeGreaterThanOrEqual(incs[b - 1]![i]!);
      }
      const count = all.find((x) => x.labels.__name__ === 'maestro_step_latency_count' && x.labels.region === region)!;
      expect(Array.from(count.values)).toEqual(Array.from(buckets.at(-1)!.values));
    }
  });

  it('before launch there is no traffic', () => {
    expect(increase(all, 'maestro_run_total', sc.start, sc.launchAt - sc.stepMs)).toBe(0);
    expect(increase(all, 'http_requests_total', sc.start, sc.launchAt - sc.stepMs)).toBe(0);
    expect(increase(all, 'maestro_run_total', sc.launchAt + H, sc.launchAt + 2 * H)).toBeGreaterThan(1000);
  });
});

describe('incidents are visible in the series (maestro-smoke)', () => {
  const sc = getScenario('maestro-smoke');
  const all = [...sc.series()];
  const inc = (kind: string) => sc.incidents.find((i) => i.kind === kind)!;
  const preIncident = (i: { start: number }) => [i.start - 30 * MIN, i.start - 10 * MIN] as const;
  const during = (i: { start: number; end: number }) => [i.start + 5 * MIN, i.end] as const;

  it('error spike: error ratio ≥ 5 % during (magnitude 8 %), < 0.5 % in the 20 minutes before', () => {
    const i = inc('error-spike');
    const ratio = ([t0, t1]: readonly [number, number]) =>
      increase(all, 'maestro_run_errors_total', t0, t1) / increase(all, 'maestro_run_total', t0, t1);
    expect(ratio(during(i))).toBeGreaterThan(0.05);
    expect(ratio(preIncident(i))).toBeLessThan(0.005);
  });

  it('cost burn: spend ≥ $5/min during (magnitude +$6/min), < $2/min before', () => {
    const i = inc('cost-burn');
    const perMin = ([t0, t1]: readonly [number, number]) =>
      increase(all, 'maestro_cost_usd_total', t0, t1) / ((t1 - t0) / MIN);
    expect(perMin(during(i))).toBeGreaterThan(5);
    expect(perMin(preIncident(i))).toBeLessThan(2);
  });

  it('Safety Guardian attack: blocks ≥ 50/s during (magnitude 80/s), < 1/s before', () => {
    const i = inc('safety-guardian-attack');
    const perSec = ([t0, t1]: readonly [number, number]) =>
      increase(all, 'maestro_safety_blocks_total', t0, t1) / ((t1 - t0) / 1000);
    expect(perSec(during(i))).toBeGreaterThan(50);
    expect(perSec(preIncident(i))).toBeLessThan(1);
  });
});

describe('launch-week', () => {
  const sc = getScenario('launch-week');

  it('spans 14 days after T+0 with day0, day4 and day8 windows', () => {
    expect(sc.end - sc.launchAt).toBe(14 * DAY);
    expect(sc.phases.map((p) => [p.phase, (p.end - p.start) / DAY])).toEqual([
      ['day0', 4 + 1 / 24],
      ['day4', 4],
      ['day8', 6],
    ]);
  });

  it('maps pack phase days to the same windows (day0 [0,3] includes the pre-launch hour)', () => {
    expect(windowForDays(sc, [0, 3])).toEqual({ start: sc.phases[0]!.start, end: sc.phases[0]!.end });
    expect(windowForDays(sc, [4, 7])).toEqual({ start: sc.phases[1]!.start, end: sc.phases[1]!.end });
    expect(windowForDays(sc, [8, 14])).toEqual({ start: sc.phases[2]!.start, end: sc.end });
    expect(windowForDays(sc, [0, 90])).toEqual({ start: sc.start, end: sc.end });
    expect(windowForDays(sc, [20, 30])).toBeUndefined();
  });

  it('injects every incident kind of the brief, several per phase, and leaves days 1, 5 and 10 quiet', () => {
    const kinds = new Set(sc.incidents.map((i) => i.kind));
    for (const k of INCIDENT_KINDS.slice(0, 10)) expect(kinds.has(k), k).toBe(true);
    for (const p of sc.phases) {
      const inPhase = sc.incidents.filter(
        (i) => i.start >= p.start && i.start < p.end && i.expected.some((e) => !e.phases || e.phases.includes(p.phase)),
      );
      expect(inPhase.length, p.phase).toBeGreaterThanOrEqual(3);
    }
    for (const day of [1, 5, 10]) {
      const d0 = sc.launchAt + day * DAY;
      expect(sc.incidents.filter((i) => i.start < d0 + DAY && i.end > d0)).toEqual([]);
    }
    expect(
      sc.incidents
        .filter((i) => i.expected.length === 0)
        .map((i) => i.kind)
        .sort(),
    ).toEqual(['maintenance-window', 'maintenance-window', 'zero-traffic']);
    for (const i of sc.incidents) {
      expect(i.start).toBeGreaterThanOrEqual(sc.start);
      expect(i.end).toBeLessThanOrEqual(sc.end);
    }
  });

  it('streams 14 days × 224 series at 30 s without holding them all (measured)', () => {
    const t0 = performance.now();
    let series = 0;
    let samples = 0;
    let bytes = 0;
    for (const s of sc.series()) {
      series++;
      samples += s.values.length;
      bytes += s.values.byteLength + s.timestamps.byteLength;
    }
    const ms = performance.now() - t0;
    console.log(
      `launch-week: ${series} series, ${samples} samples, ${(bytes / 1e6).toFixed(1)} MB as typed arrays, generated in ${ms.toFixed(0)} ms`,
    );
    expect(series).toBe(sc.seriesCount);
    expect(samples).toBeGreaterThan(8_000_000);
  });
});
