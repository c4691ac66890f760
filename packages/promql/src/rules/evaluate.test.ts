import { describe, expect, it } from 'vitest';
import { createStorage } from '../storage/memory-storage.js';
import { instantQuery } from '../eval/query.js';
import { isStaleNaN } from '../storage/stale.js';
import { evaluateRules } from './evaluate.js';
import type { RuleEvalInfo } from './evaluate-groups.js';
import type { RuleGroupInput } from './types.js';

const MIN = 60_000;

function storageWith(series: Record<string, number[]>, stepMs = MIN) {
  const s = createStorage();
  for (const [name, values] of Object.entries(series)) {
    const [metric, job] = name.split('|');
    s.appendSeries(
      { __name__: metric!, job: job! },
      values.map((_, i) => i * stepMs),
      values,
    );
  }
  return s;
}

describe('evaluateRules on the embedded engine', () => {
  it('makes a recording rule visible to later rules of the same evaluation', () => {
    const storage = storageWith({ 'x|a': [1, 5, 5, 5] });
    const groups: RuleGroupInput[] = [
      {
        name: 'g',
        rules: [
          { record: 'job:x:doubled', expr: 'x * 2' },
          { alert: 'Big', expr: 'job:x:doubled > 5', labels: { severity: 'page' } },
        ],
      },
    ];
    const res = evaluateRules(storage, groups, { start: 0, end: 3 * MIN });
    expect(res.errors).toEqual([]);
    expect(res.evaluations).toBe(4);
    // x=5 from 1m: recorded 10 at 1m, and the alert (no `for`) fires at that same evaluation.
    expect(res.timeline).toEqual([
      {
        alertname: 'Big',
        labels: { alertname: 'Big', job: 'a', severity: 'page' },
        annotations: {},
        state: 'firing',
        activeAt: MIN,
        firedAt: MIN,
      },
    ]);
    const recorded = instantQuery(storage, 'job:x:doubled', 3 * MIN);
    expect(recorded).toEqual({
      type: 'vector',
      samples: [{ labels: { __name__: 'job:x:doubled', job: 'a' }, t: 3 * MIN, v: 10 }],
    });
    const alerts = instantQuery(storage, 'ALERTS', 2 * MIN);
    expect(alerts.type === 'vector' && alerts.samples.map((s) => s.labels)).toEqual([
      { __name__: 'ALERTS', alertname: 'Big', alertstate: 'firing', job: 'a', severity: 'page' },
    ]);
  });

  it('writes staleness markers for series a rule stops producing, and reports per-evaluation samples', () => {
    const storage = storageWith({ 'up|a': [0, 0, 1, 1] });
    const infos: RuleEvalInfo[] = [];
    evaluateRules(storage, [{ name: 'g', rules: [{ record: 'down', expr: 'up == 0' }] }], {
      start: 0,
      end: 3 * MIN,
      onEval: (i) => infos.push(i),
    });
    expect(infos.map((i) => [i.t, i.samples.length])).toEqual([
      [0, 1],
      [MIN, 1],
      [2 * MIN, 0],
      [3 * MIN, 0],
    ]);
    const down = storage.series().find((s) => s.labels.__name__ === 'down')!;
    expect([...down.timestamps]).toEqual([0, MIN, 2 * MIN]);
    expect(isStaleNaN(down.values[2]!)).toBe(true);
    expect(instantQuery(storage, 'down', 2 * MIN + 1000)).toEqual({ type: 'vector', samples: [] });
  });

  it('evaluates each group at its own interval, aligned to the start or to the epoch', () => {
    const storage = storageWith({ 'x|a': [1, 1, 1, 1, 1, 1] });
    const seen: Array<[string, number]> = [];
    const groups: RuleGroupInput[] = [
      { name: 'fast', interval: '1m', rules: [{ record: 'r1', expr: 'x' }] },
      { name: 'slow', interval: '2m', rules: [{ record: 'r2', expr: 'x' }] },
    ];
    evaluateRules(storage, groups, { start: 30_000, end: 5 * MIN, onEval: (i) => seen.push([i.group, i.t]) });
    expect(seen.filter(([g]) => g === 'slow').map(([, t]) => t)).toEqual([30_000, 150_000, 270_000]);
    const epoch: Array<[string, number]> = [];
    evaluateRules(createStorage(), groups, {
      start: 30_000,
      end: 5 * MIN,
      alignment: 'epoch',
      onEval: (i) => epoch.push([i.group, i.t]),
    });
    expect(epoch.filter(([g]) => g === 'slow').map(([, t]) => t)).toEqual([2 * MIN, 4 * MIN]);
    expect(epoch.filter(([g]) => g === 'fast').map(([, t]) => t)).toEqual([MIN, 2 * MIN, 3 * MIN, 4 * MIN, 5 * MIN]);
  });

  it('query_offset shifts the query time and the written sample timestamps, not activeAt', () => {
    const storage = storageWith({ 'x|a': [0, 0, 9, 9, 9] });
    const groups: RuleGroupInput[] = [
      {
        name: 'g',
        query_offset: '1m',
        rules: [
          { record: 'rec', expr: 'x' },
          { alert: 'High', expr: 'x > 5' },
        ],
      },
    ];
    const res = evaluateRules(storage, groups, { start: 0, end: 4 * MIN, alignment: 'start' });
    // x > 5 from 2m; with a 1m offset the evaluation at 3m is the first to see it.
    expect(res.timeline[0]).toMatchObject({ activeAt: 3 * MIN, firedAt: 3 * MIN });
    const rec = storage.series().find((s) => s.labels.__name__ === 'rec')!;
    expect([...rec.timestamps]).toEqual([-MIN, 0, MIN, 2 * MIN, 3 * MIN].filter((t) => t >= 0));
  });

  it('reports evaluation errors per rule and timestamp without stopping', () => {
    const storage = storageWith({ 'x|a': [1, 1], 'x|b': [1, 1] });
    const res = evaluateRules(storage, [{ name: 'g', rules: [{ record: 'same', expr: 'x', labels: { job: 'z' } }] }], {
      start: 0,
      end: MIN,
    });
    expect(res.errors).toEqual([
      {
        group: 'g',
        rule: 'same',
        t: 0,
        message: 'vector contains metrics with the same labelset after applying rule labels',
      },
      {
        group: 'g',
        rule: 'same',
        t: MIN,
        message: 'vector contains metrics with the same labelset after applying rule labels',
      },
    ]);
  });
});

