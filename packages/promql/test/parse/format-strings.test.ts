/** `format` is linear in string length and every string `parse` accepts formats to one that parses back. */
import { describe, expect, it } from 'vitest';
import type { Expr } from '../../src/ast.js';
import { format, parse } from '../../src/index.js';
import { stripRanges } from './strip-ranges.js';

const roundTrip = (src: string) => {
  const a = parse(src);
  expect(a.diagnostics, src).toEqual([]);
  const text = format(a.expr!);
  const b = parse(text);
  expect(b.diagnostics, text).toEqual([]);
  expect(stripRanges(b.expr)).toEqual(stripRanges(a.expr));
  expect(format(b.expr!)).toBe(text);
  return text;
};

describe('format of string literals', () => {
  it('formats and reparses a 1 MB literal with escapes in well under a second per MB', () => {
    const src = `"${'a'.repeat(500_000)}${'é\\n\\x41'.repeat(100_000)}"`;
    const a = parse(src).expr!;
    const t0 = performance.now();
    const text = format(a);
    const ms = performance.now() - t0;
    console.log(`[format] 1 MB literal: ${ms.toFixed(0)} ms`);
    expect(text.length).toBe(500_000 + 100_000 * 4 + 2); // \x41 prints as A
    expect(ms).toBeLessThan(2000);
    expect(stripRanges(parse(text).expr)).toEqual(stripRanges(a));
  });

  it('turns lone surrogates into U+FFFD so the value has a form that parses back', () => {
    expect(roundTrip('"a\ud800b"')).toBe('"a\ufffdb"');
    expect(roundTrip('x{a="\udc00\\n"}')).toBe('x{a="\ufffd\\n"}');
    expect(roundTrip('`\ud800`')).toBe('"\ufffd"');
    expect(roundTrip('"\ud83d\ude00\\x41"')).toBe('"\ud83d\ude00A"');
    const built: Expr = { type: 'StringLiteral', value: 'x\udfff', range: { start: 0, end: 0 } } as Expr;
    expect(format(built)).toBe('"x\\ufffd"');
    expect(parse(format(built)).diagnostics).toEqual([]);
  });

  it('keeps a leading U+FEFF written as an escape (found by the fuzzer)', () => {
    expect(roundTrip('{__name__=~"\\ufeffa.+"}')).toBe('{__name__=~"\\ufeffa.+"}');
    expect(roundTrip('"\\ufeff\\n"')).toBe('"\\ufeff\\n"');
  });

  it('escapes what Go escapes', () => {
    expect(roundTrip('"\\a\\b\\f\\v\\x00\\x7f\\u0085\\u00ad\\ufeff\\"\\\\"')).toBe(
      '"\\a\\b\\f\\v\\x00\\x7f\\u0085\\u00ad\\ufeff\\"\\\\"',
    );
  });
});

describe('format before a subquery', () => {
  it('prints +Inf as Inf so `Inf[1h:]` does not come back as unary plus (found by the fuzzer)', () => {
    expect(roundTrip('Inf[1h:]')).toBe('Inf[1h:]');
    expect(roundTrip('1 * Inf [1h:] - 1')).toBe('1 * Inf[1h:] - 1');
  });
});
