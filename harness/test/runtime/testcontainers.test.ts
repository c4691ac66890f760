/**
 * The testcontainers runtime against the pinned stack. Needs a container engine: without one the
 * tests skip with the probe's reason, unless ALERTCRAFT_REQUIRE includes `docker` (then they fail).
 * What it shares with `local` (server args, readiness, clients, the backtest path) is tested
 * against the local binaries in the other files of this folder.
 */
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, required } from '../../../test-support/requirements.js';
import { PINNED_IMAGES, imageVersion, probeContainerEngine } from '../../src/runtime/container-engine.js';
import { ContainerEngineUnavailableError } from '../../src/runtime/errors.js';
import { startRuntime } from '../../src/runtime/start-runtime.js';
import { startTestcontainersRuntime, type TestcontainersRuntime } from '../../src/runtime/testcontainers.js';
import { expectedSmallAlerts, SAMPLES, SCRAPE_MS, SMALL_RULES, smallScenario } from './scenario-fixture.js';

const probe = await probeContainerEngine();
if (!probe.ok) {
  const reason = `no container engine: ${probe.reason}`;
  if (required('docker')) throw new Error(`ALERTCRAFT_REQUIRE=${process.env.ALERTCRAFT_REQUIRE}: ${reason}`);
  console.log(`skipping testcontainers runtime tests: ${reason}`);
}

const NO_ENGINE =
  /No container engine answers \(.+\)\. Start Docker\/Podman, or set DOCKER_HOST, or use the 'local' or 'embedded' runtime\./;

describe('testcontainers runtime without an engine', () => {
  it('startRuntime fails with a clear error naming the alternatives', async () => {
    // With an engine here, ask a child process pointed at a socket nobody serves (the probe's
    // client is cached per process).
    if (probe.ok) {
      const code = [
        "const { startRuntime } = await import('./harness/src/runtime/start-runtime.ts');",
        "await startRuntime('testcontainers').then(() => console.log('started'), (e) => console.log(JSON.stringify({ code: e.code, message: e.message })));",
      ].join('\n');
      const r = spawnSync(
        process.execPath,
        ['--conditions=@alertcraft/source', '--import', 'tsx', '--input-type=module', '-e', code],
        {
          cwd: repoRoot,
          encoding: 'utf8',
          env: { ...process.env, DOCKER_HOST: `unix://${join(tmpdir(), 'alertcraft-no-engine.sock')}` },
        },
      );
      const err = JSON.parse(r.stdout.trim().split('\n').pop()!) as { code: string; message: string };
      expect(err.code).toBe('runtime/no-container-engine');
      expect(err.message).toMatch(NO_ENGINE);
      return;
    }
    const err = await startRuntime('testcontainers').then(
      () => undefined,
      (e: unknown) => e as ContainerEngineUnavailableError,
    );
    expect(err).toBeInstanceOf(ContainerEngineUnavailableError);
    expect(err!.code).toBe('runtime/no-container-engine');
    expect(err!.message).toMatch(NO_ENGINE);
  }, 60_000);

  it('pins the seeds’ stack', () => {
    expect(PINNED_IMAGES).toEqual({
      prometheus: 'prom/prometheus:v2.54.1',
      alertmanager: 'prom/alertmanager:v0.27.0',
      grafana: 'grafana/grafana:11.2.0',
      postgres: 'postgres:16',
    });
    expect(imageVersion(PINNED_IMAGES.prometheus)).toBe('2.54.1');
    expect(imageVersion('localhost:5000/prom/prometheus')).toBeUndefined();
  });
});

describe.skipIf(!probe.ok)('testcontainers runtime (pinned images, or the ALERTCRAFT_*_IMAGE overrides)', () => {
  const START = Date.UTC(2026, 0, 1);
  const END = START + (SAMPLES - 1) * SCRAPE_MS - 15_000;
  let rt: TestcontainersRuntime;
  beforeAll(async () => {
    rt = await startTestcontainersRuntime();
  }, 300_000);
  afterAll(async () => {
    await rt?.stop();
  });

  it('backtest on the Prometheus image gives the timeline derived by hand', async () => {
    const res = await rt.backtest({ series: smallScenario(START), rules: SMALL_RULES, start: START, end: END });
    expect(res.alerts).toEqual(expectedSmallAlerts(START));
    expect(res.warnings).toEqual([]);
  }, 600_000);

  it('Alertmanager container: silences round trip', async () => {
    const am = await rt.startAlertmanager('route:\n  receiver: "null"\nreceivers:\n  - name: "null"\n');
    const now = Date.now();
    const id = await am.client.postSilence({
      matchers: [{ name: 'service', value: 'api', isRegex: false, isEqual: true }],
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now + 60_000).toISOString(),
      createdBy: 'alertcraft-test',
      comment: 'test',
    });
    expect((await am.client.getSilence(id)).status.state).toBe('active');
    // The image's tag names its version (the pin 0.27.0, or the locally built image's).
    expect((await am.client.status()).versionInfo.version).toBe(rt.versions.alertmanager);
    await am.stop();
  }, 300_000);

  it('Postgres container via @testcontainers/postgresql: the ledger can connect, published on 127.0.0.1', async () => {
    const pgc = await rt.startPostgres();
    expect(new URL(pgc.url).hostname).toBe('127.0.0.1');
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: pgc.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ server_version: string }>('show server_version');
      expect(rows[0]!.server_version.split('.')[0]).toBe(rt.versions.postgres!.split('.')[0]);
    } finally {
      await client.end();
    }
    await pgc.stop();
  }, 300_000);
});
