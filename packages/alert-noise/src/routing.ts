/**
 * Alertmanager's routing tree, evaluated in-process with the semantics of Alertmanager v0.27
 * `dispatch/route.go`: a route matches when all its matchers (new-style `matchers`, or the
 * deprecated `match`/`match_re`) match; the children are tried in order, the first matching child
 * wins unless it has `continue: true`; a route none of whose children match is the result itself.
 * Options (`receiver`, `group_by`, timings, time intervals) are inherited from the parent unless set.
 * Regex matchers are RE2 and fully anchored, as in Alertmanager.
 */
import { compileMatcher, type CompiledMatcher, type Labels } from '@alertcraft/promql';
import { parseMatcher, type AlertmanagerConfig, type Route } from '@alertcraft/rule-dsl';
import { AlertNoiseError } from './errors.js';

/** The effective options of a matched route (inherited values filled in). */
export interface MatchedRoute {
  receiver: string;
  /** Label names, or `['...']` for all labels. */
  groupBy: string[];
  groupWait: string;
  groupInterval: string;
  repeatInterval: string;
  muteTimeIntervals: string[];
  activeTimeIntervals: string[];
  continue: boolean;
  /** Index path from the root, e.g. `[0, 2]` = `route.routes[0].routes[2]`; `[]` is the root. */
  path: number[];
}

/** Alertmanager's defaults for the root route. */
export const ROUTE_DEFAULTS = { groupWait: '30s', groupInterval: '5m', repeatInterval: '4h' } as const;

function routeMatchers(route: Route, where: string): CompiledMatcher[] {
  const out: CompiledMatcher[] = [];
  for (const [name, value] of Object.entries(route.match ?? {})) out.push(compileMatcher({ name, op: '=', value }));
  for (const [name, value] of Object.entries(route.match_re ?? {})) out.push(compileMatcher({ name, op: '=~', value }));
  for (const text of route.matchers ?? []) {
    const m = parseMatcher(text);
    if (!m) throw new AlertNoiseError('alert-noise/bad-matcher', `${where}.matchers: cannot parse matcher ${JSON.stringify(text)}; expected name="value", name=~"regex", name!="value" or name!~"regex"`);
    out.push(compileMatcher(m));
  }
  return out;
}

function inherit(route: Route, parent: MatchedRoute | undefined, path: number[]): MatchedRoute {
  return {
    receiver: route.receiver ?? parent?.receiver ?? '',
    groupBy: route.group_by ?? parent?.groupBy ?? [],
    groupWait: route.group_wait ?? parent?.groupWait ?? ROUTE_DEFAULTS.groupWait,
    groupInterval: route.group_interval ?? parent?.groupInterval ?? ROUTE_DEFAULTS.groupInterval,
    repeatInterval: route.repeat_interval ?? parent?.repeatInterval ?? ROUTE_DEFAULTS.repeatInterval,
    muteTimeIntervals: route.mute_time_intervals ?? [],
    activeTimeIntervals: route.active_time_intervals ?? [],
    continue: route.continue ?? false,
    path,
  };
}

function matchRoute(route: Route, labels: Labels, parent: MatchedRoute | undefined, path: number[]): MatchedRoute[] {
  const where = path.length ? `route${path.map((i) => `.routes[${i}]`).join('')}` : 'route';
  const lbl = (n: string) => labels[n] ?? '';
  for (const m of routeMatchers(route, where)) if (!m.matches(lbl(m.name))) return [];
  const self = inherit(route, parent, path);
  const all: MatchedRoute[] = [];
  for (const [i, child] of (route.routes ?? []).entries()) {
    const matched = matchRoute(child, labels, self, [...path, i]);
    all.push(...matched);
    if (matched.length && !child.continue) break;
  }
  return all.length ? all : [self];
}

/**
 * The routes an alert with `labels` is delivered through, in order (several when `continue`
 * routes match). The root route must have a receiver; Alertmanager rejects a config without one.
 */
export function matchRoutes(config: Pick<AlertmanagerConfig, 'route'>, labels: Labels): MatchedRoute[] {
  const root = config.route;
  if (!root) throw new AlertNoiseError('alert-noise/no-route', 'the Alertmanager config has no top-level route');
  if (!root.receiver) throw new AlertNoiseError('alert-noise/no-root-receiver', 'route: the root route needs a receiver');
  return matchRoute({ ...root, matchers: [], match: undefined, match_re: undefined, continue: false }, labels, undefined, []);
}

/** The receivers an alert with `labels` is sent to, in routing order. */
export function receiversFor(config: Pick<AlertmanagerConfig, 'route'>, labels: Labels): string[] {
  return matchRoutes(config, labels).map((r) => r.receiver);
}
