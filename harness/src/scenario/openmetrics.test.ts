import { describe, expect, it } from 'vitest';
import type { SeriesData } from '@alertcraft/promql';
import { exposition } from './exposition.js';
import { escapeLabelValue, writeOpenMetrics } from './openmetrics.js';

const series = (labels: Record<string, string>, ts: number[], vs: number[]): SeriesData => ({
  labels,
  timestamps: Float64Array.from(ts),
  values: Float64Array.from(vs),
});

async function text(input: SeriesData[]): Promise<string> {
  let out = '';
  const stats = await writeOpenMetrics(input, { write: (c: string) => ((out += c), true), once: () => undefined });
  expect(stats.bytes).toBe(Buffer.byteLength(out));
  return out;
}

describe('writeOpenMetrics', () => {
  it('writes one line per sample with sorted labels, timestamps in seconds, and # EOF', async () => {
    const out = await text([
      series({ __name__: 'x_total', job: 'a', region: 'eu' }, [1_000, 16_000], [0, 2.5]),
      series({ __name__: 'y' }, [1_500], [NaN]),
    ]);
    expect(out).toBe(['x_total{job="a",region="eu"} 0 1', 'x_total{job="a",region="eu"} 2.5 16', 'y NaN 1.500', '# EOF', ''].join('\n'));
  });

  it('escapes label values as the text formats require', () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
  });

  it('waits for drain when the writable pushes back', async () => {
    let drains = 0;
    let written = '';
    const big = series({ __name__: 'z' }, Array.from({ length: 20_000 }, (_, i) => i * 1000), Array.from({ length: 20_000 }, (_, i) => i));
    const stats = await writeOpenMetrics([big], {
      write: (c: string) => ((written += c), false),
      once: (_e: 'drain', cb: () => void) => {
        drains++;
        queueMicrotask(cb);
      },
    });
    expect(drains).toBeGreaterThan(1);
    expect(stats.samples).toBe(20_000);
    expect(written.endsWith('z 19999 19999\n# EOF\n')).toBe(true);
  });

  it('refuses a series without a name', async () => {
    await expect(text([series({ job: 'a' }, [0], [1])])).rejects.toThrow(/without __name__/);
  });
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
    const input = [series({ __name__: 'a' }, [0, 1000, 2000, 3000], [1, 2, 3, 4]), series({ __name__: 'b' }, [5000], [9])];
    const out = [...clipSeries(input, 1000, 2000)];
    expect(out).toHaveLength(1);
    expect(Array.from(out[0]!.timestamps)).toEqual([1000, 2000]);
    expect(Array.from(out[0]!.values)).toEqual([2, 3]);
    expect([...clipSeries(input, 0, 10_000)][0]).toBe(input[0]);
  });
});
