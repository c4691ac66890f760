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
  /** Alertmanager's route key: the matchers of each route from the root, e.g. `{}/{severity="page"}`. */
  key: string;
}

/** Alertmanager's defaults for the root route. */
export const ROUTE_DEFAULTS = { groupWait: '30s', groupInterval: '5m', repeatInterval: '4h' } as const;

const OP_ORDER = { '=': 0, '!=': 1, '=~': 2, '!~': 3 } as const;

/**
 * Compiles an Alertmanager matcher list (new-style strings plus the deprecated `match`/`match_re`
 * maps), sorted as Alertmanager sorts them (name, then operator, then value); `where` is the
 * config path used in errors. An absent label matches as "".
 */
export function compileAmMatchers(
  list: readonly string[] | undefined,
  match: Record<string, string> | undefined,
  matchRe: Record<string, string> | undefined,
  where: string,
): CompiledMatcher[] {
  const out: CompiledMatcher[] = [];
  const add = (name: string, op: '=' | '!=' | '=~' | '!~', value: string, at: string) => {
    try {
      out.push(compileMatcher({ name, op, value }));
    } catch (err) {
      throw new AlertNoiseError('alert-noise/bad-matcher', `${at}: ${(err as Error).message}`, { cause: err });
    }
  };
  for (const [name, value] of Object.entries(match ?? {})) add(name, '=', value, `${where}.match.${name}`);
  for (const [name, value] of Object.entries(matchRe ?? {})) add(name, '=~', value, `${where}.match_re.${name}`);
  (list ?? []).forEach((text, i) => {
    const m = parseMatcher(text);
    if (!m)
      throw new AlertNoiseError(
        'alert-noise/bad-matcher',
        `${where}.matchers: cannot parse matcher ${JSON.stringify(text)}; expected name="value", name=~"regex", name!="value" or name!~"regex"`,
      );
    add(m.name, m.op, m.value, `${where}.matchers[${i}]`);
  });
  return out.sort((a, b) =>
    a.name < b.name
      ? -1
      : a.name > b.name
        ? 1
        : OP_ORDER[a.op as keyof typeof OP_ORDER] - OP_ORDER[b.op as keyof typeof OP_ORDER] ||
          (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
  );
}

/** Whether every matcher matches `labels` (absent labels are ""). */
export function matchesAll(ms: readonly CompiledMatcher[], labels: Labels): boolean {
  return ms.every((m) => m.matches(labels[m.name] ?? ''));
}

/** Alertmanager's text of a matcher list, e.g. `{severity="critical",team=~"a|b"}` (as in group keys). */
export function matchersString(ms: readonly CompiledMatcher[]): string {
  return `{${ms.map((m) => `${m.name}${m.op}${JSON.stringify(m.value)}`).join(',')}}`;
}

function routeMatchers(route: Route, where: string): CompiledMatcher[] {
  return compileAmMatchers(route.matchers, route.match, route.match_re, where);
}

function inherit(route: Route, parent: MatchedRoute | undefined, path: number[], ms: CompiledMatcher[]): MatchedRoute {
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
    key: parent ? `${parent.key}/${matchersString(ms)}` : matchersString(ms),
  };
}

function matchRoute(route: Route, labels: Labels, parent: MatchedRoute | undefined, path: number[]): MatchedRoute[] {
  const where = path.length ? `route${path.map((i) => `.routes[${i}]`).join('')}` : 'route';
  const lbl = (n: string) => labels[n] ?? '';
  const ms = routeMatchers(route, where);
  for (const m of ms) if (!m.matches(lbl(m.name))) return [];
  const self = inherit(route, parent, path, ms);
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
  if (!root.receiver)
    throw new AlertNoiseError('alert-noise/no-root-receiver', 'route: the root route needs a receiver');
  return matchRoute(
    { ...root, matchers: [], match: undefined, match_re: undefined, continue: false },
    labels,
    undefined,
    [],
  );
}

/** The receivers an alert with `labels` is sent to, in routing order. */
export function receiversFor(config: Pick<AlertmanagerConfig, 'route'>, labels: Labels): string[] {
  return matchRoutes(config, labels).map((r) => r.receiver);
}

interface TreeNode {
  text: string;
  children: TreeNode[];
}

function printTree(node: TreeNode): string[] {
  const out = ['.'];
  const walk = (n: TreeNode, prefix: string, last: boolean) => {
    out.push(`${prefix}${last ? '└── ' : '├── '}${n.text}`);
    n.children.forEach((c, i) => {
      walk(c, prefix + (last ? '    ' : '│   '), i === n.children.length - 1);
    });
  };
  walk(node, '', true);
  return out;
}

/**
 * The routing tree as `amtool config routes` prints it (`default-route` for the root, each route's
 * matchers, `continue: true`, and its effective receiver); with `labels`, only the routes the label
 * set goes through, receivers on the final ones, as `amtool config routes test --tree` prints them.
 */
export function routeTreeLines(config: Pick<AlertmanagerConfig, 'route'>, labels?: Labels): string[] {
  const root = config.route;
  if (!root) throw new AlertNoiseError('alert-noise/no-route', 'the Alertmanager config has no top-level route');
  const slug = (ms: CompiledMatcher[], r: Route, receiver: string | undefined, showContinue: boolean) =>
    `${ms.length ? matchersString(ms) : 'default-route'}${showContinue && r.continue ? '  continue: true' : ''}${receiver !== undefined ? `  receiver: ${receiver}` : ''}`;
  const build = (r: Route, path: number[], parentReceiver: string): TreeNode | undefined => {
    const where = path.length ? `route${path.map((i) => `.routes[${i}]`).join('')}` : 'route';
    const ms = path.length ? routeMatchers(r, where) : [];
    const receiver = r.receiver ?? parentReceiver;
    if (!labels)
      return {
        text: slug(ms, r, receiver, true),
        children: (r.routes ?? []).map((c, i) => build(c, [...path, i], receiver)!),
      };
    const children: TreeNode[] = [];
    for (const [i, c] of (r.routes ?? []).entries()) {
      const cms = routeMatchers(c, `${where}.routes[${i}]`);
      if (!matchesAll(cms, labels)) continue;
      children.push(build(c, [...path, i], receiver)!);
      if (!c.continue) break;
    }
    return { text: slug(ms, r, children.length ? undefined : receiver, false), children };
  };
  return printTree(build(root, [], root.receiver ?? '')!);
}
