import { describe, expect, it } from 'vitest';
import { prometheusGroupOffsetNs, xxhash64 } from './xxhash64.js';

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

  it('gives the group offsets a Prometheus server used (observed sample timestamps, ms)', () => {
    expect(prometheusGroupOffsetNs('/tmp/promalign/rules.yml', 'align-a', 10_000) / 1_000_000n).toBe(738n);
    expect(prometheusGroupOffsetNs('/tmp/promalign/rules.yml', 'another group', 7_000) / 1_000_000n).toBe(4060n);
  });
});
