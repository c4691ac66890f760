import { describe, expect, it } from 'vitest';
import type { SeriesData } from '@alertcraft/promql';
import { exposition } from './exposition.js';

const series = (labels: Record<string, string>, ts: number[], vs: number[]): SeriesData => ({
  labels,
  timestamps: Float64Array.from(ts),
  values: Float64Array.from(vs),
});

describe('exposition', () => {
  const input = [
    series({ __name__: 'req_total', code: '200' }, [0, 15_000, 30_000], [1, 2, 3]),
    series({ __name__: 'lat_bucket', le: '0.5' }, [0, 15_000], [4, 5]),
    series({ __name__: 'lat_bucket', le: '+Inf' }, [0, 15_000], [6, 7]),
    series({ __name__: 'lat_sum' }, [0, 15_000], [1.5, 2]),
    series({ __name__: 'lat_count' }, [0, 15_000], [6, 7]),
    series({ __name__: 'temp' }, [0], [20]),
  ];

  it('shows the latest sample at or before t, grouped by family with HELP and TYPE', () => {
    expect(exposition(input, 20_000)).toBe(
      [
        '# HELP lat alertcraft synthetic scenario series.',
        '# TYPE lat histogram',
        'lat_bucket{le="0.5"} 5',
        'lat_bucket{le="+Inf"} 7',
        'lat_sum 2',
        'lat_count 7',
        '# HELP req_total alertcraft synthetic scenario series.',
        '# TYPE req_total counter',
        'req_total{code="200"} 2',
        '# HELP temp alertcraft synthetic scenario series.',
        '# TYPE temp gauge',
        'temp 20',
        '',
      ].join('\n'),
    );
  });

  it('drops series whose latest sample is older than the lookback, and those not started yet', () => {
    expect(exposition(input, 10 * 60_000, { lookbackMs: 5 * 60_000 })).toBe('');
    expect(exposition([series({ __name__: 'late' }, [60_000], [1])], 30_000)).toBe('');
  });
});

describe('clipSeries', () => {
  it('keeps samples in [start, end] and drops series left empty', async () => {
    const { clipSeries } = await import('./clip.js');
    const input = [
      series({ __name__: 'a' }, [0, 1000, 2000, 3000], [1, 2, 3, 4]),
      series({ __name__: 'b' }, [5000], [9]),
    ];
    const out = [...clipSeries(input, 1000, 2000)];
    expect(out).toHaveLength(1);
    expect(Array.from(out[0]!.timestamps)).toEqual([1000, 2000]);
    expect(Array.from(out[0]!.values)).toEqual([2, 3]);
    expect([...clipSeries(input, 0, 10_000)][0]).toBe(input[0]);
  });
});
