/**
 * Backtest over real history: the series a phase's rules read are pulled from a Prometheus-API
 * server (`pullSeries`) into the embedded engine, which evaluates the rules at the pack's
 * evaluation interval over the window and runs the alert state machine. What is pulled is what
 * a replay of the same data would hold, so the timeline equals the embedded replay's.
 */
import type { TimelineAlert } from '@alertcraft/promql';
import { parseDuration, type RuleFile } from '@alertcraft/rule-dsl';
import type { AnySeedPack } from '../../packs/types.js';
import type { PrometheusClient } from '../clients/prometheus-client.js';
import { ruleReads } from '../replay/series-filter.js';
import { startRuntime } from '../runtime/start-runtime.js';
import type { RuntimeWarning } from '../runtime/types.js';
import { pullSeries, type PullProgress, type PulledSeries } from './pull-series.js';

export interface HistoryBacktestResult {
  alerts: TimelineAlert[];
  warnings: RuntimeWarning[];
  series: number;
  samples: number;
}

/** Metric names the rules (and extra expressions) read, or an error naming why it cannot tell. */
export function metricsRead(rules: RuleFile, extra: readonly string[] = []): { names: string[]; lookbehindMs: number } {
  const reads = ruleReads(rules.groups, extra);
  if (!reads.names)
    throw new Error(
      'the rules select series without naming their metric (e.g. a regex on __name__): cannot tell which series to pull',
    );
  return { names: [...reads.names].sort(), lookbehindMs: reads.lookbehindMs };
}

export async function pullForRules(
  client: PrometheusClient,
  rules: RuleFile,
  window: { start: number; end: number },
  opts: { chunkMs?: number; extraExprs?: readonly string[]; onProgress?: (p: PullProgress) => void } = {},
): Promise<PulledSeries[]> {
  const { names, lookbehindMs } = metricsRead(rules, opts.extraExprs);
  return pullSeries(client, {
    metrics: names,
    start: window.start - Math.min(lookbehindMs, 7 * 86_400_000),
    end: window.end,
    chunkMs: opts.chunkMs,
    onProgress: opts.onProgress,
  });
}

export function evalIntervalOf(pack: AnySeedPack): number {
  return pack.rules.evaluationInterval ? parseDuration(pack.rules.evaluationInterval) : 60_000;
}

/** Evaluate `rules` over `series` in the embedded engine, from `start` to `end` (inclusive). */
export async function backtestSeries(
  pack: AnySeedPack,
  rules: RuleFile,
  series: readonly PulledSeries[],
  window: { start: number; end: number },
): Promise<HistoryBacktestResult> {
  const runtime = await startRuntime('embedded');
  try {
    const result = await runtime.backtest({
      series,
      rules: rules.groups,
      start: window.start,
      end: window.end,
      evalIntervalMs: evalIntervalOf(pack),
    });
    let samples = 0;
    for (const s of series) samples += s.timestamps.length;
    return { alerts: result.alerts, warnings: result.warnings, series: series.length, samples };
  } finally {
    await runtime.stop();
  }
}
