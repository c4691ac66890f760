import { isDuration } from './duration.js';
import { RuleDslInputError, RuleExpressionError } from './errors.js';
import { checkExpr } from './expr-check.js';
import { PromQLExpr } from './promql-template.js';
import type { Baselines, Threshold, ValueRef } from './values.js';

/** One launch phase, e.g. `{ id: 'day0', title: 'Launch window', days: [0, 3] }`. */
export interface PhaseSpec<Id extends string = string> {
  id: Id;
  title?: string;
  /** Inclusive range of days since launch (day 0 = launch day). Phases are ordered and must not overlap. */
  days: readonly [number, number];
  description?: string;
}

/** What a phase must catch; the harness replays scenarios and asserts these. */
export interface IncidentExpectation {
  /** Incident kind as scenarios name it, e.g. `error-spike`, `latency-regression`, `cost-burn`. */
  incident: string;
  /**
   * Only incidents whose scope has these labels (e.g. `{ job: 'maestro-api' }`): an error spike
   * in another service is not this alert's to catch.
   */
  labels?: Readonly<Record<string, string>>;
  /** Alert names of which at least one must fire for the incident. */
  alerts: readonly string[];
  /** Maximum delay from incident start to firing (a duration string), when bounded. */
  within?: string;
}

/** Parameters every alert understands, in its defaults and per phase. */
export interface CommonAlertParams {
  /** false drops the alert from this phase. */
  enabled?: boolean;
  /** Alert name in this phase (seed 000 renames `MaestroErrorRateSpike` to `MaestroErrorRateHigh` on day 4). */
  alert?: string;
  for?: string;
  keepFiringFor?: string;
  /** Sets the `severity` label. */
  severity?: string;
  /** Merged over the alert's labels. */
  labels?: Record<string, string>;
  /** Merged over the alert's annotations. */
  annotations?: Record<string, string>;
}

/** A custom parameter bag; values may be numbers, `ValueRef`s, strings (durations), booleans. */
export type ParamBag = object;

/** `P` with every `ValueRef` replaced by the number it resolved to. */
export type Resolved<P> = { [K in keyof P]: P[K] extends ValueRef ? number : P[K] extends Threshold ? number : P[K] };

/** What expression/label/annotation functions are called with. */
export interface PhaseInfo {
  id: string;
  days: readonly [number, number];
}

export type ExprInput = PromQLExpr | string;

export interface AlertSpec<P extends ParamBag = ParamBag> extends CommonAlertParams {
  alert: string;
  /** The expression, or a function of the phase's parameters (thresholds may still be `ValueRef`s: they stay deferred). */
  expr: ExprInput | ((p: P & CommonAlertParams, phase: PhaseInfo) => ExprInput);
  /** Default custom parameters, overridden per phase. */
  params?: P;
  /**
   * Per-phase overrides. When present, the alert is rendered ONLY in the phases listed (and not
   * `false` / `enabled: false`); when absent, in every phase with the defaults.
   */
  phases?: Record<string, (Partial<P> & CommonAlertParams) | false>;
  /** Labels/annotations may be functions of the resolved parameters (numbers, not references). */
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  labelsFor?: (p: Resolved<P> & CommonAlertParams, phase: PhaseInfo) => Record<string, string>;
  annotationsFor?: (p: Resolved<P> & CommonAlertParams, phase: PhaseInfo) => Record<string, string>;
}

export interface AlertDefinition<P extends ParamBag = ParamBag> {
  readonly kind: 'alert';
  readonly spec: AlertSpec<P>;
}

export interface RecordSpec<P extends ParamBag = ParamBag> {
  record: string;
  expr: ExprInput | ((p: P, phase: PhaseInfo) => ExprInput);
  params?: P;
  labels?: Record<string, string>;
  /** As for alerts: when present, rendered only in the listed phases. */
  phases?: Record<string, (Partial<P> & { enabled?: boolean; labels?: Record<string, string> }) | false>;
}

export interface RecordDefinition<P extends ParamBag = ParamBag> {
  readonly kind: 'record';
  readonly spec: RecordSpec<P>;
}

// biome-ignore lint/suspicious/noExplicitAny: a pack mixes definitions with unrelated parameter types; `unknown` would reject them (contravariant `expr`)
export type RuleDefinition = AlertDefinition<any> | RecordDefinition<any>;

export interface GroupSpec {
  /** Group name; a function gets the phase (seed 000: `maestro-day0-critical`, `maestro-day4-calibrated`). */
  name: string | ((phase: PhaseInfo) => string);
  interval?: string;
  limit?: number;
  queryOffset?: string;
  /** Restrict the group to these phase ids (default: all). */
  phases?: readonly string[];
  rules: readonly RuleDefinition[];
}

