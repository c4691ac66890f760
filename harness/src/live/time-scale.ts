/**
 * Time-compressed copies of rules for live mode. A live run plays `speedup` scenario seconds per
 * wall second, so every duration of a rule is divided by the speedup (range selectors, subquery
 * ranges and steps, offsets, `for`, `keep_firing_for`, group intervals), on the parsed AST.
 *
 * ## Rates stay per scenario-second
 *
 * The exporter serves the scenario's values unchanged (a counter is the scenario's counter), so
 * counts are preserved: `increase(x[15m])` over the compressed 15 s window is the scenario's
 * 15-minute increase, and ratios and `*_over_time` functions are untouched. A per-second
 * function, however, divides by a wall-clock window `speedup` times shorter, so
 * `rate(x[5s])` on the compressed server is `speedup ×` the scenario's `rate(x[5m])`. Rather than
 * multiplying thresholds (unsound: `rate(a) / rate(b) > 0.05` must not change, and a threshold may
 * sit on either side or inside arithmetic), each per-second function's result is divided by the
 * speedup where it is computed: `rate(x[5m])` becomes `(rate(x[5s]) / 60)`. Every comparison,
 * ratio and arithmetic above it then sees scenario units. The same holds for `irate` and `deriv`;
 * `predict_linear(v[r], t)` keeps its meaning by scaling `t` (seconds ahead) instead.
 * `time()` and `timestamp()` are mapped back to scenario time (`t0 + (time() − w0) × speedup`), and
 * the date functions without argument read that mapped time.
 *
 * ## Rounding
 *
 * Durations are rounded to whole milliseconds (at least 1 ms, Prometheus' resolution). A range
 * shorter than `minRangeScrapes` scrapes (default 4 × the 1 s scrape) holds too few samples for
 * `rate()`; it is raised to that minimum and reported as a `live/range-clamped` warning, meaning
 * the live rule looks at a longer scenario window than the original.
 */
import { format, parse, type Expr, type NumberLiteral, type TextRange } from '@alertcraft/promql';
import {
  isAlertingRule,
  parseDuration,
  type AlertingRule,
  type AlertmanagerConfig,
  type RecordingRule,
  type Route,
  type RuleFile,
  type RuleGroup,
} from '@alertcraft/rule-dsl';
import { formatDuration } from '@alertcraft/promql';
import { LiveError } from './errors.js';

export interface TimeScaleOptions {
  /** Scenario seconds per wall second (> 0). */
  speedup: number;
  /** Wall scrape interval of the live Prometheus; default 1000 ms. */
  scrapeIntervalMs?: number;
  /** Smallest range, in scrapes, a range selector keeps; default 4. */
  minRangeScrapes?: number;
  /**
   * Scenario time (Unix ms) at wall time `wallStartMs`: `time()`, `timestamp()` and `@` map
   * between the two. Both default to 0 (then those mappings are the identity offset).
   */
  scenarioStartMs?: number;
  wallStartMs?: number;
}

/** Something the scaling changed beyond a plain division; data, not a throw. */
export interface TimeScaleWarning {
  code: 'live/range-clamped' | 'live/duration-clamped' | 'live/at-modifier' | 'live/query-offset';
  message: string;
  /** `groups[i].rules[j]` (or `groups[i]`) when it concerns a rule. */
  path?: string;
}

/** Functions whose result is per wall-second and is divided by the speedup. */
const PER_SECOND = new Set(['rate', 'irate', 'deriv']);
/** Date functions that default to `vector(time())` without argument. */
const DATE_FUNCTIONS = new Set([
  'minute',
  'hour',
  'day_of_week',
  'day_of_month',
  'day_of_year',
  'days_in_month',
  'month',
  'year',
]);

function checkSpeedup(speedup: number): void {
  if (!(Number.isFinite(speedup) && speedup > 0))
    throw new LiveError('live/bad-speedup', `speedup must be a positive number, got ${speedup}`);
}

/** `ms / speedup` rounded to whole ms, at least 1 ms for a positive input; 0 stays 0. */
export function scaleMs(ms: number, speedup: number): number {
  checkSpeedup(speedup);
  if (ms === 0) return 0;
  const sign = ms < 0 ? -1 : 1;
  return sign * Math.max(1, Math.round(Math.abs(ms) / speedup));
}

/** A Prometheus duration string divided by the speedup (`5m` at 60× → `5s`). */
export function scaleDuration(d: string, speedup: number): string {
  const ms = parseDuration(d);
  return formatDuration(scaleMs(ms, speedup));
}

