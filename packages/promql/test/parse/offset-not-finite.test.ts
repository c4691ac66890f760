/** `offset Inf` is not a duration (a fuzz finding: it parsed to an infinite offset that `format` could not print). */
import { describe, expect, it } from 'vitest';
import { format, parse } from '../../src/index.js';

describe('offset with a number too large for a duration', () => {
  it.each(['x offset Inf', 'x[1d:5m] offset Inf', 'quantile_over_time(0.5, x[1d:5m] offset Inf-1h)'])(
    '%s is a parse error, as with promtool',
    (e) => {
      const r = parse(e);
      expect(r.expr).toBeUndefined();
      expect(r.diagnostics[0]!.message).toMatch(/^unexpected number "Inf" in offset, expected duration$/);
    },
  );
  it.each([
    ['x offset -1e20', '1e20'],
    ['quantile_over_time(0.5, x[1d:5m] offset -199999999999999999999*a9999999999h)', '199999999999999999999'],
  ])('%s (finite, past Go time.Duration) is a parse error, and what parses formats', (e, tok) => {
    const r = parse(e);
    expect(r.expr).toBeUndefined();
    expect(r.diagnostics[0]!.message).toBe(`unexpected number ${JSON.stringify(tok)} in offset, expected duration`);
  });
  it('an offset at the edge of the range parses and formats', () => {
    const r = parse('x offset 9223372036');
    expect(r.expr).toMatchObject({ offsetMs: 9_223_372_036_000 });
    expect(format(r.expr!)).toBe('x offset 106751d23h47m16s');
  });
  it.each([
    ['x[9999999999999999]', '1:3'],
    ['x[5m:9999999999999999]', '1:6'],
    ['predict_linear(node_filesystem_free_bytes[9999999999999999\nh], 4 * 3600) < 0', '1:43'],
  ])('range or step %s past Go time.Duration is "duration out of range" at %s (a CI fuzz finding)', (e, at) => {
    const r = parse(e);
    expect(r.expr).toBeUndefined();
    expect(`${r.diagnostics[0]!.line}:${r.diagnostics[0]!.column} ${r.diagnostics[0]!.message}`).toBe(
      `${at} duration out of range`,
    );
  });
  it('a numeric range at the edge parses and formats', () => {
    expect(format(parse('x[9223372036]').expr!)).toBe('x[106751d23h47m16s]');
  });
  it('finite numeric offsets still parse', () => {
    expect(parse('x offset 60').expr).toMatchObject({ offsetMs: 60_000 });
  });
});
