/**
 * Issue #16 item 2, acceptance: a real Alertmanager delivering the awkward alerts of the hostile
 * cases (a U+0000 in a label value, a lone surrogate in an annotation, an alert that started long
 * ago) to the webhook receiver: every delivery is stored or quarantined, and Alertmanager's
 * `alertmanager_notifications_failed_total{integration="webhook"}` stays 0.
 */
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { ALERTMANAGER_HINT, ALERTMANAGER_NAMES, needBinary } from '../../../test-support/requirements.js';
import { NotificationLedger, pgliteDatabase, startWebhookReceiver } from '../../src/ledger/index.js';
import { AlertmanagerProcess } from '../../src/runtime/alertmanager-process.js';

const alertmanager = needBinary('local', ALERTMANAGER_NAMES, ALERTMANAGER_HINT);
if (!alertmanager.ok) console.log(`skipping the Alertmanager delivery test: ${alertmanager.reason}`);

const webhookSum = (samples: { name: string; labels: Record<string, string>; value: number }[], name: string) =>
  samples.filter((s) => s.name === name && s.labels.integration === 'webhook').reduce((a, s) => a + s.value, 0);

describe.skipIf(!alertmanager.ok)('Alertmanager → webhook receiver', () => {
  it('stores or quarantines every delivery; notifications_failed_total stays 0', async () => {
    const lite = new PGlite();
    const ledger = new NotificationLedger(pgliteDatabase(lite), { schema: `ledger_am_${process.pid}` });
    try {
      await ledger.migrate();
      await using receiver = await startWebhookReceiver({ ledger });
      const config = [
        'route:',
        '  receiver: hook',
        '  group_by: [alertname, case]',
        '  group_wait: 100ms',
        '  group_interval: 1s',
        '  repeat_interval: 1h',
        'receivers:',
        '  - name: hook',
        '    webhook_configs:',
        `      - url: ${JSON.stringify(receiver.webhookUrl)}`,
        '        send_resolved: true',
        '',
      ].join('\n');
      await using am = await new AlertmanagerProcess({ binary: alertmanager.value }).withConfig(config).start();
      const now = Date.now();
      await am.client.postAlerts([
        { labels: { alertname: 'Hostile', case: 'nul', job: 'a\u0000b' } },
        { labels: { alertname: 'Hostile', case: 'surrogate' }, annotations: { summary: 'x\ud800y' } },
        { labels: { alertname: 'Hostile', case: 'old' }, startsAt: '1970-01-01T00:00:01Z' },
        { labels: { alertname: 'Hostile', case: 'plain' }, annotations: { summary: 'ok' } },
        {
          labels: { alertname: 'Hostile', case: 'resolved' },
          startsAt: new Date(now - 60_000).toISOString(),
          endsAt: new Date(now - 1000).toISOString(),
        },
      ]);
      let sent = 0;
      let failed = 0;
      let kept = 0;
      for (const t0 = Date.now(); Date.now() - t0 < 20_000; ) {
        const metrics = await am.client.metrics();
        sent = webhookSum(metrics, 'alertmanager_notifications_total');
        failed = webhookSum(metrics, 'alertmanager_notifications_failed_total');
        kept = (await ledger.deliveryCount()) + (await ledger.quarantineCounts()).accepted;
        if (sent >= 4 && kept === sent) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      console.log(
        `alertmanager: ${sent} webhook notifications, ${failed} failed; ledger: ${await ledger.deliveryCount()} deliveries, ` +
          `${(await ledger.quarantineCounts()).accepted} quarantined (2xx), answers ${JSON.stringify(receiver.answered)}`,
      );
      // Alertmanager does not notify for an alert that is already resolved when it arrives: 4 groups.
      expect(sent).toBeGreaterThanOrEqual(4);
      expect(failed).toBe(0);
      expect(kept).toBe(sent);
      const rows = await ledger.notifications();
      const quarantined = await ledger.quarantined();
      const stored = new Set(rows.map((r) => r.groupLabels.case));
      // Typed rows for what Postgres can hold; the U+0000 label value, which it cannot, byte for byte in quarantine.
      expect([...stored].sort()).toEqual(['old', 'plain', 'surrogate']);
      expect(quarantined.map((q) => JSON.parse(q.body.toString('utf8')).groupLabels.case)).toEqual(['nul']);
      expect(quarantined[0]!.body.toString('utf8')).toContain('a\\u0000b');
    } finally {
      await ledger.drop().catch(() => undefined);
      await lite.close();
    }
  });
});
