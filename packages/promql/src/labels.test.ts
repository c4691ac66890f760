import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareLabels, formatSeries, labelsEqual, labelsKey, labelsString, normalizeLabels } from './labels.js';

const labelSet = fc.dictionary(fc.stringMatching(/^[a-z_][a-z0-9_]{0,3}$/), fc.string({ minLength: 1, maxLength: 4 }), {
  maxKeys: 5,
});
/** The same entries in reverse insertion order. */
const reversed = (l: Record<string, string>) => Object.fromEntries(Object.entries(l).reverse());

describe('labels', () => {
  it('normalizeLabels sorts names byte-wise, drops empty values and freezes', () => {
    const l = normalizeLabels({ b: '2', a: '1', empty: '', Z: 'z' });
    expect(Object.keys(l)).toEqual(['Z', 'a', 'b']);
    expect(Object.isFrozen(l)).toBe(true);
  });

  it('labelsKey identifies a label set whatever its key order', () => {
    fc.assert(
      fc.property(labelSet, labelSet, (a, b) => {
        expect(labelsKey(reversed(a))).toBe(labelsKey(normalizeLabels(a)));
        const same = JSON.stringify(normalizeLabels(a)) === JSON.stringify(normalizeLabels(b));
        expect(labelsKey(normalizeLabels(a)) === labelsKey(normalizeLabels(b))).toBe(same);
        expect(labelsEqual(reversed(a), a)).toBe(true);
      }),
    );
  });

  it('compareLabels is labels.Compare: name, then value, a prefix first; key order does not matter', () => {
    expect(compareLabels({ a: '1' }, { a: '1', b: '1' })).toBeLessThan(0);
    expect(compareLabels({ a: '1', b: '1' }, { a: '2' })).toBeLessThan(0);
    expect(compareLabels({ a: 'x' }, { a: 'xy' })).toBeLessThan(0);
    expect(compareLabels({ b: '1' }, { a: '1', c: '1' })).toBeGreaterThan(0);
    fc.assert(
      fc.property(labelSet, labelSet, (a, b) => {
        expect(Math.sign(compareLabels(reversed(a), b))).toBe(
          Math.sign(compareLabels(normalizeLabels(a), normalizeLabels(b))),
        );
        expect(Math.sign(compareLabels(a, b)) + Math.sign(compareLabels(b, a))).toBe(0);
      }),
    );
  });

  it('prints like Prometheus, quoting values like Go', () => {
    expect(labelsString({ b: 'x"y', __name__: 'up', a: '\u0001' })).toBe('{__name__="up", a="\\x01", b="x\\"y"}');
    expect(formatSeries({ __name__: 'up', job: 'a' })).toBe('up{job="a"}');
    expect(formatSeries({ job: 'a' })).toBe('{job="a"}');
  });
});
