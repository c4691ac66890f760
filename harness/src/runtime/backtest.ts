/**
 * The backtest path shared by the `local` and `testcontainers` runtimes:
 *
 * 1. scenario series → OpenMetrics, one file per 2 h block range → TSDB blocks
 *    (`promtool tsdb create-blocks-from openmetrics`, one pass per file, files in parallel);
 * 2. Prometheus started on the blocks; every rule of the current stage evaluated with `query_range`
 *    at its group's evaluation timestamps (`start + k × interval`, minus the group's query_offset);
 * 3. recording-rule outputs (labels as Prometheus records them) written as OpenMetrics, turned into
 *    blocks next to the scenario's, and Prometheus restarted on them for the next stage (rules that
 *    read recorded series); as many stages as the longest chain of recording rules;
 * 4. the alert state machine run over each alerting rule's per-evaluation vectors.
 *
 * Semantics vs a live Prometheus (documented in the runtime guide and asserted in tests):
 * - a range query evaluates each step exactly as an instant query at that time, so every rule sees
 *   what it would see live at the same evaluation timestamp;
 * - a recording rule read by a later rule of the same evaluation sees the value recorded at that
 *   timestamp, as live; all groups are aligned on `start` (live groups have hash-based offsets);
 * - staleness markers cannot be backfilled: a recorded series that disappears stays visible to
 *   later rules for the lookback delta (live: gone at the next evaluation). Input staleness
 *   markers are dropped likewise. Both are reported as warnings when they occur;
 * - `ALERTS`/`ALERTS_FOR_STATE` are not written, so rules reading them see nothing (warning);
 * - an expression the server rejects (a function newer than Debian's 2.42, say) fails every
 *   evaluation of that rule, as the rule manager would report it (warning), and the run goes on;
 * - Prometheus must not delete the backfilled blocks: retention is 100y (time retention counts
 *   from the newest block, so old scenario dates are kept), and nothing is ever appended live.
 *
 * Why this and not `promtool tsdb create-blocks-from rules`: that command evaluates each recording
 * rule by `query_range` too, but every rule of a file against the same server, so a rule reading
 * another recording rule of the same run sees nothing; the stages here give it the values, and
 * the recorded samples are the ones `samples` returns, at exactly the evaluation timestamps.
 */
import { join } from 'node:path';
import type { Labels, SeriesData, TimelineAlert, VectorSample } from '@alertcraft/promql';
import { compareLabels, createAlertStateMachine, labelsKey, normalizeLabels } from '@alertcraft/promql';
import { ApiError } from '../clients/errors.js';
import type { PrometheusClient } from '../clients/prometheus-client.js';
import { RuntimeError, RuntimeInputError } from './errors.js';
import { writeOpenMetricsBlocks } from '../openmetrics/write-openmetrics.js';
import { backtestPrometheusConfig } from './server-args.js';
import { queryRangeChunked } from './query-range.js';
import { planRules, referencedNames, type PlannedRule } from './rule-plan.js';
import type { BacktestInput, BacktestResult, RuleSamples, RuntimeWarning } from './types.js';

export const DEFAULT_EVAL_INTERVAL_MS = 60_000;

/** A Prometheus serving the blocks built so far. */
export interface BacktestServer {
  client: PrometheusClient;
  stop(): Promise<void>;
}

/** What differs between local processes and containers; everything else is shared. */
export interface BacktestBackend {
  /** Host directory for the OpenMetrics files (removed by `dispose`). */
  readonly workDir: string;
  /** Version of the Prometheus serving queries, when known (for messages). */
  readonly serverVersion?: string;
  /** Turn OpenMetrics files (one block range each) into TSDB blocks for the next `serve()`. */
  addOpenMetrics(files: readonly string[]): Promise<void>;
  /**
   * Stop the previous server (if any) and start Prometheus on all blocks built so far, with this
   * configuration (`backtestPrometheusConfig`).
   */
  serve(configYaml: string): Promise<BacktestServer>;
  /** Stop everything and remove temp dirs. Idempotent. */
  dispose(): Promise<void>;
}

