/**
 * For a pack with many alerts, a short window of its launch week (the first incident the pack
 * must catch, from 2 h before it, 6 h long) on the three runtimes: embedded engine, local
 * Prometheus binaries and the testcontainers runtime's Prometheus image (under CI the image built
 * from the same Debian package: scripts/docker/build-images.sh). And the whole launch-week replay
 * of one pack (ga-launch: one phase over the scenario's 14 days, its generated SLO rules with
 * windows up to 3 days) on the embedded engine and the testcontainers runtime; the local runtime's
 * run of the same replay is `embedded-vs-local.test.ts`'s (every pack). Measured on 2 cores in CI:
 * embedded 7 s, local 183 s, testcontainers 225 s, most of it promtool building two-hour blocks,
 * one run per block, as Debian's promtool 2.42 has no --max-block-duration. The alert timelines
 * must be identical and not empty.
 * Needs Prometheus binaries and a container engine: skips with the reason, or fails when
 * ALERTCRAFT_REQUIRE says (`local` includes `docker`).
 */
import { parseDuration } from '@alertcraft/rule-dsl';
import { describe, expect, it } from 'vitest';
import { needBinary, PROMTOOL_HINT, required } from '../../../test-support/requirements.js';
import { getPack, renderPhase } from '../../src/pack-registry/registry.js';
import { ruleReads, seriesFor } from '../../src/replay/series-filter.js';
import { replay } from '../../src/replay/replay.js';
import { phaseWindows } from '../../src/replay/windows.js';
import { probeContainerEngine } from '../../src/runtime/container-engine.js';
import { startRuntime } from '../../src/runtime/start-runtime.js';
import type { BacktestInput } from '../../src/runtime/types.js';
import { getScenario } from '../../src/scenario/registry.js';

const prometheus = needBinary('local', ['prometheus'], PROMTOOL_HINT);
const promtool = needBinary('local', ['promtool'], PROMTOOL_HINT);
const probe = await probeContainerEngine();
if (!probe.ok) {
  const reason = `no container engine: ${probe.reason}`;
  if (required('docker')) throw new Error(`ALERTCRAFT_REQUIRE=${process.env.ALERTCRAFT_REQUIRE}: ${reason}`);
  console.log(`skipping the three-runtime parity test: ${reason}`);
}

const HOUR = 3_600_000;
const PACK = 'aetherlink';

function input(): BacktestInput {
  const scenario = getScenario('launch-week');
  const pack = getPack(PACK);
  const w = phaseWindows(pack, scenario, 'launch')[0]!;
  const incident = scenario.incidents.find(
    (i) => i.expected.some((e) => e.pack === PACK) && i.start >= w.start + 2 * HOUR && i.start < w.end,
  );
  if (!incident) throw new Error(`${PACK}: no incident with expected alerts in phase ${w.phase}`);
  const start = incident.start - 2 * HOUR;
  const end = Math.min(start + 6 * HOUR, w.end - 1);
  const rules = renderPhase(pack, w.phase, {}, { fillFromExamples: true }).groups;
  const series = [...seriesFor(scenario.series(), ruleReads(rules), start, end)];
  const evalIntervalMs = pack.rules.evaluationInterval ? parseDuration(pack.rules.evaluationInterval) : 60_000;
  return { series, rules, start, end, evalIntervalMs };
}

describe.skipIf(!prometheus.ok || !promtool.ok || !probe.ok)(
  `${PACK} launch-week window on embedded, local and testcontainers`,
  () => {
    it('gives identical alert timelines', { timeout: 240_000 }, async () => {
      const data = input();
      const timelines: Record<string, unknown[]> = {};
      for (const kind of ['embedded', 'local', 'testcontainers'] as const) {
        const t0 = performance.now();
        await using rt = await startRuntime(kind);
        const { alerts } = await rt.backtest(data);
        timelines[kind] = alerts;
        console.log(
          `${PACK} window: ${kind} ${alerts.length} alerts in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
        );
      }
      expect(timelines.embedded!.length).toBeGreaterThan(0);
      expect(timelines.local).toEqual(timelines.embedded);
      expect(timelines.testcontainers).toEqual(timelines.embedded);
    });
  },
);

const WEEK_PACK = 'ga-launch';

describe.skipIf(!prometheus.ok || !promtool.ok || !probe.ok)(
  `${WEEK_PACK}: the whole launch-week replay on embedded and testcontainers`,
  () => {
    it('gives identical alert timelines in every phase window', { timeout: 900_000 }, async () => {
      const runs: Record<string, { phase: string; start: number; end: number; alerts: unknown[] }[]> = {};
      for (const kind of ['embedded', 'testcontainers'] as const) {
        const t0 = performance.now();
        // The runs' timelines are compared; the variants (compared in embedded-vs-local) would only add time.
        const out = await replay({ packs: [WEEK_PACK], runtime: kind, variants: false });
        runs[kind] = out.runs.map((r) => ({ ...r.window, alerts: r.alerts }));
        const alerts = out.runs.reduce((n, r) => n + r.alerts.length, 0);
        const days = out.runs.reduce((n, r) => n + (r.window.end - r.window.start), 0) / (24 * HOUR);
        console.log(
          `${WEEK_PACK} launch week (${days.toFixed(1)} days): ${kind} ${alerts} alerts in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
        );
      }
      expect(runs.embedded!.reduce((n, r) => n + r.alerts.length, 0)).toBeGreaterThan(0);
      expect(runs.testcontainers).toEqual(runs.embedded);
    });
  },
);
