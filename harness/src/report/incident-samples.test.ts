import { describe, expect, it } from 'vitest';
import { splitThreshold } from './incident-samples.js';

describe('splitThreshold', () => {
  it('splits `lhs <cmp> number`, and `number <cmp> rhs` with the comparison flipped', () => {
    expect(splitThreshold('sum(rate(errors[5m])) / sum(rate(total[5m])) > 0.05')).toEqual({
      query: 'sum(rate(errors[5m])) / sum(rate(total[5m]))',
      threshold: 0.05,
      op: '>',
    });
    expect(splitThreshold('(up == 1) <= 3')).toMatchObject({ threshold: 3, op: '<=' });
    expect(splitThreshold('10 < rate(x[1m])')).toEqual({ query: 'rate(x[1m])', threshold: 10, op: '>' });
  });

  it('leaves other shapes alone: bool, two vectors, set operators, a bare selector', () => {
    expect(splitThreshold('rate(x[1m]) > bool 1')).toBeUndefined();
    expect(splitThreshold('a > b')).toBeUndefined();
    expect(splitThreshold('a > 1 and b > 2')).toBeUndefined();
    expect(splitThreshold('up')).toBeUndefined();
  });
});
