import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@alertcraft/promql/testing';
import { cusumDetector } from './cusum.js';
import { pelt } from './pelt.js';
import { changepointDetector } from './changepoint.js';
import { esdDetector, tQuantile } from './esd.js';
import { isolationForestDetector } from './isolation-forest.js';
import { dbscan, dbscanDetector } from './dbscan.js';
import { madBandDetector } from './mad-band.js';
import { zscoreDetector } from './zscore.js';

const MIN = 60_000;
const times = (n: number) => Float64Array.from({ length: n }, (_, i) => i * MIN);
function noise(n: number, seed: number, sd = 1): number[] {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, () => sd * (rng() + rng() + rng() - 1.5));
}
const flagged = (f: Uint8Array) => [...f.keys()].filter((i) => f[i]);

describe('detectors on hand-made series', () => {
  it('CUSUM: worked example', () => {
    // Warm-up [0, 1, 0, 1, 0]: median 0, MAD 0 → σ = 1. Then z = 3: S⁺ = 2.5, then 5 > h = 4 → flag
    // at index 6; the reference restarts at 7, so 7 is in the new warm-up (score 0).
    const v = [0, 1, 0, 1, 0, 3, 3, 0];
    const r = cusumDetector(times(v.length), v, { warmup: 5, k: 0.5, h: 4 });
    expect(flagged(r.flags)).toEqual([6]);
    expect(r.scores[5]).toBeCloseTo(2.5 / 6.5, 12);
    expect(r.scores[7]).toBe(0);
  });

  it('PELT finds the two mean shifts of a step series', () => {
    const v = noise(150, 3, 0.3).map((x, i) => x + (i >= 50 ? 4 : 0) + (i >= 100 ? -6 : 0));
    const cps = pelt(v, { minSize: 5 });
    expect(cps).toEqual([50, 100]);
    expect(pelt(new Array(40).fill(2))).toEqual([]);
  });

  it('change points: flags soon after a shift of ≥ min effect size, not on noise alone', () => {
    const base = noise(300, 5);
    // Each of the 221 tests on pure noise is at 1 − confidence = 1 %: a few false alarms at most.
    expect(
      flagged(
        changepointDetector(times(300), base, { minEffectSize: 0.2, confidence: 0.99, reference: 60, recent: 20 })
          .flags,
      ).length,
    ).toBeLessThanOrEqual(3);
    const shifted = base.map((x, i) => x + (i >= 200 ? 1.5 : 0));
    const f = flagged(
      changepointDetector(times(300), shifted, { minEffectSize: 0.2, confidence: 0.99, reference: 60, recent: 20 })
        .flags,
    ).filter((i) => i >= 200);
    expect(f.length).toBe(1);
    expect(f[0]).toBeLessThan(220);
  });

  it('seasonal hybrid ESD flags a spike against a daily pattern, and the t quantile is close', () => {
    // t(0.975, 30) = 2.0423 (tables).
    expect(tQuantile(0.975, 30)).toBeCloseTo(2.0423, 3);
    const period = 24;
    const v = noise(24 * 10, 9, 0.2).map((x, i) => x + 5 * Math.sin((2 * Math.PI * i) / period));
    v[200] = v[200]! + 4;
    const r = esdDetector(times(v.length), v, { period, window: 24 * 7, stride: 24, maxAnoms: 0.02, alpha: 0.05 });
    expect(flagged(r.flags)).toEqual([200]);
    expect(r.scores[200]).toBeGreaterThan(0.5);
  });

  it('isolation forest flags an isolated jump and is deterministic', () => {
    const v = noise(400, 11);
    v[350] = 12;
    const o = { trainingWindowMs: 300 * MIN, sensitivity: 0.8, alertThreshold: 0.95 };
    const a = isolationForestDetector(times(400), v, o);
    expect(a.flags[350]).toBe(1);
    // On noise, out-of-sample scores sit above the in-sample 0.95 quantile more often than 5 %:
    // observed ≈ 11 % of the 336 scored samples; bound it at 12 %.
    expect(flagged(a.flags).length).toBeLessThan(0.12 * 336);
    expect(Array.from(isolationForestDetector(times(400), v, o).scores)).toEqual(Array.from(a.scores));
  });

  it('DBSCAN clusters by hand and flags a sample unlike its window', () => {
    const pts = [
      [0, 0],
      [0.1, 0],
      [0, 0.1],
      [0.1, 0.1],
      [0.05, 0.05],
      [5, 5],
    ];
    expect(Array.from(dbscan(pts, 0.5, 3))).toEqual([0, 0, 0, 0, 0, -1]);
    const v = noise(200, 13, 0.5);
    v[150] = 8;
    const r = dbscanDetector(times(200), v, { eps: 0.3, minSamples: 5, windowMs: 100 * MIN });
    expect(r.flags[150]).toBe(1);
  });

  it('MAD band: seasonal history by hand', () => {
    // Period 4 samples: history of index 8 is indices 4 and 0 → [1, 1]... use 3 seasons.
    const v = [1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 9];
    const r = madBandDetector(times(v.length), v, { k: 3, minSamples: 3, periodMs: 4 * MIN, seasons: 3 });
    // Index 12: history [3, 2, 1], median 2, MAD 1 → σ̂ 1.4826; |9 − 2| / 1.4826 = 4.72 > 3.
    expect(r.flags[12]).toBe(1);
    expect(r.warmup).toBe(12);
    expect(r.scores[12]).toBeCloseTo(7 / 1.482602218505602 / (7 / 1.482602218505602 + 3), 12);
  });
});

