/**
 * SLO → Prometheus rules, through rule-dsl's builders: one group per SLO with the SLI error ratio
 * recorded per alert window (`slo:sli_error:ratio_rate5m`, level:metric:operations), the period's
 * SLI from counter increases (never an average of short ratios), objective, budget and budget
 * remaining, then one alert per burn tier (both windows above factor × budget) and an absent-metric alert.
 */
import {
  absent,
  and,
  defineAlert,
  defineGroup,
  definePack,
  defineRecord,
  div,
  escapeRegex,
  ge,
  gt,
  increase,
  metric,
  mul,
  parseDuration,
  type PromQLExpr,
  raw,
  rate,
  render,
  Selector,
  sum,
  toExpr,
  type AlertDefinition,
  type GroupDefinition,
  type RecordDefinition,
  type RuleFile,
} from '@alertcraft/rule-dsl';
import { parse, walkExpr, type LabelMatcher, type VectorSelector } from '@alertcraft/promql';
import { errorBudget } from './budget.js';
import { durationText } from './durations.js';
import { SloInputError } from './errors.js';
import { clean, promNumber } from './numbers.js';
import type { EventSource, SloSpec } from './spec.js';
import type { BurnTier } from './windows.js';
import { tierThreshold } from './windows.js';

/** Recording-rule names (level:metric:operations). */
export const RECORD = {
  errorRatio: (window: string): string => `slo:sli_error:ratio_rate${window}`,
  periodErrorRatio: (period: string): string => `slo:sli_error:ratio_increase${period}`,
  objective: 'slo:objective:ratio',
  budget: 'slo:error_budget:ratio',
  remaining: 'slo:error_budget:remaining_ratio',
} as const;

const WINDOW_RE = /\{\{\s*\.window\s*\}\}/g;

export function pascal(name: string): string {
  return name
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('');
}

/** The `le` values a threshold may be written as: `0.3`; `1` and `1.0` (Go and Java clients differ). */
export function leForms(threshold: number): string[] {
  const s = promNumber(threshold, 'thresholdLe');
  return Number.isInteger(clean(threshold)) ? [s, `${s}.0`] : [s];
}

function leMatcher(threshold: number): LabelMatcher {
  const forms = leForms(threshold);
  return forms.length === 1
    ? { name: 'le', op: '=', value: forms[0]! }
    : { name: 'le', op: '=~', value: forms.map(escapeRegex).join('|') };
}

/** The good-events selector of a latency SLI: its buckets at the threshold. */
export function latencyGood(buckets: Selector, thresholdLe: number): Selector {
  return new Selector(buckets.metric, [...buckets.matchers.filter((m) => m.name !== 'le'), leMatcher(thresholdLe)]);
}

/** The total-events selector of a latency SLI: `total`, or the histogram's `_count`. */
export function latencyTotal(buckets: Selector, total?: Selector): Selector {
  if (total) return total;
  return new Selector(
    buckets.metric!.replace(/_bucket$/, '_count'),
    buckets.matchers.filter((m) => m.name !== 'le'),
  );
}

/** The SLI as bad/good/total sources. */
export function sliSources(spec: SloSpec): { errors?: EventSource; good?: EventSource; total: EventSource } {
  const sli = spec.sli;
  if (sli.type === 'ratio') {
    if (!sli.total)
      throw new SloInputError(`${spec.name}.sli`, 'this SLI is an error-ratio query; it has no event sources');
    return { errors: sli.errors, good: sli.good, total: sli.total };
  }
  return { good: latencyGood(sli.buckets, sli.thresholdLe), total: latencyTotal(sli.buckets, sli.total) };
}

function templated(query: string, window: string): PromQLExpr {
  return toExpr(raw(`(${query.replace(WINDOW_RE, window)})`));
}

function events(
  src: EventSource,
  window: string,
  fn: 'rate' | 'increase',
  by: readonly string[] | undefined,
): PromQLExpr {
  if (src instanceof Selector)
    return sum(fn === 'rate' ? rate(src, window) : increase(src, window), by?.length ? { by } : {});
  const r = templated(src.query, window);
  // A query template is written with rate(); its increase is the rate times the window.
  return fn === 'rate' ? r : mul(r, raw(String(parseDuration(window) / 1000)));
}

