import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ALERTMANAGER_HINT,
  ALERTMANAGER_NAMES,
  needBinary,
  PROMTOOL_HINT,
} from '../../../test-support/requirements.js';
import { AlertmanagerProcess } from '../../src/runtime/alertmanager-process.js';
import { findBinary } from '../../src/runtime/binaries.js';
import { BinaryNotFoundError, ProcessStartError } from '../../src/runtime/errors.js';
import { liveEntries } from '../../src/runtime/process-registry.js';
import { PrometheusProcess } from '../../src/runtime/prometheus-process.js';
import { alive } from './pids.js';

const prometheus = needBinary('local', ['prometheus'], PROMTOOL_HINT);
const alertmanager = needBinary('local', ALERTMANAGER_NAMES, ALERTMANAGER_HINT);
if (!prometheus.ok) console.log(`skipping Prometheus process tests: ${prometheus.reason}`);
if (!alertmanager.ok) console.log(`skipping Alertmanager process tests: ${alertmanager.reason}`);

describe('binary lookup', () => {
  it('names every searched name and the apt-get hint when a binary is missing', () => {
    const err = (() => {
      try {
        findBinary('alertmanager', undefined, '/nonexistent-dir');
      } catch (e) {
        return e;
      }
    })() as BinaryNotFoundError;
    expect(err).toBeInstanceOf(BinaryNotFoundError);
    expect(err.code).toBe('runtime/binary-not-found');
    expect(err.message).toContain("'alertmanager', 'prometheus-alertmanager'");
    expect(err.message).toContain('apt-get install -y prometheus-alertmanager');
  });

  it.skipIf(!alertmanager.ok)('finds Alertmanager under either name', () => {
    const found = findBinary('alertmanager');
    expect(['alertmanager', 'prometheus-alertmanager']).toContain(found.split('/').pop());
    // Restricting PATH to the directory it is in still finds it, whatever its name.
    expect(findBinary('alertmanager', undefined, dirname(found))).toBe(found);
  });
});

describe.skipIf(!prometheus.ok)('PrometheusProcess (real binary)', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanup) await c();
  });

  it('starts on a free port, answers /-/ready, and stop() kills it and removes its temp dir', async () => {
    const prom = await new PrometheusProcess().start();
    cleanup.push(() => prom.stop());
    expect(prom.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await prom.client.ready()).toBe(true);
    expect((await prom.client.buildInfo()).version).toMatch(/^2\./);
    expect(alive(prom.pid)).toBe(true);
    expect(liveEntries().some((e) => e.includes(String(prom.pid)))).toBe(true);
    const tempDir = dirname(prom.dataDir);
    expect(existsSync(tempDir)).toBe(true);
    await prom.stop();
    expect(alive(prom.pid)).toBe(false);
    expect(existsSync(tempDir)).toBe(false);
    expect(liveEntries().some((e) => e.includes(String(prom.pid)))).toBe(false);
  });

  it('await using stops it at the end of the block', async () => {
    let pid = 0;
    {
      await using prom = await new PrometheusProcess().start();
      pid = prom.pid;
      expect(alive(pid)).toBe(true);
    }
    expect(alive(pid)).toBe(false);
  });

  it('says the port is in use when a fixed port is taken', async () => {
    // A listener that accepts and never answers (not an HTTP server).
    const sockets = new Set<Socket>();
    const blocker: Server = createServer((s) => sockets.add(s));
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    cleanup.push(
      () =>
        new Promise<void>((r) => {
          for (const s of sockets) s.destroy();
          blocker.close(() => r());
        }),
    );
    const port = (blocker.address() as { port: number }).port;
    const err = await new PrometheusProcess()
      .withPort(port)
      .start()
      .then(
        () => undefined,
        (e: unknown) => e as ProcessStartError,
      );
    expect(err).toBeInstanceOf(ProcessStartError);
    expect(err!.code).toBe('runtime/port-in-use');
    expect(err!.message).toContain(`127.0.0.1:${port}`);
    expect(err!.logTail).toMatch(/address already in use/);
  });

  it('reports an early exit with the last log lines (invalid configuration)', async () => {
    const err = await new PrometheusProcess()
      .withConfig('scrape_configs:\n  - job_name: x\n    bogus_field: 1\n')
      .start()
      .then(
        () => undefined,
        (e: unknown) => e as ProcessStartError,
      );
    expect(err).toBeInstanceOf(ProcessStartError);
    expect(err!.code).toBe('runtime/exited-early');
    expect(err!.message).toContain('exited early');
    expect(err!.message).toContain('--- last log lines ---');
    expect(err!.logTail).toMatch(/bogus_field/);
    expect(liveEntries()).toEqual([]);
  });

  it('takes constructor options too; serves a caller-owned data dir and leaves it in place', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'alertcraft-owned-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const prom = await new PrometheusProcess({ dataDir: dir, lookbackDeltaMs: 60_000 }).start();
    expect(prom.logs()).toMatch(/TSDB started|Server is ready/);
    await prom.stop();
    expect(existsSync(dir)).toBe(true);
  });
});

describe.skipIf(!alertmanager.ok)('AlertmanagerProcess (real binary)', () => {
  it('starts with clustering disabled on a free port and stops cleanly', async () => {
    const am = await new AlertmanagerProcess().start();
    try {
      expect(await am.client.ready()).toBe(true);
      const status = await am.client.status();
      expect(status.cluster.status).toBe('disabled');
      expect(status.versionInfo.version).toMatch(/^0\./);
      expect(status.config.original).toContain('receiver: "null"');
    } finally {
      await am.stop();
    }
    expect(alive(am.pid)).toBe(false);
  });

  it('reports an invalid configuration with its log lines', async () => {
    const err = await new AlertmanagerProcess()
      .withConfig('route:\n  receiver: missing\nreceivers:\n  - name: other\n')
      .start()
      .then(
        () => undefined,
        (e: unknown) => e as ProcessStartError,
      );
    expect(err).toBeInstanceOf(ProcessStartError);
    expect(err!.code).toBe('runtime/exited-early');
    expect(err!.logTail).toMatch(/missing/);
  });
});

describe.skipIf(!prometheus.ok || !alertmanager.ok)('local runtime live-mode services', () => {
  it('stops the Prometheus and Alertmanager it started when the runtime stops', async () => {
    const { startRuntime } = await import('../../src/runtime/start-runtime.js');
    const rt = await startRuntime('local');
    const am = await rt.startAlertmanager!(NULL_CONFIG);
    const prom = await rt.startPrometheus!('global:\n  scrape_interval: 1s\n');
    try {
      expect(await am.client.ready()).toBe(true);
      expect(await prom.client.ready()).toBe(true);
      expect(rt.versions.alertmanager).toMatch(/^0\.\d+/);
    } finally {
      await rt.stop();
    }
    await expect(am.client.ready()).rejects.toThrow(/Cannot reach/);
    await expect(prom.client.ready()).rejects.toThrow(/Cannot reach/);
    expect(liveEntries()).toEqual([]);
  });
});

const NULL_CONFIG = 'route:\n  receiver: "null"\nreceivers:\n  - name: "null"\n';
