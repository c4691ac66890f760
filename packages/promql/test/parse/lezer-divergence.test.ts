/**
 * Why `parse()` is not a conversion of the @prometheus-io/lezer-promql 0.54.1 tree: that grammar
 * lags the Go parser of Prometheus v2.54.1. The Go grammar takes a number wherever a duration goes
 * and a duration wherever a number goes (`number_duration_literal`), which upstream's own
 * promqltest files use (`resets(http_requests[300])` in functions.test, `count_over_time(metric[10])`
 * in staleness.test) and upstream's parser tests pin (`test[5]` is a 5 s range); the lezer grammar
 * rejects them. This test keeps that evidence current if the pinned lezer version changes.
 */
import type { LRParser } from '@lezer/lr';
import { describe, expect, it } from 'vitest';
import { parseAndCheck } from '../../src/check/parse-and-check.js';

// The package's export map has no types entry under NodeNext resolution (TS7016); its d.ts declares this.
const LEZER_PROMQL = '@prometheus-io/lezer-promql';
const { parser } = (await import(LEZER_PROMQL)) as { parser: LRParser };

function lezerHasError(input: string): boolean {
  let error = false;
  parser.parse(input).iterate({
    enter: (n) => {
      if (n.type.isError) error = true;
    },
  });
  return error;
}

describe('lezer-promql 0.54.1 vs the Go parser of v2.54.1', () => {
  it('lezer rejects numeric durations and durations as numbers that v2.54.1 accepts', () => {
    for (const s of [
      'resets(http_requests[300])',
      'count_over_time(metric[10])',
      'test[5]',
      'foo offset 60',
      'predict_linear(x[1h], 1h)',
      'x @ 1m',
    ]) {
      expect(lezerHasError(s), s).toBe(true);
      expect(parseAndCheck(s).ok, s).toBe(true);
    }
  });

  it('both accept the common grammar', () => {
    for (const s of [
      'sum by (job) (rate(http_requests_total{code=~"5.."}[5m]))',
      'a / on(x) group_left(y) b',
      'foo[5m:1m] @ end() offset -1h',
    ]) {
      expect(lezerHasError(s), s).toBe(false);
      expect(parseAndCheck(s).ok, s).toBe(true);
    }
  });
});
