import { describe, expect, it } from 'vitest';
import type { SeriesData } from '@alertcraft/promql';
import { isStaleNaN, STALE_NAN_BITS } from '@alertcraft/promql';
import { OpenMetricsError } from './errors.js';
import { escapeLabelValue, seriesKey } from './series-key.js';
import { writeOpenMetrics } from './write-openmetrics.js';

const series = (labels: Record<string, string>, ts: number[], vs: number[]): SeriesData => ({
  labels,
  timestamps: Float64Array.from(ts),
  values: Float64Array.from(vs),
});

async function text(input: SeriesData[]): Promise<string> {
  let out = '';
  const stats = await writeOpenMetrics(input, {
    write: (c: string) => {
      out += c;
      return true;
    },
    once: () => undefined,
  });
  expect(stats.bytes).toBe(Buffer.byteLength(out));
  return out;
}

describe('writeOpenMetrics', () => {
  it('writes one line per sample with sorted labels, timestamps in seconds, and # EOF', async () => {
    const out = await text([
      series({ __name__: 'x_total', job: 'a', region: 'eu' }, [1_000, 16_000], [0, 2.5]),
      series({ __name__: 'y' }, [1_500], [NaN]),
    ]);
    expect(out).toBe(
      ['x_total{job="a",region="eu"} 0 1', 'x_total{job="a",region="eu"} 2.5 16', 'y NaN 1.5', '# EOF', ''].join('\n'),
    );
  });

  it('escapes label values as the text formats require', () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
  });

  it('waits for drain when the writable pushes back', async () => {
    let drains = 0;
    let written = '';
    const big = series(
      { __name__: 'z' },
      Array.from({ length: 20_000 }, (_, i) => i * 1000),
      Array.from({ length: 20_000 }, (_, i) => i),
    );
    const stats = await writeOpenMetrics([big], {
      write: (c: string) => {
        written += c;
        return false;
      },
      once: (_e: 'drain', cb: () => void) => {
        drains++;
        queueMicrotask(cb);
      },
    });
    expect(drains).toBeGreaterThan(1);
    expect(stats.samples).toBe(20_000);
    expect(written.endsWith('z 19999 19999\n# EOF\n')).toBe(true);
  });

  it('refuses a series without a name, saying which', async () => {
    await expect(text([series({ __name__: 'ok' }, [0], [1]), series({ job: 'a' }, [0], [1])])).rejects.toThrow(
      'series[1]: series has no __name__ label',
    );
    expect(() => seriesKey({ __name__: 'm', 'bad-label': 'x' }, 'here')).toThrow(OpenMetricsError);
  });

  it('drops staleness markers by default, writes them as NaN with staleMarkers: nan', async () => {
    const stale = new Float64Array(new BigUint64Array([STALE_NAN_BITS]).buffer)[0]!;
    expect(isStaleNaN(stale)).toBe(true);
    const input = [series({ __name__: 's' }, [1000, 2000, 3000], [1, 0, 3])];
    input[0]!.values[1] = stale;
    let dropped = '';
    const d = await writeOpenMetrics(input, {
      write: (c: string) => {
        dropped += c;
        return true;
      },
      once: () => undefined,
    });
    expect(dropped).toBe('s 1 1\ns 3 3\n# EOF\n');
    expect(d).toMatchObject({ samples: 2, droppedStale: 1 });
    let kept = '';
    const k = await writeOpenMetrics(
      input,
      {
        write: (c: string) => {
          kept += c;
          return true;
        },
        once: () => undefined,
      },
      { staleMarkers: 'nan' },
    );
    expect(kept).toBe('s 1 1\ns NaN 2\ns 3 3\n# EOF\n');
    expect(k).toMatchObject({ samples: 3, droppedStale: 0 });
  });

  it('writes # EOF alone when nothing is left to write', async () => {
    expect(await text([])).toBe('# EOF\n');
    expect(await text([series({ __name__: 'e' }, [], [])])).toBe('# EOF\n');
  });
});
