/**
 * The SLO model every input format reads into: a ratio SLI (errors/total or good/total) or a
 * latency SLI (classic histogram buckets with a threshold `le`), an objective in percent, a period,
 * and the burn-rate tiers. `defineSlo` validates and names the field of any problem.
 */
import { isLabelName, type Selector } from '@alertcraft/rule-dsl';
import { checkObjective } from './budget.js';
import { describe, positiveDuration } from './durations.js';
import { SloInputError } from './errors.js';
import { burnTiers, checkTiers, type BurnTier, type TierOverride } from './windows.js';

/**
 * Where events come from: a counter selector (rates are built with rule-dsl), or a PromQL query
 * template with `{{.window}}` where the range goes (Sloth's and OpenSLO's form).
 */
export type EventSource = Selector | { query: string };

export interface RatioSli {
  type: 'ratio';
  /** Or the error ratio itself as one query template (Sloth's `sli.raw.error_ratio_query`); no unit tests then. */
  errorRatio?: { query: string };
  /** Bad events; give either `errors` or `good`. */
  errors?: EventSource;
  good?: EventSource;
  total?: EventSource;
}

export interface LatencySli {
  type: 'latency';
  /** The histogram's `_bucket` counter selector. */
  buckets: Selector;
  /** Requests at or under this `le` are good (seconds, as the histogram's buckets are written). */
  thresholdLe: number;
  /** Total events; default `<name>_count` with the buckets' matchers. */
  total?: Selector;
}

export type Sli = RatioSli | LatencySli;

export interface AlertingOptions {
  /** Alert name prefix (default: the SLO name in PascalCase + `BudgetBurn`). */
  name?: string;
  /** Replace the workbook tiers (windows as written, not scaled). */
  tiers?: readonly BurnTier[];
  /** Per-tier changes (severity, labels, factor, windows, for) or `false` to drop a tier. */
  overrides?: Readonly<Record<string, TierOverride>>;
  /** Label carrying the tier name, for inhibition (default `slo_tier`). */
  tierLabel?: string;
  /** Minimum events over the long window for a burn alert to fire (the low-traffic guard). */
  minEvents?: number;
  /** Generate the absent-metric alert (default true). */
  absent?: boolean;
  labels?: Readonly<Record<string, string>>;
  annotations?: Readonly<Record<string, string>>;
}

export interface SloInput {
  name: string;
  service?: string;
  description?: string;
  /** Percent, above 0 and below 100. */
  objective: number;
  /** A duration (`30d`, `28d`, `7d`, ...); default 30d. */
  period?: string;
  sli: Sli;
  /** Keep these labels through the SLI sums (one SLO per value). */
  groupBy?: readonly string[];
  /** Labels on every generated rule. */
  labels?: Readonly<Record<string, string>>;
  alerting?: AlertingOptions;
}

export interface SloSpec extends SloInput {
  period: string;
  periodMs: number;
  tiers: BurnTier[];
  tierLabel: string;
}

const NAME_RE = /^[a-zA-Z][a-zA-Z0-9_-]*$/;