describe('alignment like a Prometheus server', () => {
  // Observed with Prometheus 2.42 (same EvalTimestamp as 2.54) loading /tmp/promalign/rules.yml:
  // timestamp(rec_a) = 1795454110.738 (interval 10s), timestamp(rec_b) = 1795454112.060 (7s).
  it('evaluates each group at its hash offset within the interval', () => {
    const seen = new Map<string, number[]>();
    const groups: RuleGroupInput[] = [
      { name: 'align-a', interval: '10s', rules: [{ record: 'rec_a', expr: 'vector(1)' }] },
      { name: 'another group', interval: '7s', rules: [{ record: 'rec_b', expr: 'vector(1)' }] },
    ];
    const start = 1795454100000;
    evaluateRules(createStorage(), groups, {
      start,
      end: start + 20_000,
      alignment: 'prometheus',
      ruleFile: '/tmp/promalign/rules.yml',
      onEval: (i) => seen.set(i.group, [...(seen.get(i.group) ?? []), i.t]),
    });
    expect(seen.get('align-a')).toEqual([1795454100738, 1795454110738]);
    expect(seen.get('another group')).toContain(1795454112060);
    expect(seen.get('another group')!.every((t) => (t - 1795454112060) % 7000 === 0)).toBe(true);
  });
});