/** The error ratio over `window`: errors / total, or (total - good) / total. */
export function errorRatioExpr(spec: SloSpec, window: string, fn: 'rate' | 'increase' = 'rate'): PromQLExpr {
  // A ratio query of rates over the period is the ratio of the increases (the window cancels).
  if (spec.sli.type === 'ratio' && spec.sli.errorRatio) return templated(spec.sli.errorRatio.query, window);
  const s = sliSources(spec);
  const total = events(s.total, window, fn, spec.groupBy);
  if (s.errors) return div(events(s.errors, window, fn, spec.groupBy), total);
  return div(toExpr(raw(`(${total.toString()} - ${events(s.good!, window, fn, spec.groupBy).toString()})`)), total);
}

/** The one vector selector of a query, or undefined when it has none or several. */
export function singleSelector(query: string): VectorSelector | undefined {
  const { expr } = parse(query.replace(WINDOW_RE, '5m'));
  if (!expr) return undefined;
  const found: VectorSelector[] = [];
  walkExpr(expr, (n) => {
    if (n.type === 'VectorSelector') found.push(n);
  });
  return found.length === 1 ? found[0] : undefined;
}

/** The one selector of a query template as a rule-dsl `Selector`, or undefined. */
export function singleSelectorOf(query: string): Selector | undefined {
  const vs = singleSelector(query);
  if (!vs) return undefined;
  return new Selector(
    vs.name,
    vs.matchers.filter((m) => !(vs.name && m.name === '__name__' && m.op === '=')),
  );
}

function selectorOf(src: EventSource): Selector | undefined {
  return src instanceof Selector ? src : singleSelectorOf(src.query);
}

/** Labels every record of the SLO carries. */
export function sloLabels(spec: SloSpec): Record<string, string> {
  return { ...(spec.labels ?? {}), ...(spec.service ? { service: spec.service } : {}), slo: spec.name };
}

/** The windows the tiers read, shortest first, as Prometheus durations. */
export function alertWindows(spec: SloSpec): string[] {
  const ms = new Set<number>();
  for (const t of spec.tiers) ms.add(t.shortMs).add(t.longMs);
  return [...ms].sort((a, b) => a - b).map(durationText);
}

export function alertName(spec: SloSpec, tier: BurnTier): string {
  return `${spec.alerting?.name ?? `${pascal(spec.name)}BudgetBurn`}${pascal(tier.name)}`;
}

export function absentAlertName(spec: SloSpec): string {
  return `${spec.alerting?.name ?? pascal(spec.name)}SliAbsent`;
}

/** The labels a tier's alert sets (besides those of the series). */
export function tierAlertLabels(spec: SloSpec, tier: BurnTier): Record<string, string> {
  return {
    ...(spec.alerting?.labels ?? {}),
    severity: tier.severity,
    [spec.tierLabel]: tier.name,
    ...(tier.labels ?? {}),
    ...sloSelector(spec),
  };
}

export function tierAnnotations(spec: SloSpec, tier: BurnTier): Record<string, string> {
  const summary =
    `${spec.name}: error budget burning over ${promNumber(tier.factor)}x ` +
    `(${durationText(tier.longMs)} and ${durationText(tier.shortMs)} windows, objective ${promNumber(spec.objective)}% over ${spec.period})`;
  return { summary, ...(spec.alerting?.annotations ?? {}) };
}

function tierAlert(spec: SloSpec, tier: BurnTier): AlertDefinition {
  const threshold = tierThreshold(tier, spec.objective);
  const thr = raw(promNumber(threshold, `${spec.name} tier ${tier.name} threshold`));
  const long = durationText(tier.longMs);
  const own = sloSelector(spec);
  let expr = and(
    gt(metric(RECORD.errorRatio(long), own), thr),
    gt(metric(RECORD.errorRatio(durationText(tier.shortMs)), own), thr),
  );
  const min = spec.alerting?.minEvents;
  if (min !== undefined && min > 0) {
    if (spec.sli.type === 'ratio' && spec.sli.errorRatio)
      throw new SloInputError(
        `${spec.name}.alerting.minEvents`,
        "needs the SLI's total events; an error-ratio query has none",
      );
    expr = and(expr, ge(events(sliSources(spec).total, long, 'increase', spec.groupBy), raw(promNumber(min))), {
      on: spec.groupBy ?? [],
    });
  }
  return defineAlert<object>({
    alert: alertName(spec, tier),
    expr,
    ...(tier.forMs ? { for: durationText(tier.forMs) } : {}),
    labels: tierAlertLabels(spec, tier),
    annotations: tierAnnotations(spec, tier),
  });
}

/** The `for:` of the absent-metric alert. */
export const ABSENT_FOR = '10m';

function absentTarget(spec: SloSpec): Selector {
  const raw = spec.sli.type === 'ratio' ? spec.sli.errorRatio : undefined;
  return (
    (raw ? singleSelectorOf(raw.query) : selectorOf(sliSources(spec).total)) ??
    metric(RECORD.errorRatio(alertWindows(spec)[0] ?? '5m'), sloSelector(spec))
  );
}

