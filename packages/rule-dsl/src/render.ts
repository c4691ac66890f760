import { MissingValuesError, RuleDslInputError, type MissingValue } from './errors.js';
import type { AlertingRule, RecordingRule, Rule, RuleFile, RuleGroup } from './model.js';
import {
  assertValidExpr,
  phaseParams,
  type CommonAlertParams,
  type ExprInput,
  type PhaseInfo,
  type RulePack,
} from './pack.js';
import { PromQLExpr } from './promql-template.js';
import { ValueRef, lookupRef, type Baselines } from './values.js';

/** What `render()` reads deferred values from. */
export interface RenderContext {
  /** Baseline statistics, `{ error_rate: { p95: 0.004 } }`. */
  baselines?: Baselines;
  /** Context values read by dotted path, `{ capacity: { maxRunsPerDay: 100000 } }`. */
  values?: Record<string, unknown>;
  /** Type-check every rendered expression (default true). */
  check?: boolean;
  /**
   * Parameters per alert (by its rendered name) merged over the phase's, e.g. calibrated ones:
   * `{ MaestroErrorRateHigh: { threshold: 0.0042, for: '10m' } }`. Unknown alert names are ignored.
   */
  overrides?: Record<string, Record<string, number | string>>;
}

const NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function checkNames(what: 'label' | 'annotation', r: Record<string, string>, rule: string, phase: string): void {
  for (const [k, v] of Object.entries(r)) {
    if (!NAME_RE.test(k)) {
      throw new RuleDslInputError(
        `rule '${rule}' (phase '${phase}'): invalid ${what} name ${JSON.stringify(k)}; names match [a-zA-Z_][a-zA-Z0-9_]*`,
        { code: 'rule-dsl/invalid-name' },
      );
    }
    if (typeof v !== 'string') {
      throw new RuleDslInputError(`rule '${rule}' (phase '${phase}'): ${what} ${k} must be a string, got ${typeof v}`, {
        code: 'rule-dsl/invalid-name',
      });
    }
  }
}

function sortedRecord(r: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(r).sort()) out[k] = r[k]!;
  return out;
}

/**
 * Render a pack for one phase into plain rule groups. Every baseline/context value is resolved
 * from `ctx`; when any is missing, ONE `MissingValuesError` lists them all. Expressions are
 * type-checked after resolution (`RuleExpressionError` names the rule and phase).
 */
export function render<Ph extends string>(pack: RulePack<Ph>, phase: Ph, ctx: RenderContext = {}): RuleFile {
  const spec = pack.phases.find((p) => p.id === phase);
  if (!spec) {
    throw new RuleDslInputError(
      `render: pack '${pack.name}' has no phase '${phase}'; its phases are ${pack.phases.map((p) => p.id).join(', ')}`,
      {
        code: 'rule-dsl/unknown-phase',
      },
    );
  }
  const info: PhaseInfo = { id: spec.id, days: spec.days };
  const missing = new Map<string, MissingValue>();
  const resolveFor =
    (rule: string) =>
    (ref: ValueRef): number => {
      const base = lookupRef(ref, ctx);
      if (base === undefined) {
        const id = `${ref.source.kind}:${ref.key}`;
        const m = missing.get(id) ?? { kind: ref.source.kind, key: ref.key, usedBy: [] };
        if (!m.usedBy.includes(rule)) m.usedBy.push(rule);
        missing.set(id, m);
        return 1;
      }
      return ref.apply(base);
    };
  const resolveParams = <T extends object>(p: T, resolve: (r: ValueRef) => number): T => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(p)) out[k] = v instanceof ValueRef ? resolve(v) : v;
    return out as T;
  };
  const exprOf = (e: ExprInput, resolve: (r: ValueRef) => number): string =>
    e instanceof PromQLExpr ? e.text(resolve) : e;
  const checks: [string, string][] = [];

  const groups: RuleGroup[] = [];
  const names = new Set<string>();
  for (const g of pack.groups) {
    if (g.spec.phases && !g.spec.phases.includes(phase)) continue;
    const rules: Rule[] = [];
    for (const r of g.spec.rules) {
      if (r.kind === 'alert') {
        const a = r.spec;
        const p0 = phaseParams(a, phase);
        if (!p0) continue;
        const name = (p0 as CommonAlertParams).alert ?? a.alert;
        const p = ctx.overrides?.[name] ? { ...p0, ...ctx.overrides[name] } : p0;
        const resolve = resolveFor(name);
        const rp = resolveParams(p, resolve);
        const e = typeof a.expr === 'function' ? a.expr(p, info) : a.expr;
        const rule: AlertingRule = { alert: name, expr: exprOf(e, resolve) };
        if (p.for !== undefined) rule.for = p.for;
        if (p.keepFiringFor !== undefined) rule.keep_firing_for = p.keepFiringFor;
        const labels: Record<string, string> = {
          ...(pack.phaseLabel ? { [pack.phaseLabel]: phase } : {}),
          ...(p.labels ?? {}),
          ...(p.severity !== undefined ? { severity: p.severity } : {}),
          ...(a.labelsFor ? a.labelsFor(rp, info) : {}),
        };
        checkNames('label', labels, name, phase);
        if (Object.keys(labels).length) rule.labels = sortedRecord(labels);
        const annotations = { ...(p.annotations ?? {}), ...(a.annotationsFor ? a.annotationsFor(rp, info) : {}) };
        checkNames('annotation', annotations, name, phase);
        if (Object.keys(annotations).length) rule.annotations = sortedRecord(annotations);
        rules.push(rule);
        checks.push([name, rule.expr]);
      } else {
        const rs = r.spec;
        const p = phaseParams(rs, phase) as (Record<string, unknown> & { labels?: Record<string, string> }) | undefined;
        if (!p) continue;
        const resolve = resolveFor(rs.record);
        const e = typeof rs.expr === 'function' ? rs.expr(p, info) : rs.expr;
        const rule: RecordingRule = { record: rs.record, expr: exprOf(e, resolve) };
        if (p.labels) checkNames('label', p.labels, rs.record, phase);
        if (p.labels && Object.keys(p.labels).length) rule.labels = sortedRecord(p.labels);
        rules.push(rule);
        checks.push([rs.record, rule.expr]);
      }
    }
    if (rules.length === 0) continue;
    const name = typeof g.spec.name === 'function' ? g.spec.name(info) : g.spec.name;
    if (names.has(name)) {
      throw new RuleDslInputError(
        `render: pack '${pack.name}' phase '${phase}' has two groups named '${name}'; Prometheus rejects repeated group names in a file`,
        {
          code: 'rule-dsl/duplicate-group',
        },
      );
    }
    names.add(name);
    const group: RuleGroup = { name, rules };
    const interval = g.spec.interval ?? pack.evaluationInterval;
    if (interval !== undefined) group.interval = interval;
    if (g.spec.limit !== undefined) group.limit = g.spec.limit;
    if (g.spec.queryOffset !== undefined) group.query_offset = g.spec.queryOffset;
    groups.push(group);
  }
  if (missing.size) throw new MissingValuesError(phase, [...missing.values()]);
  if (ctx.check !== false) for (const [name, text] of checks) assertValidExpr(name, phase, text);
  return { groups };
}

/** Render every phase of a pack: `{ day0: RuleFile, day4: RuleFile, ... }`. */
export function renderAll<Ph extends string>(pack: RulePack<Ph>, ctx: RenderContext = {}): Record<Ph, RuleFile> {
  const out = {} as Record<Ph, RuleFile>;
  for (const p of pack.phases) out[p.id] = render(pack, p.id, ctx);
  return out;
}