/** Validates an SLO and resolves its tiers; `field` prefixes every error's field path. */
export function defineSlo(input: SloInput, field = 'slo'): SloSpec {
  if (typeof input !== 'object' || input === null)
    throw new SloInputError(field, `expected an SLO object, got ${describe(input)}`);
  if (typeof input.name !== 'string' || !NAME_RE.test(input.name)) {
    throw new SloInputError(
      `${field}.name`,
      `expected a name of letters, digits, '_' and '-', got ${describe(input.name)}`,
    );
  }
  checkObjective(input.objective, `${field}.objective`);
  const period = input.period ?? '30d';
  const periodMs = positiveDuration(`${field}.period`, period);
  checkSli(input.sli, `${field}.sli`);
  for (const [i, l] of (input.groupBy ?? []).entries()) {
    if (!isLabelName(l)) throw new SloInputError(`${field}.groupBy[${i}]`, `not a label name: ${describe(l)}`);
  }
  checkLabels(input.labels, `${field}.labels`);
  const a = input.alerting ?? {};
  checkLabels(a.labels, `${field}.alerting.labels`);
  if (a.minEvents !== undefined && !(Number.isFinite(a.minEvents) && a.minEvents >= 0)) {
    throw new SloInputError(
      `${field}.alerting.minEvents`,
      `expected a non-negative number, got ${describe(a.minEvents)}`,
    );
  }
  const tierLabel = a.tierLabel ?? 'slo_tier';
  if (!isLabelName(tierLabel))
    throw new SloInputError(`${field}.alerting.tierLabel`, `not a label name: ${describe(tierLabel)}`);
  if (a.name !== undefined && !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(a.name)) {
    throw new SloInputError(
      `${field}.alerting.name`,
      `expected an alert name like ApiAvailability, got ${describe(a.name)}`,
    );
  }
  const tiers = burnTiers({ periodMs, tiers: a.tiers, overrides: a.overrides });
  for (const t of tiers) checkLabels(t.labels, `${field}.alerting.tiers.${t.name}.labels`);
  checkTiers(tiers, input.objective, periodMs, `${field}.alerting.tiers`);
  return { ...input, period, periodMs, tiers, tierLabel };
}

function checkLabels(labels: Readonly<Record<string, string>> | undefined, field: string): void {
  if (labels === undefined) return;
  if (typeof labels !== 'object' || labels === null || Array.isArray(labels))
    throw new SloInputError(field, `expected a map of labels, got ${describe(labels)}`);
  for (const [k, v] of Object.entries(labels)) {
    if (!isLabelName(k)) throw new SloInputError(`${field}.${k}`, 'not a label name');
    if (typeof v !== 'string') throw new SloInputError(`${field}.${k}`, `label values are strings, got ${describe(v)}`);
  }
}

function checkSource(s: EventSource | undefined, field: string): void {
  if (s === undefined) return;
  if ('query' in s) {
    if (typeof s.query !== 'string' || !s.query.trim()) throw new SloInputError(field, 'expected a PromQL query');
    if (!/\{\{\s*\.window\s*\}\}/.test(s.query))
      throw new SloInputError(field, 'the query has no {{.window}} placeholder for the rate window');
  }
}

function checkSli(sli: Sli, field: string): void {
  if (typeof sli !== 'object' || sli === null) throw new SloInputError(field, `expected an SLI, got ${describe(sli)}`);
  if (sli.type === 'ratio') {
    if (sli.errorRatio) {
      checkSource(sli.errorRatio, `${field}.errorRatio`);
      return;
    }
    if (!sli.total) throw new SloInputError(`${field}.total`, 'a ratio SLI needs its total events');
    if (!sli.errors === !sli.good)
      throw new SloInputError(field, 'a ratio SLI needs exactly one of errors (bad events) or good events');
    checkSource(sli.errors, `${field}.errors`);
    checkSource(sli.good, `${field}.good`);
    checkSource(sli.total, `${field}.total`);
  } else if (sli.type === 'latency') {
    if (!sli.buckets)
      throw new SloInputError(
        `${field}.buckets`,
        'a latency SLI needs the histogram bucket series (a _bucket counter with le labels)',
        { code: 'slo/no-buckets' },
      );
    if (!(typeof sli.thresholdLe === 'number' && Number.isFinite(sli.thresholdLe) && sli.thresholdLe > 0)) {
      throw new SloInputError(
        `${field}.thresholdLe`,
        `expected a positive finite bucket bound, got ${describe(sli.thresholdLe)}`,
      );
    }
    if (!sli.total && !sli.buckets.metric?.endsWith('_bucket')) {
      throw new SloInputError(
        `${field}.total`,
        'give the total events: the bucket metric does not end in _bucket, so its _count cannot be derived',
      );
    }
  } else {
    throw new SloInputError(
      `${field}.type`,
      `expected ratio or latency, got ${describe((sli as { type?: unknown }).type)}`,
    );
  }
}
