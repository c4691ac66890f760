/**
 * Differential run against the real Prometheus binary (the `local` runtime): seeded synthetic
 * series are written as OpenMetrics, turned into TSDB blocks by `promtool tsdb create-blocks-from
 * openmetrics`, served by `prometheus`, and every query's `query_range` / `query` result is
 * compared with the embedded engine over the same samples.
 *
 * Debian ships Prometheus 2.42; the expressions below avoid functions added after 2.42. Values
 * are compared with a relative tolerance of 1e-9 (2.54 added Kahan summation to a few
 * aggregations, which changes only the last bits).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorage, runInstantQuery, runRangeQuery, type Labels, type Storage } from '@alertcraft/promql';
import { mulberry32 } from '@alertcraft/promql/testing';
import { needBinary, PROMTOOL_HINT } from '../../../../test-support/requirements.js';

const prometheusBin = needBinary('local', ['prometheus'], PROMTOOL_HINT);
const promtoolBin = needBinary('local', ['promtool'], PROMTOOL_HINT);
const available = prometheusBin.ok && promtoolBin.ok;
if (!available) console.warn(`skipping the differential run: ${prometheusBin.reason ?? promtoolBin.reason}`);

// Deterministic data: mulberry32 PRNG, 3 hours at 15 s scrape.
const T0 = 1_700_000_000_000; // 2023-11-14T22:13:20Z
const STEP = 15_000;
const N = (3 * 3600_000) / STEP;
const END = T0 + (N - 1) * STEP;

interface GenSeries {
  labels: Labels;
  ts: number[];
  vs: number[];
}

function generate(): GenSeries[] {
  const rnd = mulberry32(20241123);
  const out: GenSeries[] = [];
  const add = (labels: Labels, f: (i: number, prev: number) => number | undefined) => {
    const s: GenSeries = { labels, ts: [], vs: [] };
    let prev = 0;
    for (let i = 0; i < N; i++) {
      const v = f(i, prev);
      if (v === undefined) continue;
      s.ts.push(T0 + i * STEP);
      s.vs.push(v);
      prev = v;
    }
    out.push(s);
  };
  for (const job of ['api', 'web']) {
    for (const instance of ['a', 'b', 'c']) {
      for (const code of ['200', '500']) {
        const rate = (code === '200' ? 20 : 1) * (1 + rnd());
        const resetAt = Math.floor(rnd() * N);
        const gapFrom = Math.floor(rnd() * N);
        add({ __name__: 'http_requests_total', job, instance, code }, (i, prev) => {
          if (instance === 'c' && i >= gapFrom && i < gapFrom + 40) return undefined; // 10-minute gap
          if (i === resetAt && instance !== 'a') return Math.floor(rnd() * 3);
          return prev + Math.floor(rate * 15 * rnd());
        });
      }
      add(
        { __name__: 'temperature_celsius', job, instance },
        (_i, prev) => Math.round((prev + (rnd() - 0.5) * 4) * 100) / 100,
      );
    }
  }
  const bounds = ['0.05', '0.1', '0.25', '0.5', '1', '2.5', '+Inf'];
  for (const instance of ['a', 'b']) {
    const counts = bounds.map(() => 0);
    const t = -1;
    const cache: number[][] = [];
    for (let i = 0; i < N; i++) {
      let acc = 0;
      const inc = bounds.map(() => Math.floor(rnd() * 10));
      const row: number[] = [];
      for (let b = 0; b < bounds.length; b++) {
        acc += inc[b]!;
        counts[b]! += acc;
        row.push(counts[b]!);
      }
      cache.push(row);
    }
    bounds.forEach((le, b) => {
      add({ __name__: 'request_duration_seconds_bucket', instance, le }, (i) => cache[i]![b]!);
    });
    void t;
  }
  return out;
}

const RANGE_QUERIES = [
  'http_requests_total',
  'rate(http_requests_total[5m])',
  'irate(http_requests_total[1m])',
  'increase(http_requests_total[10m])',
  'sum by (job) (rate(http_requests_total[5m]))',
  'sum without (instance) (rate(http_requests_total{code="500"}[2m]))',
  'rate(http_requests_total{code="500"}[5m]) / ignoring(code) rate(http_requests_total{code="200"}[5m])',
  'sum by (job) (rate(http_requests_total{code="500"}[5m])) / on(job) group_left sum by (job) (rate(http_requests_total[5m]))',
  'rate(http_requests_total[5m]) > bool 10',
  'rate(http_requests_total[5m]) > 10',
  'topk(2, rate(http_requests_total[5m]))',
  'bottomk(1, temperature_celsius) by (job)',
  'quantile(0.9, temperature_celsius)',
  'count_values("v", round(temperature_celsius / 10))',
  'avg(temperature_celsius) by (job)',
  'stddev(temperature_celsius)',
  'stdvar by (job) (temperature_celsius)',
  'max(temperature_celsius) - min(temperature_celsius)',
  'count(http_requests_total) by (instance)',
  'group by (job) (http_requests_total)',
  'delta(temperature_celsius[15m])',
  'idelta(temperature_celsius[5m])',
  'deriv(temperature_celsius[10m])',
  'predict_linear(temperature_celsius[30m], 3600)',
  'holt_winters(temperature_celsius[10m], 0.5, 0.3)',
  'avg_over_time(temperature_celsius[10m])',
  'sum_over_time(temperature_celsius[5m])',
  'min_over_time(temperature_celsius[7m]) + max_over_time(temperature_celsius[7m])',
  'count_over_time(http_requests_total[10m])',
  'last_over_time(http_requests_total[1m])',
  'quantile_over_time(0.75, temperature_celsius[20m])',
  'stddev_over_time(temperature_celsius[20m])',
  'stdvar_over_time(temperature_celsius[20m])',
  'changes(temperature_celsius[10m])',
  'resets(http_requests_total[30m])',
  'absent(nonexistent_metric{job="x"})',
  'absent_over_time(http_requests_total{instance="c"}[1m])',
  'present_over_time(http_requests_total{instance="c"}[1m])',
  'histogram_quantile(0.9, rate(request_duration_seconds_bucket[5m]))',
  'histogram_quantile(0.5, sum by (le) (rate(request_duration_seconds_bucket[10m])))',
  'max_over_time(rate(http_requests_total{job="api"}[5m])[30m:1m])',
  'avg_over_time(sum(temperature_celsius)[17m:45s])',
  'rate(http_requests_total{instance="b"}[5m] offset 10m)',
  'temperature_celsius offset -5m',
  'temperature_celsius @ 1700003600',
  'rate(http_requests_total[5m] @ 1700005000)',
  'temperature_celsius and on(instance) temperature_celsius > 0',
  'temperature_celsius or on(instance) http_requests_total',
  'http_requests_total unless http_requests_total{code="500"}',
  'abs(temperature_celsius) + sqrt(abs(temperature_celsius))',
  'ceil(temperature_celsius) * floor(temperature_celsius) % 7',
  'clamp(temperature_celsius, -2, 2)',
  'clamp_min(temperature_celsius, 0) ^ 2',
  'sgn(temperature_celsius) * exp(temperature_celsius / 100)',
  'ln(abs(temperature_celsius) + 1) + log2(abs(temperature_celsius) + 1) - log10(abs(temperature_celsius) + 1)',
  'round(temperature_celsius, 0.5)',
  'scalar(sum(temperature_celsius)) * 2',
  'vector(time()) - time()',
  'timestamp(temperature_celsius)',
  'hour(timestamp(temperature_celsius)) + minute() + day_of_week() + month()',
  'label_replace(temperature_celsius, "host", "h-$1", "instance", "(.*)")',
  'label_join(temperature_celsius, "id", "/", "job", "instance")',
  '-temperature_celsius',
  'sum(rate(http_requests_total[5m])) by (job) > on() group_left vector(0)',
  'temperature_celsius @ start() - temperature_celsius @ end()',
  'rate(http_requests_total[10m] @ end() offset 5m)',
  'max_over_time(temperature_celsius[20m:1m] @ 1700004000 offset 3m)',
  'min_over_time((temperature_celsius offset 2m)[10m:30s])',
  'sum_over_time(rate(http_requests_total{job="web"}[3m])[12m:])',
  'absent_over_time(nonexistent[5m:1m])',
  'timestamp(temperature_celsius @ 1700002000)',
  'count_values without (instance) ("bucket", floor(temperature_celsius))',
  'quantile by (job) (0.25, rate(http_requests_total[5m]))',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: `${1}` is Go's regexp replacement syntax
  'label_replace(http_requests_total, "class", "${1}xx", "code", "(?P<first>[0-9])..")',
  'http_requests_total{code=~"5.."} / ignoring(code) group_left http_requests_total{code="200"} * 0 + 1',
  'sum by (job) (http_requests_total) / on(job) group_right sum by (job, instance) (http_requests_total)',
  'temperature_celsius > on(job, instance) group_left temperature_celsius offset 1m',
  'avg without (job) (temperature_celsius) atan2 on() group_left vector(1)',
  'deriv(rate(http_requests_total[5m])[15m:1m])',
  'increase(http_requests_total{instance="c"}[20m])',
  'irate(http_requests_total{instance="b"}[2m]) and on(instance, job, code) changes(http_requests_total[2m]) > 0',
];

const INSTANT_QUERIES = [
  'sort_desc(sum by (instance) (rate(http_requests_total[5m])))',
  'sort(temperature_celsius)',
  'http_requests_total[2m]',
  'rate(http_requests_total[5m])[10m:2m]',
  'topk(3, http_requests_total)',
];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

interface PromSeries {
  metric: Record<string, string>;
  values?: [number, string][];
  value?: [number, string];
}

function parseVal(s: string): number {
  return s === '+Inf' ? Infinity : s === '-Inf' ? -Infinity : Number(s);
}

function close(a: number, b: number): boolean {
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  if (a === b) return true;
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)) || Math.abs(a - b) < 1e-12;
}

function key(l: Record<string, string>): string {
  return JSON.stringify(
    Object.keys(l)
      .sort()
      .map((k) => [k, l[k]]),
  );
}

describe.skipIf(!available)('differential run against the prometheus binary', () => {
  let dir = '';
  let proc: ChildProcess | undefined;
  let base = '';
  let storage: Storage;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'alertcraft-diff-'));
    const series = generate();
    storage = createStorage();
    const lines: string[] = [];
    const families = new Map<string, GenSeries[]>();
    for (const s of series) {
      storage.appendSeries(s.labels, Float64Array.from(s.ts), Float64Array.from(s.vs));
      const name = s.labels.__name__!;
      (families.get(name) ?? families.set(name, []).get(name)!).push(s);
    }
    for (const [name, list] of families) {
      lines.push(
        `# TYPE ${name.replace(/_total$|_bucket$/, '')} ${name.endsWith('_total') ? 'counter' : name.endsWith('_bucket') ? 'histogram' : 'gauge'}`,
      );
      for (const s of list) {
        const lbl = Object.entries(s.labels)
          .filter(([k]) => k !== '__name__')
          .map(([k, v]) => `${k}="${v}"`)
          .join(',');
        for (let i = 0; i < s.ts.length; i++) lines.push(`${name}{${lbl}} ${s.vs[i]} ${s.ts[i]! / 1000}`);
      }
    }
    lines.push('# EOF');
    writeFileSync(join(dir, 'data.om'), `${lines.join('\n')}\n`);
    execFileSync(
      promtoolBin.value!,
      ['tsdb', 'create-blocks-from', 'openmetrics', join(dir, 'data.om'), join(dir, 'tsdb')],
      { stdio: 'pipe' },
    );
    writeFileSync(join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 15s\n');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    proc = spawn(
      prometheusBin.value!,
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'tsdb')}`,
        '--storage.tsdb.retention.time=100y',
        `--web.listen-address=127.0.0.1:${port}`,
        '--query.lookback-delta=5m',
      ],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        const r = await fetch(`${base}/-/ready`);
        if (r.ok) break;
      } catch {
        // not up yet
      }
      if (Date.now() > deadline) throw new Error('prometheus did not become ready within 60s');
      await new Promise((r) => setTimeout(r, 200));
    }
  });

  afterAll(async () => {
    if (proc && proc.exitCode === null) {
      const exited = new Promise((r) => proc!.once('exit', r));
      proc.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (proc.exitCode === null) proc.kill('SIGKILL');
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function api(path: string, params: Record<string, string>): Promise<{ resultType: string; result: unknown }> {
    const r = await fetch(`${base}/api/v1/${path}?${new URLSearchParams(params)}`);
    const body = (await r.json()) as { status: string; data: { resultType: string; result: unknown }; error?: string };
    if (body.status !== 'success') throw new Error(`prometheus: ${body.error}`);
    return body.data;
  }

  const start = T0 + 20 * 60_000;
  const end = END - 10 * 60_000;
  const step = 60_000 + 7_000; // not aligned to the scrape interval

  it.each(RANGE_QUERIES)('query_range %s', async (q) => {
    const prom = await api('query_range', {
      query: q,
      start: String(start / 1000),
      end: String(end / 1000),
      step: String(step / 1000),
    });
    const ours = runRangeQuery(storage, q, start, end, step).value;
    expect(ours.type).toBe('matrix');
    if (ours.type !== 'matrix') return;
    const theirs = new Map((prom.result as PromSeries[]).map((s) => [key(s.metric), s]));
    expect(ours.series.map((s) => key(s.labels)).sort()).toEqual([...theirs.keys()].sort());
    for (const s of ours.series) {
      const t = theirs.get(key(s.labels))!;
      const tv = t.values!;
      expect([...s.timestamps], q).toEqual(tv.map((p) => Math.round(p[0] * 1000)));
      for (let i = 0; i < tv.length; i++) {
        const exp = parseVal(tv[i]![1]);
        if (!close(s.values[i]!, exp))
          expect.fail(`${q}: ${key(s.labels)} at ${s.timestamps[i]}: ours ${s.values[i]}, prometheus ${exp}`);
      }
    }
  });

  it.each(INSTANT_QUERIES)('query %s', async (q) => {
    const t = T0 + 97 * 60_000 + 3_000;
    const prom = await api('query', { query: q, time: String(t / 1000) });
    const ours = runInstantQuery(storage, q, t).value;
    expect(ours.type).toBe(prom.resultType);
    if (ours.type === 'vector') {
      const theirs = prom.result as PromSeries[];
      // Order matters for sort()/topk in an instant query.
      expect(ours.samples.map((s) => key(s.labels))).toEqual(theirs.map((s) => key(s.metric)));
      ours.samples.forEach((s, i) => {
        expect(close(s.v, parseVal(theirs[i]!.value![1])), q).toBe(true);
      });
    } else if (ours.type === 'matrix') {
      const theirs = prom.result as PromSeries[];
      expect(ours.series.map((s) => key(s.labels))).toEqual(theirs.map((s) => key(s.metric)));
      ours.series.forEach((s, i) => {
        expect([...s.timestamps]).toEqual(theirs[i]!.values!.map((p) => Math.round(p[0] * 1000)));
        expect([...s.values].every((v, j) => close(v, parseVal(theirs[i]!.values![j]![1])))).toBe(true);
      });
    }
  });
});
