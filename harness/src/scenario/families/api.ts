/**
 * HTTP API (seeds 002 and 003): `http_requests_total{handler,code}` and the
 * `http_request_duration_seconds` classic histogram of the `maestro-api` service.
 *
 * Normal levels (traffic multiplier 1): 40 requests/s; 0.8 % 400s, 0.02 % 5xx (seed 003: error rate 0.02 %);
 * p50 ~60 ms, p95 ~190 ms (seed 003 reports p95 180 ms). `error-spike` magnitude = 5xx share
 * (70 % 500, 30 % 503); `latency-regression` magnitude = median multiplier.
 */
import type { Labels } from '@alertcraft/promql';
import { formatLe, observeStep } from '../histogram.js';
import { counterSeries, effect, jitter, type Plan } from '../plan.js';
import type { ScenarioSeries } from '../types.js';
import { maxWith, stepSeconds, type Family } from './family.js';
import { trafficFactor } from './maestro.js';

export const API_REQUESTS_PER_SECOND = 40;
/** Bounds include 0.3 (seed 003's p95 < 300 ms) and 1 (seed 002's latency SLO). */
export const API_LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.3, 0.5, 1, 2.5, 5, 10, Infinity] as const;
const HANDLERS: Record<string, number> = { '/api/runs': 0.6, '/api/auth': 0.25, '/signup': 0.15 };
const JOB = 'maestro-api';
const SERVICE = 'maestro-api';

export const apiFamily: Family = {
  name: 'api',
  count() {
    return Object.keys(HANDLERS).length * 4 + API_LATENCY_BUCKETS.length + 2;
  },
  *generate(plan) {
    const dt = stepSeconds(plan);
    const n = plan.timestamps.length;
    const total = new Float64Array(n);
    for (const [handler, share] of Object.entries(HANDLERS)) {
      const scope: Labels = { job: JOB, service: SERVICE, handler };
      const rng = plan.rng.fork(`api/${handler}`);
      const factor = trafficFactor(plan, scope);
      const spike = effect(plan, scope, 'error-spike');
      const byCode = {
        '200': new Float64Array(n),
        '400': new Float64Array(n),
        '500': new Float64Array(n),
        '503': new Float64Array(n),
      };
      for (let i = 0; i < n; i++) {
        const r = rng.poisson(API_REQUESTS_PER_SECOND * share * factor[i]! * dt);
        total[i] = total[i]! + r;
        const fivexx = maxWith(0.0002, spike, i) * jitter(rng, 0.1);
        const e500 = Math.min(r, rng.poisson(r * fivexx * 0.7));
        const e503 = Math.min(r - e500, rng.poisson(r * fivexx * 0.3));
        const e400 = Math.min(r - e500 - e503, rng.poisson(r * 0.008));
        byCode['500'][i] = e500;
        byCode['503'][i] = e503;
        byCode['400'][i] = e400;
        byCode['200'][i] = r - e500 - e503 - e400;
      }
      for (const [code, inc] of Object.entries(byCode)) {
        yield counterSeries(
          plan,
          { __name__: 'http_requests_total', code, handler, job: JOB, service: SERVICE },
          inc,
          0,
        );
      }
    }
    yield* latency(plan, total);
  },
};

function* latency(plan: Plan, requests: Float64Array): Generator<ScenarioSeries> {
  const n = plan.timestamps.length;
  const scope: Labels = { job: JOB, service: SERVICE };
  const rng = plan.rng.fork('api/latency');
  const regression = effect(plan, scope, 'latency-regression');
  const bounds = API_LATENCY_BUCKETS;
  const step = new Float64Array(bounds.length);
  const buckets = bounds.map(() => new Float64Array(n));
  const sum = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const median = 0.06 * (1 + 0.1 * plan.traffic[i]!) * maxWith(1, regression, i);
    sum[i] = observeStep(rng, requests[i]!, bounds, median, 0.7, step);
    for (let b = 0; b < bounds.length; b++) buckets[b]![i] = step[b]!;
  }
  for (let b = 0; b < bounds.length; b++) {
    yield counterSeries(
      plan,
      { __name__: 'http_request_duration_seconds_bucket', job: JOB, le: formatLe(bounds[b]!), service: SERVICE },
      buckets[b]!,
      0,
    );
  }
  yield counterSeries(plan, { __name__: 'http_request_duration_seconds_sum', job: JOB, service: SERVICE }, sum, 6);
  yield counterSeries(
    plan,
    { __name__: 'http_request_duration_seconds_count', job: JOB, service: SERVICE },
    buckets[bounds.length - 1]!.slice(),
    0,
  );
}
