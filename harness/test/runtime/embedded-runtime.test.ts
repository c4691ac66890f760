import { describe, expect, it } from 'vitest';
import { startRuntime } from '../../src/runtime/start-runtime.js';
import { expectedSmallAlerts, MIN, SAMPLES, SCRAPE_MS, SMALL_RULES, smallScenario } from './scenario-fixture.js';

const START = Date.UTC(2026, 0, 1);
const END = START + (SAMPLES - 1) * SCRAPE_MS - 15_000;

describe('embedded runtime (in-process @alertcraft/promql)', () => {
  it('gives the timeline derived by hand', async () => {
    await using rt = await startRuntime('embedded');
    expect(rt.kind).toBe('embedded');
    expect(rt.versions.engine).toMatch(/^@alertcraft\/promql/);
    const res = await rt.backtest({
      series: smallScenario(START),
      rules: SMALL_RULES,
      start: START,
      end: END,
      includeSamples: true,
    });
    expect(res.alerts).toEqual(expectedSmallAlerts(START));
    expect(res.warnings).toEqual([]);
    const ratio = res.samples!.find((s) => s.name === 'job:http_error_ratio:rate1m')!;
    const at = (t: number): number => ratio.series[0]!.values[ratio.series[0]!.timestamps.indexOf(t)]!;
    expect(at(START + 30.5 * MIN)).toBeCloseTo(31 / 431, 12);
    // Raw alert expression values: `up == 0` returns the 0 samples of minutes [60, 75) at 30 s steps.
    const down = res.samples!.find((s) => s.name === 'InstanceDown')!;
    expect(down.series).toHaveLength(1);
    expect(down.series[0]!.timestamps.length).toBe(30);
  });

  it('rejects a series without a metric name, naming it', async () => {
    await using rt = await startRuntime('embedded');
    const series = [{ labels: { job: 'x' }, timestamps: new Float64Array([START]), values: new Float64Array([1]) }];
    await expect(rt.backtest({ series, rules: [], start: START, end: START })).rejects.toThrow(
      'series[0]: series has no __name__ label',
    );
  });

  it('warns about a rule reading a recording rule defined after it in its group', async () => {
    await using rt = await startRuntime('embedded');
    const res = await rt.backtest({
      series: smallScenario(START),
      rules: [
        {
          name: 'g',
          rules: [
            { alert: 'A', expr: 'later:up > 0' },
            { record: 'later:up', expr: 'up' },
          ],
        },
      ],
      start: START,
      end: START + 10 * MIN,
    });
    expect(res.warnings.map((w) => [w.code, w.path])).toContainEqual([
      'runtime/backward-reference',
      'groups[0].rules[0]',
    ]);
    // The range-query evaluation cannot give A the previous evaluation's value: it falls back to per-step for the group.
    expect(res.warnings.filter((w) => w.code === 'runtime/per-step-fallback')).toHaveLength(1);
  });
});
