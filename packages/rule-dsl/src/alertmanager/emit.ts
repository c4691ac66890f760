import { stableYaml } from '../emit/rule-file.js';
import type { AlertmanagerConfig, Receiver, Route } from './config.js';

/** Keys in `order` first (when present), then the rest sorted. */
function ordered(obj: Record<string, unknown>, order: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of order) if (obj[k] !== undefined) out[k] = obj[k];
  for (const k of Object.keys(obj).sort()) if (!(k in out) && obj[k] !== undefined) out[k] = obj[k];
  return out;
}

const ROUTE_ORDER = [
  'receiver',
  'group_by',
  'continue',
  'matchers',
  'match',
  'match_re',
  'group_wait',
  'group_interval',
  'repeat_interval',
  'mute_time_intervals',
  'active_time_intervals',
  'routes',
];

function orderRoute(r: Route): Record<string, unknown> {
  const o = ordered(r as Record<string, unknown>, ROUTE_ORDER);
  if (r.routes) o.routes = r.routes.map(orderRoute);
  return o;
}

function orderReceiver(r: Receiver): Record<string, unknown> {
  const o = ordered(r, ['name']);
  for (const [k, v] of Object.entries(o)) {
    if (Array.isArray(v))
      o[k] = v.map((c) =>
        c && typeof c === 'object'
          ? ordered(c as Record<string, unknown>, [
              'send_resolved',
              'url',
              'routing_key',
              'service_key',
              'api_url',
              'channel',
              'to',
            ])
          : c,
      );
  }
  return o;
}

/** The config as plain data in a stable key order (what `emitAlertmanagerConfig` stringifies). */
export function orderedAlertmanagerConfig(config: AlertmanagerConfig): Record<string, unknown> {
  const o = ordered(config as unknown as Record<string, unknown>, [
    'global',
    'templates',
    'route',
    'receivers',
    'inhibit_rules',
    'time_intervals',
    'mute_time_intervals',
  ]);
  if (config.global) o.global = ordered(config.global, []);
  o.route = orderRoute(config.route);
  o.receivers = config.receivers.map(orderReceiver);
  if (config.inhibit_rules)
    o.inhibit_rules = config.inhibit_rules.map((r) =>
      ordered(r as Record<string, unknown>, ['source_matchers', 'target_matchers', 'equal']),
    );
  return o;
}

/** alertmanager.yml text for the config; byte-stable. */
export function emitAlertmanagerConfig(config: AlertmanagerConfig): string {
  return stableYaml(orderedAlertmanagerConfig(config));
}
