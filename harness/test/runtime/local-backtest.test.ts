import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needBinary, PROMTOOL_HINT } from '../../../test-support/requirements.js';
import { startLocalRuntime, type LocalRuntime } from '../../src/runtime/local.js';
import { liveEntries } from '../../src/runtime/process-registry.js';
import type { BacktestResult } from '../../src/runtime/types.js';
import { MIN, SAMPLES, SCRAPE_MS, SMALL_RULES, smallScenario } from './scenario-fixture.js';

const prometheus = needBinary('local', ['prometheus'], PROMTOOL_HINT);
const promtool = needBinary('local', ['promtool'], PROMTOOL_HINT);
const available = prometheus.ok && promtool.ok;
if (!available) console.log(`skipping local backtest tests: ${prometheus.reason ?? promtool.reason}`);

const START = Date.UTC(2026, 0, 1);
const END = START + (SAMPLES - 1) * SCRAPE_MS - 15_000; // 119m30s, on the 30 s evaluation grid

describe.skipIf(!available)('local runtime backtest (Debian prometheus + promtool)', () => {
  let rt: LocalRuntime;
  let result: BacktestResult;
  let ms = 0;

  beforeAll(async () => {
    rt = await startLocalRuntime();
    const t0 = performance.now();
    result = await rt.backtest({ series: smallScenario(START), rules: SMALL_RULES, start: START, end: END, includeSamples: true });
    ms = performance.now() - t0;
    console.log(`local backtest: ${Math.round(ms)} ms, timings ${JSON.stringify(result.timings)}, versions ${JSON.stringify(rt.versions)}`);
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('reports the binaries it runs', () => {
    expect(rt.versions.prometheus).toMatch(/^\d+\.\d+\.\d+/);
    expect(rt.versions.promtool).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('InstanceDown: pending at the first evaluation seeing up == 0, firing 5m later, resolved when up is back', () => {
    // up = 0 for samples 240..299, i.e. minutes [60, 75). Evaluations every 30 s from START.
    const a = result.alerts.filter((x) => x.alertname === 'InstanceDown');
    expect(a).toEqual([
      {
        alertname: 'InstanceDown',
        labels: { alertname: 'InstanceDown', instance: 'a', job: 'api', severity: 'page' },
        annotations: {},
        state: 'inactive',
        activeAt: START + 60 * MIN,
        firedAt: START + 65 * MIN,
        resolvedAt: START + 75 * MIN,
      },
    ]);
  });

  it('keep_firing_for keeps an alert firing 3m after its condition ends', () => {
    // for = 0: firing in the evaluation that first sees it (minute 60). Condition gone at minute 75;
    // kept while ts − 75m < 3m, so evaluations 75m .. 77m30s keep it, 78m resolves it.
    const a = result.alerts.filter((x) => x.alertname === 'InstanceDownFast');
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ activeAt: START + 60 * MIN, firedAt: START + 60 * MIN, resolvedAt: START + 78 * MIN, state: 'inactive' });
  });

  it('HighErrorRatio reads a chain of two recording rules', () => {
    // rate(x[1m]) at a 30 s-aligned evaluation sees 5 samples (15 s scrape). Error increments are
    // 10 from sample 120 (minute 30). At 30m: increments 1,1,1,10 → 13 errors of 413 = 0.031 (< 0.05).
    // At 30m30s: 1,10,10,10 → 31 of 431 = 0.072 → pending; for 2m → firing at 32m30s.
    // Increments are 1 again from sample 200 (minute 50): at 50m 10,10,10,1 → 0.072 still;
    // at 50m30s 10,1,1,1 → 13/413 → resolved.
    const a = result.alerts.filter((x) => x.alertname === 'HighErrorRatio');
    expect(a).toEqual([
      {
        alertname: 'HighErrorRatio',
        labels: { alertname: 'HighErrorRatio', job: 'api', severity: 'page' },
        annotations: { summary: 'error ratio high on api' },
        state: 'inactive',
        activeAt: START + 30.5 * MIN,
        firedAt: START + 32.5 * MIN,
        resolvedAt: START + 50.5 * MIN,
      },
    ]);
    const ratio = result.samples!.find((s) => s.name === 'job:http_error_ratio:rate1m')!;
    expect(ratio.kind).toBe('record');
    expect(ratio.series).toHaveLength(1);
    expect(ratio.series[0]!.labels).toEqual({ __name__: 'job:http_error_ratio:rate1m', job: 'api' });
    const at = (t: number): number => ratio.series[0]!.values[ratio.series[0]!.timestamps.indexOf(t)]!;
    expect(at(START + 30 * MIN)).toBeCloseTo(13 / 413, 12);
    expect(at(START + 30.5 * MIN)).toBeCloseTo(31 / 431, 12);
    expect(at(START + 10 * MIN)).toBeCloseTo(4 / 404, 12);
  });

  it('returns every alert, no warnings, and leaves no process or temp dir behind', () => {
    expect(result.alerts).toHaveLength(3);
    expect(result.warnings).toEqual([]);
    expect(liveEntries()).toEqual([]);
  });

  it('agrees with promtool test rules on the same series (differential, promtool is the judge)', async () => {
    // Same series from t = 0 (promtool's unit-test clock); promtool checks, at every evaluation,
    // that exactly the alerts our timeline says are firing are firing, with their labels and annotations.
    const r0 = await rt.backtest({ series: smallScenario(0), rules: SMALL_RULES, start: 0, end: END - START });
    const dir = await mkdtemp(join(tmpdir(), 'alertcraft-promtool-diff-'));
    try {
      await writeFile(join(dir, 'rules.yml'), stringify({ groups: SMALL_RULES }));
      const series = smallScenario(0);
      const input_series = series.map((s) => ({
        series: `${s.labels.__name__}{${Object.entries(s.labels).filter(([k]) => k !== '__name__').map(([k, v]) => `${k}="${v}"`).join(',')}}`,
        values: Array.from(s.values).join(' '),
      }));
      const alert_rule_test = [];
      for (let t = 0; t <= END - START; t += 30_000) {
        for (const alertname of ['HighErrorRatio', 'InstanceDown', 'InstanceDownFast']) {
          const firing = r0.alerts.filter((a) => a.alertname === alertname && a.firedAt !== undefined && a.firedAt <= t && (a.resolvedAt === undefined || a.resolvedAt > t));
          alert_rule_test.push({
            eval_time: `${t / 1000}s`,
            alertname,
            exp_alerts: firing.map((a) => ({
              exp_labels: Object.fromEntries(Object.entries(a.labels).filter(([k]) => k !== 'alertname')),
              exp_annotations: a.annotations ?? {},
            })),
          });
        }
      }
      const firingChecks = alert_rule_test.filter((c) => c.exp_alerts.length > 0).length;
      expect(firingChecks).toBeGreaterThan(50);
      await writeFile(
        join(dir, 'test.yml'),
        stringify({ rule_files: ['rules.yml'], evaluation_interval: '30s', tests: [{ interval: '15s', input_series, alert_rule_test }] }),
      );
      const out = await new Promise<{ code: number; text: string }>((resolve) => {
        execFile(promtool.value!, ['test', 'rules', 'test.yml'], { cwd: dir, maxBuffer: 1 << 24 }, (err, stdout, stderr) =>
          resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, text: `${stdout}\n${stderr}` }),
        );
      });
      expect(out.text.slice(0, 3000)).toContain('SUCCESS');
      expect(out.code).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
