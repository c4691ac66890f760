import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALERTMANAGER_HINT,
  ALERTMANAGER_NAMES,
  needBinary,
  PROMTOOL_HINT,
} from '../../../test-support/requirements.js';
import { AlertmanagerClient } from '../../src/clients/alertmanager-client.js';
import { ApiError, UnreachableError } from '../../src/clients/errors.js';
import { PrometheusClient } from '../../src/clients/prometheus-client.js';
import { AlertmanagerProcess, type StartedAlertmanagerProcess } from '../../src/runtime/alertmanager-process.js';
import { writeOpenMetricsFile } from '../../src/openmetrics/write-openmetrics.js';
import { freePort } from '../../src/runtime/ports.js';
import { PrometheusProcess, type StartedPrometheusProcess } from '../../src/runtime/prometheus-process.js';
import { createBlocksFromOpenMetrics } from '../../src/runtime/promtool.js';
import { queryRangeChunked } from '../../src/runtime/query-range.js';

const prometheus = needBinary('local', ['prometheus'], PROMTOOL_HINT);
const promtool = needBinary('local', ['promtool'], PROMTOOL_HINT);
const alertmanager = needBinary('local', ALERTMANAGER_NAMES, ALERTMANAGER_HINT);
for (const a of [prometheus, promtool, alertmanager]) if (!a.ok) console.log(`skipping client tests: ${a.reason}`);

describe('unreachable servers', () => {
  it('names the URL and the cause', async () => {
    const port = await freePort(); // free a moment ago: nothing listens there
    const prom = new PrometheusClient(`http://127.0.0.1:${port}`);
    const err = await prom.query('1').then(
      () => undefined,
      (e: unknown) => e as UnreachableError,
    );
    expect(err).toBeInstanceOf(UnreachableError);
    expect(err!.code).toBe('client/unreachable');
    expect(err!.message).toContain(`http://127.0.0.1:${port}/api/v1/query`);
    expect(err!.message).toContain('ECONNREFUSED');
    const am = new AlertmanagerClient({ url: `http://127.0.0.1:${port}/` });
    await expect(am.getSilences()).rejects.toThrow(
      new RegExp(`Cannot reach http://127\\.0\\.0\\.1:${port}/api/v2/silences: ECONNREFUSED`),
    );
  });

  it('uses the injected fetch', async () => {
    const seen: string[] = [];
    // A fetch that records the request and fails like a network error, no server involved.
    const failing: typeof fetch = async (input) => {
      seen.push(String(input));
      throw new TypeError('fetch failed', {
        cause: { code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND prom.invalid' },
      });
    };
    const client = new PrometheusClient({ url: 'http://prom.invalid:9090', fetch: failing });
    await expect(client.ready()).rejects.toThrow('Cannot reach http://prom.invalid:9090/-/ready: ENOTFOUND');
    expect(seen).toEqual(['http://prom.invalid:9090/-/ready']);
  });
});

describe.skipIf(!prometheus.ok || !promtool.ok)('PrometheusClient against a real Prometheus', () => {
  const T0 = Date.UTC(2026, 0, 1);
  let prom: StartedPrometheusProcess;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'alertcraft-client-'));
    const n = 241; // one hour at 15 s
    const ts = Float64Array.from({ length: n }, (_, i) => T0 + i * 15_000);
    await writeOpenMetricsFile(
      [
        { labels: { __name__: 'temp_celsius', room: 'a' }, timestamps: ts, values: Float64Array.from(ts, (_, i) => i) },
        {
          labels: { __name__: 'temp_celsius', room: 'b' },
          timestamps: ts,
          values: Float64Array.from(ts, (_, i) => (i % 2 ? Infinity : NaN)),
        },
      ],
      join(dir, 'data.om'),
    );
    await createBlocksFromOpenMetrics(promtool.value!, join(dir, 'data.om'), join(dir, 'tsdb'));
    prom = await new PrometheusProcess()
      .withDataDir(join(dir, 'tsdb'))
      .withConfig('global:\n  evaluation_interval: 1s\nrule_files: [rules.yml]\n')
      .withFile(
        'rules.yml',
        'groups:\n  - name: g\n    interval: 1s\n    rules:\n      - alert: AlwaysOn\n        expr: vector(1) > 0\n        labels: { severity: info }\n      - record: answer\n        expr: vector(42)\n',
      )
      .start();
  });
  afterAll(async () => {
    await prom?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('query: vector, scalar and string results with ms timestamps', async () => {
    const v = await prom.client.query('temp_celsius{room="a"}', T0 + 60_000);
    expect(v).toEqual({
      type: 'vector',
      samples: [{ labels: { __name__: 'temp_celsius', room: 'a' }, t: T0 + 60_000, v: 4 }],
    });
    expect(await prom.client.query('1 + 1', T0 + 1)).toEqual({ type: 'scalar', t: T0 + 1, v: 2 });
    expect(await prom.client.query('"hi"', T0)).toEqual({ type: 'string', t: T0, v: 'hi' });
  });

  it('queryRange: typed arrays, +Inf and NaN values', async () => {
    const m = await prom.client.queryRange('temp_celsius', T0, T0 + 60_000, 15_000);
    const b = m.find((s) => s.labels.room === 'b')!;
    expect(Array.from(b.timestamps)).toEqual([0, 1, 2, 3, 4].map((i) => T0 + i * 15_000));
    expect(Array.from(b.values)).toEqual([NaN, Infinity, NaN, Infinity, NaN]);
    expect(m.find((s) => s.labels.room === 'a')!.values).toBeInstanceOf(Float64Array);
  });

  it('queryRangeChunked gives exactly the steps of one query', async () => {
    const one = await prom.client.queryRange('rate(temp_celsius{room="a"}[1m])', T0, T0 + 3_600_000, 30_000);
    const chunked = await queryRangeChunked(
      prom.client,
      'rate(temp_celsius{room="a"}[1m])',
      T0,
      T0 + 3_600_000,
      30_000,
      7,
    );
    expect(chunked).toHaveLength(1);
    expect(Array.from(chunked[0]!.timestamps)).toEqual(Array.from(one[0]!.timestamps));
    expect(Array.from(chunked[0]!.values)).toEqual(Array.from(one[0]!.values));
    expect(one[0]!.timestamps.length).toBe(120); // the first step has a single sample in its window
  });

  it('a bad query is an ApiError with Prometheus’ errorType and message', async () => {
    const err = await prom.client.query('sum(', T0).then(
      () => undefined,
      (e: unknown) => e as ApiError,
    );
    expect(err).toBeInstanceOf(ApiError);
    expect(err!.status).toBe(400);
    expect(err!.errorType).toBe('bad_data');
    expect(err!.message).toMatch(/parse error/);
  });

  it('rules, alerts, ready and buildinfo', async () => {
    expect(await prom.client.ready()).toBe(true);
    expect((await prom.client.buildInfo()).version).toMatch(/^2\.\d+\.\d+/);
    const groups = await prom.client.rules();
    expect(groups.map((g) => g.name)).toEqual(['g']);
    expect(groups[0]!.rules.map((r) => [r.type, r.name])).toEqual([
      ['alerting', 'AlwaysOn'],
      ['recording', 'answer'],
    ]);
    // The rule manager evaluates every second: wait for the alert to show up firing (for = 0).
    let alerts = await prom.client.alerts();
    for (let i = 0; i < 50 && !alerts.some((a) => a.state === 'firing'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      alerts = await prom.client.alerts();
    }
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      labels: { alertname: 'AlwaysOn', severity: 'info' },
      state: 'firing',
      value: '1e+00',
    });
  });
});

