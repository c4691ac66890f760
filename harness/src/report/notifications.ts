/**
 * Notifications per receiver for a recorded run: its firing alerts through the Alertmanager
 * simulator (`simulateAlertmanager`, as `alertcraft am simulate` and noise re-simulation use)
 * under the pack phase's Alertmanager configuration, over the run window.
 */
import { alertsFromTimeline, simulateAlertmanager } from '@alertcraft/alert-noise';
import type { AlertmanagerConfig } from '@alertcraft/rule-dsl';
import { fromRfc3339, timelineOf } from '../result/build.js';
import type { ResultRun } from '../result/types.js';

export interface RunNotifications {
  pack: string;
  phase: string;
  scenario: string;
  runtime: string;
  seed: number | string;
  /** Notifications sent per receiver name, receivers sorted. */
  perReceiver: Record<string, number>;
  total: number;
  perDay: number;
}

export function notificationsOfRun(run: ResultRun, config: AlertmanagerConfig): RunNotifications {
  const window = { start: fromRfc3339(run.window.start), end: fromRfc3339(run.window.end) };
  const sim = simulateAlertmanager(config, alertsFromTimeline(timelineOf(run)), window);
  const counts: Record<string, number> = {};
  for (const n of sim.notifications) counts[n.receiver] = (counts[n.receiver] ?? 0) + 1;
  return {
    pack: run.pack,
    phase: run.phase,
    scenario: run.scenario,
    runtime: run.runtime,
    seed: run.seed,
    perReceiver: Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1))),
    total: sim.notifications.length,
    perDay: sim.notifications.length / (Math.max(1, window.end - window.start) / 86_400_000),
  };
}

/** The entry for `run` among `list` (same pack, phase, scenario, runtime and seed). */
export function notificationsFor(list: readonly RunNotifications[], run: ResultRun): RunNotifications | undefined {
  return list.find(
    (n) =>
      n.pack === run.pack &&
      n.phase === run.phase &&
      n.scenario === run.scenario &&
      n.runtime === run.runtime &&
      n.seed === run.seed,
  );
}
