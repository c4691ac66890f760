import { describe, expect, it } from 'vitest';
import { labelsHash, xxhash64 } from './xxhash64.js';

const enc = new TextEncoder();

describe('xxhash64', () => {
  it.each([
    ['', 'ef46db3751d8e999'],
    ['a', 'd24ec4f1a98c6e5b'],
    ['abc', '44bc2cf5ad770999'],
    ['Nobody inspects the spammish repetition', 'fbcea83c8a378bf1'],
  ])('XXH64(%j) is the reference value', (input, hex) => {
    expect(xxhash64(enc.encode(input)).toString(16)).toBe(hex);
  });

  it('hashes a label set as name 0xff value 0xff, in order (Prometheus labels.Hash)', () => {
    expect(labelsHash({ a: 'b' })).toBe(xxhash64(Uint8Array.from([0x61, 0xff, 0x62, 0xff])));
  });
});
