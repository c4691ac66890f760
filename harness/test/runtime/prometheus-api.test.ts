/**
 * The Prometheus HTTP API client's failure handling and its metadata endpoints: retries with
 * backoff on 5xx and network errors (never on 4xx), timeouts, basic and bearer auth, credentials
 * kept out of URLs and messages, chunked range queries over the 11,000-points limit, `series`,
 * `labels`, `labelValues` and `metadata` against the real `prometheus` binary.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needBinary, PROMTOOL_HINT } from '../../../test-support/requirements.js';
import { ApiError, UnreachableError } from '../../src/clients/errors.js';
import { PrometheusClient } from '../../src/clients/prometheus-client.js';
import { writeOpenMetricsFile } from '../../src/openmetrics/write-openmetrics.js';
import { freePort } from '../../src/runtime/ports.js';
import { PrometheusProcess, type StartedPrometheusProcess } from '../../src/runtime/prometheus-process.js';
import { createBlocksFromOpenMetrics } from '../../src/runtime/promtool.js';
import { apiError, forwardTo, startTestServer } from './http-test-server.js';

const prometheus = needBinary('local', ['prometheus'], PROMTOOL_HINT);
const promtool = needBinary('local', ['promtool'], PROMTOOL_HINT);
for (const a of [prometheus, promtool]) if (!a.ok) console.log(`skipping Prometheus API tests: ${a.reason}`);

const OK_SCALAR = JSON.stringify({ status: 'success', data: { resultType: 'scalar', result: [1, '2'] } });
const fast = { retries: 3, backoffMs: 5 };

describe('retries, errors and auth (a local HTTP server)', () => {
  it('retries 5xx with exponential backoff, then succeeds', async () => {
    await using server = await startTestServer((_req, i, res) => {
      if (i < 2) return apiError(res, 503, 'unavailable', 'busy');
      res.setHeader('content-type', 'application/json');
      res.end(OK_SCALAR);
    });
    const waits: number[] = [];
    const client = new PrometheusClient({
      url: server.url,
      retry: { retries: 3, backoffMs: 100 },
      sleep: async (ms) => void waits.push(ms),
    });
    expect(await client.query('1 + 1', 1000)).toEqual({ type: 'scalar', t: 1000, v: 2 });
    expect(server.requests).toHaveLength(3);
    expect(waits).toEqual([100, 200]);
  });

  it('gives up after the retries with the server’s error and errorType', async () => {
    await using server = await startTestServer((_req, _i, res) => apiError(res, 503, 'unavailable', 'overloaded'));
    const client = new PrometheusClient({ url: server.url, retry: fast });
    const err = await client.query('up').catch((e: unknown) => e as ApiError);
    expect(err).toBeInstanceOf(ApiError);
    expect(server.requests).toHaveLength(4);
    expect(err.status).toBe(503);
    expect(err.errorType).toBe('unavailable');
    expect(err.attempts).toBe(4);
    expect(err.message).toBe(`${server.url}/api/v1/query answered 503 (unavailable) after 4 attempts: overloaded`);
  });

  it('does not retry a 4xx', async () => {
    await using server = await startTestServer((_req, _i, res) =>
      apiError(res, 400, 'bad_data', '1:5: parse error: unclosed left parenthesis'),
    );
    const client = new PrometheusClient({ url: server.url, retry: fast });
    const err = await client.query('sum(').catch((e: unknown) => e as ApiError);
    expect(server.requests).toHaveLength(1);
    expect(err.message).toBe(
      `${server.url}/api/v1/query answered 400 (bad_data): 1:5: parse error: unclosed left parenthesis`,
    );
  });

  it('retries a server that does not answer in time, then reports it unreachable', async () => {
    await using server = await startTestServer(() => undefined); // never answers
    const client = new PrometheusClient({ url: server.url, timeoutMs: 100, retry: { retries: 1, backoffMs: 1 } });
    const err = await client.query('up').catch((e: unknown) => e as UnreachableError);
    expect(err).toBeInstanceOf(UnreachableError);
    expect(server.requests).toHaveLength(2);
    expect(err.message).toMatch(/no answer in time .* \(2 attempts\)/);
  });

  it('an unreachable server: retried, then one clear message', async () => {
    const port = await freePort();
    const client = new PrometheusClient({ url: `http://127.0.0.1:${port}`, retry: { retries: 2, backoffMs: 1 } });
    const err = await client.query('up').catch((e: unknown) => e as UnreachableError);
    expect(err.code).toBe('client/unreachable');
    expect(err.attempts).toBe(3);
    expect(err.message).toBe(
      `Cannot reach http://127.0.0.1:${port}/api/v1/query: ECONNREFUSED 127.0.0.1:${port} (3 attempts). Is the server running and the URL right?`,
    );
  });

  it('readiness polls are never retried', async () => {
    await using server = await startTestServer((_req, _i, res) => {
      res.statusCode = 503;
      res.end('not ready');
    });
    const client = new PrometheusClient({ url: server.url, retry: fast });
    expect(await client.ready()).toBe(false);
    expect(server.requests).toHaveLength(1);
  });

  it('basic auth from the URL: sent as a header, gone from the URL and from messages', async () => {
    await using server = await startTestServer((_req, _i, res) => apiError(res, 401, 'unauthorized', 'no'));
    const url = server.url.replace('http://', 'http://alice:s3cr%40t@');
    const client = new PrometheusClient({ url, retry: fast });
    const err = await client.query('up').catch((e: unknown) => e as ApiError);
    expect(server.requests[0]!.headers.authorization).toBe(`Basic ${Buffer.from('alice:s3cr@t').toString('base64')}`);
    expect(client.url).toBe(server.url);
    expect(err.status).toBe(401);
    expect(server.requests).toHaveLength(1);
    for (const text of [err.message, err.url, String(err.stack)]) {
      expect(text).not.toContain('s3cr');
      expect(text).not.toContain('alice');
    }
  });

  it('a bearer token is sent as a header and never appears in errors', async () => {
    await using server = await startTestServer((_req, _i, res) => apiError(res, 503, 'unavailable', 'down'));
    const token = 'tok-123-secret';
    const client = new PrometheusClient({ url: server.url, auth: { type: 'bearer', token }, retry: fast });
    const err = await client.query('up').catch((e: unknown) => e as ApiError);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(Array(4).fill(`Bearer ${token}`));
    expect(JSON.stringify({ m: err.message, u: err.url, s: err.stack })).not.toContain(token);
  });
});

describe.skipIf(!prometheus.ok || !promtool.ok)('Prometheus API client against a real Prometheus', () => {
  const T0 = Date.UTC(2026, 0, 1);
  const HOURS = 4;
  let prom: StartedPrometheusProcess;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'alertcraft-promapi-'));
    const n = HOURS * 240 + 1; // 4 h at 15 s
    const ts = Float64Array.from({ length: n }, (_, i) => T0 + i * 15_000);
    await writeOpenMetricsFile(
      [
        { labels: { __name__: 'jobs_total', env: 'prod', zone: 'a' }, timestamps: ts, values: ts.map((_, i) => i * 3) },
        { labels: { __name__: 'jobs_total', env: 'dev', zone: 'b' }, timestamps: ts, values: ts.map((_, i) => i) },
        { labels: { __name__: 'queue_depth', env: 'prod' }, timestamps: ts, values: ts.map((_, i) => i % 7) },
      ],
      join(dir, 'data.om'),
    );
    await createBlocksFromOpenMetrics(promtool.value!, join(dir, 'data.om'), join(dir, 'tsdb'));
    prom = await new PrometheusProcess().withDataDir(join(dir, 'tsdb')).withConfig('global: {}\n').start();
  });
  afterAll(async () => {
    await prom?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('chunked range queries cross the 11,000-points limit a single query is refused at', async () => {
    const end = T0 + HOURS * 3_600_000; // 14,401 steps at 1 s
    const single = await prom.client.queryRange('jobs_total', T0, end, 1000).catch((e: unknown) => e as ApiError);
    expect(single).toBeInstanceOf(ApiError);
    expect((single as ApiError).status).toBe(400);
    expect((single as ApiError).message).toMatch(/exceeded maximum resolution of 11,000 points/);
    const progress: string[] = [];
    const chunked = await prom.client.queryRangeChunked('jobs_total', T0, end, 1000, {
      onChunk: (p) => progress.push(`${p.index + 1}/${p.total} ${p.steps}/${p.totalSteps}`),
    });
    expect(progress).toEqual(['1/2 10000/14401', '2/2 14401/14401']);
    expect(chunked).toHaveLength(2);
    for (const s of chunked) {
      expect(s.timestamps.length).toBe(14_401);
      expect(s.timestamps[0]).toBe(T0);
      expect(s.timestamps[14_400]).toBe(end);
    }
    // The chunk seam: the same values as one query over the seam's neighbourhood.
    const seam = T0 + 10_000 * 1000;
    const around = await prom.client.queryRange('jobs_total{zone="a"}', seam - 5000, seam + 5000, 1000);
    const a = chunked.find((s) => s.labels.zone === 'a')!;
    expect(Array.from(a.values.slice(9995, 10006))).toEqual(Array.from(around[0]!.values));
  });

  it('series, labels, label values and metadata', async () => {
    const range = { start: T0, end: T0 + 3_600_000 };
    expect(await prom.client.series(['jobs_total{env="prod"}', 'queue_depth'], range)).toEqual([
      { __name__: 'jobs_total', env: 'prod', zone: 'a' },
      { __name__: 'queue_depth', env: 'prod' },
    ]);
    expect(await prom.client.labels(range)).toEqual(['__name__', 'env', 'zone']);
    expect(await prom.client.labels({ ...range, match: ['queue_depth'] })).toEqual(['__name__', 'env']);
    expect(await prom.client.labelValues('env', range)).toEqual(['dev', 'prod']);
    expect(await prom.client.labelValues('zone', { ...range, match: ['jobs_total{env="dev"}'] })).toEqual(['b']);
    // Backfilled blocks carry no metadata: only scraped targets do (Prometheus' own metrics).
    expect(await prom.client.metadata('jobs_total')).toEqual({});
    await expect(prom.client.series([])).rejects.toThrow(/at least one match/);
  });

  it('a server answering 503 twice, then Prometheus itself, is retried and gives Prometheus’ answer', async () => {
    await using proxy = await startTestServer(async (req, i, res) => {
      if (i < 2) return apiError(res, 503, 'unavailable', 'restarting');
      await forwardTo(prom.url, req, res);
    });
    const client = new PrometheusClient({ url: proxy.url, retry: fast });
    const direct = await prom.client.queryRange('rate(jobs_total[5m])', T0 + 600_000, T0 + 1_200_000, 60_000);
    const retried = await client.queryRange('rate(jobs_total[5m])', T0 + 600_000, T0 + 1_200_000, 60_000);
    expect(proxy.requests).toHaveLength(3);
    expect(retried).toEqual(direct);
  });
});
