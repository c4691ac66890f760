import { describe, expect, it } from 'vitest';
import type { SeriesData } from '@alertcraft/promql';
import { timelineFromAlertsSeries } from './alerts-series.js';

const S = 1000;
const series = (labels: Record<string, string>, points: [number, number][]): SeriesData => ({
  labels,
  timestamps: Float64Array.from(points.map((p) => p[0] * S)),
  values: Float64Array.from(points.map((p) => p[1])),
});
const ones = (...t: number[]) => t.map((x): [number, number] => [x, 1]);

describe('timelineFromAlertsSeries', () => {
  it('splits runs at gaps, takes activeAt from ALERTS_FOR_STATE, firedAt from the first firing sample, resolvedAt one step after the last', () => {
    const l = { alertname: 'X', severity: 'page' };
    const out = timelineFromAlertsSeries(
      [
        series({ __name__: 'ALERTS', ...l, alertstate: 'pending' }, ones(10, 11, 12, 30, 31)),
        series({ __name__: 'ALERTS', ...l, alertstate: 'firing' }, ones(13, 14, 15)),
        series({ __name__: 'ALERTS', alertname: 'Y', alertstate: 'pending' }, ones(38, 39, 40)),
      ],
      [
        series({ __name__: 'ALERTS_FOR_STATE', ...l }, [
          ...[10, 11, 12, 13, 14, 15].map((t): [number, number] => [t, 9.5]),
          [30, 30],
          [31, 30],
        ]),
      ],
      { stepMs: S, endMs: 40 * S },
    );
    expect(out).toEqual([
      {
        alertname: 'X',
        labels: { severity: 'page' },
        state: 'inactive',
        activeAt: 9500,
        firedAt: 13000,
        resolvedAt: 16000,
      },
      { alertname: 'X', labels: { severity: 'page' }, state: 'inactive', activeAt: 30000, resolvedAt: 32000 },
      // Sampled in the last step: still pending at the end.
      { alertname: 'Y', labels: {}, state: 'pending', activeAt: 38000 },
    ]);
  });

  it('rejects a series that is not ALERTS and a non-positive step', () => {
    expect(() => timelineFromAlertsSeries([series({ alertname: 'X' }, ones(1))], [], { stepMs: S, endMs: 0 })).toThrow(
      /alertstate must be "pending" or "firing"/,
    );
    expect(() => timelineFromAlertsSeries([], [], { stepMs: 0, endMs: 0 })).toThrow(/stepMs must be positive/);
  });
});
