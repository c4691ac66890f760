/**
 * A noise timeline from Prometheus' history of its alerts through the HTTP API: range queries of
 * `ALERTS` and `ALERTS_FOR_STATE` (optionally narrowed by label matchers), converted by
 * alert-noise's `timelineFromAlertsSeries`. Works against any server speaking the API
 * (Prometheus, Thanos, Mimir, VictoriaMetrics) that keeps those series.
 */
import { timelineFromAlertsSeries, type NoiseTimeline } from '@alertcraft/alert-noise';
import type { PrometheusClient } from '../clients/prometheus-client.js';
import { TimelineReadError } from './errors.js';

export interface PrometheusTimelineOptions {
  start: number;
  end: number;
  /** Query step, ms: the rules' evaluation interval or finer (default 60 s). */
  stepMs?: number;
  /** Extra matchers inside the braces, e.g. `alertname=~"Maestro.*"`. */
  matchers?: string;
}

export async function readPrometheusTimeline(
  client: PrometheusClient,
  options: PrometheusTimelineOptions,
): Promise<NoiseTimeline> {
  const stepMs = options.stepMs ?? 60_000;
  if (!(options.end > options.start))
    throw new TimelineReadError('timelines/bad-range', `end (${options.end}) must be after start (${options.start})`);
  if (!(stepMs > 0)) throw new TimelineReadError('timelines/bad-range', `step must be positive, got ${stepMs} ms`);
  if ((options.end - options.start) / stepMs > 11_000)
    throw new TimelineReadError(
      'timelines/bad-range',
      `${Math.ceil((options.end - options.start) / stepMs)} steps exceed Prometheus' 11,000 per query: use a larger step or a shorter range`,
    );
  const sel = options.matchers ? `{${options.matchers}}` : '';
  const [alerts, forState] = await Promise.all([
    client.queryRange(`ALERTS${sel}`, options.start, options.end, stepMs),
    client.queryRange(`ALERTS_FOR_STATE${sel}`, options.start, options.end, stepMs),
  ]);
  return {
    source: 'prometheus',
    window: { start: options.start, end: options.end },
    alerts: timelineFromAlertsSeries(alerts, forState, { stepMs, endMs: options.end }),
    evalIntervalMs: stepMs,
  };
}
