import { describe, it, expect } from 'vitest';
import { lineColumn } from '@alertcraft/promql';
describe('lineColumn', () => {
  it('gives 1-based line and column of an offset', () => {
    expect(lineColumn('a\nbc', 3)).toEqual({ line: 2, column: 2 });
  });
});
