/**
 * RE2's limits and cost: Go accepts `(b…400×){1000}` (one repeat level, 400,000 instructions), so
 * we accept it too, and parsing it only validates the syntax (the program is compiled on the first
 * match); repeat counts over 1000, nested repeats whose product exceeds 1000 and programs over
 * RE2's size cap are located syntax errors as in promtool.
 */
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/index.js';
import { clearRe2Cache, compileRe2Matcher, re2SyntaxError } from '../../src/re2.js';

const BIG = `(${'b'.repeat(400)}){1000}`;

function bestOf(n: number, f: () => void): number {
  let best = Infinity;
  for (let i = 0; i < n; i++) {
    clearRe2Cache();
    const t0 = performance.now();
    f();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

describe('RE2 limits', () => {
  it('parses the 416-byte repeated regex in under 50 ms', () => {
    const expr = `x{a=~"${BIG}"}`;
    expect(BIG.length).toBe(408);
    expect(expr.length).toBe(416);
    const ms = bestOf(3, () => expect(parse(expr).expr).toBeDefined());
    console.log(`[re2] parse of the 416-byte selector: ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(50);
  });

  it('rejects what Go rejects, with the position of the matcher', () => {
    const r = parse('sum(x{a=~"(bbb){1001}"})');
    expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '1:7 error parsing regexp: invalid repeat count: `{1001}`',
    ]);
    expect(re2SyntaxError('((b){100}){100}')?.message).toBe('error parsing regexp: invalid repeat count: `{100}`');
    expect(re2SyntaxError('(?=a)')?.code).toBe('promql/bad-regex');
    expect(re2SyntaxError('((((a{1000}){1000}){1000}){1000})')).toBeDefined();
  });

  it('keeps repeated group names as Go does (leftmost wins)', () => {
    const re = compileRe2Matcher('(?P<n>a)|(?P<n>b)');
    expect([re.matches('a'), re.matches('b'), re.matches('c')]).toEqual([true, true, false]);
    expect(re.program().namedGroups().n).toBe(1);
  });

  it('anchors fully and keeps `.` off newlines', () => {
    const re = compileRe2Matcher('a|b');
    expect([re.matches('a'), re.matches('ab'), re.matches('xa')]).toEqual([true, false, false]);
    expect(compileRe2Matcher('a.b').matches('a\nb')).toBe(false);
    expect(compileRe2Matcher('a.b', { dotAll: true }).matches('a\nb')).toBe(true);
    expect(() => compileRe2Matcher('a(')).toThrow('missing closing )');
  });
});
