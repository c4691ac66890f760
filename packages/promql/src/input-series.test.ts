import { describe, expect, it } from 'vitest';
import {
  expandSeriesValues,
  parseSeriesDescription,
  InputSeriesError,
  NativeHistogramUnsupportedError,
  isStaleNaN,
} from '@alertcraft/promql';

// Expansion rules of promtool's input_series notation (Prometheus docs, "Unit testing for rules":
// 'a+bxn' becomes 'a a+b a+(2*b) ... a+(n*b)', '_xn' is n blanks, 'stale' a staleness marker).
const vals = (s: string) => {
  const r = expandSeriesValues(s);
  return [...r.values].map((v, i) => (r.present[i] ? (isStaleNaN(v) ? 'stale' : v) : '_'));
};

describe('input_series notation', () => {
  it('expands a+bxn to n+1 values', () => {
    expect(vals('1+2x3')).toEqual([1, 3, 5, 7]);
    expect(vals('-1-1x3')).toEqual([-1, -2, -3, -4]);
    expect(vals('1x3')).toEqual([1, 1, 1, 1]);
    expect(vals('0+0.5x2')).toEqual([0, 0.5, 1]);
  });

  it('handles blanks, stale markers and special values', () => {
    expect(vals('1 _ 3 _x2 stale 5')).toEqual([1, '_', 3, '_', '_', 'stale', 5]);
    expect(vals('Inf -Inf')).toEqual([Infinity, -Infinity]);
    expect(Number.isNaN(expandSeriesValues('NaN').values[0])).toBe(true);
  });

  it('parses the metric and labels', () => {
    const d = parseSeriesDescription('http_requests{job="api-server", instance="0", group=\'production\'} 0+10x2');
    expect(d.labels).toEqual({ __name__: 'http_requests', group: 'production', instance: '0', job: 'api-server' });
    expect([...d.values]).toEqual([0, 10, 20]);
    expect(parseSeriesDescription('{__name__="a:b", x="\\"q\\""} 1').labels).toEqual({ __name__: 'a:b', x: '"q"' });
  });

  it('reports malformed input with its column', () => {
    expect(() => parseSeriesDescription('m{a="1" 1')).toThrow(InputSeriesError);
    try {
      expandSeriesValues('1 2 abc');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InputSeriesError);
      expect((err as InputSeriesError).column).toBe(5);
      expect((err as Error).message).toMatch(/column 5/);
    }
  });

  it('refuses native histograms with a pointer to the local runtime', () => {
    expect(() => expandSeriesValues('{{schema:0 sum:1 count:1}}')).toThrow(NativeHistogramUnsupportedError);
    expect(() => expandSeriesValues('{{schema:0 sum:1 count:1}}')).toThrow(/`local` runtime/);
  });
});
