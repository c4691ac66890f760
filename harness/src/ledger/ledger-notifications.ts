/**
 * The ledger's deliveries as notifications comparable with the simulator's
 * (`@alertcraft/alert-noise` `compareNotifications`): one per webhook delivery, at the time it
 * was received, with the alerts (labels and status) Alertmanager put in it.
 */
import type { ComparableNotification } from '@alertcraft/alert-noise';
import type { LedgerDelivery } from './ledger.js';

export function notificationsFromDeliveries(deliveries: readonly LedgerDelivery[]): ComparableNotification[] {
  return deliveries.map((d) => ({
    at: d.receivedAt.getTime(),
    receiver: d.payload.receiver,
    groupKey: d.payload.groupKey,
    alerts: d.payload.alerts.map((a) => ({ labels: a.labels, status: a.status })),
  }));
}
