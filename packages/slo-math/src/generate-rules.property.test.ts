import { emitRuleFile, metric, re } from '@alertcraft/rule-dsl';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SloInputError } from './errors.js';
import { generateRules } from './generate-rules.js';
import { defineSlo, type SloInput } from './spec.js';

/** Any objective in (0, 100) and any period of 1 h to 400 d, ratio or latency SLI, with or without the traffic guard. */
const input = fc.record({
  objective: fc.oneof(
    fc.double({ min: 0.001, max: 99.9999, noNaN: true }),
    // above 100 − 100/14.4 ≈ 93.06 every workbook tier is possible
    fc.double({ min: 93.1, max: 99.9999, noNaN: true }),
  ),
  periodH: fc.integer({ min: 1, max: 400 * 24 }),
  latency: fc.boolean(),
  le: fc.double({ min: 0.001, max: 100, noNaN: true }),
  minEvents: fc.option(fc.double({ min: 0, max: 1e9, noNaN: true }), { nil: undefined }),
});

describe('emitted rules', () => {
  it('never hold a NaN or Inf threshold: an SLO either yields finite rules or a located SloInputError', () => {
    let emitted = 0;
    fc.assert(
      fc.property(input, ({ objective, periodH, latency, le, minEvents }) => {
        const slo: SloInput = {
          name: 'api',
          objective,
          period: `${periodH}h`,
          sli: latency
            ? {
                type: 'latency',
                buckets: metric('http_request_duration_seconds_bucket', { job: 'api' }),
                thresholdLe: le,
              }
            : {
                type: 'ratio',
                errors: metric('http_requests_total', { code: re('5..') }),
                total: metric('http_requests_total'),
              },
          alerting: { minEvents },
        };
        let text: string;
        try {
          text = emitRuleFile(generateRules([defineSlo(slo)]));
        } catch (e) {
          // Low objectives make tiers impossible (factor × budget ≥ 100 %): refused with the tier's field.
          expect(e).toBeInstanceOf(SloInputError);
          expect((e as SloInputError).field).toMatch(/^slo\.alerting\.tiers\./);
          return;
        }
        emitted++;
        expect(text).not.toMatch(/NaN|Inf/i);
      }),
      { numRuns: 200 },
    );
    expect(emitted).toBeGreaterThan(50);
  });
});
