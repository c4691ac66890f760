/**
 * The alerts Prometheus reports during a run (`/api/v1/alerts`, polled each second), as
 * instances: one per labels and `activeAt` (the same labels active again are a new instance),
 * with the scenario times they were first seen firing and no longer seen. Pure: polls are inputs.
 */
import { compareLabels, labelsKey, type Labels } from '@alertcraft/promql';
import type { LiveClock } from './clock.js';
import type { LiveAlertSeen } from './types.js';

export interface PolledAlert {
  labels: Labels;
  state: string;
  activeAt?: string;
}

export class AlertTracker {
  private readonly seen = new Map<string, LiveAlertSeen>();
  /** Alerts firing at the last poll. */
  firing = 0;

  constructor(private readonly clock: LiveClock) {}

  /** One poll's list, taken at wall time `wallMs`. */
  observe(list: readonly PolledAlert[], wallMs: number): void {
    const at = this.clock.scenarioAt(wallMs);
    this.firing = 0;
    const present = new Set<string>();
    for (const a of list) {
      if (a.state !== 'pending' && a.state !== 'firing') continue;
      if (a.state === 'firing') this.firing++;
      const key = `${labelsKey(a.labels)}@${a.activeAt ?? ''}`;
      present.add(key);
      let s = this.seen.get(key);
      if (!s) {
        const activeAt = a.activeAt ? this.clock.scenarioAt(Date.parse(a.activeAt)) : at;
        this.seen.set(
          key,
          (s = { alertname: a.labels.alertname ?? '', labels: a.labels, activeAt, lastSeenAt: at, state: a.state }),
        );
      }
      s.lastSeenAt = at;
      s.state = a.state;
      if (a.state === 'firing' && s.firingSeenAt === undefined) s.firingSeenAt = at;
    }
    for (const [key, s] of this.seen) if (!present.has(key) && s.resolvedSeenAt === undefined) s.resolvedSeenAt = at;
  }

  /** Every instance, by activeAt, alertname, labels. */
  alerts(): LiveAlertSeen[] {
    return [...this.seen.values()].sort(
      (a, b) => a.activeAt - b.activeAt || a.alertname.localeCompare(b.alertname) || compareLabels(a.labels, b.labels),
    );
  }
}