describe('bad input', () => {
  it('NaN/Inf samples, too-short history and non-ascending times are clear errors', () => {
    const o = { windowMs: 10 * MIN, k: 3, minSamples: 5 };
    expect(() => zscoreDetector(times(6), [1, 2, NaN, 4, 5, 6], o)).toThrow(
      /zscore: sample 2 \(t=1970-01-01T00:02:00.000Z\) is NaN/,
    );
    expect(() => cusumDetector(times(3), [1, Infinity, 3], { warmup: 5, k: 0.5, h: 4 })).toThrow(
      /sample 1 .* is Infinity/,
    );
    expect(() => zscoreDetector(times(3), [1, 2, 3], o)).toThrow(/history has 3 samples, fewer than the warm-up of 5/);
    expect(() => zscoreDetector([0, 0, 1, 2, 3], [1, 2, 3, 4, 5], o)).toThrow(/timestamps must ascend/);
    expect(() => zscoreDetector(times(9), new Array(9).fill(1), { ...o, k: NaN })).toThrow(
      /k must be a finite positive number/,
    );
  });

  it('a constant series is documented: no flags for z-score, MAD band, CUSUM; a later step is flagged', () => {
    const c = new Array(60).fill(7);
    expect(flagged(zscoreDetector(times(60), c, { windowMs: 10 * MIN, k: 3, minSamples: 5 }).flags)).toEqual([]);
    expect(flagged(madBandDetector(times(60), c, { windowMs: 10 * MIN, k: 3, minSamples: 5 }).flags)).toEqual([]);
    expect(flagged(cusumDetector(times(60), c, { warmup: 10, k: 0.5, h: 4 }).flags)).toEqual([]);
    const step = [...c, 8];
    // Zero spread: the step is infinitely many σ away (z-score: |8 − mean| / stddev with stddev > 0 here).
    expect(zscoreDetector(times(61), step, { windowMs: 10 * MIN, k: 3, minSamples: 5 }).flags[60]).toBe(1);
    expect(madBandDetector(times(61), step, { windowMs: 10 * MIN, k: 3, minSamples: 5 }).scores[60]).toBe(1);
  });
});

describe('constant series', () => {
  it('no detector flags a constant series (documented in docs/packages/baseline-stats.md)', async () => {
    const { likelihoodDetector } = await import('./likelihood.js');
    const n = 700;
    const t = times(n);
    const c = new Array(n).fill(3.5);
    const outs = [
      changepointDetector(t, c, { minEffectSize: 0.2, confidence: 0.99, reference: 60, recent: 20 }),
      esdDetector(t, c, { period: 24, window: 24 * 7, stride: 24, maxAnoms: 0.02, alpha: 0.05 }),
      isolationForestDetector(t, c, { trainingWindowMs: 300 * MIN, sensitivity: 0.8, alertThreshold: 0.95 }),
      dbscanDetector(t, c, { eps: 0.3, minSamples: 5, windowMs: 100 * MIN }),
      likelihoodDetector(t, c, {
        windowMs: 100 * MIN,
        historyMs: 300 * MIN,
        short: 5,
        minSamples: 30,
        alarm: 0.9999,
        quietMs: 60 * MIN,
        level: 4,
      }),
    ];
    for (const o of outs) {
      expect(flagged(o.flags)).toEqual([]);
      expect(o.scores.every((x) => x >= 0 && x <= 1)).toBe(true);
    }
  });
});

describe('distributions', () => {
  it('normal quantile and CDF against tables', async () => {
    const { normalCdf, normalQuantile } = await import('../distributions.js');
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 7);
    expect(normalQuantile(0.005)).toBeCloseTo(-2.575829304, 7);
    expect(normalCdf(1.959963985)).toBeCloseTo(0.975, 7);
    expect(normalCdf(-3)).toBeCloseTo(0.001349898, 8);
  });
});
