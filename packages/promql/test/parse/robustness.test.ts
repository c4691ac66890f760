import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAndCheck } from '../../src/check/parse-and-check.js';
import { parse } from '../../src/parser/parser.js';

const PROMQL_ALPHABET = [...'abcxyz_:{}()[],"\'`=!~<>+-*/%^@#.0123456789 \n\tesmhdwy\\'];

describe('parse never throws on bad input', () => {
  it('returns diagnostics as data for arbitrary strings', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 60 }),
          fc.array(fc.constantFrom(...PROMQL_ALPHABET), { maxLength: 40 }).map((a) => a.join('')),
        ),
        (s) => {
          const r = parse(s);
          expect(r.expr === undefined).toBe(r.diagnostics.length > 0);
          for (const d of r.diagnostics) {
            expect(d.range.start).toBeGreaterThanOrEqual(0);
            expect(d.range.end).toBeLessThanOrEqual(s.length);
            expect(d.line).toBeGreaterThanOrEqual(1);
            expect(d.message.length).toBeGreaterThan(0);
          }
          parseAndCheck(s);
        },
      ),
      { numRuns: 1500, seed: 3 },
    );
  });

  it('handles keyword soup and deep nesting', () => {
    for (const s of [
      'sum by',
      'offset offset',
      'and and and',
      'by by (by)',
      '@',
      '[5m]',
      'x[',
      'x[5m',
      'x[5m:',
      '((((((((((x))))))))))',
      `${'-'.repeat(200)}1`,
    ]) {
      expect(() => parseAndCheck(s), s).not.toThrow();
    }
    expect(parseAndCheck(`${'('.repeat(500)}x${')'.repeat(500)}`).ok).toBe(true);
    const deep = parse(`${'('.repeat(50_000)}x${')'.repeat(50_000)}`);
    expect(deep.diagnostics.map((d) => d.message)).toEqual(['expression nested too deeply (more than 1000 levels)']);
    expect(parse(`${'-'.repeat(50_000)}1`).diagnostics[0]?.message).toContain('nested too deeply');
    expect(parse(Array(50_000).fill('x').join(' + ')).diagnostics[0]?.message).toContain('nested too deeply');
    expect(parseAndCheck(Array(900).fill('x').join(' / ')).ok).toBe(true);
    expect(parse(`x${'[5m:]'.repeat(50_000)}`).diagnostics[0]?.message).toContain('nested too deeply');
  });
});
