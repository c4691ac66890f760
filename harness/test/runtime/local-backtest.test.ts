import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needBinary, PROMTOOL_HINT } from '../../../test-support/requirements.js';
import { EmbeddedRuntime } from '../../src/runtime/embedded.js';
import { startLocalRuntime, type LocalRuntime } from '../../src/runtime/local.js';
import { liveEntries } from '../../src/runtime/process-registry.js';
import type { BacktestResult } from '../../src/runtime/types.js';
import { expectedSmallAlerts, MIN, SAMPLES, SCRAPE_MS, SMALL_RULES, smallScenario } from './scenario-fixture.js';

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
  const logLines: string[] = [];

  beforeAll(async () => {
    rt = await startLocalRuntime({ log: (l) => logLines.push(l) });
    const t0 = performance.now();
    result = await rt.backtest({
      series: smallScenario(START),
      rules: SMALL_RULES,
      start: START,
      end: END,
      includeSamples: true,
    });
    ms = performance.now() - t0;
    console.log(
      `local backtest: ${Math.round(ms)} ms, timings ${JSON.stringify(result.timings)}, versions ${JSON.stringify(rt.versions)}`,
    );
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('reports the binaries it runs', () => {
    expect(rt.versions.prometheus).toMatch(/^\d+\.\d+\.\d+/);
    expect(rt.versions.promtool).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('gives the timeline derived by hand (see expectedSmallAlerts)', () => {
    expect(result.alerts).toEqual(expectedSmallAlerts(START));
  });

  it('records the chained recording rule with the values derived by hand', () => {
    const ratio = result.samples!.find((s) => s.name === 'job:http_error_ratio:rate1m')!;
    expect(ratio.kind).toBe('record');
    expect(ratio.series).toHaveLength(1);
    expect(ratio.series[0]!.labels).toEqual({ __name__: 'job:http_error_ratio:rate1m', job: 'api' });
    const at = (t: number): number => ratio.series[0]!.values[ratio.series[0]!.timestamps.indexOf(t)]!;
    expect(at(START + 30 * MIN)).toBeCloseTo(13 / 413, 12);
    expect(at(START + 30.5 * MIN)).toBeCloseTo(31 / 431, 12);
    expect(at(START + 10 * MIN)).toBeCloseTo(4 / 404, 12);
  });

  it('returns no warnings, and leaves no process or temp dir behind', () => {
    expect(result.warnings).toEqual([]);
    expect(liveEntries()).toEqual([]);
    const workDirs = new Set(logLines.flatMap((l) => l.match(/\/[^\s]*alertcraft-backtest-[A-Za-z0-9]+/g) ?? []));
    expect(workDirs.size).toBe(1);
    for (const d of workDirs) expect(existsSync(d)).toBe(false);
    // Two recording stages → three Prometheus starts on growing sets of blocks.
    expect(logLines.filter((l) => l.startsWith('prometheus ready')).length).toBe(3);
  });

  it('the embedded runtime gives the same timeline and recorded values (differential)', async () => {
    const embedded = await new EmbeddedRuntime().backtest({
      series: smallScenario(START),
      rules: SMALL_RULES,
      start: START,
      end: END,
      includeSamples: true,
    });
    expect(embedded.alerts).toEqual(result.alerts);
    expect(embedded.samples!.map((s) => [s.kind, s.name, s.series.length])).toEqual(
      result.samples!.map((s) => [s.kind, s.name, s.series.length]),
    );
    for (const local of result.samples!) {
      const mine = embedded.samples!.find((s) => s.name === local.name)!;
      expect(mine.series.map((s) => s.labels)).toEqual(local.series.map((s) => s.labels));
      for (let i = 0; i < local.series.length; i++) {
        expect(Array.from(mine.series[i]!.timestamps)).toEqual(Array.from(local.series[i]!.timestamps));
        const a = mine.series[i]!.values;
        const b = local.series[i]!.values;
        for (let j = 0; j < b.length; j++) expect(a[j]).toBeCloseTo(b[j]!, 12);
      }
    }
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
        series: `${s.labels.__name__}{${Object.entries(s.labels)
          .filter(([k]) => k !== '__name__')
          .map(([k, v]) => `${k}="${v}"`)
          .join(',')}}`,
        values: Array.from(s.values).join(' '),
      }));
      const alert_rule_test = [];
      for (let t = 0; t <= END - START; t += 30_000) {
        for (const alertname of ['HighErrorRatio', 'InstanceDown', 'InstanceDownFast']) {
          const firing = r0.alerts.filter(
            (a) =>
              a.alertname === alertname &&
              a.firedAt !== undefined &&
              a.firedAt <= t &&
              (a.resolvedAt === undefined || a.resolvedAt > t),
          );
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
        stringify({
          rule_files: ['rules.yml'],
          evaluation_interval: '30s',
          tests: [{ interval: '15s', input_series, alert_rule_test }],
        }),
      );
      const out = await new Promise<{ code: number; text: string }>((resolve) => {
        execFile(
          promtool.value!,
          ['test', 'rules', 'test.yml'],
          { cwd: dir, maxBuffer: 1 << 24 },
          (err, stdout, stderr) =>
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
