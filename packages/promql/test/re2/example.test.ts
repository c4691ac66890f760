/** The RE2 example embedded in docs/packages/promql.md works as its comments say. */
import { describe, expect, it } from 'vitest';
import { matchesLabel } from '../../examples/re2-matcher.js';

describe('re2-matcher example', () => {
  it('anchors, and reports what RE2 rejects', () => {
    expect(matchesLabel('5..', '503')).toBe(true);
    expect(matchesLabel('5..', '5030')).toBe(false);
    expect(matchesLabel('(?=5)5..', '503')).toBe('error parsing regexp: invalid or unsupported Perl syntax: `(?=`');
  });
});
