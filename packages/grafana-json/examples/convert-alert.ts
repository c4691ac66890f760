// One Grafana-managed rule written in each of Grafana's three shapes, and read back into the model.
import {
  dataQuery,
  readAlertDocument,
  reduce,
  threshold,
  writeAlertDocument,
  type GrafanaAlertRuleGroup,
} from '@alertcraft/grafana-json';

export const group: GrafanaAlertRuleGroup = {
  name: 'checkout',
  folderUid: 'launch',
  folderTitle: 'Launch',
  orgId: 1,
  intervalSeconds: 60,
  rules: [
    {
      uid: 'checkout-errors',
      title: 'Checkout error ratio above 5%',
      condition: 'C',
      data: [
        dataQuery(
          'A',
          { type: 'prometheus', uid: 'prom' },
          { expr: 'sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))' },
        ),
        reduce('B', 'A', 'last'),
        threshold('C', 'B', { type: 'gt', params: [0.05] }),
      ],
      forSeconds: 300,
      noDataState: 'NoData',
      execErrState: 'Error',
      isPaused: false,
      labels: { severity: 'page' },
    },
  ],
};

/** The ruler body, read back with the folder its URL names: the same model. */
export function rulerRoundTrip(): GrafanaAlertRuleGroup[] {
  const body = writeAlertDocument([group], 'ruler');
  return readAlertDocument(body, 'ruler', { folderUid: 'launch', folderTitle: 'Launch', orgId: 1 });
}

export const shapes = {
  api: writeAlertDocument([group], 'provisioning-api'),
  file: writeAlertDocument([group], 'file'),
  ruler: writeAlertDocument([group], 'ruler'),
};
