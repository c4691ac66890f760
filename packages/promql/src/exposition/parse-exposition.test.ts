import { describe, expect, it } from 'vitest';
import { createStorage, loadExposition, ExpositionError } from '@alertcraft/promql';

describe('exposition loader', () => {
  it('loads the Prometheus text format with millisecond timestamps', () => {
    const st = createStorage();
    const n = loadExposition(
      st,
      [
        '# HELP http_requests_total The total number of HTTP requests.',
        '# TYPE http_requests_total counter',
        'http_requests_total{method="post",code="200"} 1027 1395066363000',
        'http_requests_total{method="post",code="400"}    3 1395066363000',
        'http_requests_total{method="post",code="200"} 1029 1395066378000',
        'metric_without_labels 12.47 1395066363000',
        'weird{le="+Inf"} +Inf 1395066363000',
        '',
      ].join('\n'),
    );
    expect(n).toBe(5);
    const s = st.select([{ name: 'code', op: '=', value: '200' }])[0]!;
    expect([...s.timestamps]).toEqual([1395066363000, 1395066378000]);
    expect([...s.values]).toEqual([1027, 1029]);
    expect(st.select([{ name: '__name__', op: '=', value: 'weird' }])[0]!.values[0]).toBe(Infinity);
  });

  it('loads OpenMetrics with second timestamps, exemplars and # EOF', () => {
    const st = createStorage();
    loadExposition(
      st,
      [
        '# TYPE foo counter',
        'foo_total{a="b"} 1 1700000000.5 # {trace_id="x"} 1 1700000000',
        'foo_total{a="b"} 2 1700000015',
        '# EOF',
        '',
      ].join('\n'),
    );
    const s = st.select([{ name: '__name__', op: '=', value: 'foo_total' }])[0]!;
    expect([...s.timestamps]).toEqual([1700000000500, 1700000015000]);
  });

  it('uses the default timestamp for samples without one, and requires it', () => {
    const st = createStorage();
    loadExposition(st, 'up 1\n', { defaultTimestampMs: 5000 });
    expect(st.select([{ name: '__name__', op: '=', value: 'up' }])[0]!.timestamps[0]).toBe(5000);
    expect(() => loadExposition(createStorage(), 'up 1\n')).toThrow(/line 1: sample without a timestamp/);
  });

  it('reports malformed lines with their line number', () => {
    const cases: [string, RegExp][] = [
      ['ok 1 1\nbad{a="1" 2 3\n', /line 2: malformed sample line/],
      ['ok 1 1\nok2 notanumber 1\n', /line 2: invalid sample value/],
      ['ok 1 1\n\nok2 1 1.5\n', /line 3: invalid timestamp/],
      ['# TYPE x blah\n', /line 1: unknown metric type/],
      ['x 1 1\n', /line 1: OpenMetrics input must end with "# EOF"|x/],
      ['ok 1 1 2\n', /line 1: malformed sample line/],
    ];
    for (const [text, re] of cases.slice(0, 4).concat(cases.slice(5))) {
      expect(() => loadExposition(createStorage(), text), text).toThrow(re);
    }
    expect(() => loadExposition(createStorage(), 'x 1 1\n# EOF\ny 1 2\n')).toThrow(/line 3: content after "# EOF"/);
    expect(() => loadExposition(createStorage(), 'x 1 1\n', { format: 'openmetrics' })).toThrow(
      /must end with "# EOF"/,
    );
  });

  it('reports out-of-order samples with their line number', () => {
    try {
      loadExposition(createStorage(), 'a 1 2000\nb 1 1000\na 2 1000\n', { file: 'data.prom' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ExpositionError);
      expect((err as ExpositionError).line).toBe(3);
      expect((err as ExpositionError).code).toBe('promql/out-of-order');
      expect((err as Error).message).toMatch(/^data\.prom:3: out-of-order sample for a/);
    }
  });
});
