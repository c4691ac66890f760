/** The Prometheus configuration of a live run: scrape the exporter every second, alert to the Alertmanager. */
import { stringify } from 'yaml';
import { formatDuration } from '@alertcraft/rule-dsl';

export const LIVE_SCRAPE_INTERVAL_MS = 1000;

export function livePrometheusConfig(o: {
  exporterTarget: string;
  alertmanagerTarget: string;
  evaluationIntervalMs: number;
  ruleFile: string;
}): string {
  return stringify({
    global: {
      scrape_interval: formatDuration(LIVE_SCRAPE_INTERVAL_MS),
      scrape_timeout: formatDuration(LIVE_SCRAPE_INTERVAL_MS),
      evaluation_interval: formatDuration(o.evaluationIntervalMs),
    },
    rule_files: [o.ruleFile],
    alerting: { alertmanagers: [{ static_configs: [{ targets: [o.alertmanagerTarget] }] }] },
    scrape_configs: [
      {
        job_name: 'alertcraft-live',
        // The scenario's series carry their own `job` (and `instance`) labels: keep them.
        honor_labels: true,
        static_configs: [{ targets: [o.exporterTarget] }],
      },
    ],
  });
}
