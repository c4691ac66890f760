/**
 * Builds a scenario instance from a spec and a seed: the time grid, the launch curve, the
 * incidents with ground truth, random counter resets and scrape gaps (kept away from incidents),
 * and a lazy series generator over the spec's families.
 */
import { aetherFamily } from './families/aether.js';
import { apiFamily } from './families/api.js';
import { businessFamily } from './families/business.js';
import type { Family, FamilyName } from './families/family.js';
import { maestroFamily } from './families/maestro.js';
import { nodeFamily } from './families/node.js';
import { resolveDisturbance, type DisturbanceSpec } from './disturbances.js';
import { FAMILY_JOBS, resolveIncident, type IncidentSpec } from './incidents.js';
import type { Plan, Restart, ScrapeGap, Topology } from './plan.js';
import { createRng, seedOf } from './prng.js';
import { launchCurve, type LaunchCurveOptions } from './shape.js';
import type { Disturbance, Incident, PhaseWindow, Scenario, ScenarioSeries } from './types.js';
import { ScenarioError } from './errors.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export const FAMILIES: Record<FamilyName, Family> = {
  maestro: maestroFamily,
  aether: aetherFamily,
  api: apiFamily,
  business: businessFamily,
  node: nodeFamily,
};

export const DEFAULT_TOPOLOGY: Topology = {
  tenants: [
    { name: 'acme', tier: 'premium', region: 'us-east', weight: 0.28 },
    { name: 'globex', tier: 'premium', region: 'eu-west', weight: 0.2 },
    { name: 'initech', tier: 'standard', region: 'us-east', weight: 0.16 },
    { name: 'umbrella', tier: 'standard', region: 'eu-west', weight: 0.14 },
    { name: 'hooli', tier: 'standard', region: 'ap-south', weight: 0.14 },
    { name: 'piedpiper', tier: 'free', region: 'ap-south', weight: 0.08 },
  ],
  regions: ['us-east', 'eu-west', 'ap-south'],
  workflowTypes: ['etl', 'agent', 'approval'],
  aetherTenants: [
    { id: 'vip-customer-123', vip: true, weight: 0.25 },
    { id: 'vip-customer-456', vip: true, weight: 0.15 },
    { id: 'tenant-blue', vip: false, weight: 0.25 },
    { id: 'tenant-green', vip: false, weight: 0.2 },
    { id: 'tenant-red', vip: false, weight: 0.15 },
  ],
  nodes: ['node-1:9100', 'node-2:9100', 'node-3:9100'],
  cpusPerNode: 2,
};

export interface ScenarioSpec {
  name: string;
  description: string;
  /** T+0 (Unix ms). */
  launchAt: number;
  /** Scenario start relative to T+0 (negative: pre-launch quiet time). */
  startOffsetMs: number;
  durationMs: number;
  defaultSeed: number;
  defaultStepMs: number;
  families: FamilyName[];
  incidents: IncidentSpec[];
  /** Benign disturbances (not incidents; see disturbances.ts). Default none. */
  disturbances?: DisturbanceSpec[];
  topology?: Topology;
  curve?: Omit<LaunchCurveOptions, 'launchAt'>;
  /** Random process restarts (counter resets) per job per day; default 0.5. */
  restartsPerDay?: number;
  /** Random scrape gaps (1–4 min) per job per day; default 0.3. */
  gapsPerDay?: number;
}

export interface ScenarioOptions {
  seed?: number | string;
  /** Scrape interval (ms); default the spec's. */
  stepMs?: number;
}

/** Phase windows from T+0: day0 = [start, T+4d), day4 = [T+4d, T+8d), day8 = [T+8d, end), clipped. */
export function phaseWindows(launchAt: number, start: number, end: number): PhaseWindow[] {
  const raw: PhaseWindow[] = [
    { phase: 'day0', start: Math.min(start, launchAt), end: launchAt + 4 * DAY },
    { phase: 'day4', start: launchAt + 4 * DAY, end: launchAt + 8 * DAY },
    { phase: 'day8', start: launchAt + 8 * DAY, end: Math.max(end, launchAt + 8 * DAY) },
  ];
  return raw
    .map((w) => ({ phase: w.phase, start: Math.max(w.start, start), end: Math.min(w.end, end) }))
    .filter((w) => w.end > w.start);
}

