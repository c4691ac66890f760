/** `offset Inf` is not a duration (a fuzz finding: it parsed to an infinite offset that `format` could not print). */
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/index.js';

describe('offset with a number too large for a duration', () => {
  it.each(['x offset Inf', 'x[1d:5m] offset Inf', 'quantile_over_time(0.5, x[1d:5m] offset Inf-1h)'])(
    '%s is a parse error, as with promtool',
    (e) => {
      const r = parse(e);
      expect(r.expr).toBeUndefined();
      expect(r.diagnostics[0]!.message).toMatch(/^unexpected number "Inf" in offset, expected duration$/);
    },
  );
  it('finite numeric offsets still parse', () => {
    expect(parse('x offset 60').expr).toMatchObject({ offsetMs: 60_000 });
  });
});
