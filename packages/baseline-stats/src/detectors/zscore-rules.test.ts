/**
 * The z-score band's emitted rules page on the same samples the library flags: the rules are
 * evaluated by the embedded engine over the replayed series and the firing evaluations are
 * compared with the library's flags, sample by sample.
 */
import { describe, expect, it } from 'vitest';
import { createStorage, evaluateRules } from '@alertcraft/promql';
import { emitRuleFile } from '@alertcraft/rule-dsl';
import { mulberry32 } from '@alertcraft/promql/testing';
import { zscoreDetector, zscoreRules } from './zscore.js';

const MIN = 60_000;

function series(): { times: Float64Array; values: number[] } {
  const rng = mulberry32(21);
  const n = 6 * 60;
  const values = Array.from({ length: n }, (_, i) => {
    if (i >= 200 && i < 240) return 42; // constant stretch: zero spread, then a step out of it
    return 100 + 10 * (rng() - 0.5) + (rng() < 0.03 ? 60 * rng() : 0);
  });
  return { times: Float64Array.from({ length: n }, (_, i) => i * MIN), values };
}

describe('z-score band: engine flags equal library flags', () => {
  const opts = { windowMs: 30 * MIN, k: 2.5, minSamples: 20 };

  it('on a replayed series with spikes and a constant stretch', () => {
    const { times, values } = series();
    const lib = zscoreDetector(times, values, opts);
    const group = zscoreRules({
      ...opts,
      selector: 'm{job="api"}',
      record: 'm:zscore',
      alert: 'MZScore',
      interval: '1m',
    });
    expect(emitRuleFile({ groups: [group] })).toContain('> 2.5 and m:zscore:count >= 20');
    const storage = createStorage();
    storage.appendSeries({ __name__: 'm', job: 'api' }, times, values);
    const firing = new Set<number>();
    const res = evaluateRules(storage, [group], {
      start: 0,
      end: times[times.length - 1]!,
      onEval: (info) => {
        if (info.kind === 'alerting' && info.samples.some((s) => s.labels.alertstate === 'firing')) firing.add(info.t);
      },
    });
    expect(res.errors).toEqual([]);
    const libTimes = [...lib.flags.keys()].filter((i) => lib.flags[i]).map((i) => times[i]!);
    expect(libTimes.length).toBeGreaterThan(5);
    // The step out of the constant stretch (index 240) is flagged by both.
    expect(libTimes).toContain(240 * MIN);
    expect([...firing].sort((a, b) => a - b)).toEqual(libTimes);
  });

  it('never emits a NaN threshold', () => {
    expect(() => zscoreRules({ ...opts, k: NaN, selector: 'm', record: 'm:z', alert: 'A' })).toThrow(
      /k must be a finite positive number/,
    );
    expect(() => zscoreRules({ ...opts, minSamples: 1, selector: 'm', record: 'm:z', alert: 'A' })).toThrow(
      /minSamples/,
    );
  });
});
