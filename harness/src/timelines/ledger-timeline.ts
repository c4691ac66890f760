/**
 * A noise timeline from the notification ledger: the alerts Alertmanager notified (one instance
 * per fingerprint and startsAt; Alertmanager knows no pending phase, so `activeAt` = `firedAt` =
 * startsAt; `resolvedAt` = endsAt once a resolved notification carried it) and every delivery
 * as a notification. An empty ledger is an error: there is nothing to measure, and it usually
 * means the wrong database or schema.
 */
import type { NoiseTimeline, TimelineNotification } from '@alertcraft/alert-noise';
import type { TimelineAlert } from '@alertcraft/promql';
import type { LedgerAlert, LedgerDelivery, NotificationLedger } from '../ledger/ledger.js';
import { TimelineReadError } from './errors.js';

/** Ledger rows → a timeline (pure). `window` defaults to the first start … the last event. */
export function timelineFromLedger(
  alerts: readonly LedgerAlert[],
  deliveries: readonly LedgerDelivery[],
  window?: { start: number; end: number },
): NoiseTimeline {
  const timeline: TimelineAlert[] = alerts.map((a) => {
    const { alertname: _name, ...labels } = a.labels;
    const startsAt = a.startsAt.getTime();
    const resolved = a.status === 'resolved' && a.endsAt !== undefined;
    return {
      alertname: a.alertname,
      labels,
      ...(Object.keys(a.annotations).length ? { annotations: a.annotations } : {}),
      state: resolved ? 'inactive' : 'firing',
      activeAt: startsAt,
      firedAt: startsAt,
      ...(resolved ? { resolvedAt: a.endsAt!.getTime() } : {}),
    };
  });
  const notifications: TimelineNotification[] = deliveries.map((d) => ({
    at: d.receivedAt.getTime(),
    receiver: d.payload.receiver,
    status: d.payload.status,
    alerts: d.payload.alerts.map((a) => a.labels),
  }));
  const times = [
    ...timeline.flatMap((a) => [a.activeAt, ...(a.resolvedAt !== undefined ? [a.resolvedAt] : [])]),
    ...notifications.map((n) => n.at),
  ];
  return {
    source: 'ledger',
    window: window ?? { start: Math.min(...times), end: Math.max(...times) },
    alerts: timeline,
    notifications,
  };
}

/** Reads the ledger's alerts and deliveries; throws `timelines/empty-ledger` when it holds none. */
export async function readLedgerTimeline(
  ledger: NotificationLedger,
  options: { window?: { start: number; end: number }; where?: string } = {},
): Promise<NoiseTimeline> {
  const [alerts, deliveries] = await Promise.all([ledger.alerts(), ledger.deliveries()]);
  if (!alerts.length && !deliveries.length) {
    const quarantined = await ledger.quarantineCounts();
    const q = quarantined.accepted + quarantined.rejected;
    throw new TimelineReadError(
      'timelines/empty-ledger',
      `the ledger ${options.where ? `${options.where} ` : ''}(schema ${ledger.schema}) holds no notifications${
        q ? ` (but ${q} quarantined deliveries: see \`alertcraft ledger\` to inspect them)` : ''
      }: check DATABASE_URL and the schema, or that Alertmanager's webhook points at the receiver`,
    );
  }
  return timelineFromLedger(alerts, deliveries, options.window);
}