/** The plan (grid, curve, incidents, resets, gaps) for a spec and options. */
export function buildPlan(spec: ScenarioSpec, options: ScenarioOptions = {}): Plan {
  const stepMs = options.stepMs ?? spec.defaultStepMs;
  if (!Number.isInteger(stepMs) || stepMs < 1000) {
    throw new ScenarioError(
      `scenario ${spec.name}: step must be a whole number of ms ≥ 1000, got ${stepMs}`,
      'scenario/bad-step',
    );
  }
  const seed = seedOf(options.seed ?? spec.defaultSeed);
  const rng = createRng(seed);
  const start = spec.launchAt + spec.startOffsetMs;
  const end = start + spec.durationMs;
  const n = Math.floor((end - 1 - start) / stepMs) + 1;
  const timestamps = new Float64Array(n);
  for (let i = 0; i < n; i++) timestamps[i] = start + i * stepMs;
  const traffic = launchCurve(timestamps, { ...(spec.curve ?? {}), launchAt: spec.launchAt });
  const topology = spec.topology ?? DEFAULT_TOPOLOGY;
  const jobs = spec.families.map((f) => FAMILY_JOBS[f]!);
  const incidents: Incident[] = spec.incidents
    .map((s, i) => resolveIncident(s, i, spec.launchAt, jobs, topology))
    .sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
  for (const inc of incidents) {
    if (inc.end <= inc.start)
      throw new ScenarioError(`scenario ${spec.name}: incident ${inc.id} has no duration`, 'scenario/bad-incident');
  }
  const disturbances: Disturbance[] = (spec.disturbances ?? [])
    .map((s, i) => resolveDisturbance(s, i, spec.launchAt))
    .sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
  for (const d of disturbances) {
    if (d.end <= d.start)
      throw new ScenarioError(`scenario ${spec.name}: disturbance ${d.id} has no duration`, 'scenario/bad-disturbance');
    const hit = incidents.find((inc) => d.start < inc.end && d.end > inc.start);
    if (hit)
      throw new ScenarioError(
        `scenario ${spec.name}: disturbance ${d.id} overlaps incident ${hit.id}; a benign disturbance must not hide inside an incident`,
        'scenario/bad-disturbance',
      );
  }
  const restarts: Restart[] = [];
  const gaps: ScrapeGap[] = [];
  for (const inc of incidents) {
    if (inc.kind !== 'maintenance-window') continue;
    // A deploy: the scrape target is down for the first minutes, the process restarts at the end.
    gaps.push({ start: inc.start, end: Math.min(inc.end, inc.start + 3 * MIN), labels: inc.labels });
    restarts.push({ at: inc.end, labels: inc.labels });
  }
  const clear = (t0: number, t1: number) =>
    incidents.every((inc) => t1 < inc.start - 30 * MIN || t0 > inc.end + 30 * MIN);
  const days = spec.durationMs / DAY;
  for (const job of jobs) {
    const scopes = job === 'maestro' ? topology.regions.map((region) => ({ job, region })) : [{ job }];
    for (const labels of scopes) {
      // One stream per scope: a job's resets and gaps do not depend on which other jobs are generated.
      const noise = rng.fork(`restarts-and-gaps/${Object.values(labels).join('/')}`);
      const nRestarts = noise.poisson((spec.restartsPerDay ?? 0.5) * days);
      for (let k = 0; k < nRestarts; k++) {
        const at = start + Math.floor(noise.next() * (spec.durationMs / stepMs)) * stepMs;
        if (at > spec.launchAt && clear(at, at)) restarts.push({ at, labels });
      }
      const nGaps = noise.poisson((spec.gapsPerDay ?? 0.3) * days);
      for (let k = 0; k < nGaps; k++) {
        const g0 = start + Math.floor(noise.next() * (spec.durationMs / stepMs)) * stepMs;
        const g1 = g0 + (1 + noise.int(4)) * MIN;
        if (clear(g0, g1)) gaps.push({ start: g0, end: g1, labels });
      }
    }
  }
  restarts.sort((a, b) => a.at - b.at);
  gaps.sort((a, b) => a.start - b.start);
  return {
    start,
    end,
    launchAt: spec.launchAt,
    stepMs,
    timestamps,
    traffic,
    topology,
    incidents,
    disturbances,
    restarts,
    gaps,
    rng,
  };
}

/** A scenario instance; `series()` generates lazily, family by family, group by group. */
export function buildScenario(spec: ScenarioSpec, options: ScenarioOptions = {}): Scenario & { plan: Plan } {
  const plan = buildPlan(spec, options);
  const families = spec.families.map((f) => FAMILIES[f]);
  return {
    name: spec.name,
    description: spec.description,
    seed: options.seed ?? spec.defaultSeed,
    start: plan.start,
    end: plan.end,
    launchAt: plan.launchAt,
    stepMs: plan.stepMs,
    phases: phaseWindows(plan.launchAt, plan.start, plan.end),
    incidents: plan.incidents,
    disturbances: plan.disturbances,
    seriesCount: families.reduce((a, f) => a + f.count(plan), 0),
    plan,
    *series(): Generator<ScenarioSeries> {
      for (const f of families) yield* f.generate(plan);
    },
  };
}

/**
 * The window of a pack phase given as launch days `[from, to]` (inclusive, as rule packs declare
 * them): [T+from d, T+(to+1) d), where a phase starting on day 0 also covers the pre-launch time;
 * clipped to the scenario. Undefined when the phase does not overlap the scenario.
 */
export function windowForDays(
  scenario: { start: number; end: number; launchAt: number },
  days: readonly [number, number],
): { start: number; end: number } | undefined {
  const from =
    days[0] <= 0 ? Math.min(scenario.start, scenario.launchAt + days[0] * DAY) : scenario.launchAt + days[0] * DAY;
  const start = Math.max(scenario.start, from);
  const end = Math.min(scenario.end, scenario.launchAt + (days[1] + 1) * DAY);
  return end > start ? { start, end } : undefined;
}
