import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '@alertcraft/promql';
import { ast } from '../test/ast.js';
import { RuleDslInputError } from './errors.js';
import { dur, ident, promql, raw, str } from './promql-template.js';
import { metric } from './selectors.js';
import { baseline, context } from './values.js';

describe('promql tagged template', () => {
  const runs = metric('maestro_run_total');

  it('interpolates selectors, durations and numbers into a parseable expression', () => {
    const w = '5m';
    const e = promql`sum(rate(${runs}[${w}])) > ${0.02}`;
    expect(e.text()).toBe('sum(rate(maestro_run_total[5m])) > 0.02');
    expect(ast(e.text())).toEqual(ast('sum(rate(maestro_run_total[5m])) > 0.02'));
  });

  it('quotes and escapes label values after a matcher operator so they read back unchanged', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.oneof(
            fc.constantFrom('"', '\\', '\n', '\t', '{', '}', "'", '`', '=', 'é', '😀', '\u0000', '\u2028'),
            fc.string({ minLength: 1, maxLength: 1 }),
          ),
          maxLength: 30,
        }),
        (v) => {
          const e = promql`up{job=${v}, env!=${v}}`;
          const res = parse(e.text());
          expect(res.diagnostics).toEqual([]);
          const matchers = (res.expr as { matchers: { name: string; value: string }[] }).matchers;
          expect(matchers.filter((m) => m.name !== '__name__').map((m) => m.value)).toEqual([v, v]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rejects injection through a label value (the quote is escaped, not closed)', () => {
    const evil = '"} or vector(1) or up{a="';
    const res = parse(promql`up{job=${evil}}`.text());
    expect(res.expr?.type).toBe('VectorSelector');
  });

  it('validates durations inside brackets and after offset', () => {
    expect(promql`rate(${runs}[${'1h30m'}] offset ${'5m'})`.text()).toBe('rate(maestro_run_total[1h30m] offset 5m)');
    expect(promql`max_over_time(up[${'4h'}:${'5m'}])`.text()).toBe('max_over_time(up[4h:5m])');
    expect(() => promql`rate(${runs}[${'5 minutes'}])`).toThrow(/invalid duration "5 minutes"/);
    expect(() => promql`rate(${runs}[${300}])`).toThrow(/where a duration is expected/);
  });

  it('refuses an ambiguous bare string and offers ident/str/dur/raw', () => {
    expect(() => promql`sum by (${'tenant'}) (x)`).toThrow(RuleDslInputError);
    expect(() => promql`sum by (${'tenant'}) (x)`).toThrow(/ident\(\)/);
    expect(promql`sum by (${ident('tenant')}) (x)`.text()).toBe('sum by (tenant) (x)');
    expect(promql`label_replace(x, "dst", ${str('$1 "q"')}, "src", "(.*)")`.text()).toBe(
      'label_replace(x, "dst", "$1 \\"q\\"", "src", "(.*)")',
    );
    expect(promql`rate(x[${dur('2m')}])`.text()).toBe('rate(x[2m])');
    expect(promql`${raw('vector(1)')} > 0`.text()).toBe('vector(1) > 0');
    expect(() => ident('bad-name')).toThrow(RuleDslInputError);
  });

  it('keeps baseline and context references deferred until resolved', () => {
    const e = promql`sum(rate(${runs}[5m])) > ${baseline('run_rate', 'p50').times(2)} and ${context('capacity.max')} > 0`;
    expect(e.resolved).toBe(false);
    expect(e.refs.map((r) => r.key)).toEqual(['run_rate.p50', 'capacity.max']);
    expect(e.toString()).toBe(
      'sum(rate(maestro_run_total[5m])) > {{ baselines.run_rate.p50 * 2 }} and {{ values.capacity.max }} > 0',
    );
    expect(() => e.text()).toThrow(/baselines\.run_rate\.p50 \* 2/);
    expect(e.text({ baselines: { run_rate: { p50: 12.5 } }, values: { capacity: { max: 1e-7 } } })).toBe(
      'sum(rate(maestro_run_total[5m])) > 25 and 0.0000001 > 0',
    );
  });

  it('nests expressions', () => {
    const inner = promql`sum(rate(${runs}[5m]))`;
    expect(promql`(${inner}) > ${1}`.text()).toBe('(sum(rate(maestro_run_total[5m]))) > 1');
  });
});
