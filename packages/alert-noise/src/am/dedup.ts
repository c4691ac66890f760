/**
 * The notification log entry of one group and integration, and the dedup decision of Alertmanager
 * v0.27 `notify.DedupStage.needsUpdate`.
 */

export interface LogEntry {
  /** Fingerprints of the firing alerts last notified. */
  firing: ReadonlySet<string>;
  resolved: ReadonlySet<string>;
  /** Unix ms of that notification. */
  at: number;
}

const subset = (a: ReadonlySet<string>, b: ReadonlySet<string>) => [...a].every((x) => b.has(x));

/**
 * Whether a flush at `now` sends: with no entry, when something fires; when a firing alert was
 * not in the last notification; when all alerts resolved and the last one had firing alerts
 * (whatever `send_resolved`, to clear the log); when `send_resolved` and resolved alerts are new;
 * else when `repeat_interval` has passed since the last notification.
 */
export function needsUpdate(
  entry: LogEntry | undefined,
  firing: ReadonlySet<string>,
  resolved: ReadonlySet<string>,
  repeatMs: number,
  sendResolved: boolean,
  now: number,
): boolean {
  if (!entry) return firing.size > 0;
  if (!subset(firing, entry.firing)) return true;
  if (firing.size === 0) return entry.firing.size > 0;
  if (sendResolved && !subset(resolved, entry.resolved)) return true;
  return entry.at < now - repeatMs;
}
