/**
 * Speed check of `evaluateRulesRange` against `evaluateRules` on a launch-sized replay: ~200
 * counter series scraped every 30 s for 14 days, 10 rules (recording chain, SLO burn rates,
 * alerts with `for`, an ALERTS reader) at a 1-minute interval.
 *
 *   node --conditions=@alertcraft/source --import tsx packages/promql/src/rules/evaluate-range.speed.ts [days] [slowDays]
 *
 * The per-step path runs over `slowDays` (default 1) and is extrapolated to `days` linearly (its
 * cost per evaluation grows slowly with the stored history, so the extrapolation is a lower
 * bound); the range path runs over `days` (default 14). Both are also run over `slowDays` on
 * fresh storages and compared (timeline, errors, stored samples).
 */
import { mulberry32 } from '../generate/prng.js';
import { createStorage, type Storage } from '../storage/memory-storage.js';
import { isStaleNaN } from '../storage/stale.js';
import { evaluateRules } from './evaluate.js';
import { evaluateRulesRange } from './evaluate-range.js';
import type { RuleGroupInput } from './types.js';

const MIN = 60_000;
const DAY = 1440 * MIN;
const SCRAPE = 30_000;

/** 4 jobs x 10 instances x 5 status codes = 200 counters; error bursts and an outage per job. */
function buildStorage(days: number, seed = 42): Storage {
  const rnd = mulberry32(seed);
  const st = createStorage();
  const n = Math.floor((days * DAY) / SCRAPE) + 1;
  const codes = ['200', '201', '404', '500', '503'];
  for (let j = 0; j < 4; j++) {
    const burstStart = Math.floor(rnd() * n);
    const outageStart = Math.floor(rnd() * n);
    for (let i = 0; i < 10; i++) {
      for (const code of codes) {
        const ts = new Float64Array(n);
        const vs = new Float64Array(n);
        const base = (code.startsWith('2') ? 20 : code === '404' ? 1 : 0.05) * (0.5 + rnd());
        let v = 0;
        for (let k = 0; k < n; k++) {
          const diurnal = 1 + 0.5 * Math.sin((2 * Math.PI * k * SCRAPE) / DAY);
          let rate = base * diurnal;
          if (code.startsWith('5') && k >= burstStart && k < burstStart + 60) rate *= 200;
          if (i === 0 && k >= outageStart && k < outageStart + 40) rate = 0;
          v += Math.round(rate * (SCRAPE / 1000) * (0.8 + 0.4 * rnd()));
          ts[k] = k * SCRAPE;
          vs[k] = v;
        }
        st.appendSeries({ __name__: 'http_requests_total', job: `job${j}`, instance: `i${i}`, code }, ts, vs);
      }
    }
  }
  return st;
}

export const SPEED_GROUPS: RuleGroupInput[] = [
  {
    name: 'http.rules',
    rules: [
      { record: 'job:http_requests:rate5m', expr: 'sum by (job) (rate(http_requests_total[5m]))' },
      { record: 'job:http_errors:rate5m', expr: 'sum by (job) (rate(http_requests_total{code=~"5.."}[5m]))' },
      { record: 'job:http_error_ratio:rate5m', expr: 'job:http_errors:rate5m / job:http_requests:rate5m' },
      { record: 'instance:http_requests:rate1m', expr: 'sum by (job, instance) (rate(http_requests_total[1m]))' },
      {
        record: 'job:http_error_ratio:rate1h',
        expr: 'sum by (job) (rate(http_requests_total{code=~"5.."}[1h])) / sum by (job) (rate(http_requests_total[1h]))',
      },
    ],
  },
  {
    name: 'http.alerts',
    rules: [
      {
        alert: 'HighErrorRatio',
        expr: 'job:http_error_ratio:rate5m > 0.05',
        for: '5m',
        labels: { severity: 'page' },
        annotations: { summary: '{{ $labels.job }} error ratio {{ $value | humanizePercentage }}' },
      },
      {
        alert: 'InstanceNoTraffic',
        expr: 'instance:http_requests:rate1m == 0',
        for: '2m',
        labels: { severity: 'ticket' },
      },
      {
        alert: 'ErrorBudgetFastBurn',
        expr: 'job:http_error_ratio:rate1h > (14.4 * 0.001) and job:http_error_ratio:rate5m > (14.4 * 0.001)',
        for: '2m',
        labels: { severity: 'page' },
      },
      {
        alert: 'TrafficDrop',
        expr: 'job:http_requests:rate5m < 0.5 * (job:http_requests:rate5m offset 1d)',
        for: '10m',
        keep_firing_for: '5m',
      },
    ],
  },
  {
    name: 'meta',
    rules: [{ record: 'alerts:firing:count', expr: 'count by (alertname) (ALERTS{alertstate="firing"})' }],
  },
];

