/**
 * The webhook body Alertmanager posts for one `ApiDown` alert (page severity, receiver `pager`,
 * started 2026-03-01T10:00:00Z), firing or resolved: the ledger fixture of the timeline-reader and
 * `noise --ledger` tests. `endsAt` is Alertmanager's `0001-01-01T00:00:00Z` while it fires.
 */
export const apiDownWebhookBody = (status: 'firing' | 'resolved', endsAt: string) => ({
  version: '4',
  groupKey: '{}:{alertname="ApiDown"}',
  truncatedAlerts: 0,
  status,
  receiver: 'pager',
  groupLabels: { alertname: 'ApiDown' },
  commonLabels: {},
  commonAnnotations: {},
  externalURL: 'http://am',
  alerts: [
    {
      status,
      labels: { alertname: 'ApiDown', service: 'api', severity: 'page' },
      annotations: { summary: 'API down' },
      startsAt: '2026-03-01T10:00:00Z',
      endsAt,
      generatorURL: '',
      fingerprint: 'f00d',
    },
  ],
});
