import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@alertcraft/promql/testing';
import { conformalKnnDetector, type ConformalKnnOptions } from './conformal-knn.js';
import { DetectorInputError } from './types.js';

const MIN = 60_000;
const times = (n: number) => Float64Array.from({ length: n }, (_, i) => i * MIN);
const flagged = (f: Uint8Array) => [...f.keys()].filter((i) => f[i]);
/** A daily-like sine with noise: the shape the embedding learns. */
function series(n: number, seed: number): number[] {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => 10 + 3 * Math.sin((2 * Math.PI * i) / 48) + 0.3 * (rng() - 0.5));
}
const O: ConformalKnnOptions = { dim: 8, k: 5, training: 200, alarm: 0.995, quiet: 40 };

describe('conformal k-NN detector', () => {
  it('warm-up: the first `training` samples score 0; later ranks are in [0, 1]', () => {
    const v = series(600, 1);
    const r = conformalKnnDetector(times(600), v, O);
    expect(r.warmup).toBe(200);
    expect(Array.from(r.scores.subarray(0, 200)).every((s) => s === 0)).toBe(true);
    expect(Array.from(r.scores).every((s) => s >= 0 && s <= 1)).toBe(true);
  });

  it('flags a spike at the spike, then stays quiet for `quiet` samples', () => {
    const v = series(600, 2);
    v[400] = v[400]! + 6;
    const o = { ...O, quiet: 10 };
    const r = conformalKnnDetector(times(600), v, o);
    expect(flagged(r.flags)).toContain(400);
    expect(Array.from(r.scores.subarray(401, 411)).every((s) => s === 0)).toBe(true);
  });

  it('on noise alone, flags about as often as the conformal rank allows', () => {
    // Rank ≥ 0.995 of 193 calibration scores means above all of them: probability ≈ 1/194 per
    // sample on exchangeable data, ≈ 2 of the 400 scored samples; bound it at 3 times that.
    const r = conformalKnnDetector(times(600), series(600, 2), { ...O, quiet: 0 });
    expect(flagged(r.flags).length).toBeLessThanOrEqual(6);
  });

  it('flags a level shift within a few samples of it', () => {
    const v = series(700, 3).map((x, i) => x + (i >= 450 ? 5 : 0));
    const f = flagged(conformalKnnDetector(times(700), v, O).flags).filter((i) => i >= 450);
    expect(f[0]).toBeGreaterThanOrEqual(450);
    expect(f[0]).toBeLessThan(455);
  });

  it('is invariant to the scale of the series', () => {
    const v = series(500, 4);
    v[350] = 20;
    const a = conformalKnnDetector(times(500), v, O);
    const b = conformalKnnDetector(
      times(500),
      v.map((x) => x * 1000),
      O,
    );
    expect(flagged(b.flags)).toEqual(flagged(a.flags));
    for (let i = 0; i < 500; i++) expect(b.scores[i]).toBeCloseTo(a.scores[i]!, 6);
  });

  it('is streaming: a prefix of the series gets the same scores as the full series', () => {
    const v = series(600, 5);
    v[420] = 0;
    const full = conformalKnnDetector(times(600), v, O);
    const part = conformalKnnDetector(times(450), v.slice(0, 450), O);
    expect(Array.from(part.scores)).toEqual(Array.from(full.scores.subarray(0, 450)));
    expect(Array.from(part.flags)).toEqual(Array.from(full.flags.subarray(0, 450)));
  });

  it('a constant series scores 0 everywhere and is never flagged', () => {
    const r = conformalKnnDetector(times(400), new Array(400).fill(7), O);
    expect(flagged(r.flags)).toEqual([]);
    expect(Array.from(r.scores).every((s) => s === 0)).toBe(true);
  });

  it('a series constant through training then changing is flagged at the change (singular metric)', () => {
    const v = [...new Array(300).fill(7), ...series(100, 6)];
    const r = conformalKnnDetector(times(400), v, O);
    expect(flagged(r.flags)[0]).toBe(300);
    expect(Array.from(r.scores).every((s) => Number.isFinite(s))).toBe(true);
  });

  it('rejects NaN, too-short history and bad options with a located message', () => {
    const v = series(300, 7);
    v[120] = Number.NaN;
    expect(() => conformalKnnDetector(times(300), v, O)).toThrow(/sample 120 .* is NaN/);
    expect(() => conformalKnnDetector(times(150), series(150, 8), O)).toThrow(
      /150 samples, fewer than the warm-up of 201/,
    );
    expect(() => conformalKnnDetector(times(300), series(300, 9), { ...O, k: 500 })).toThrow(DetectorInputError);
    expect(() => conformalKnnDetector(times(300), series(300, 9), { ...O, alarm: 1.5 })).toThrow(/alarm/);
  });

  it('minTraining: scores from minTraining on, while the sets grow up to `training`', () => {
    const v = series(600, 10);
    v[150] = v[150]! + 6;
    const o = { ...O, minTraining: 100, quiet: 10 };
    const r = conformalKnnDetector(times(600), v, o);
    expect(r.warmup).toBe(100);
    expect(Array.from(r.scores.subarray(0, 100)).every((s) => s === 0)).toBe(true);
    expect(flagged(r.flags)).toContain(150);
    // Still streaming through the growing phase and the start of sliding.
    const part = conformalKnnDetector(times(420), v.slice(0, 420), o);
    expect(Array.from(part.scores)).toEqual(Array.from(r.scores.subarray(0, 420)));
    expect(() => conformalKnnDetector(times(600), v, { ...O, minTraining: 300 })).toThrow(/minTraining/);
  });

  it('tieBreak keeps the rank order and flags, and ranks samples above every calibration score', () => {
    const v = series(600, 11);
    v[300] = v[300]! + 3;
    const o = { ...O, quiet: 0 };
    const plain = conformalKnnDetector(times(600), v, o);
    const tie = conformalKnnDetector(times(600), v, { ...o, tieBreak: true });
    expect(Array.from(tie.flags)).toEqual(Array.from(plain.flags));
    for (let i = 200; i < 600; i++)
      for (let j = 200; j < 600; j++)
        if (plain.scores[i]! < plain.scores[j]!) expect(tie.scores[i]).toBeLessThan(tie.scores[j]!);
    expect(Array.from(tie.scores).every((s) => s >= 0 && s < 1)).toBe(true);
    // A bigger spike at the same place: plain rank 1 both times, the tie-broken score is higher.
    const w = v.slice();
    w[300] = w[300]! + 6;
    const plainW = conformalKnnDetector(times(600), w, o);
    const tieW = conformalKnnDetector(times(600), w, { ...o, tieBreak: true });
    expect([plain.scores[300], plainW.scores[300]]).toEqual([1, 1]);
    expect(tieW.scores[300]).toBeGreaterThan(tie.scores[300]!);
  });

  it('rangeTolerance: a jump beyond the widened range scores 1 and is flagged, then quiet', () => {
    const v = series(700, 12).map((x, i) => x + (i >= 400 ? 4 : 0));
    const o = { ...O, quiet: 20, tieBreak: true, flagOnScore: true, alarm: 0.9995 };
    const plain = conformalKnnDetector(times(700), v, o);
    const ranged = conformalKnnDetector(times(700), v, { ...o, rangeTolerance: 0.05 });
    let hi = -Infinity;
    let lo = Infinity;
    for (let i = 0; i < 400; i++) {
      hi = Math.max(hi, v[i]!);
      lo = Math.min(lo, v[i]!);
    }
    const first = v.findIndex((x, i) => i >= 400 && x > hi + 0.05 * (hi - lo));
    expect(first).toBeGreaterThanOrEqual(400);
    expect(flagged(ranged.flags).filter((i) => i >= 400)[0]).toBe(first);
    expect(ranged.scores[first]).toBe(1);
    expect(plain.scores[first]).toBeLessThan(1);
    expect(Array.from(ranged.scores.subarray(first + 1, first + 21)).every((s) => s === 0)).toBe(true);
    // Before the jump nothing is beyond the range: the same scores as without the check.
    expect(Array.from(ranged.scores.subarray(0, 400))).toEqual(Array.from(plain.scores.subarray(0, 400)));
    // The range follows the data: a slow ramp to the same level never jumps past it.
    const ramp = series(700, 12).map((x, i) => x + 4 * Math.min(1, Math.max(0, (i - 400) / 250)));
    const r = conformalKnnDetector(times(700), ramp, { ...o, rangeTolerance: 0.05 });
    expect(Array.from(r.scores).some((s) => s === 1)).toBe(false);
    // A constant series has no range (hi = lo): still nothing flagged.
    const flat = conformalKnnDetector(times(400), new Array(400).fill(7), { ...o, rangeTolerance: 0.05 });
    expect(flagged(flat.flags)).toEqual([]);
    expect(() => conformalKnnDetector(times(700), v, { ...o, rangeTolerance: -1 })).toThrow(/rangeTolerance/);
  });

  it('flagOnScore: with tieBreak, an alarm near 1 flags only samples well above every calibration score', () => {
    const v = series(600, 13);
    v[300] = v[300]! + 1.2;
    v[450] = v[450]! + 8;
    const o = { ...O, quiet: 0, tieBreak: true, alarm: 0.999 };
    const byRank = flagged(conformalKnnDetector(times(600), v, o).flags);
    const byScore = conformalKnnDetector(times(600), v, { ...o, flagOnScore: true });
    expect(flagged(byScore.flags)).toContain(450);
    // Every flag by score is one by rank (score ≥ alarm implies rank ≥ alarm here), not conversely.
    for (const i of flagged(byScore.flags)) expect(byRank).toContain(i);
    for (const i of flagged(byScore.flags)) expect(byScore.scores[i]).toBeGreaterThanOrEqual(0.999);
    expect(flagged(byScore.flags).length).toBeLessThan(byRank.length);
  });
});
