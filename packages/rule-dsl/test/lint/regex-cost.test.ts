/**
 * A 2.2 KB rule file with five `(x…400×){1000}` matchers (issue #16: 16 s and 667 MB before RE2
 * validation stopped compiling programs) lints in under a second.
 */
import { describe, expect, it } from 'vitest';
import { lintFile } from '../../src/index.js';

describe('lint cost of large regexes', () => {
  it('lints the five-matcher rule file in under 1 s', () => {
    const matchers = [...'bcdef'].map((c, i) => `l${i}=~"(${c.repeat(400)}){1000}"`).join(', ');
    const text = `groups:\n  - name: five\n    rules:\n      - alert: Five\n        expr: x{${matchers}} > 0\n        for: 5m\n`;
    expect(text.length).toBeGreaterThan(2100);
    const t0 = performance.now();
    const diags = lintFile(text, 'five.yml');
    const ms = performance.now() - t0;
    console.log(`[re2] lint of the five-matcher rule file: ${ms.toFixed(0)} ms`);
    expect(diags.filter((d) => d.severity === 'error')).toEqual([]);
    expect(ms).toBeLessThan(1000);
  });
});
