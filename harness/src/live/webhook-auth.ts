/**
 * The webhook's bearer token in the Alertmanager configuration live mode writes: every
 * `webhook_configs` entry that posts to the run's webhook gets `http_config.authorization`
 * (Alertmanager ≥ 0.22; checked with `amtool check-config` against Debian's 0.25). Pure: the
 * configuration is copied, not changed.
 */
import type { AlertmanagerConfig } from '@alertcraft/rule-dsl';

export function withWebhookAuthorization(
  config: AlertmanagerConfig,
  webhookBaseUrl: string,
  token: string,
): AlertmanagerConfig {
  return {
    ...config,
    receivers: (config.receivers ?? []).map((r) =>
      r.webhook_configs
        ? {
            ...r,
            webhook_configs: r.webhook_configs.map((w) =>
              w.url?.startsWith(webhookBaseUrl)
                ? { ...w, http_config: { ...w.http_config, authorization: { type: 'Bearer', credentials: token } } }
                : w,
            ),
          }
        : r,
    ),
  };
}