interface Ctx {
  s: number;
  minRangeMs: number;
  t0s: number;
  w0s: number;
  warnings: TimeScaleWarning[];
  path?: string;
}

const num = (value: number, range: TextRange): NumberLiteral => ({ type: 'NumberLiteral', value, range });

/** `(t0 + (e − w0) × s)`: a wall-time expression in seconds mapped to scenario seconds. */
function toScenarioSeconds(e: Expr, c: Ctx): Expr {
  const r = e.range;
  const shifted: Expr = {
    type: 'ParenExpr',
    range: r,
    expr: { type: 'BinaryExpr', op: '-', lhs: e, rhs: num(c.w0s, r), returnBool: false, range: r },
  };
  const scaled: Expr = { type: 'BinaryExpr', op: '*', lhs: shifted, rhs: num(c.s, r), returnBool: false, range: r };
  return {
    type: 'ParenExpr',
    range: r,
    expr: { type: 'BinaryExpr', op: '+', lhs: num(c.t0s, r), rhs: scaled, returnBool: false, range: r },
  };
}

function scaleRange(ms: number, c: Ctx, what: string): number {
  const scaled = scaleMs(ms, c.s);
  if (scaled < c.minRangeMs) {
    const message = `${what} ${formatDuration(ms)} at ${c.s}× is ${formatDuration(scaled)}, under ${formatDuration(c.minRangeMs)} (the minimum number of scrapes); raised to ${formatDuration(c.minRangeMs)} (= ${formatDuration(Math.round(c.minRangeMs * c.s))} of scenario time)`;
    // One warning per rule and message (an expression may use the same range several times).
    if (!c.warnings.some((w) => w.message === message && w.path === c.path)) {
      c.warnings.push({ code: 'live/range-clamped', message, ...(c.path ? { path: c.path } : {}) });
    }
    return c.minRangeMs;
  }
  return scaled;
}

function scaleAt<T extends { at?: import('@alertcraft/promql').AtModifier }>(node: T, c: Ctx): T['at'] {
  if (node.at?.kind !== 'timestamp') return node.at;
  c.warnings.push({
    code: 'live/at-modifier',
    message: `@ ${node.at.timestampMs / 1000} mapped from scenario time to wall time`,
    ...(c.path ? { path: c.path } : {}),
  });
  return { kind: 'timestamp', timestampMs: Math.round(c.w0s * 1000 + (node.at.timestampMs - c.t0s * 1000) / c.s) };
}

function transform(e: Expr, c: Ctx): Expr {
  switch (e.type) {
    case 'NumberLiteral':
    case 'StringLiteral':
      return { ...e };
    case 'VectorSelector':
      return {
        ...e,
        matchers: e.matchers.map((m) => ({ ...m })),
        offsetMs: scaleMs(e.offsetMs, c.s),
        at: scaleAt(e, c),
      };
    case 'MatrixSelector':
      return { ...e, vector: transform(e.vector, c) as typeof e.vector, rangeMs: scaleRange(e.rangeMs, c, 'range') };
    case 'SubqueryExpr':
      return {
        ...e,
        expr: transform(e.expr, c),
        rangeMs: scaleRange(e.rangeMs, c, 'subquery range'),
        stepMs: scaleMs(e.stepMs, c.s),
        offsetMs: scaleMs(e.offsetMs, c.s),
        at: scaleAt(e, c),
      };
    case 'ParenExpr':
    case 'UnaryExpr':
      return { ...e, expr: transform(e.expr, c) };
    case 'BinaryExpr':
      return {
        ...e,
        lhs: transform(e.lhs, c),
        rhs: transform(e.rhs, c),
        ...(e.matching
          ? { matching: { ...e.matching, labels: [...e.matching.labels], include: [...e.matching.include] } }
          : {}),
      };
    case 'AggregateExpr':
      return {
        ...e,
        expr: transform(e.expr, c),
        ...(e.param ? { param: transform(e.param, c) } : {}),
        grouping: [...e.grouping],
      };
    case 'Call': {
      const args = e.args.map((a) => transform(a, c));
      const r = e.range;
      if (PER_SECOND.has(e.func)) {
        const call: Expr = { ...e, args };
        return {
          type: 'ParenExpr',
          range: r,
          expr: { type: 'BinaryExpr', op: '/', lhs: call, rhs: num(c.s, r), returnBool: false, range: r },
        };
      }
      if (e.func === 'predict_linear' && args.length === 2) {
        const t = args[1]!;
        const lhs: Expr =
          t.type === 'BinaryExpr' || t.type === 'UnaryExpr' ? { type: 'ParenExpr', range: t.range, expr: t } : t;
        const ahead: Expr = {
          type: 'ParenExpr',
          range: r,
          expr: { type: 'BinaryExpr', op: '/', lhs, rhs: num(c.s, r), returnBool: false, range: r },
        };
        return { ...e, args: [args[0]!, ahead] };
      }
      if (e.func === 'time' || e.func === 'timestamp') return toScenarioSeconds({ ...e, args }, c);
      if (DATE_FUNCTIONS.has(e.func) && args.length === 0) {
        const now = toScenarioSeconds({ type: 'Call', func: 'time', args: [], range: r }, c);
        return { ...e, args: [{ type: 'Call', func: 'vector', args: [now], range: r }] };
      }
      return { ...e, args };
    }
  }
}

