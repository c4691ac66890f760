/**
 * The maintenance silences of a run: posted (v2 API) when the scenario clock reaches each
 * window, the alerts Alertmanager reports as silenced by them collected while active, and their
 * state checked after their end (`expired` expected).
 */
import { compareLabels, labelsKey, type Labels } from '@alertcraft/promql';
import type { AlertmanagerClient, GettableAlert } from '../clients/alertmanager-client.js';
import type { LedgerNotification } from '../ledger/ledger.js';
import type { PackSilence } from '../../packs/types.js';
import type { LiveClock } from './clock.js';
import type { LiveSilenceResult, LiveWindow } from './types.js';

type Tracked = LiveSilenceResult & {
  wallStart: number;
  wallEnd: number;
  seen: Map<string, { alertname: string; labels: Labels }>;
};

export class SilenceTracker {
  private readonly pending: LiveWindow[];
  private readonly posted: Tracked[] = [];

  constructor(
    private readonly client: AlertmanagerClient,
    private readonly clock: LiveClock,
    private readonly spec: PackSilence | undefined,
    maintenance: readonly LiveWindow[],
    private readonly speedup: number,
    private readonly log: (line: string) => void,
  ) {
    this.pending = spec ? [...maintenance] : [];
  }

  /** Posts the silences whose window started. */
  async postDue(): Promise<void> {
    const spec = this.spec;
    while (spec && this.pending.length && this.clock.scenarioAt() >= this.pending[0]!.start) {
      const m = this.pending.shift()!;
      const wallStart = this.clock.wallAt(m.start);
      const wallEnd = this.clock.wallAt(m.end);
      const from = Math.max(wallStart, this.clock.now() - 1000);
      const payload = spec.build({
        now: Math.max(Math.round(wallStart), this.clock.now() - 1000),
        durationMinutes: (wallEnd - from) / 60_000,
        comment: `alertcraft live: maintenance window ${new Date(m.start).toISOString()} – ${new Date(m.end).toISOString()} (scenario time, ${this.speedup}× compressed)`,
      });
      const id = await this.client.postSilence(payload);
      this.log(`live: silence '${spec.name}' ${id} posted for ${payload.startsAt} – ${payload.endsAt}`);
      this.posted.push({
        name: spec.name,
        id,
        window: m,
        startsAt: payload.startsAt,
        endsAt: payload.endsAt,
        suppressed: [],
        notificationsDuringSilence: 0,
        wallStart: Date.parse(payload.startsAt),
        wallEnd: Date.parse(payload.endsAt),
        seen: new Map(),
      });
    }
  }

  /** Whether a silence's end passed without `expired` seen yet (checked every tick, so seen on time). */
  expiryDue(): boolean {
    const now = this.clock.now();
    return this.posted.some((s) => s.stateAfterEnd !== 'expired' && now >= s.wallEnd);
  }

  /** Every window posted and every silence seen expired (or 10 s past its end). */
  settled(): boolean {
    const now = this.clock.now();
    return !this.pending.length && this.posted.every((s) => s.stateAfterEnd === 'expired' || now > s.wallEnd + 10_000);
  }

  async poll(): Promise<void> {
    const now = this.clock.now();
    const active = this.posted.filter((s) => now >= s.wallStart && now < s.wallEnd);
    if (active.length) {
      const alerts: GettableAlert[] = await this.client.getAlerts().catch(() => []);
      for (const s of active)
        for (const a of alerts)
          if (a.status.silencedBy.includes(s.id))
            s.seen.set(labelsKey(a.labels), { alertname: a.labels.alertname ?? '', labels: a.labels });
    }
    for (const s of this.posted) {
      if (s.stateAfterEnd === 'expired' || now < s.wallEnd) continue;
      try {
        const got = await this.client.getSilence(s.id);
        s.stateAfterEnd = got.status.state;
        if (got.status.state === 'expired') s.expiredObservedAfterMs = now - s.wallEnd;
      } catch (err) {
        this.log(`live: GET silence ${s.id} failed: ${(err as Error).message}`);
      }
    }
  }

  /**
   * The results, with the notifications the ledger received while each silence was active (a
   * small grace at its start for a notification already in flight when it was posted).
   */
  results(notifications: readonly LedgerNotification[]): LiveSilenceResult[] {
    return this.posted.map(({ wallStart, wallEnd, seen, ...rest }) => ({
      ...rest,
      notificationsDuringSilence: notifications.filter((n) => {
        const t = n.firstReceivedAt.getTime();
        return t >= wallStart + 500 && t < wallEnd;
      }).length,
      suppressed: [...seen.values()].sort((a, b) => compareLabels(a.labels, b.labels)),
    }));
  }
}
