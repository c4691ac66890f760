import { STALE_NAN_BITS } from '../values.js';

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
const u32 = new Uint32Array(f64.buffer);
const STALE_HI = Number(STALE_NAN_BITS >> 32n);
const STALE_LO = Number(STALE_NAN_BITS & 0xffffffffn);

/** The staleness marker value (a NaN with the bit pattern 0x7ff0000000000002). */
export const STALE_NAN: number = (() => {
  u64[0] = STALE_NAN_BITS;
  return f64[0]!;
})();

/** True when `v` carries the staleness-marker bit pattern (not for any other NaN). */
export function isStaleNaN(v: number): boolean {
  if (v === v) return false;
  f64[0] = v;
  // little-endian: u32[0] is the low word
  return u32[1] === STALE_HI && u32[0] === STALE_LO;
}
