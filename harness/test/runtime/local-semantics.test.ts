/**
 * Where the local backtest path (backfilled blocks + query_range on Debian's Prometheus 2.42)
 * differs from a live Prometheus / the embedded engine, pinned so the difference stays known.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needBinary, PROMTOOL_HINT } from '../../../test-support/requirements.js';
import { EmbeddedRuntime } from '../../src/runtime/embedded.js';
import { startLocalRuntime, type LocalRuntime } from '../../src/runtime/local.js';
import { MIN, SAMPLES, SCRAPE_MS, smallScenario } from './scenario-fixture.js';

const prometheus = needBinary('local', ['prometheus'], PROMTOOL_HINT);
const promtool = needBinary('local', ['promtool'], PROMTOOL_HINT);
const available = prometheus.ok && promtool.ok;
if (!available) console.log(`skipping local semantics tests: ${prometheus.reason ?? promtool.reason}`);

const START = Date.UTC(2026, 0, 1);

describe.skipIf(!available)('local backtest vs live semantics', () => {
  let rt: LocalRuntime;
  beforeAll(async () => {
    rt = await startLocalRuntime();
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('a recorded series that disappears stays visible for the lookback delta (no staleness markers in backfilled blocks)', async () => {
    // `flag` = 1 for samples 0..39 (last at 9m45s), then the series ends. No staleness marker in
    // the input, so with the 5m lookback (inclusive in Prometheus 2.x) r:flag is recorded at every
    // 30 s evaluation up to 14m30s in both runtimes.
    // Live (and embedded): r:flag gets a staleness marker at 15m → FlagOn resolves at 15m.
    // Backfilled: no marker can be written → the 14m30s sample is visible until 19m30s → resolves at 20m.
    const ts = Float64Array.from({ length: 40 }, (_, i) => START + i * SCRAPE_MS);
    const series = [{ labels: { __name__: 'flag' }, timestamps: ts, values: new Float64Array(40).fill(1) }];
    const rules = [
      {
        name: 'g',
        interval: '30s',
        rules: [
          { record: 'r:flag', expr: 'flag' },
          { alert: 'FlagOn', expr: 'r:flag > 0' },
        ],
      },
    ];
    const input = { series, rules, start: START, end: START + 30 * MIN };
    const local = await rt.backtest(input);
    const embedded = await new EmbeddedRuntime().backtest(input);
    expect(embedded.alerts.map((a) => [a.activeAt - START, a.firedAt! - START, a.resolvedAt! - START])).toEqual([
      [0, 0, 15 * MIN],
    ]);
    expect(local.alerts.map((a) => [a.activeAt - START, a.firedAt! - START, a.resolvedAt! - START])).toEqual([
      [0, 0, 20 * MIN],
    ]);
    expect(local.warnings.map((w) => [w.code, w.path])).toEqual([['runtime/recorded-staleness', 'groups[0].rules[0]']]);
    expect(embedded.warnings).toEqual([]);
  });

  it('an expression Prometheus 2.42 does not know is a rule failure (warning), not a crashed run', async () => {
    // sort_by_label arrived after 2.42 (experimental in 2.54); 2.42 answers 400 bad_data.
    const res = await rt.backtest({
      series: smallScenario(START),
      rules: [
        {
          name: 'g',
          interval: '30s',
          rules: [
            { alert: 'Sorted', expr: 'sort_by_label(up == 0, "instance")' },
            { alert: 'Down', expr: 'up == 0' },
          ],
        },
      ],
      start: START,
      end: START + (SAMPLES - 1) * SCRAPE_MS,
    });
    expect(res.warnings.map((w) => [w.code, w.path])).toEqual([['runtime/query-rejected', 'groups[0].rules[0]']]);
    expect(res.warnings[0]!.message).toMatch(/2\.42.*sort_by_label/);
    expect(res.alerts.map((a) => [a.alertname, a.activeAt - START])).toEqual([['Down', 60 * MIN]]);
  });

  it('group query_offset (a 2.54 rule-file field) works on 2.42: the backtest applies it itself', async () => {
    // query_offset 1m: the evaluation at t queries t − 1m, so InstanceDown (up == 0 from 60m)
    // becomes pending at the evaluation at 61m.
    const res = await rt.backtest({
      series: smallScenario(START),
      rules: [{ name: 'g', interval: '30s', query_offset: '1m', rules: [{ alert: 'Down', expr: 'up == 0' }] }],
      start: START,
      end: START + (SAMPLES - 1) * SCRAPE_MS,
    });
    const embedded = await new EmbeddedRuntime().backtest({
      series: smallScenario(START),
      rules: [{ name: 'g', interval: '30s', query_offset: '1m', rules: [{ alert: 'Down', expr: 'up == 0' }] }],
      start: START,
      end: START + (SAMPLES - 1) * SCRAPE_MS,
    });
    expect(res.alerts.map((a) => [a.activeAt - START, a.resolvedAt! - START])).toEqual([[61 * MIN, 76 * MIN]]);
    expect(embedded.alerts).toEqual(res.alerts);
  });

  it('subqueries without a step use the default evaluation interval, on both runtimes', async () => {
    // Prometheus takes the step of `x[5m:]` from global.evaluation_interval; the backtest sets it to
    // evalIntervalMs. With a 30 s step, [5m:] holds the steps t−5m .. t aligned to 30 s: 11 points
    // (Prometheus 2.x ranges include their left end); with 60 s, 6.
    for (const [evalIntervalMs, points] of [
      [30_000, 11],
      [60_000, 6],
    ] as const) {
      const input = {
        series: smallScenario(START),
        rules: [{ name: 'g', rules: [{ record: 'up:points5m', expr: 'count_over_time(up[5m:])' }] }],
        start: START + 30 * MIN,
        end: START + 40 * MIN,
        evalIntervalMs,
        includeSamples: true,
      };
      const local = await rt.backtest(input);
      const embedded = await new EmbeddedRuntime().backtest({ ...input, series: smallScenario(START) });
      const values = (r: typeof local): number[] => Array.from(r.samples![0]!.series[0]!.values);
      expect(new Set(values(local))).toEqual(new Set([points]));
      expect(values(embedded)).toEqual(values(local));
    }
  });
});
