/**
 * Acceptance checks of the launch-week replay:
 * - the maestro pack's KPIs on the embedded engine (seed 000's targets: day0 catches every incident
 *   of its kinds; day8 keeps false positives under 5 % while detecting at least 90 %);
 * - the same replay on the real Prometheus (local backtest path: OpenMetrics → promtool TSDB
 *   blocks → query_range) gives the identical alert timeline for every pack and phase, and the
 *   same comparison of each pack variant with its phase.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { replay, type ReplayOutcome } from '../../src/replay/replay.js';
import { needBinary, PROMTOOL_HINT } from '../../../test-support/requirements.js';

const prometheus = needBinary('local', ['prometheus'], PROMTOOL_HINT);
const promtool = needBinary('local', ['promtool'], PROMTOOL_HINT);

let embedded: ReplayOutcome;
let embeddedSeconds = 0;
beforeAll(async () => {
  const t0 = performance.now();
  embedded = await replay({ runtime: 'embedded' });
  embeddedSeconds = (performance.now() - t0) / 1000;
}, 10 * 60_000);

const run = (pack: string, phase: string) => {
  const r = embedded.document.runs.find((x) => x.pack === pack && x.phase === phase);
  if (!r) throw new Error(`no run ${pack}/${phase}`);
  return r;
};

describe('launch-week replay on the embedded engine', () => {
  it('meets every pack expectation', () => {
    const missed = embedded.expectations.filter((e) => !e.met);
    expect(missed, JSON.stringify(missed)).toEqual([]);
    expect(embedded.expectations.length).toBeGreaterThanOrEqual(15);
  });

  it('maestro day0 detects every injected incident of its kinds; day8 keeps false positives under 5 % and detects at least 90 %', () => {
    const day0 = run('maestro', 'day0').kpis;
    const day8 = run('maestro', 'day8').kpis;
    console.log(
      `maestro day0: detection ${day0.detectionRate}, ${day0.incidentsDetected}/${day0.incidentsRequired}; day8: detection ${day8.detectionRate}, false positives ${day8.falsePositiveRate} (${day8.falsePositives}/${day8.firingAlerts}); replay ${embeddedSeconds.toFixed(1)} s`,
    );
    expect(day0.incidentsRequired).toBeGreaterThanOrEqual(3);
    expect(day0.detectionRate).toBe(1);
    expect(day8.incidentsRequired).toBeGreaterThanOrEqual(3);
    expect(day8.detectionRate).toBeGreaterThanOrEqual(0.9);
    expect(day8.falsePositiveRate ?? 0).toBeLessThan(0.05);
  });
});

describe.skipIf(!prometheus.ok || !promtool.ok)('launch-week replay: embedded vs local Prometheus', () => {
  it('gives identical alert timelines for every pack and phase', { timeout: 30 * 60_000 }, async () => {
    const t0 = performance.now();
    const local = await replay({ runtime: 'local' });
    const localSeconds = (performance.now() - t0) / 1000;
    const key = (r: { pack: string; phase: string }) => `${r.pack}/${r.phase}`;
    expect(local.document.runs.map(key)).toEqual(embedded.document.runs.map(key));
    let alerts = 0;
    for (const [i, r] of embedded.document.runs.entries()) {
      expect(local.document.runs[i]!.alerts, key(r)).toEqual(r.alerts);
      alerts += r.alerts.length;
    }
    // A comparison of empty timelines would prove nothing.
    expect(alerts).toBeGreaterThan(50);
    // The variants (maestro day 8's seed rule, ga-launch's thresholds) replayed on both: same KPIs and detections.
    expect(embedded.document.variants?.length).toBe(2);
    expect(local.document.variants).toEqual(embedded.document.variants);
    console.log(
      `launch-week: ${embedded.document.runs.length} runs, ${alerts} alerts identical; embedded ${embeddedSeconds.toFixed(1)} s, local ${localSeconds.toFixed(1)} s`,
    );
  });
});
