/**
 * The scenario exporter serves, at each scrape, the scenario's values at the scenario time the
 * clock reads (counters, gauges, histogram buckets with `le`), plus its own prom-client metrics.
 * The body is checked with promtool's exposition linter (`promtool check metrics`) when present.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { needBinary, PROMTOOL_HINT } from '../../../test-support/requirements.js';
import { liveClock } from '../../src/live/clock.js';
import { startExporter } from '../../src/live/exporter.js';
import { exposition } from '../../src/scenario/exposition.js';
import { getScenario } from '../../src/scenario/registry.js';

const promtool = needBinary('local', ['promtool'], PROMTOOL_HINT);

describe('live exporter', () => {
  const scenario = getScenario('maestro-smoke');
  const series = [...scenario.series()];

  it('serves the scenario at t0 + (now - wallStart) x speedup', async () => {
    let wall = 1_000_000;
    const clock = liveClock({
      scenarioStartMs: scenario.launchAt,
      wallStartMs: 1_000_000,
      speedup: 60,
      now: () => wall,
    });
    const exporter = await startExporter({ series, clock });
    try {
      wall += 90_000; // 90 s of wall time = 90 scenario minutes
      const t = scenario.launchAt + 90 * 60_000;
      const res = await fetch(`${exporter.url}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const body = await res.text();
      const expected = exposition(series, t);
      expect(body.startsWith(expected)).toBe(true);
      expect(expected).toMatch(/^# TYPE maestro_\w+_total counter$/m);
      expect(expected).toMatch(/^# TYPE maestro_\w+ histogram$/m);
      expect(expected).toMatch(/_bucket\{[^}]*le="\+Inf"/);
      expect(body).toContain(`alertcraft_live_exporter_scenario_time_seconds ${t / 1000}`);
      expect(body).toContain('alertcraft_live_exporter_speedup 60');
      expect(exporter.scrapes).toBe(1);
      expect((await fetch(`${exporter.url}/other`)).status).toBe(404);
      if (promtool.ok) {
        const check = spawnSync(promtool.value!, ['check', 'metrics'], { input: body, encoding: 'utf8' });
        // promtool check metrics exits 0, or 3 for lint warnings only (e.g. naming advice); 1 is a parse error.
        expect(check.status === 0 || check.status === 3, check.stdout + check.stderr).toBe(true);
      }
    } finally {
      await exporter.stop();
    }
  });
});
