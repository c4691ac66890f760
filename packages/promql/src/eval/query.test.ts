import { describe, expect, it } from 'vitest';
import {
  createStorage,
  instantQuery,
  loadSeriesDescriptions,
  PromQLEvalError,
  PromQLSyntaxError,
  rangeQuery,
  runInstantQuery,
  type QueryValue,
} from '@alertcraft/promql';

function storage() {
  const st = createStorage();
  loadSeriesDescriptions(
    st,
    [
      'http_requests_total{job="api", instance="0"} 0+10x30',
      'http_requests_total{job="api", instance="1"} 0+20x10 5+20x19',
      'http_requests_total{job="web", instance="0"} 0+5x15 _x5 80+5x9',
      'queue_depth{job="api"} 3 5 2 stale 8 9 1 _ _ 4x20',
    ],
    60_000,
  );
  return st;
}

const vec = (v: QueryValue) => {
  if (v.type !== 'vector') throw new Error(`expected a vector, got ${v.type}`);
  return v.samples.map((s) => ({ ...s.labels, value: s.v }));
};

describe('instantQuery / rangeQuery', () => {
  it('honours the lookback delta option (2.x: a sample exactly lookback old is still visible)', () => {
    const st = createStorage();
    st.append({ __name__: 'up' }, 0, 1);
    expect(vec(instantQuery(st, 'up', 300_000))).toHaveLength(1);
    expect(vec(instantQuery(st, 'up', 300_001))).toHaveLength(0);
    expect(vec(instantQuery(st, 'up', 120_000, { lookbackDeltaMs: 60_000 }))).toHaveLength(0);
  });

  it('hides a series after a staleness marker', () => {
    const st = storage();
    expect(vec(instantQuery(st, 'queue_depth', 3 * 60_000))).toEqual([]);
    expect(vec(instantQuery(st, 'queue_depth', 4 * 60_000))).toEqual([
      { __name__: 'queue_depth', job: 'api', value: 8 },
    ]);
  });

  it('returns a scalar range query as one series without labels', () => {
    const v = rangeQuery(createStorage(), 'time() * 2', 0, 120_000, 60_000);
    expect(v.type).toBe('matrix');
    if (v.type !== 'matrix') return;
    expect(v.series).toHaveLength(1);
    expect(v.series[0]!.labels).toEqual({});
    expect([...v.series[0]!.values]).toEqual([0, 120, 240]);
  });

  it('rejects range-vector expressions in range queries with the Prometheus message', () => {
    expect(() => rangeQuery(storage(), 'http_requests_total[5m]', 0, 60_000, 60_000)).toThrow(
      'invalid expression type "range vector" for range query, must be Scalar or instant Vector',
    );
    expect(() => rangeQuery(storage(), 'up', 0, 60_000, 0)).toThrow(PromQLEvalError);
    expect(() => rangeQuery(storage(), 'up', 0, 86_400_000 * 365, 1)).toThrow(/use a larger step/);
    expect(() => instantQuery(storage(), 'up', NaN)).toThrow(PromQLEvalError);
  });

  it('throws PromQLSyntaxError for an invalid expression string', () => {
    expect(() => instantQuery(storage(), 'sum(', 0)).toThrow(PromQLSyntaxError);
  });

  it('errors on many-to-many matching and on duplicate label sets, like Prometheus', () => {
    const st = storage();
    expect(() => instantQuery(st, 'http_requests_total + on(job) http_requests_total', 60_000)).toThrow(
      /many-to-many matching not allowed/,
    );
    const dup = createStorage();
    dup.append({ __name__: 'a', x: '1' }, 0, 1);
    dup.append({ __name__: 'b', x: '1' }, 0, 1);
    expect(() => instantQuery(dup, 'abs({x="1"})', 0)).toThrow('vector cannot contain metrics with the same labelset');
  });

  it('fails native-histogram functions with a pointer to the local runtime', () => {
    try {
      instantQuery(storage(), 'histogram_count(http_requests_total)', 60_000);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(PromQLEvalError);
      expect((err as PromQLEvalError).code).toBe('promql/native-histograms-unsupported');
      expect((err as Error).message).toMatch(/`local` runtime/);
    }
  });

  it('reports Prometheus annotations as warnings and infos', () => {
    const st = storage();
    expect(runInstantQuery(st, 'quantile(2, http_requests_total)', 60_000).warnings).toHaveLength(1);
    expect(runInstantQuery(st, 'rate(queue_depth[5m])', 600_000).infos[0]).toMatch(/might not be a counter/);
    expect(runInstantQuery(st, 'rate(http_requests_total[5m])', 600_000)).toMatchObject({ warnings: [], infos: [] });
  });

  // Prometheus evaluates a range query as independent instant evaluations at each step (the
  // promqltest runner checks the same property); ours computes all steps at once, so check it.
  const EXPRS = [
    'rate(http_requests_total[5m])',
    'sum by (job) (increase(http_requests_total[3m]))',
    'http_requests_total / on(job, instance) group_left clamp_min(http_requests_total, 1)',
    'max_over_time(queue_depth[4m]) or vector(0)',
    'avg_over_time(rate(http_requests_total[2m])[7m:90s])',
    'topk(1, http_requests_total) by (job)',
    'http_requests_total offset 3m and on(job) queue_depth',
    'absent(queue_depth)',
    'absent_over_time(queue_depth[2m])',
    'count_values("v", queue_depth)',
    'timestamp(queue_depth)',
    'http_requests_total @ 600 - http_requests_total',
    'changes(http_requests_total[10m]) + resets(http_requests_total[10m])',
    'scalar(queue_depth) * time()',
  ];
  it.each(EXPRS)('range query %s equals instant queries at each step', (q) => {
    const st = storage();
    const start = 0;
    const end = 32 * 60_000;
    const step = 45_000;
    const range = rangeQuery(st, q, start, end, step);
    if (range.type !== 'matrix') throw new Error('expected a matrix');
    const fromRange = new Map<string, number>();
    for (const s of range.series)
      for (let i = 0; i < s.timestamps.length; i++)
        fromRange.set(`${s.timestamps[i]} ${JSON.stringify(s.labels)}`, s.values[i]!);
    const fromInstant = new Map<string, number>();
    for (let t = start; t <= end; t += step) {
      const v = instantQuery(st, q, t);
      if (v.type === 'scalar') fromInstant.set(`${t} {}`, v.v);
      else
        for (const s of vec(v)) {
          const { value, ...labels } = s;
          const sorted = Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)));
          fromInstant.set(`${t} ${JSON.stringify(sorted)}`, value);
        }
    }
    expect(fromRange.size).toBeGreaterThan(0);
    expect(fromRange).toEqual(fromInstant);
  });
});
