/**
 * The fast input_series scan must give exactly what the full parser gives: same samples (bit for
 * bit, so -0 and decimals included), same errors, on random values text mixing the plain tokens
 * it scans with the notation it leaves to the full parser.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSeriesDescription } from '../input-series.js';
import { parseInputSeries, scanPlainValues } from './input-series-fast.js';

const INTERVAL = 15_000;

function viaFullParser(
  series: string,
  values: string,
): { labels: unknown; ts: number[]; vs: number[] } | { error: string } {
  try {
    const d = parseSeriesDescription(`${series} ${values}`);
    const ts: number[] = [];
    const vs: number[] = [];
    d.present.forEach((p, i) => {
      if (!p) return;
      ts.push(i * INTERVAL);
      vs.push(d.values[i]!);
    });
    return { labels: d.labels, ts, vs };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

function viaFast(series: string, values: string): { labels: unknown; ts: number[]; vs: number[] } | { error: string } {
  try {
    const r = parseInputSeries(series, values, INTERVAL);
    return { labels: r.labels, ts: [...r.ts], vs: [...r.vs] };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

const plainToken = fc.oneof(
  fc.constant('_'),
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String),
  fc.constantFrom('0', '-0', '007', '-00', '9007199254740993', '123456789012345678901234567890'),
  fc
    .tuple(fc.integer({ min: -99999, max: 99999 }), fc.nat({ max: 999999 }))
    .map(([a, b]) => `${a}.${String(b).padStart(6, '0')}`),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((x) => x.toFixed(7)),
);
const otherToken = fc.constantFrom(
  '1+2x3',
  '5x2',
  '_x3',
  'stale',
  'NaN',
  'Inf',
  '-Inf',
  '1e3',
  '.5',
  '5.',
  '0x1F',
  '1_000',
  '-',
  '+3',
  'abc',
  '{{schema:1}}',
  '1-1x2',
);
const sep = fc.constantFrom(' ', '  ', '\t', ' \n ');

describe('parseInputSeries fast scan', () => {
  it("gives the full parser's samples and errors", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.oneof({ weight: 8, arbitrary: plainToken }, { weight: 1, arbitrary: otherToken }), sep), {
          maxLength: 30,
        }),
        fc.constantFrom('m', 'm{a="b"}', 'm{a="b",c="d"} ', '{__name__="m"}', 'm{a="b"', 'm{a=b}', 'm x'),
        (tokens, series) => {
          const values = tokens.map(([t, s]) => t + s).join('');
          const fast = viaFast(series, values);
          const full = viaFullParser(series, values);
          expect(fast).toEqual(full);
          if ('vs' in fast && 'vs' in full)
            fast.vs.forEach((v, i) => {
              expect(Object.is(v, full.vs[i])).toBe(true);
            });
        },
      ),
      {
        numRuns: Number(process.env.PROP_RUNS ?? 500),
        seed: process.env.PROP_SEED ? Number(process.env.PROP_SEED) : 7,
      },
    );
  });

  it('scans plain values and steps over `_`', () => {
    const r = scanPlainValues('1 _ -2.5 _ 007', 1000)!;
    expect([...r.ts]).toEqual([0, 2000, 4000]);
    expect([...r.vs]).toEqual([1, -2.5, 7]);
  });

  it('leaves any other notation to the full parser', () => {
    for (const v of ['1+2x3', 'stale', '1e3', '.5', '5.', '_x2', 'Inf', '1 2 foo'])
      expect(scanPlainValues(v, 1000), v).toBeUndefined();
  });
});
