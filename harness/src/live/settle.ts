/**
 * Settling after the window: wait (up to `settleTimeoutMs`) until the ledger holds every
 * notification Alertmanager counts as sent, `Σ alertmanager_notifications_total{integration="webhook"}`
 * minus `Σ alertmanager_notifications_failed_total{integration="webhook"}` (every series with
 * `integration="webhook"` is summed, so labels a newer version adds, such as a failure `reason`,
 * do not change the figure), seen equal on two polls in a row.
 */
import type { Labels } from '@alertcraft/promql';
import { abortCheck } from './observe.js';
import { sleep } from './sleep.js';
import type { LiveStack } from './stack.js';
import type { LiveNotificationCounts, LiveProgress } from './types.js';

function webhookSum(samples: { name: string; labels: Labels; value: number }[], name: string): number {
  return samples.filter((s) => s.name === name && s.labels.integration === 'webhook').reduce((a, s) => a + s.value, 0);
}

export async function settleNotifications(
  stack: LiveStack,
  opts: { settleTimeoutMs?: number; signal?: AbortSignal },
  check: (poll: boolean) => Promise<void>,
  progress: (stage: LiveProgress['stage'], message?: string) => Promise<void>,
): Promise<{ counts: LiveNotificationCounts; settleMs: number }> {
  const t0 = performance.now();
  const deadline = t0 + (opts.settleTimeoutMs ?? 10_000);
  let equalPolls = 0;
  for (;;) {
    abortCheck(opts.signal);
    await check(true);
    const metrics = await stack.alertmanager.client.metrics();
    const sent = webhookSum(metrics, 'alertmanager_notifications_total');
    const failed = webhookSum(metrics, 'alertmanager_notifications_failed_total');
    const deliveries = await stack.ledger.deliveryCount();
    const quarantine = await stack.ledger.quarantineCounts();
    const rows = (await stack.ledger.notifications()).length;
    // A quarantined body answered 2xx is a delivery Alertmanager counts as sent.
    const counts: LiveNotificationCounts = {
      ledgerRows: rows,
      ledgerDeliveries: deliveries,
      alertmanagerNotifications: sent,
      alertmanagerFailed: failed,
      equal: deliveries + quarantine.accepted === sent - failed,
      webhookAnswers: { ...stack.receiver.answered },
      quarantined: quarantine.accepted + quarantine.rejected,
    };
    equalPolls = counts.equal ? equalPolls + 1 : 0;
    if (equalPolls >= 2 || performance.now() > deadline) return { counts, settleMs: performance.now() - t0 };
    await progress('settling', `ledger ${deliveries} deliveries, alertmanager ${sent - failed} sent`);
    await sleep(500, opts.signal);
  }
}