describe.skipIf(!alertmanager.ok)('AlertmanagerClient against a real Alertmanager', () => {
  let am: StartedAlertmanagerProcess;
  beforeAll(async () => {
    am = await new AlertmanagerProcess()
      .withConfig(
        ['route:', '  receiver: team', '  group_by: [alertname]', 'receivers:', '  - name: team', ''].join('\n'),
      )
      .start();
  });
  afterAll(async () => {
    await am?.stop();
  });

  it('silences: post, get, filter, delete (expire)', async () => {
    const now = Date.now();
    const id = await am.client.postSilence({
      matchers: [{ name: 'service', value: 'checkout', isRegex: false, isEqual: true }],
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now + 3_600_000).toISOString(),
      createdBy: 'alertcraft-test',
      comment: 'maintenance window',
    });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const one = await am.client.getSilence(id);
    expect(one.status.state).toBe('active');
    expect(one.matchers).toEqual([{ name: 'service', value: 'checkout', isRegex: false, isEqual: true }]);
    expect((await am.client.getSilences(['service="checkout"'])).map((s) => s.id)).toEqual([id]);
    expect(await am.client.getSilences(['service="other"'])).toEqual([]);
    await am.client.deleteSilence(id);
    expect((await am.client.getSilence(id)).status.state).toBe('expired');
  });

  it('alerts: post, get with filters and silenced state, metrics', async () => {
    const now = Date.now();
    await am.client.postAlerts([
      {
        labels: { alertname: 'HighErrorRate', service: 'api', severity: 'page' },
        annotations: { summary: 's' },
        startsAt: new Date(now).toISOString(),
      },
      { labels: { alertname: 'DiskFull', service: 'db', severity: 'ticket' }, startsAt: new Date(now).toISOString() },
    ]);
    const sid = await am.client.postSilence({
      matchers: [{ name: 'service', value: 'db', isRegex: false }],
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now + 600_000).toISOString(),
      createdBy: 'alertcraft-test',
      comment: 'db work',
    });
    const all = await am.client.getAlerts();
    expect(all.map((a) => a.labels.alertname).sort()).toEqual(['DiskFull', 'HighErrorRate']);
    const pages = await am.client.getAlerts({ filter: ['severity=~"page|critical"'] });
    expect(pages.map((a) => a.labels.alertname)).toEqual(['HighErrorRate']);
    expect(pages[0]!.receivers.map((r) => r.name)).toEqual(['team']);
    // The silence applies once Alertmanager has processed the alerts; poll briefly.
    let silenced = await am.client.getAlerts({ active: false, silenced: true });
    for (let i = 0; i < 30 && silenced.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      silenced = await am.client.getAlerts({ active: false, silenced: true });
    }
    expect(silenced.map((a) => [a.labels.alertname, a.status.state, a.status.silencedBy])).toEqual([
      ['DiskFull', 'suppressed', [sid]],
    ]);
    const metrics = await am.client.metrics();
    const received = metrics
      .filter((m) => m.name === 'alertmanager_alerts_received_total')
      .reduce((s, m) => s + m.value, 0);
    expect(received).toBe(2);
    const bad = await am.client.postAlerts([{ labels: {} }]).then(
      () => undefined,
      (e: unknown) => e as ApiError,
    );
    expect(bad).toBeInstanceOf(ApiError);
    expect(bad!.status).toBe(400);
  });
});
