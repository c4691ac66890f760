/**
 * AetherLink's health score (seed 001, 40/40/20) comes from `@alertcraft/health-score`: the pack's
 * recording rule, evaluated by the engine's range path over the replayed `aetherlink-day`
 * scenario, equals health-score's in-process computation over the pack's own recorded inputs on
 * every step, including the steps where a component has no reading.
 */
import { aetherlinkHealthSpec, evaluateScoreOverSeries } from '@alertcraft/health-score';
import { createStorage, evaluateRulesRange, isStaleNaN, labelsKey, type SeriesData } from '@alertcraft/promql';
import { describe, expect, it } from 'vitest';
import { aetherlink } from '../../packs/index.js';
import { renderPhase } from '../../src/pack-registry/registry.js';
import { getScenario } from '../../src/scenario/registry.js';

describe('aetherlink health score in a replay', () => {
  it('the recorded aether:health_score:15m equals the in-process score on every step (≤ 1e-9 relative)', () => {
    const scenario = getScenario('aetherlink-day');
    const storage = createStorage();
    for (const s of scenario.series()) storage.appendSeries(s.labels, s.timestamps, s.values);
    const rules = renderPhase(aetherlink, 'production', {}, { fillFromExamples: true });
    const stepMs = 30_000;
    const start = scenario.start;
    const end = scenario.end - 1;
    const res = evaluateRulesRange(storage, rules.groups, { start, end, defaultIntervalMs: stepMs });
    expect(res.errors).toEqual([]);

    const spec = aetherlinkHealthSpec();
    const named = (name: string): SeriesData[] => storage.series().filter((s) => s.labels.__name__ === name);
    const inputs = Object.fromEntries(spec.components.map((c) => [c.name, named(String(c.input))]));
    for (const [name, list] of Object.entries(inputs)) expect(list.length, `recorded input of ${name}`).toBe(1);

    const recorded = named(spec.name);
    expect(recorded).toHaveLength(1);
    const engine = new Map<number, number>();
    recorded[0]!.timestamps.forEach((t, i) => {
      const v = recorded[0]!.values[i]!;
      if (!isStaleNaN(v)) engine.set(t, v);
    });
    const local = evaluateScoreOverSeries(spec, inputs, { start, end, stepMs });
    expect(local.map((s) => labelsKey(s.labels))).toEqual([labelsKey({})]);
    const points = local[0]!.points;
    // The same steps carry a score on both sides.
    expect([...engine.keys()]).toEqual(points.map((p) => p.t));
    let maxRel = 0;
    for (const p of points) {
      const a = engine.get(p.t)!;
      const b = p.result.value!;
      maxRel = Math.max(maxRel, a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));
    }
    expect(points.length).toBeGreaterThan(2000);
    expect(maxRel).toBeLessThanOrEqual(1e-9);
    // The scenario's zero-traffic hour leaves components without a reading: renormalised, not zero.
    const partial = points.filter((p) => p.result.missing.length > 0);
    expect(partial.length).toBeGreaterThan(0);
    for (const p of partial) expect(p.result.coverage).toBeLessThan(1);
    // And the incidents move it: the lowest score of the day is well under the normal level.
    const values = points.map((p) => p.result.value!);
    expect(Math.min(...values)).toBeLessThan(Math.max(...values) - 5);
  });
});