function context(opts: TimeScaleOptions, warnings: TimeScaleWarning[]): Ctx {
  checkSpeedup(opts.speedup);
  return {
    s: opts.speedup,
    minRangeMs: (opts.scrapeIntervalMs ?? 1000) * (opts.minRangeScrapes ?? 4),
    t0s: (opts.scenarioStartMs ?? 0) / 1000,
    w0s: (opts.wallStartMs ?? 0) / 1000,
    warnings,
  };
}

/** The expression text with every duration divided by the speedup and per-second results rescaled. */
export function scaleExpr(
  expr: string,
  opts: TimeScaleOptions,
  warnings: TimeScaleWarning[] = [],
  path?: string,
): string {
  const parsed = parse(expr);
  if (!parsed.expr) {
    const d = parsed.diagnostics[0];
    throw new LiveError(
      'live/bad-expr',
      `${path ? `${path}: ` : ''}cannot scale an expression that does not parse: ${d?.message ?? 'syntax error'} in ${JSON.stringify(expr)}`,
    );
  }
  const c = context(opts, warnings);
  if (path) c.path = path;
  return format(transform(parsed.expr, c));
}

export interface ScaledRuleFile {
  file: RuleFile;
  warnings: TimeScaleWarning[];
}

/** A copy of a rule file for a live server running `speedup` times faster than the scenario. */
export function scaleRuleFile(file: RuleFile, opts: TimeScaleOptions): ScaledRuleFile {
  const warnings: TimeScaleWarning[] = [];
  const groups = file.groups.map((g, gi): RuleGroup => {
    const out: RuleGroup = { name: g.name, rules: [] };
    if (g.interval !== undefined) out.interval = scaleDuration(g.interval, opts.speedup);
    if (g.limit !== undefined) out.limit = g.limit;
    if (g.query_offset !== undefined) {
      out.query_offset = scaleDuration(g.query_offset, opts.speedup);
      warnings.push({
        code: 'live/query-offset',
        message: 'query_offset needs Prometheus ≥ 2.53; older servers refuse the rule file',
        path: `groups[${gi}]`,
      });
    }
    out.rules = g.rules.map((r, ri) => {
      const path = `groups[${gi}].rules[${ri}]`;
      const expr = scaleExpr(r.expr, opts, warnings, path);
      if (isAlertingRule(r)) {
        const a: AlertingRule = { ...r, expr };
        if (r.for !== undefined) a.for = scaleDuration(r.for, opts.speedup);
        if (r.keep_firing_for !== undefined) a.keep_firing_for = scaleDuration(r.keep_firing_for, opts.speedup);
        return a;
      }
      return { ...(r as RecordingRule), expr };
    });
    return out;
  });
  return { file: { groups }, warnings };
}

/** Alertmanager's own defaults for the three route timers. */
export const ALERTMANAGER_TIMER_DEFAULTS = { group_wait: '30s', group_interval: '5m', repeat_interval: '4h' } as const;

function scaleRoute(route: Route, speedup: number, root: boolean): Route {
  const out: Route = { ...route };
  for (const key of ['group_wait', 'group_interval', 'repeat_interval'] as const) {
    const v = route[key] ?? (root ? ALERTMANAGER_TIMER_DEFAULTS[key] : undefined);
    if (v !== undefined) out[key] = scaleDuration(v, speedup);
  }
  if (route.routes) out.routes = route.routes.map((r) => scaleRoute(r, speedup, false));
  return out;
}

/**
 * The Alertmanager configuration with its route timers (group_wait, group_interval,
 * repeat_interval; root defaults made explicit) divided by the speedup. Time intervals
 * (`mute_time_intervals`) are wall-clock calendars and are left as they are.
 */
export function scaleAlertmanagerConfig(config: AlertmanagerConfig, speedup: number): AlertmanagerConfig {
  checkSpeedup(speedup);
  return { ...config, route: scaleRoute(config.route, speedup, true) };
}