/** The annotations of the absent-metric alert. */
export function absentAnnotations(spec: SloSpec): Record<string, string> {
  return { summary: `${spec.name}: no series for the SLI's total events (${absentTarget(spec).toPromQL()})` };
}

/** The labels `absent()` gives: the equality matchers of its selector. */
export function absentLabels(spec: SloSpec): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of absentTarget(spec).matchers) if (m.op === '=' && m.name !== '__name__') out[m.name] = m.value;
  return { ...out, ...(spec.alerting?.labels ?? {}), severity: 'ticket', ...sloSelector(spec) };
}

function absentRule(spec: SloSpec): AlertDefinition {
  const target = absentTarget(spec);
  return defineAlert<object>({
    alert: absentAlertName(spec),
    expr: absent(target),
    for: ABSENT_FOR,
    labels: { ...(spec.alerting?.labels ?? {}), severity: 'ticket', ...sloSelector(spec) },
    annotations: absentAnnotations(spec),
  });
}

function records(spec: SloSpec): RecordDefinition[] {
  const labels = sloLabels(spec);
  const budget = errorBudget(spec.objective);
  const out: RecordDefinition[] = alertWindows(spec).map((w) =>
    defineRecord({ record: RECORD.errorRatio(w), expr: errorRatioExpr(spec, w), labels }),
  );
  out.push(
    defineRecord({
      record: RECORD.periodErrorRatio(spec.period),
      expr: errorRatioExpr(spec, spec.period, 'increase'),
      labels,
    }),
  );
  out.push(
    defineRecord({
      record: RECORD.objective,
      expr: toExpr(raw(`vector(${promNumber(spec.objective / 100)})`)),
      labels,
    }),
  );
  out.push(defineRecord({ record: RECORD.budget, expr: toExpr(raw(`vector(${promNumber(budget)})`)), labels }));
  const remaining = toExpr(
    raw(
      `1 - ${div(metric(RECORD.periodErrorRatio(spec.period), sloSelector(spec)), raw(promNumber(budget))).toString()}`,
    ),
  );
  out.push(defineRecord({ record: RECORD.remaining, expr: remaining, labels }));
  return out;
}

/** The group name of an SLO's rules. */
export function groupName(spec: SloSpec): string {
  return spec.service ? `slo-${spec.service}-${spec.name}` : `slo-${spec.name}`;
}

/** Matchers that select this SLO's recorded series: its `slo` label, and `service` when set. */
export function sloSelector(spec: SloSpec): Record<string, string> {
  return spec.service ? { service: spec.service, slo: spec.name } : { slo: spec.name };
}

/** Options of `sloGroups`. */
export interface SloGroupOptions {
  /** Group evaluation interval. */
  interval?: string;
  /** Restrict the groups to these phases of the pack they join (rule-dsl `GroupSpec.phases`). */
  phases?: readonly string[];
}

/**
 * The SLOs' rules as rule-dsl groups (one per SLO), to put in a rule pack beside hand-written
 * groups; `generateRules` renders the same groups alone. Names must be unique.
 */
export function sloGroups(specs: readonly SloSpec[], opts: SloGroupOptions = {}): GroupDefinition[] {
  const seen = new Set<string>();
  for (const [i, s] of specs.entries()) {
    const id = groupName(s);
    if (seen.has(id))
      throw new SloInputError(
        `slos[${i}].name`,
        `SLO ${JSON.stringify(s.name)}${s.service ? ` of service ${JSON.stringify(s.service)}` : ''} is defined twice`,
      );
    seen.add(id);
  }
  return specs.map((spec) => {
    const rules: (AlertDefinition | RecordDefinition)[] = [
      ...records(spec),
      ...spec.tiers.map((t) => tierAlert(spec, t)),
    ];
    if (spec.alerting?.absent !== false) rules.push(absentRule(spec));
    return defineGroup({
      name: groupName(spec),
      ...(opts.interval ? { interval: opts.interval } : {}),
      ...(opts.phases ? { phases: opts.phases } : {}),
      rules,
    });
  });
}

/** The rule file for SLOs (one group each). Names must be unique. */
export function generateRules(specs: readonly SloSpec[], opts: { interval?: string } = {}): RuleFile {
  const pack = definePack({
    name: 'slo',
    description: 'SLO rules',
    scrapeInterval: '1m',
    phases: [{ id: 'slo', days: [0, 0] }],
    groups: sloGroups(specs, opts),
  });
  return render(pack, 'slo');
}
