// Which notifications Alertmanager sends for a short incident: a critical alert inhibits its
// warning twin, and the pager gets the firing and the resolved notification.
import { simulateAlertmanager } from '@alertcraft/alert-noise';
import type { AlertmanagerConfig } from '@alertcraft/rule-dsl';

const MIN = 60_000;
const t0 = Date.UTC(2026, 0, 5, 9); // a Monday, 09:00 UTC

export function pagerTimeline(): string[] {
  const config: AlertmanagerConfig = {
    route: {
      receiver: 'chat',
      group_by: ['alertname', 'tenant'],
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: '4h',
      routes: [{ matchers: ['severity="critical"'], receiver: 'pager' }],
    },
    receivers: [
      { name: 'chat', slack_configs: [{ api_url: 'https://hooks.slack.example/x', channel: '#alerts' }] },
      { name: 'pager', webhook_configs: [{ url: 'https://pager.example/hook', send_resolved: true }] },
    ],
    inhibit_rules: [
      { source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'], equal: ['tenant'] },
    ],
  };
  const { notifications } = simulateAlertmanager(config, [
    {
      labels: { alertname: 'CheckoutErrors', severity: 'critical', tenant: 'vip-1' },
      startsAt: t0,
      endsAt: t0 + 12 * MIN,
    },
    {
      labels: { alertname: 'CheckoutErrors', severity: 'warning', tenant: 'vip-1' },
      startsAt: t0,
      endsAt: t0 + 12 * MIN,
    },
  ]);
  return notifications.map(
    (n) => `+${(n.at - t0) / 1000}s ${n.receiver} ${n.alerts.map((a) => `${a.labels.severity}:${a.status}`).join(',')}`,
  );
}

console.log(pagerTimeline());