export interface GroupDefinition {
  readonly kind: 'group';
  readonly spec: GroupSpec;
}

export interface PackSpec<Ph extends string = string> {
  name: string;
  description: string;
  /** Scrape interval of the targets the rules read (lint checks rate windows against it). */
  scrapeInterval: string;
  /** Default group evaluation interval (Prometheus global `evaluation_interval`); groups may override. */
  evaluationInterval?: string;
  /** Ordered, non-overlapping phases. */
  phases: readonly PhaseSpec<Ph>[];
  groups: readonly GroupDefinition[];
  /** Which incident kinds each phase must catch. */
  expectations?: Partial<Record<Ph, readonly IncidentExpectation[]>>;
  /** Example baselines (the shape of week1-baselines.json) so the pack renders out of the box. */
  exampleBaselines?: Baselines;
  /** Example context values (`capacity.maxRunsPerDay`, ...). */
  exampleValues?: Record<string, unknown>;
  /** When set, every alert gets label `<phaseLabel>: <phase id>` (seed 000 uses `phase`). Per-alert labels win. */
  phaseLabel?: string;
}

export interface RulePack<Ph extends string = string> extends PackSpec<Ph> {
  readonly kind: 'pack';
}

function assertDuration(what: string, d: string | undefined): void {
  if (d !== undefined && !isDuration(d)) {
    throw new RuleDslInputError(`${what}: invalid duration ${JSON.stringify(d)}; expected e.g. 30s, 5m, 1h30m`, {
      code: 'rule-dsl/invalid-duration',
    });
  }
}

/** The expression text for a type-check before render (deferred values replaced by a placeholder number). */
export function exprText(e: ExprInput): string {
  return e instanceof PromQLExpr ? e.placeholderText() : e;
}

/** Throw `RuleExpressionError` when `text` does not parse/type-check. */
export function assertValidExpr(rule: string, phase: string | undefined, text: string): void {
  const problems = checkExpr(text);
  if (problems.length) throw new RuleExpressionError(rule, phase, text, problems);
}

const COMMON_KEYS = ['enabled', 'for', 'keepFiringFor', 'severity', 'labels', 'annotations'] as const;

/** Parameters of one phase: defaults, then the phase's overrides. `undefined` when the rule is off in that phase. */
export function phaseParams<P extends ParamBag>(
  spec: { params?: P; phases?: Record<string, object | false> } & object,
  phase: string,
): (P & CommonAlertParams) | undefined {
  const c = spec as CommonAlertParams;
  const common: CommonAlertParams = {};
  for (const k of COMMON_KEYS) if (c[k] !== undefined) (common as Record<string, unknown>)[k] = c[k];
  const base = { ...common, ...(spec.params ?? {}) } as P & CommonAlertParams;
  if (spec.phases === undefined) return base.enabled === false ? undefined : base;
  const over = spec.phases[phase];
  if (over === undefined || over === false) return undefined;
  const merged = { ...base, ...over } as P & CommonAlertParams;
  const o = over as CommonAlertParams;
  if (base.labels || o.labels) merged.labels = { ...(base.labels ?? {}), ...(o.labels ?? {}) };
  if (base.annotations || o.annotations) merged.annotations = { ...(base.annotations ?? {}), ...(o.annotations ?? {}) };
  return merged.enabled === false ? undefined : merged;
}

function phaseKeysToCheck(spec: { phases?: Record<string, object | false> }): (string | undefined)[] {
  return spec.phases ? Object.keys(spec.phases) : [undefined];
}

/**
 * An alert whose parameters vary per phase. Every phase's expression is type-checked now (with
 * deferred thresholds as placeholders); an invalid one throws `RuleExpressionError` naming the alert.
 */
export function defineAlert<P extends ParamBag = ParamBag>(spec: AlertSpec<P>): AlertDefinition<P> {
  if (!spec.alert || !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(spec.alert)) {
    throw new RuleDslInputError(
      `defineAlert: invalid alert name ${JSON.stringify(spec.alert)}; use a label-value-safe identifier like MaestroErrorRateHigh`,
    );
  }
  for (const ph of phaseKeysToCheck(spec)) {
    const p = ph === undefined ? phaseParams(spec, '') : phaseParams(spec, ph);
    if (!p) continue;
    const where = `alert '${p.alert ?? spec.alert}'${ph ? ` (phase '${ph}')` : ''}`;
    assertDuration(`${where} for`, p.for);
    assertDuration(`${where} keep_firing_for`, p.keepFiringFor);
    const e = typeof spec.expr === 'function' ? spec.expr(p, { id: ph ?? '', days: [0, 0] }) : spec.expr;
    assertValidExpr(p.alert ?? spec.alert, ph, exprText(e));
  }
  return { kind: 'alert', spec };
}