export interface BacktestOptions {
  signal?: AbortSignal;
  log?: (line: string) => void;
}

/** Sort order of `BacktestResult.alerts`: activeAt, alertname, labels. */
export function compareTimelineAlerts(a: TimelineAlert, b: TimelineAlert): number {
  if (a.activeAt !== b.activeAt) return a.activeAt - b.activeAt;
  if (a.alertname !== b.alertname) return a.alertname < b.alertname ? -1 : 1;
  return compareLabels(a.labels, b.labels);
}

/** Labels a recording rule writes: `__name__` = record, rule labels set (an empty value removes). */
export function recordedLabels(labels: Labels, record: string, ruleLabels: Record<string, string>): Labels {
  return normalizeLabels({ ...labels, __name__: record, ...ruleLabels });
}

/**
 * Recording output of one rule from its range-query result. Steps at which two result series map
 * to the same labelset are dropped entirely, as Prometheus fails that evaluation.
 */
export function recordSeries(
  result: readonly SeriesData[],
  rule: Pick<PlannedRule, 'name' | 'labels'>,
): { series: SeriesData[]; failedSteps: number } {
  const groups = new Map<string, { labels: Labels; parts: SeriesData[] }>();
  for (const s of result) {
    const labels = recordedLabels(s.labels, rule.name, rule.labels);
    const k = labelsKey(labels);
    const g = groups.get(k);
    if (g) g.parts.push(s);
    else groups.set(k, { labels, parts: [s] });
  }
  const bad = new Set<number>();
  for (const g of groups.values()) {
    if (g.parts.length < 2) continue;
    const seen = new Set<number>();
    for (const p of g.parts) for (const t of p.timestamps) (seen.has(t) ? bad : seen).add(t);
  }
  const series: SeriesData[] = [];
  for (const g of groups.values()) {
    const ts: number[] = [];
    const vs: number[] = [];
    const pts = g.parts
      .flatMap((p) => Array.from(p.timestamps, (t, i) => [t, p.values[i]!] as const))
      .sort((a, b) => a[0] - b[0]);
    for (const [t, v] of pts) {
      if (bad.has(t)) continue;
      ts.push(t);
      vs.push(v);
    }
    if (ts.length) series.push({ labels: g.labels, timestamps: Float64Array.from(ts), values: Float64Array.from(vs) });
  }
  return { series, failedSteps: bad.size };
}

/** Per-step vectors of a range result whose steps are `first + k × step`, k < n. */
export function vectorsByStep(result: readonly SeriesData[], first: number, step: number, n: number): VectorSample[][] {
  const out: VectorSample[][] = Array.from({ length: n }, () => []);
  for (const s of result) {
    for (let i = 0; i < s.timestamps.length; i++) {
      const t = s.timestamps[i]!;
      const k = Math.round((t - first) / step);
      if (k >= 0 && k < n) out[k]!.push({ labels: s.labels, t, v: s.values[i]! });
    }
  }
  return out;
}

/** True when a series is missing at some step between its first and last appearance, or stops before the end. */
function hasGaps(s: SeriesData, first: number, step: number, n: number): boolean {
  const expected = Math.round((s.timestamps[s.timestamps.length - 1]! - s.timestamps[0]!) / step) + 1;
  const last = first + (n - 1) * step;
  return s.timestamps.length !== expected || s.timestamps[s.timestamps.length - 1]! < last;
}

function validate(input: BacktestInput): void {
  if (!Number.isFinite(input.start) || !Number.isFinite(input.end))
    throw new RuntimeInputError('start and end must be finite Unix ms timestamps', 'backtest');
  if (input.end < input.start)
    throw new RuntimeInputError(`end (${input.end}) is before start (${input.start})`, 'backtest');
  if (input.start < 0)
    throw new RuntimeInputError(
      'start must not be before 1970 (TSDB blocks cannot hold negative timestamps)',
      'backtest.start',
    );
  if (input.evalIntervalMs !== undefined && !(input.evalIntervalMs > 0)) {
    throw new RuntimeInputError(
      `evalIntervalMs must be positive, got ${input.evalIntervalMs}`,
      'backtest.evalIntervalMs',
    );
  }
}

