/**
 * The input every noise measure reads: one alert timeline over a window, whatever produced it. A
 * replay result (`harness`), the Postgres notification ledger and Prometheus' `ALERTS` /
 * `ALERTS_FOR_STATE` history through the HTTP API are all read into this one shape by their
 * readers; the measures never know which it was.
 */
import type { Labels, TimelineAlert } from '@alertcraft/promql';
import type { GroundTruthIncident, TimeWindow } from './kpi/types.js';

/** Where a timeline was read from. */
export type TimelineSource = 'replay' | 'ledger' | 'prometheus';

/** A notification as sent (or as the Alertmanager simulator says it would be sent). */
export interface TimelineNotification {
  /** Unix ms. */
  at: number;
  receiver: string;
  status: 'firing' | 'resolved';
  /** Label sets of the alerts in the notification. */
  alerts: readonly Labels[];
}

export interface NoiseTimeline {
  source: TimelineSource;
  /** The range the timeline covers; measures count alerts that fired inside it. */
  window: TimeWindow;
  /** Alert instances (`{ alertname, labels, state, activeAt, firedAt?, resolvedAt? }`), any order. */
  alerts: readonly TimelineAlert[];
  /** Ground truth, when known (a replay always knows it; a ledger or Prometheus history may not). */
  incidents?: readonly GroundTruthIncident[];
  /** Notifications per receiver, when known (ledger rows, or a simulation of the pack's routing). */
  notifications?: readonly TimelineNotification[];
  /** The pack and phase whose rules produced the alerts: select which ground-truth expectations apply. */
  pack?: string;
  phase?: string;
  /** Rule evaluation interval, ms (the check interval of Nagios' flap detector); default 60 s. */
  evalIntervalMs?: number;
}
