import { describe, expect, it } from 'vitest';
import {
  NAB_PROFILES,
  normalizeScore,
  perfectScore,
  probationaryLength,
  scaledSigmoid,
  scoreCorpus,
  scoresByThreshold,
  sweepFile,
  type NabFile,
} from './scorer.js';

/**
 * A hand-made file: 10 rows, one window on rows 4–5 (width 2, right edge 5); row 0 is the
 * probationary period (min(⌊0.15·10⌋, 750) = 1). Hand computation, standard profile:
 * - row 4 (left edge): position −(5 − 4 + 1)/2 = −1, S(−1)/S(−1)·tpWeight = 1;
 * - rows 1–3 (before any window): −fpWeight = −0.11 each;
 * - row 6: |5 − 6|/(2 − 1) = 1 past, S(1) = 2/(1 + e⁵) − 1 = −0.98661429 → −0.10852757;
 * - row 7: 2 past, S(2) = 2/(1 + e¹⁰) − 1 = −0.99990920 → −0.10999001; rows 8–9: 3 past → −0.11.
 * Scores: row 4 → 1, row 8 → 0.9, others 0. Thresholds: 1.1 → −1 (window missed); 1 → +1;
 * 0.9 → 1 − 0.11 = 0.89; 0 → 1 − 0.33 − 0.10852757 − 0.10999001 − 0.22 = 0.23148242.
 */
const file: NabFile = {
  name: 'hand/case.csv',
  timestamps: Array.from({ length: 10 }, (_, i) => `t${i}`),
  windows: [['t4', 't5']],
};
const scores = [0, 0, 0, 0, 1, 0, 0, 0, 0.9, 0];

describe('NAB scorer on a hand-made case', () => {
  it('scaled sigmoid and probation', () => {
    expect(scaledSigmoid(-1)).toBeCloseTo(0.98661429, 7);
    expect(scaledSigmoid(0)).toBe(0);
    expect(scaledSigmoid(3)).toBe(-1);
    expect(probationaryLength(10)).toBe(1);
    expect(probationaryLength(100_000)).toBe(750);
  });

  it('sweep scores per row', () => {
    const pts = sweepFile(file, scores, NAB_PROFILES.standard);
    expect(pts[0]!.window).toBe('probationary');
    expect(pts[4]!.sweepScore).toBeCloseTo(1, 12);
    expect(pts[4]!.window).toBe('hand/case.csv|t4');
    expect(pts[2]!.sweepScore).toBeCloseTo(-0.11, 12);
    expect(pts[6]!.sweepScore).toBeCloseTo(-0.10852757, 8);
    expect(pts[7]!.sweepScore).toBeCloseTo(-0.10999001, 8);
    expect(pts[8]!.sweepScore).toBeCloseTo(-0.11, 12);
  });

  it('score by threshold, optimisation and normalisation', () => {
    const sweep = scoresByThreshold(sweepFile(file, scores, NAB_PROFILES.standard), NAB_PROFILES.standard);
    expect(sweep.map((r) => r.threshold)).toEqual([1.1, 1, 0.9, 0]);
    expect(sweep[0]!.score).toBeCloseTo(-1, 12);
    expect(sweep[1]!.score).toBeCloseTo(1, 12);
    expect(sweep[2]!.score).toBeCloseTo(0.89, 12);
    expect(sweep[3]!.score).toBeCloseTo(0.23148242, 7);
    expect(sweep[3]).toMatchObject({ tp: 2, fp: 7, fn: 0, tn: 0 });
    const best = scoreCorpus([file], () => scores, NAB_PROFILES.standard);
    expect(best.threshold).toBe(1);
    expect(best.raw).toBeCloseTo(1, 12);
    // reward_low_FN_rate: a missed window costs 2, so the all-miss row is −2.
    expect(
      scoresByThreshold(sweepFile(file, scores, NAB_PROFILES.reward_low_FN_rate), NAB_PROFILES.reward_low_FN_rate)[0]!
        .score,
    ).toBe(-2);
    // Normalised: 100·(raw − null)/(perfect − null), perfect = tpWeight · windows.
    expect(perfectScore([file], NAB_PROFILES.standard)).toBe(1);
    expect(normalizeScore(0.5, -1, 1)).toBe(75);
  });

  it('rejects windows that do not sit on rows and length mismatches', () => {
    expect(() => sweepFile({ ...file, windows: [['t4', 'x']] }, scores, NAB_PROFILES.standard)).toThrow(
      /does not start and end on a row/,
    );
    expect(() => sweepFile(file, [1], NAB_PROFILES.standard)).toThrow(/10 timestamps but 1 anomaly scores/);
  });
});