/** Run a backtest on a backend (see the module comment). The backend is disposed at the end. */
export async function runBacktest(
  backend: BacktestBackend,
  input: BacktestInput,
  opts: BacktestOptions = {},
): Promise<BacktestResult> {
  const log = opts.log ?? (() => undefined);
  const warnings: RuntimeWarning[] = [];
  const timings: Record<string, number> = {};
  const time = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await f();
    } finally {
      timings[name] = (timings[name] ?? 0) + Math.round(performance.now() - t0);
    }
  };
  let server: BacktestServer | undefined;
  try {
    validate(input);
    const rules = planRules(input.rules, input.evalIntervalMs ?? DEFAULT_EVAL_INTERVAL_MS, warnings);
    for (const r of rules) {
      const { names } = referencedNames(r.expr);
      if (names.has('ALERTS') || names.has('ALERTS_FOR_STATE')) {
        warnings.push({
          code: 'runtime/alerts-series-unsupported',
          path: r.path,
          message: `${r.name} reads ALERTS/ALERTS_FOR_STATE, which the backtest does not write: it sees no such series.`,
        });
      }
    }
    const stats = await time('writeOpenMetrics', () =>
      writeOpenMetricsBlocks(input.series, (b) => join(backend.workDir, `scenario-${b}.om`)),
    );
    log(
      `backtest: wrote ${stats.series} series, ${stats.samples} samples (${(stats.bytes / 1e6).toFixed(1)} MB OpenMetrics in ${stats.files.length} block files)`,
    );
    if (stats.droppedStale) {
      warnings.push({
        code: 'runtime/staleness-markers-dropped',
        message: `${stats.droppedStale} staleness markers in the scenario cannot be backfilled; each series stays visible for the lookback delta after its last sample instead.`,
      });
    }
    if (stats.droppedOutOfOrder) {
      warnings.push({
        code: 'runtime/out-of-order-dropped',
        message: `${stats.droppedOutOfOrder} scenario samples were not after the previous sample of their series and were dropped.`,
      });
    }
    if (stats.files.length) await time('createBlocks', () => backend.addOpenMetrics(stats.files));
    const maxStage = rules.reduce((m, r) => Math.max(m, r.stage), 0);
    const samplesByRule = new Map<PlannedRule, RuleSamples>();
    const alertResults = new Map<PlannedRule, SeriesData[]>();
    const recordedByRule = new Map<PlannedRule, SeriesData[]>();
    const failedAlerts = new Map<PlannedRule, string>();
    for (let stage = 0; stage <= maxStage; stage++) {
      const stageRules = rules.filter((r) => r.stage === stage);
      if (!stageRules.length) continue;
      if (server) await time('serverStop', () => server!.stop());
      server = await time('serverStart', () =>
        backend.serve(backtestPrometheusConfig(input.evalIntervalMs ?? DEFAULT_EVAL_INTERVAL_MS)),
      );
      const stageRecorded: SeriesData[] = [];
      for (const rule of stageRules) {
        if (opts.signal?.aborted)
          throw new RuntimeError('runtime/aborted', `backtest aborted before evaluating ${rule.path} (${rule.name})`, {
            cause: opts.signal.reason,
          });
        const n = Math.floor((input.end - input.start) / rule.intervalMs) + 1;
        const first = input.start - rule.queryOffsetMs;
        let result: SeriesData[];
        try {
          result = await time('queries', () =>
            queryRangeChunked(server!.client, rule.expr, first, first + (n - 1) * rule.intervalMs, rule.intervalMs),
          );
        } catch (err) {
          // Prometheus refused the expression (e.g. a function newer than the server): every
          // evaluation of the rule fails, as the rule manager would report it; the run goes on.
          if (!(err instanceof ApiError) || (err.status !== 400 && err.status !== 422)) throw err;
          warnings.push({
            code: 'runtime/query-rejected',
            path: rule.path,
            message:
              `${rule.name}: Prometheus ${backend.serverVersion ?? ''} rejected the expression: ${err.message}`.replace(
                '  ',
                ' ',
              ),
          });
          if (rule.kind === 'alert') failedAlerts.set(rule, err.message);
          result = [];
        }
        if (rule.kind === 'record') {
          const { series, failedSteps } = recordSeries(result, rule);
          if (failedSteps) {
            warnings.push({
              code: 'runtime/duplicate-labelset',
              path: rule.path,
              message: `${rule.name}: ${failedSteps} evaluations produced the same labelset twice after applying rule labels; Prometheus records nothing for them, nor does the backtest.`,
            });
          }
          recordedByRule.set(rule, series);
          stageRecorded.push(...series);
          if (input.includeSamples)
            samplesByRule.set(rule, {
              group: rule.group,
              index: rule.ruleIndex,
              name: rule.name,
              kind: 'record',
              series,
            });
        } else {
          alertResults.set(rule, result);
          if (input.includeSamples)
            samplesByRule.set(rule, {
              group: rule.group,
              index: rule.ruleIndex,
              name: rule.name,
              kind: 'alert',
              series: result,
            });
        }
      }
      const needed = rules.some((r) => r.stage > stage);
      if (needed && stageRecorded.length) {
        for (const rule of stageRules) {
          const series = recordedByRule.get(rule) ?? [];
          const n = Math.floor((input.end - input.start) / rule.intervalMs) + 1;
          if (series.some((s) => hasGaps(s, input.start - rule.queryOffsetMs, rule.intervalMs, n))) {
            warnings.push({
              code: 'runtime/recorded-staleness',
              path: rule.path,
              message: `${rule.name}: some recorded series disappear during the run; Prometheus would mark them stale at once, the backtest's later rules still see them for the lookback delta.`,
            });
          }
        }
        const recorded = await time('writeOpenMetrics', () =>
          writeOpenMetricsBlocks(stageRecorded, (b) => join(backend.workDir, `recorded-${stage}-${b}.om`)),
        );
        if (recorded.files.length) await time('createBlocks', () => backend.addOpenMetrics(recorded.files));
      }
    }
    const t0 = performance.now();
    const alerts: TimelineAlert[] = [];
    for (const [rule, result] of alertResults) {
      // The embedded engine's state machine (Prometheus rules/alerting.go), fed query_range's per-step vectors.
      const sm = createAlertStateMachine(
        {
          alert: rule.name,
          expr: rule.expr,
          for: rule.forText,
          keep_firing_for: rule.keepFiringForText,
          labels: rule.labels,
          annotations: rule.annotations,
        },
        {
          externalLabels: input.externalLabels,
          externalURL: input.externalURL,
          queryOffsetMs: rule.queryOffsetMs,
          limit: rule.limit,
        },
      );
      const n = Math.floor((input.end - input.start) / rule.intervalMs) + 1;
      const first = input.start - rule.queryOffsetMs;
      const vectors = vectorsByStep(result, first, rule.intervalMs, n);
      let errors = 0;
      let firstError = '';
      for (let k = 0; k < n; k++) {
        const failed = failedAlerts.get(rule);
        const outcome = sm.step(input.start + k * rule.intervalMs, failed ? { error: failed } : vectors[k]!);
        if (outcome.error) {
          errors++;
          firstError ||= outcome.error;
        }
      }
      if (errors && !failedAlerts.has(rule))
        warnings.push({
          code: 'runtime/rule-eval-error',
          path: rule.path,
          message: `${rule.name}: ${errors} evaluations failed as Prometheus would fail them: ${firstError}`,
        });
      alerts.push(...sm.timeline());
    }
    alerts.sort(compareTimelineAlerts);
    timings.alertState = Math.round(performance.now() - t0);
    // In rule order (groups, then rules), whatever stage evaluated them.
    const samples = rules.flatMap((r) => samplesByRule.get(r) ?? []);
    return { alerts, ...(input.includeSamples ? { samples } : {}), warnings, timings };
  } finally {
    if (server) await server.stop().catch(() => undefined);
    await backend.dispose();
  }
}
