/**
 * The embedded runtime: the in-process `@alertcraft/promql` engine and its rule evaluation
 * (`evaluateRuleGroups` over an in-memory storage). Same interface and result shape as the
 * backtest path of `local`/`testcontainers`; no process, no network.
 */
import { createRequire } from 'node:module';
import type { SeriesData, VectorSample } from '@alertcraft/promql';
import { createStorage, evaluateRulesRange, labelsKey, rangeQuery } from '@alertcraft/promql';
import { compareTimelineAlerts, DEFAULT_EVAL_INTERVAL_MS } from './backtest.js';
import { RuntimeInputError } from './errors.js';
import { seriesKey } from '../openmetrics/series-key.js';
import { planRules } from './rule-plan.js';
import type {
  BacktestInput,
  BacktestResult,
  Runtime,
  RuntimeOptions,
  RuntimeVersions,
  RuleSamples,
  RuntimeWarning,
} from './types.js';

function engineVersion(): string {
  try {
    const pkg = createRequire(import.meta.url)('@alertcraft/promql/package.json') as { version?: string };
    return `@alertcraft/promql@${pkg.version ?? 'unknown'}`;
  } catch {
    return '@alertcraft/promql';
  }
}

/** Collects per-evaluation samples into `SeriesData` per label set (typed arrays at the end). */
class SeriesCollector {
  private readonly byKey = new Map<string, { labels: SeriesData['labels']; t: number[]; v: number[] }>();
  add(samples: readonly VectorSample[]): void {
    for (const s of samples) {
      const k = labelsKey(s.labels);
      let e = this.byKey.get(k);
      if (!e) this.byKey.set(k, (e = { labels: s.labels, t: [], v: [] }));
      e.t.push(s.t);
      e.v.push(s.v);
    }
  }
  series(): SeriesData[] {
    return [...this.byKey.values()].map((e) => ({
      labels: e.labels,
      timestamps: Float64Array.from(e.t),
      values: Float64Array.from(e.v),
    }));
  }
}

export class EmbeddedRuntime implements Runtime {
  readonly kind = 'embedded' as const;
  readonly versions: RuntimeVersions = { engine: engineVersion() };

  constructor(private readonly opts: RuntimeOptions = {}) {}

  async backtest(input: BacktestInput): Promise<BacktestResult> {
    const t0 = performance.now();
    const warnings: RuntimeWarning[] = [];
    if (!(input.end >= input.start))
      throw new RuntimeInputError(`end (${input.end}) is before start (${input.start})`, 'backtest');
    const defaultIntervalMs = input.evalIntervalMs ?? DEFAULT_EVAL_INTERVAL_MS;
    // Same validation and warnings (durations, back-references) as the backtest path.
    const planned = planRules(input.rules, defaultIntervalMs, warnings);
    const storage = createStorage();
    let outOfOrder = 0;
    let i = 0;
    for (const s of input.series) {
      seriesKey(s.labels, `series[${i++}]`); // same name/label validation as the OpenMetrics path
      const n = Math.min(s.timestamps.length, s.values.length);
      let sorted = true;
      for (let j = 1; j < n && sorted; j++) sorted = s.timestamps[j]! > s.timestamps[j - 1]!;
      if (sorted) {
        storage.appendSeries(s.labels, s.timestamps.subarray(0, n), s.values.subarray(0, n));
        continue;
      }
      // Same rule as the OpenMetrics path: keep samples strictly after the previous kept one.
      const ts: number[] = [];
      const vs = new Float64Array(n);
      let last = -Infinity;
      for (let j = 0; j < n; j++) {
        if (!(s.timestamps[j]! > last)) {
          outOfOrder++;
          continue;
        }
        last = s.timestamps[j]!;
        vs[ts.length] = s.values[j]!;
        ts.push(last);
      }
      storage.appendSeries(s.labels, ts, vs.subarray(0, ts.length));
    }
    if (outOfOrder)
      warnings.push({
        code: 'runtime/out-of-order-dropped',
        message: `${outOfOrder} scenario samples were not after the previous sample of their series and were dropped.`,
      });
    const tLoad = performance.now();

    // Same query settings as the local server: lookback delta, and the default interval as the
    // step of subqueries without one (Prometheus' global evaluation_interval).
    const queryOptions = { lookbackDeltaMs: this.opts.lookbackDeltaMs, subqueryStepMs: defaultIntervalMs };
    const recorded = new Map<string, SeriesCollector>();
    // One range query per rule (same results as evaluating every rule at every timestamp, which
    // `evaluateRulesRange` falls back to where order would matter): a 14-day replay in seconds.
    const result = evaluateRulesRange(storage, input.rules, {
      start: input.start,
      end: input.end,
      defaultIntervalMs,
      externalLabels: input.externalLabels,
      externalURL: input.externalURL,
      queryOptions,
      onEval: input.includeSamples
        ? (info) => {
            if (info.kind !== 'recording' || info.error) return;
            const k = `${info.group}\u0000${info.ruleIndex}`;
            let c = recorded.get(k);
            if (!c) recorded.set(k, (c = new SeriesCollector()));
            c.add(info.samples);
          }
        : undefined,
    });
    for (const f of result.fallbacks) {
      warnings.push({
        code: 'runtime/per-step-fallback',
        message: `${JSON.stringify(f)}: evaluated per step (slower, same semantics)`,
      });
    }
    // The raw output of each alerting rule at its evaluation timestamps (the value `$value` takes).
    const raw = new Map<string, SeriesData[]>();
    if (input.includeSamples) {
      for (const r of planned) {
        if (r.kind !== 'alert' || raw.has(r.expr)) continue;
        const n = Math.floor((input.end - input.start) / r.intervalMs) + 1;
        const first = input.start - r.queryOffsetMs;
        const v = rangeQuery(storage, r.expr, first, first + (n - 1) * r.intervalMs, r.intervalMs, queryOptions);
        raw.set(r.expr, v.type === 'matrix' ? v.series : []);
      }
    }
    const failures = new Map<string, { n: number; first: string }>();
    for (const e of result.errors) {
      const k = `${e.group}\u0000${e.rule}`;
      const f = failures.get(k);
      if (f) f.n++;
      else failures.set(k, { n: 1, first: e.message });
    }
    for (const [k, f] of failures) {
      const [group, rule] = k.split('\u0000');
      const p = planned.find((r) => r.group === group && r.name === rule);
      warnings.push({
        code: 'runtime/rule-eval-error',
        path: p?.path,
        message: `${rule}: ${f.n} evaluations failed: ${f.first}`,
      });
    }
    let samples: RuleSamples[] | undefined;
    if (input.includeSamples) {
      samples = planned.map((r) => ({
        group: r.group,
        index: r.ruleIndex,
        name: r.name,
        kind: r.kind,
        series:
          (r.kind === 'record' ? recorded.get(`${r.group}\u0000${r.ruleIndex}`)?.series() : raw.get(r.expr)) ?? [],
      }));
    }
    const alerts = [...result.timeline].sort(compareTimelineAlerts);
    const tEnd = performance.now();
    return {
      alerts,
      ...(samples ? { samples } : {}),
      warnings,
      timings: { load: Math.round(tLoad - t0), evaluate: Math.round(tEnd - tLoad) },
    };
  }

  async stop(): Promise<void> {
    // Nothing to stop: everything is in-process and garbage-collected.
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}

export async function startEmbeddedRuntime(opts: RuntimeOptions = {}): Promise<EmbeddedRuntime> {
  return new EmbeddedRuntime(opts);
}
