/**
 * The plan a scenario's families generate from: the time grid, the launch curve, the topology
 * (tenants, regions...), the injected incidents, counter resets and scrape gaps. Helpers turn a
 * cell's per-step increments into a counter series with resets and gaps applied.
 */
import type { Labels } from '@alertcraft/promql';
import type { Rng } from './prng.js';
import type { Disturbance, Incident, IncidentKind, ScenarioSeries } from './types.js';

export type TenantTier = 'premium' | 'standard' | 'free';

export interface Tenant {
  name: string;
  tier: TenantTier;
  /** Home region of the tenant's maestro runs. */
  region: string;
  /** Share of total traffic (weights are normalised by the generator). */
  weight: number;
}

export interface Topology {
  tenants: Tenant[];
  regions: string[];
  workflowTypes: string[];
  /** AetherLink tenants (`tenant_id`), VIP ones first. */
  aetherTenants: { id: string; vip: boolean; weight: number }[];
  /** node_exporter instances. */
  nodes: string[];
  cpusPerNode: number;
}

/** A process restart: every counter whose labels contain `labels` starts again from 0 at `at`. */
export interface Restart {
  at: number;
  labels: Labels;
}

/** A scrape gap: no samples in [start, end) for series whose labels contain `labels`. */
export interface ScrapeGap {
  start: number;
  end: number;
  labels: Labels;
}

export interface Plan {
  start: number;
  end: number;
  launchAt: number;
  stepMs: number;
  /** Every step's timestamp (shared, read-only). */
  timestamps: Float64Array;
  /** Launch-curve multiplier per step (shared, read-only). */
  traffic: Float64Array;
  topology: Topology;
  incidents: Incident[];
  /** Benign disturbances (not incidents). */
  disturbances: Disturbance[];
  restarts: Restart[];
  gaps: ScrapeGap[];
  rng: Rng;
}

/** True when every label of `scope` is present with the same value in `labels`. */
export function matches(scope: Labels, labels: Labels): boolean {
  for (const k in scope) if (labels[k] !== scope[k]) return false;
  return true;
}

/**
 * The effect level of incidents of `kind` on a series with `labels`: per step `magnitude`
 * inside the incident (for `ramp` kinds, rising linearly from 0 to `magnitude` over the
 * incident), 0 outside. Undefined when no such incident touches the series (fast path).
 */
export function effect(plan: Plan, labels: Labels, kind: IncidentKind, ramp = false): Float64Array | undefined {
  let out: Float64Array | undefined;
  for (const inc of plan.incidents) {
    if (inc.kind !== kind || !matches(inc.labels, labels)) continue;
    out ??= new Float64Array(plan.timestamps.length);
    const { i0, i1 } = stepRange(plan, inc.start, inc.end);
    const span = Math.max(1, inc.end - inc.start);
    for (let i = i0; i < i1; i++) {
      const level = ramp ? (inc.magnitude * (plan.timestamps[i]! - inc.start)) / span : inc.magnitude;
      if (level > out[i]!) out[i] = level;
    }
  }
  return out;
}

/** Index range [i0, i1) of the steps in [start, end). */
export function stepRange(plan: Plan, start: number, end: number): { i0: number; i1: number } {
  const n = plan.timestamps.length;
  const i0 = Math.min(n, Math.max(0, Math.ceil((start - plan.start) / plan.stepMs)));
  const i1 = Math.min(n, Math.max(0, Math.ceil((end - plan.start) / plan.stepMs)));
  return { i0, i1 };
}

/** A counter from per-step increments: cumulative sum, reset to 0 at matching restarts, gaps removed. */
export function counterSeries(plan: Plan, labels: Labels, increments: Float64Array, decimals = 6): ScenarioSeries {
  const values = new Float64Array(increments.length);
  const resetAt = new Uint8Array(increments.length);
  for (const r of plan.restarts) {
    if (!matches(r.labels, labels)) continue;
    const { i0 } = stepRange(plan, r.at, r.at);
    if (i0 < resetAt.length) resetAt[i0] = 1;
  }
  const scale = 10 ** decimals;
  let acc = 0;
  for (let i = 0; i < increments.length; i++) {
    if (resetAt[i]) acc = 0;
    acc += increments[i]!;
    values[i] = Math.round(acc * scale) / scale;
  }
  return withGaps(plan, labels, values);
}

/** A gauge series from per-step values, gaps removed. */
export function gaugeSeries(plan: Plan, labels: Labels, values: Float64Array, decimals = 6): ScenarioSeries {
  const scale = 10 ** decimals;
  for (let i = 0; i < values.length; i++) values[i] = Math.round(values[i]! * scale) / scale;
  return withGaps(plan, labels, values);
}

function withGaps(plan: Plan, labels: Labels, values: Float64Array): ScenarioSeries {
  const sorted = sortLabels(labels);
  let keep: Uint8Array | undefined;
  for (const g of plan.gaps) {
    if (!matches(g.labels, labels)) continue;
    keep ??= new Uint8Array(values.length).fill(1);
    const { i0, i1 } = stepRange(plan, g.start, g.end);
    keep.fill(0, i0, i1);
  }
  if (!keep) return { labels: sorted, timestamps: plan.timestamps.slice(), values };
  let n = 0;
  for (let i = 0; i < keep.length; i++) n += keep[i]!;
  const ts = new Float64Array(n);
  const vs = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < keep.length; i++) {
    if (!keep[i]) continue;
    ts[j] = plan.timestamps[i]!;
    vs[j++] = values[i]!;
  }
  return { labels: sorted, timestamps: ts, values: vs };
}

/** Labels with keys in sorted order (`__name__` first, as Prometheus prints them). */
export function sortLabels(labels: Labels): Labels {
  const out: Record<string, string> = {};
  for (const k of Object.keys(labels).sort((a, b) =>
    a === '__name__' ? -1 : b === '__name__' ? 1 : a < b ? -1 : a > b ? 1 : 0,
  )) {
    out[k] = labels[k]!;
  }
  return out;
}

/** Multiplicative noise factor around 1 with relative sd `sd`, never below 0. */
export function jitter(rng: Rng, sd: number): number {
  return Math.max(0, 1 + sd * rng.normal());
}

/** A generator cell (one group of series sharing labels) and its share of the family's traffic. */
export interface Cell {
  labels: Labels;
  share: number;
}

/**
 * For kinds whose magnitude is a total rate across the incident's scope (cost burn, saga storm,
 * Safety Guardian attack): the part carried by `cell`, i.e. magnitude × cell share / (sum of the
 * shares of the cells the incident's scope matches), per step; undefined when none applies.
 */
export function distributedEffect(
  plan: Plan,
  kind: IncidentKind,
  cell: Cell,
  cells: readonly Cell[],
): Float64Array | undefined {
  let out: Float64Array | undefined;
  for (const inc of plan.incidents) {
    if (inc.kind !== kind || !matches(inc.labels, cell.labels)) continue;
    let total = 0;
    for (const c of cells) if (matches(inc.labels, c.labels)) total += c.share;
    if (!(total > 0)) continue;
    out ??= new Float64Array(plan.timestamps.length);
    const { i0, i1 } = stepRange(plan, inc.start, inc.end);
    const part = (inc.magnitude * cell.share) / total;
    for (let i = i0; i < i1; i++) out[i] = out[i]! + part;
  }
  return out;
}
