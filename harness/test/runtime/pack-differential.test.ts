/**
 * Differential: a seed pack over a built-in scenario gives the same alert timeline on the local
 * runtime (Debian Prometheus, backfilled blocks, query_range) as on the embedded engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needBinary, PROMTOOL_HINT } from '../../../test-support/requirements.js';
import { getPack, renderPhase } from '../../src/pack-registry/registry.js';
import { EmbeddedRuntime } from '../../src/runtime/embedded.js';
import { startLocalRuntime, type LocalRuntime } from '../../src/runtime/local.js';
import { getScenario } from '../../src/scenario/registry.js';

const prometheus = needBinary('local', ['prometheus'], PROMTOOL_HINT);
const promtool = needBinary('local', ['promtool'], PROMTOOL_HINT);
const available = prometheus.ok && promtool.ok;
if (!available) console.log(`skipping pack differential: ${prometheus.reason ?? promtool.reason}`);

const CASES = [
  { scenario: 'ga-launch-30m', pack: 'ga-launch', phase: 'ga' },
  { scenario: 'maestro-smoke', pack: 'maestro', phase: 'day8' },
] as const;

describe.skipIf(!available)('seed packs: local runtime vs embedded engine', () => {
  let rt: LocalRuntime;
  beforeAll(async () => {
    rt = await startLocalRuntime();
  });
  afterAll(async () => {
    await rt?.stop();
  });

  for (const c of CASES) {
    it(`${c.pack}/${c.phase} over ${c.scenario}`, async () => {
      const sc = getScenario(c.scenario);
      const rules = renderPhase(getPack(c.pack), c.phase, {}, { fillFromExamples: true }).groups;
      const input = { rules, start: sc.start, end: sc.end - 1 };
      const t0 = performance.now();
      const local = await rt.backtest({ ...input, series: sc.series() });
      const t1 = performance.now();
      const embedded = await new EmbeddedRuntime().backtest({ ...input, series: sc.series() });
      const t2 = performance.now();
      console.log(
        `${c.pack}/${c.phase} over ${c.scenario}: ${local.alerts.length} alerts; local ${Math.round(t1 - t0)} ms, embedded ${Math.round(t2 - t1)} ms`,
      );
      expect(local.alerts.length).toBeGreaterThan(0);
      expect(local.alerts).toEqual(embedded.alerts);
    }, 180_000);
  }
});