function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

function dump(st: Storage): string {
  return st
    .series()
    .map(
      (s) =>
        `${JSON.stringify(s.labels)} ${[...s.timestamps].map((t, i) => `${t}=${isStaleNaN(s.values[i]!) ? 'STALE' : s.values[i]}`).join(' ')}`,
    )
    .sort()
    .join('\n');
}

export interface SpeedFigures {
  days: number;
  slowDays: number;
  series: number;
  rules: number;
  /** Wall-clock and CPU (user+system) time of each path; the machine may be shared, CPU time is steadier. */
  fastMs: number;
  fastCpuMs: number;
  slowMs: number;
  slowCpuMs: number;
  slowExtrapolatedMs: number;
  equalOnSlowDays: boolean;
  fallbacks: number;
  alerts: number;
}

/** Runs both paths and returns the measured figures (see the module comment). */
export function measure(days = 14, slowDays = 1): SpeedFigures {
  const end = days * DAY;
  const slowEnd = slowDays * DAY;
  const rules = SPEED_GROUPS.reduce((n, g) => n + g.rules.length, 0);

  const fastStorage = buildStorage(days);
  const series = fastStorage.stats().series;
  let t0 = performance.now();
  let c0 = process.cpuUsage();
  const fast = evaluateRulesRange(fastStorage, SPEED_GROUPS, { start: 0, end });
  const fastMs = performance.now() - t0;
  const fastCpuMs = cpuMs(c0);

  if (slowDays <= 0)
    return {
      days,
      slowDays,
      series,
      rules,
      fastMs,
      fastCpuMs,
      slowMs: 0,
      slowCpuMs: 0,
      slowExtrapolatedMs: 0,
      equalOnSlowDays: false,
      fallbacks: fast.fallbacks.length,
      alerts: fast.timeline.length,
    };
  const slowStorage = buildStorage(slowDays);
  t0 = performance.now();
  c0 = process.cpuUsage();
  const slow = evaluateRules(slowStorage, SPEED_GROUPS, { start: 0, end: slowEnd });
  const slowMs = performance.now() - t0;
  const slowCpuMs = cpuMs(c0);

  const cmpStorage = buildStorage(slowDays);
  const cmp = evaluateRulesRange(cmpStorage, SPEED_GROUPS, { start: 0, end: slowEnd });
  const equalOnSlowDays =
    JSON.stringify(cmp.timeline) === JSON.stringify(slow.timeline) &&
    JSON.stringify(cmp.errors) === JSON.stringify(slow.errors) &&
    dump(cmpStorage) === dump(slowStorage);

  return {
    days,
    slowDays,
    series,
    rules,
    fastMs,
    fastCpuMs,
    slowMs,
    slowCpuMs,
    slowExtrapolatedMs: (slowMs * days) / slowDays,
    equalOnSlowDays,
    fallbacks: fast.fallbacks.length,
    alerts: fast.timeline.length,
  };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/.*\//, ''))) {
  const days = Number(process.argv[2] ?? 14);
  const slowDays = Number(process.argv[3] ?? 1);
  const f = measure(days, slowDays);
  console.log(
    `${f.series} series, ${f.rules} rules, 1m interval\n` +
      `range path (evaluateRulesRange) over ${f.days} d: ${(f.fastMs / 1000).toFixed(2)} s wall, ${(f.fastCpuMs / 1000).toFixed(2)} s CPU (fallbacks: ${f.fallbacks}, alert instances: ${f.alerts})\n` +
      `per-step path (evaluateRules) over ${f.slowDays} d: ${(f.slowMs / 1000).toFixed(2)} s wall, ${(f.slowCpuMs / 1000).toFixed(2)} s CPU -> extrapolated to ${f.days} d: ${(f.slowExtrapolatedMs / 1000).toFixed(1)} s wall, ${((f.slowCpuMs * f.days) / f.slowDays / 1000).toFixed(1)} s CPU\n` +
      `speedup: ${(f.slowExtrapolatedMs / f.fastMs).toFixed(1)}x wall, ${((f.slowCpuMs * f.days) / f.slowDays / f.fastCpuMs).toFixed(1)}x CPU; both paths equal over ${f.slowDays} d: ${f.equalOnSlowDays}`,
  );
}
