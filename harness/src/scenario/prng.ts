/**
 * Seeded pseudo-random numbers for scenarios. Every generator takes an `Rng` as input; the same
 * seed gives the same sequence on every machine (32-bit integer arithmetic only).
 *
 * `fork(key)` derives an independent stream from the parent's seed and a string key, without
 * consuming the parent's stream: series generated lazily, in any order, get the same numbers.
 */
import { mulberry32 } from '@alertcraft/promql/testing';

export interface Rng {
  /** The seed this stream was derived from (for `fork`). */
  readonly seed: number;
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (mean 0, sd 1), Box-Muller. */
  normal(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** Poisson-distributed count with the given mean (normal approximation above 30). */
  poisson(mean: number): number;
  /** An independent stream for `key`, deterministic in (this seed, key). */
  fork(key: string): Rng;
}

/** 32-bit FNV-1a over the UTF-16 code units of `text`, mixed with `seed`. */
export function hashString(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return avalanche(h);
}

function avalanche(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d) >>> 0;
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** Normalises a user seed (number or string) to an unsigned 32-bit integer. */
export function seedOf(seed: number | string): number {
  if (typeof seed === 'string') return hashString(seed);
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  return avalanche(Math.trunc(seed) >>> 0);
}

/** A seeded stream (mulberry32 core). */
export function createRng(seed: number | string): Rng {
  const base = seedOf(seed);
  const next = mulberry32(base);
  let spare: number | undefined;
  const normal = (): number => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    let u = next();
    while (u <= Number.EPSILON) u = next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return {
    seed: base,
    next,
    normal,
    int: (n) => Math.floor(next() * n),
    poisson(mean) {
      if (!(mean > 0)) return 0;
      if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
      const limit = Math.exp(-mean);
      let k = 0;
      let p = next();
      while (p > limit) {
        k++;
        p *= next();
      }
      return k;
    },
    fork: (key) => createRng(hashString(key, base)),
  };
}