/** A recording rule, optionally per phase; its expression is type-checked now. */
export function defineRecord<P extends ParamBag = ParamBag>(spec: RecordSpec<P>): RecordDefinition<P> {
  if (!spec.record || !/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(spec.record)) {
    throw new RuleDslInputError(
      `defineRecord: invalid record name ${JSON.stringify(spec.record)}; recording rule names are metric names like maestro:success_rate:5m`,
    );
  }
  for (const ph of phaseKeysToCheck(spec)) {
    const p = ph === undefined ? phaseParams(spec, '') : phaseParams(spec, ph);
    if (!p) continue;
    const e = typeof spec.expr === 'function' ? spec.expr(p as P, { id: ph ?? '', days: [0, 0] }) : spec.expr;
    assertValidExpr(spec.record, ph, exprText(e));
  }
  return { kind: 'record', spec };
}

/** A rule group. */
export function defineGroup(spec: GroupSpec): GroupDefinition {
  assertDuration(`group interval`, spec.interval);
  assertDuration(`group query_offset`, spec.queryOffset);
  if (spec.limit !== undefined && (!Number.isInteger(spec.limit) || spec.limit < 0)) {
    throw new RuleDslInputError(`group limit ${spec.limit}: expected a non-negative integer`);
  }
  return { kind: 'group', spec };
}

/**
 * A rule pack: metadata, ordered phases, groups, expectations and example baselines. Validates
 * the phases (unique ids, ordered non-overlapping day ranges), durations, and that every phase key
 * used by a rule or group names a phase of the pack.
 */
export function definePack<const Ph extends string>(spec: PackSpec<Ph>): RulePack<Ph> {
  const ids = new Set<string>();
  let prevEnd = -Infinity;
  if (spec.phases.length === 0) throw new RuleDslInputError(`pack '${spec.name}': at least one phase is required`);
  for (const ph of spec.phases) {
    if (ids.has(ph.id)) throw new RuleDslInputError(`pack '${spec.name}': phase id '${ph.id}' is repeated`);
    ids.add(ph.id);
    const [a, b] = ph.days;
    if (!(a <= b))
      throw new RuleDslInputError(
        `pack '${spec.name}': phase '${ph.id}' has days [${a}, ${b}]; the first day must not be after the last`,
      );
    if (a <= prevEnd)
      throw new RuleDslInputError(
        `pack '${spec.name}': phase '${ph.id}' starts on day ${a}, inside the previous phase; phases must be ordered and not overlap`,
      );
    prevEnd = b;
  }
  assertDuration(`pack '${spec.name}' scrapeInterval`, spec.scrapeInterval);
  assertDuration(`pack '${spec.name}' evaluationInterval`, spec.evaluationInterval);
  const unknown: string[] = [];
  for (const g of spec.groups) {
    for (const ph of g.spec.phases ?? [])
      if (!ids.has(ph))
        unknown.push(
          `group ${typeof g.spec.name === 'string' ? `'${g.spec.name}'` : '(function name)'}: phase '${ph}'`,
        );
    for (const r of g.spec.rules) {
      const name = r.kind === 'alert' ? r.spec.alert : r.spec.record;
      for (const ph of Object.keys(r.spec.phases ?? {}))
        if (!ids.has(ph)) unknown.push(`${r.kind} '${name}': phase '${ph}'`);
    }
  }
  for (const ph of Object.keys(spec.expectations ?? {})) if (!ids.has(ph)) unknown.push(`expectations: phase '${ph}'`);
  if (unknown.length) {
    throw new RuleDslInputError(
      `pack '${spec.name}': unknown phase id(s) (the pack has ${[...ids].join(', ')}):\n  ${unknown.join('\n  ')}`,
      {
        code: 'rule-dsl/unknown-phase',
      },
    );
  }
  return { ...spec, kind: 'pack' };
}

/** The phase a day since launch falls in, or undefined. */
export function phaseForDay<Ph extends string>(pack: RulePack<Ph>, day: number): PhaseSpec<Ph> | undefined {
  return pack.phases.find((p) => day >= p.days[0] && day <= p.days[1]);
}
