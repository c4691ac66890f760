/**
 * Live mode on the testcontainers runtime (the pinned images or the ALERTCRAFT_*_IMAGE overrides):
 * the same orchestration as the local runtime, with the servers on the run's network, Prometheus
 * reaching Alertmanager by its alias there and both reaching the exporter and webhook through
 * relays on the network's gateway. Skips with the reason when no container engine answers (fails
 * instead when ALERTCRAFT_REQUIRE includes `docker` or `local`). The ledger's Postgres is the
 * runtime's own container (@testcontainers/postgresql on the postgres image or its override), not
 * DATABASE_URL.
 */
import { describe, expect, it } from 'vitest';
import { required } from '../../../test-support/requirements.js';
import { formatLiveSummary, runLive } from '../../src/live/run-live.js';
import { probeContainerEngine } from '../../src/runtime/container-engine.js';
import { at, liveScenario } from './fixtures/live-scenario.js';

const probe = await probeContainerEngine();
if (!probe.ok) {
  const reason = `no container engine: ${probe.reason}`;
  if (required('docker')) throw new Error(`ALERTCRAFT_REQUIRE=${process.env.ALERTCRAFT_REQUIRE}: ${reason}`);
  console.log(`skipping live-mode testcontainers test: ${reason}`);
}

describe.skipIf(!probe.ok)('live mode, testcontainers runtime', () => {
  it('ledger equals alertmanager_notifications_total and the maintenance silence suppresses and expires', async () => {
    const logs: string[] = [];
    const result = await runLive({
      pack: 'aetherlink',
      scenario: liveScenario(),
      window: { start: at(25), end: at(85) },
      speedup: 60,
      runtime: 'testcontainers',
      log: (line) => logs.push(line),
    });
    expect(logs.some((l) => l.includes("ledger in the runtime's Postgres container"))).toBe(true);
    console.log(formatLiveSummary(result).join('\n'));
    expect(result.notifications.alertmanagerNotifications).toBeGreaterThan(0);
    expect(result.notifications.equal).toBe(true);
    expect(result.silences[0]?.suppressed.map((a) => a.alertname)).toContain('CacheEffectivenessDropVIP');
    expect(result.silences[0]?.notificationsDuringSilence).toBe(0);
    expect(result.silences[0]?.stateAfterEnd).toBe('expired');
  }, 600_000);
});
