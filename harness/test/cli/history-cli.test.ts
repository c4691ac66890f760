/**
 * `alertcraft backtest` and `calibrate` against a real Prometheus loaded with a scenario (the
 * `local` runtime's pieces: OpenMetrics → promtool blocks → the prometheus binary): the backtest's
 * alert timeline equals the embedded replay of the same series; the pull is chunked over a range
 * of more points per series than one query may return (11,000); a server that answers 503 and
 * then recovers is retried; an unreachable one gives one line and exit 2.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TimelineAlert } from '@alertcraft/promql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needBinary, PROMTOOL_HINT } from '../../../test-support/requirements.js';
import { main } from '../../src/cli/main.js';
import { writeOpenMetricsBlocks } from '../../src/openmetrics/write-openmetrics.js';
import { getPack, renderPhase } from '../../src/pack-registry/registry.js';
import { ruleReads, seriesFor } from '../../src/replay/series-filter.js';
import { freePort } from '../../src/runtime/ports.js';
import { PrometheusProcess, type StartedPrometheusProcess } from '../../src/runtime/prometheus-process.js';
import { createBlocksFromOpenMetrics } from '../../src/runtime/promtool.js';
import { startRuntime } from '../../src/runtime/start-runtime.js';
import { getScenario } from '../../src/scenario/registry.js';
import type { ScenarioSeries } from '../../src/scenario/types.js';
import { apiError, forwardTo, startTestServer } from '../runtime/http-test-server.js';

const prometheus = needBinary('local', ['prometheus'], PROMTOOL_HINT);
const promtool = needBinary('local', ['promtool'], PROMTOOL_HINT);
for (const a of [prometheus, promtool]) if (!a.ok) console.log(`skipping backtest/calibrate CLI tests: ${a.reason}`);

async function cli(args: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { stdout: (l) => out.push(l), stderr: (l) => err.push(l), isTTY: false, cwd });
  return { code, out, err };
}

const asJson = (alerts: readonly TimelineAlert[]) => JSON.parse(JSON.stringify(alerts));

describe('backtest and calibrate without a server', () => {
  it('an unreachable server: one clear line, exit 2', async () => {
    const port = await freePort();
    const r = await cli(
      [
        'backtest',
        '--pack',
        'maestro',
        '--phase',
        'day0',
        '--prometheus',
        `http://alice:hunter2@127.0.0.1:${port}`,
        '--from',
        '2025-09-01T00:00:00Z',
        '--to',
        '2025-09-01T01:00:00Z',
      ],
      tmpdir(),
    );
    expect(r.code).toBe(2);
    const last = r.err.at(-1)!;
    expect(last).toBe(
      `alertcraft backtest: Cannot reach http://127.0.0.1:${port}/api/v1/query: ECONNREFUSED 127.0.0.1:${port} (4 attempts). Is the server running and the URL right?`,
    );
    expect(r.err.join('\n')).not.toContain('hunter2');
  });

  it('flags are validated before any request', async () => {
    const base = ['backtest', '--pack', 'maestro', '--phase', 'day0'];
    const cases: [string[], RegExp][] = [
      [base, /--prometheus URL is required/],
      [[...base, '--prometheus', 'http://127.0.0.1:9', '--from', 'yesterday', '--to', '1'], /--from 'yesterday'/],
      [[...base, '--prometheus', 'http://127.0.0.1:9', '--from', '10', '--to', '5'], /--to must be after --from/],
      [[...base, '--prometheus', 'ftp://x', '--from', '1', '--to', '2'], /not a valid http\(s\) URL/],
      [[...base, '--prometheus', 'http://127.0.0.1:9', '--from', '1', '--to', '2', '--chunk', '0s'], /--chunk/],
      [['calibrate', '--pack', 'maestro', '--from', '1'], /--from only apply with --prometheus/],
      [['calibrate', '--pack', 'ga-launch'], /declares no calibrated alerts/],
      [
        [
          'calibrate',
          '--pack',
          'maestro',
          '--scenario',
          'maestro-smoke',
          '--prometheus',
          'http://h',
          '--from',
          '1',
          '--to',
          '2',
        ],
        /either --scenario or --prometheus/,
      ],
    ];
    for (const [args, re] of cases) {
      const r = await cli(args, tmpdir());
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err.join('\n'), args.join(' ')).toMatch(re);
    }
  });
});

describe.skipIf(!prometheus.ok || !promtool.ok)(
  'backtest and calibrate against a real Prometheus',
  { timeout: 300_000 },
  () => {
    // maestro-smoke scraped every second: 4 h of history hold 14,401 samples per series.
    const scenario = getScenario('maestro-smoke', { stepMs: 1000 });
    const pack = getPack('maestro');
    const rules = renderPhase(pack, 'day0', {}, { fillFromExamples: true });
    const reads = ruleReads(rules.groups);
    const from = scenario.launchAt;
    const to = from + 4 * 3_600_000;
    let series: ScenarioSeries[];
    let prom: StartedPrometheusProcess;
    let dir: string;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'alertcraft-history-cli-'));
      series = [...seriesFor(scenario.series(), reads, from - reads.lookbehindMs, to)];
      const stats = await writeOpenMetricsBlocks(series, (b) => join(dir, `s-${b}.om`));
      for (const f of stats.files) await createBlocksFromOpenMetrics(promtool.value!, f, join(dir, 'tsdb'));
      prom = await new PrometheusProcess().withDataDir(join(dir, 'tsdb')).withConfig('global: {}\n').start();
    });
    afterAll(async () => {
      await prom?.stop();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    const window = ['--from', new Date(from).toISOString(), '--to', new Date(to).toISOString()];

    it('the backtest timeline equals the embedded replay of the same series; the pull is chunked', async () => {
      const runtime = await startRuntime('embedded');
      let expected: TimelineAlert[];
      try {
        expected = (
          await runtime.backtest({ series, rules: rules.groups, start: from, end: to, evalIntervalMs: 60_000 })
        ).alerts;
      } finally {
        await runtime.stop();
      }
      expect(expected.length).toBeGreaterThan(0);
      const json = join(dir, 'backtest.json');
      const r = await cli(
        [
          'backtest',
          '--pack',
          'maestro',
          '--phase',
          'day0',
          '--prometheus',
          prom.url,
          ...window,
          '--chunk',
          '1h',
          '--json',
          json,
        ],
        dir,
      );
      expect(r.code, r.err.join('\n')).toBe(0);
      const got = JSON.parse(await readFile(json, 'utf8')) as { alerts: TimelineAlert[]; samples: number };
      expect(got.alerts).toEqual(asJson(expected));
      // Chunks of 1 h over 4 h 5 min (the window plus the rules' 5 min lookback): 5 requests per metric.
      expect(r.err.filter((l) => /^pull 1\/\d+ .* chunk \d\/5 /.test(l))).toHaveLength(5);
      const maxPoints = Math.max(...series.map((s) => s.timestamps.filter((t) => t >= from && t <= to).length));
      expect(maxPoints).toBeGreaterThan(11_000);
      let inScenario = 0;
      for (const s of series) inScenario += s.timestamps.length;
      expect(got.samples).toBe(inScenario);
      console.log(
        `backtest: ${got.alerts.length} alerts equal; ${got.samples} samples pulled, ${maxPoints} points/series`,
      );
    });

    it('a server answering 503 twice, then Prometheus, is retried: same timeline', async () => {
      let failures = 2;
      await using proxy = await startTestServer(async (req, _i, res) => {
        if (failures-- > 0) return apiError(res, 503, 'unavailable', 'restarting');
        await forwardTo(prom.url, req, res);
      });
      const json = join(dir, 'retried.json');
      const r = await cli(
        ['backtest', '--pack', 'maestro', '--phase', 'day0', '--prometheus', proxy.url, ...window, '--json', json],
        dir,
      );
      expect(r.code, r.err.join('\n')).toBe(0);
      const direct = JSON.parse(await readFile(join(dir, 'backtest.json'), 'utf8'));
      expect(JSON.parse(await readFile(json, 'utf8')).alerts).toEqual(direct.alerts);
      expect(proxy.requests.length).toBeGreaterThan(2);
    });

    it('calibrate over the same history (unlabelled): finite thresholds for both alerts', async () => {
      const r = await cli(['calibrate', '--pack', 'maestro', '--prometheus', prom.url, ...window, '--json'], dir);
      expect(r.code, r.err.join('\n')).toBeLessThan(2);
      const cal = JSON.parse(r.out.join('\n')) as { alerts: { alertname: string; threshold: number; for: string }[] };
      expect(cal.alerts.map((a) => a.alertname)).toEqual(['MaestroErrorRateHigh', 'MaestroLatencyAnomaly']);
      for (const a of cal.alerts) expect(Number.isFinite(a.threshold)).toBe(true);
      console.log(`calibrate: ${cal.alerts.map((a) => `${a.alertname} > ${a.threshold} for ${a.for}`).join('; ')}`);
    });

    it('calibrate over too short a history: one line saying what is needed, exit 2, no threshold', async () => {
      const short = ['--from', new Date(from).toISOString(), '--to', new Date(from + 30 * 60_000).toISOString()];
      const r = await cli(['calibrate', '--pack', 'maestro', '--prometheus', prom.url, ...short, '--json'], dir);
      expect(r.code).toBe(2);
      expect(r.out).toEqual([]);
      expect(r.err.at(-1)).toMatch(
        /^alertcraft calibrate: calibrate MaestroErrorRateHigh: the history has \d+ samples outside incidents, fewer than the 60 needed/,
      );
    });
  },
);
