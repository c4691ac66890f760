import { describe, expect, it } from 'vitest';
import { prometheusGroupOffsetNs } from './group-offset.js';

describe('prometheusGroupOffsetNs', () => {
  it('gives the group offsets a Prometheus server used (observed sample timestamps, ms)', () => {
    expect(prometheusGroupOffsetNs('/tmp/promalign/rules.yml', 'align-a', 10_000) / 1_000_000n).toBe(738n);
    expect(prometheusGroupOffsetNs('/tmp/promalign/rules.yml', 'another group', 7_000) / 1_000_000n).toBe(4060n);
  });
});
