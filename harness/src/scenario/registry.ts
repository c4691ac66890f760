/**
 * The scenario registry: name → spec (description, duration, default seed and scrape interval,
 * families, incidents). `getScenario(name, { seed, stepMs })` builds an instance.
 */
import type { DisturbanceSpec } from './disturbances.js';
import type { IncidentSpec } from './incidents.js';
import { buildScenario, type ScenarioOptions, type ScenarioSpec } from './generate.js';
import { ScenarioError } from './errors.js';
import type { Scenario } from './types.js';
import type { Plan } from './plan.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const at = (day: number, hour: number, minute = 0) => day * DAY + hour * HOUR + minute * MIN;
const inc = (
  kind: IncidentSpec['kind'],
  when: number,
  minutes: number,
  labels: Record<string, string>,
  extra: Partial<IncidentSpec> = {},
): IncidentSpec => ({
  kind,
  at: when,
  durationMs: minutes * MIN,
  labels,
  ...extra,
});

/** Monday 2025-09-01 06:00 UTC: T+0 of the launch-week scenarios. */
export const LAUNCH_WEEK_T0 = Date.UTC(2025, 8, 1, 6, 0, 0);
const maestro = { job: 'maestro' };
const aether = { job: 'aetherlink' };
const api = { job: 'maestro-api' };
const growth = { job: 'growth' };

/**
 * Seed 000's word for each benign disturbance of launch-week (they are not incidents: nothing
 * breaks, no alert is expected, an alert they trip is a false positive).
 */
const WHY = {
  surge:
    'seed 000: alerts tuned "based on real production traffic patterns in the first 14 days post-GA", a midday "Traffic pattern analysis vs baseline", and a day-0 "Budget burn > $2/min (day-0 aggressive)" while its red flag is "Cost burn > $5/min": launch announcements bring bursts of real, paying traffic that decay within the hour',
  deploy:
    'seed 000: days 0-3 are "Aggressive monitoring, immediate tuning" with an evening "Alert threshold adjustment needs" review: hot-fix and tuning deploys roll through the fleet during launch week, and runs on draining instances fail for a few minutes',
  retry:
    'seed 000: its red flag is "p95 latency > 2.5s sustained", not a brief excursion, and it graduates to "self-healing where proven": a stalled dependency makes clients retry with backoff for a few minutes, then it heals on its own',
} as const;
const dist = (
  kind: DisturbanceSpec['kind'],
  when: number,
  minutes: number,
  description: string,
  why: string,
): DisturbanceSpec => ({ kind, at: when, durationMs: minutes * MIN, labels: maestro, description, why });

const launchWeek: ScenarioSpec = {
  name: 'launch-week',
  description:
    'Fourteen days from T+0 (plus one pre-launch hour): launch ramp, diurnal/weekly cycles, 4 %/day growth, all metric families; ' +
    'incidents in every phase (day0 rules days 0–3, day4 rules days 4–7, day8 rules days 8–13), quiet days 1, 5 and 10, ' +
    'maintenance windows and zero-traffic periods that must stay quiet, and benign Maestro disturbances (announcement traffic surges, ' +
    'deploy blips, self-healing retry storms) that are not incidents.',
  launchAt: LAUNCH_WEEK_T0,
  startOffsetMs: -HOUR,
  durationMs: 14 * DAY + HOUR,
  defaultSeed: 20250901,
  defaultStepMs: 30_000,
  families: ['maestro', 'aether', 'api', 'business', 'node'],
  incidents: [
    // day0 phase (days 0-3); day 1 is quiet.
    inc('error-spike', at(0, 5), 20, maestro),
    inc('safety-guardian-attack', at(0, 9), 15, maestro),
    inc('zero-traffic', at(0, 12), 60, growth),
    inc('low-confidence-spike', at(2, 4), 30, aether),
    inc('cost-burn', at(2, 8), 30, maestro),
    inc('saga-compensation-storm', at(2, 14), 20, maestro),
    inc('latency-regression', at(3, 9), 45, maestro),
    inc('maintenance-window', at(3, 16), 45, aether, { expected: [] }),
    // day4 phase (days 4-7); day 5 is quiet.
    inc('rerank-budget-burn', at(4, 4), 60, aether),
    inc('latency-regression', at(4, 9), 60, maestro),
    inc('error-spike', at(6, 8), 40, maestro, { magnitude: 0.06 }),
    inc('error-spike', at(6, 14), 30, api, { magnitude: 0.05 }),
    inc('zero-traffic', at(7, 0), 120, aether, {
      expected: [],
      description: 'AetherLink traffic stops for 2 h: traffic-guarded alerts must stay quiet',
    }),
    inc('cost-burn', at(7, 7), 45, maestro, { magnitude: 8 }),
    // day8 phase (days 8-13); day 10 is quiet.
    inc('premium-tenant-outage', at(8, 10), 40, { job: 'maestro', tenant: 'acme' }),
    inc('slow-budget-burn', at(9, 4), 480, maestro),
    inc('capacity-creep', at(11, 2), 12 * 60, {}),
    inc('latency-regression', at(12, 8), 120, maestro),
    inc('maintenance-window', at(13, 2), 30, { job: 'maestro', region: 'eu-west' }, { expected: [] }),
    inc('cache-degradation', at(13, 8), 40, { job: 'aetherlink', tenant_id: 'vip-customer-123' }),
  ],
  // Benign disturbances of Maestro traffic (not incidents), kept clear of every incident window.
  disturbances: [
    // days 0-3 (what day 4's calibration learns from)
    dist('traffic-surge', at(0, 7), 40, 'launch announcement: maestro traffic ×2.5, decaying over 40 min', WHY.surge),
    dist('deploy-blip', at(2, 1), 4, 'hot-fix rolling deploy: 3 % of runs fail for 4 min', WHY.deploy),
    dist('retry-storm', at(3, 5), 8, 'dependency stall: clients retry, latency ×2.5 for 8 min, then heals', WHY.retry),
    // days 4-7 (where day 0's rules and the calibrated day 4 rules are compared)
    dist('deploy-blip', at(4, 3), 4, 'tuning rolling deploy: 3 % of runs fail for 4 min', WHY.deploy),
    dist('retry-storm', at(6, 2), 8, 'dependency stall: clients retry, latency ×2.5 for 8 min, then heals', WHY.retry),
    dist('traffic-surge', at(7, 4), 40, 'week-one announcement: maestro traffic ×2.5, decaying over 40 min', WHY.surge),
    // days 8-13
    dist('deploy-blip', at(9, 1), 4, 'release rolling deploy: 3 % of runs fail for 4 min', WHY.deploy),
    dist('retry-storm', at(13, 5), 8, 'dependency stall: clients retry, latency ×2.5 for 8 min, then heals', WHY.retry),
  ],
};

const maestroSmoke: ScenarioSpec = {
  name: 'maestro-smoke',
  description:
    'Six hours of maestro traffic from one pre-launch hour through launch day morning, 15 s scrape: an error spike, a cost burn and a Safety Guardian attack under day0 rules.',
  launchAt: Date.UTC(2025, 8, 1, 8, 0, 0),
  startOffsetMs: -HOUR,
  durationMs: 6 * HOUR,
  defaultSeed: 1,
  defaultStepMs: 15_000,
  families: ['maestro'],
  curve: { rampMs: 30 * MIN },
  restartsPerDay: 1,
  incidents: [
    inc('error-spike', at(0, 1), 20, maestro),
    inc('cost-burn', at(0, 2, 30), 20, maestro),
    inc('safety-guardian-attack', at(0, 4), 15, maestro),
  ],
};

const aetherlinkDay: ScenarioSpec = {
  name: 'aetherlink-day',
  description:
    'One mature day (day 9) of AetherLink RAG traffic, 30 s scrape: VIP and general cache/quality incidents, a rerank budget burn, a VIP outage, and a zero-traffic hour and a maintenance window that must stay quiet.',
  launchAt: LAUNCH_WEEK_T0,
  startOffsetMs: at(9, -6),
  durationMs: DAY,
  defaultSeed: 1001,
  defaultStepMs: 30_000,
  families: ['aether'],
  incidents: [
    inc('cache-degradation', at(9, 0), 30, { job: 'aetherlink', tenant_id: 'vip-customer-123' }),
    inc('low-confidence-spike', at(9, 4), 30, aether),
    inc('zero-traffic', at(9, 7), 60, aether, { expected: [] }),
    inc('maintenance-window', at(9, 10), 30, aether, { expected: [] }),
    inc('rerank-budget-burn', at(9, 12), 45, aether),
    inc('premium-tenant-outage', at(9, 15), 30, { job: 'aetherlink', tenant_id: 'vip-customer-456' }),
  ],
};

const runbookDay: ScenarioSpec = {
  name: 'runbook-day',
  description:
    'One day (day 9) of API, business and node traffic, 30 s scrape: an API error burst, an API latency regression, a signup/checkout outage, and a ten-hour CPU/memory capacity creep.',
  launchAt: LAUNCH_WEEK_T0,
  startOffsetMs: at(9, -6),
  durationMs: DAY,
  defaultSeed: 2002,
  defaultStepMs: 30_000,
  families: ['api', 'business', 'node'],
  incidents: [
    inc('error-spike', at(9, -2), 30, api, { magnitude: 0.05 }),
    inc('latency-regression', at(9, 3), 40, api),
    inc('zero-traffic', at(9, 7), 45, growth),
    inc('capacity-creep', at(9, 8), 600, { job: 'node' }, { magnitude: 0.6 }),
  ],
};

const gaLaunch30m: ScenarioSpec = {
  name: 'ga-launch-30m',
  description:
    'The 30-minute GA window of seed 003 (T-5m to T+30m), 15 s scrape: traffic ramps over 5 minutes after T+0; a brief 5xx burst at T+12m and a latency regression at T+20m.',
  launchAt: Date.UTC(2025, 8, 3, 16, 33, 0),
  startOffsetMs: -5 * MIN,
  durationMs: 35 * MIN,
  defaultSeed: 3003,
  defaultStepMs: 15_000,
  families: ['api'],
  curve: { rampMs: 5 * MIN, launchBump: 0 },
  restartsPerDay: 0,
  gapsPerDay: 0,
  incidents: [
    inc('error-spike', at(0, 0, 12), 6, api, { magnitude: 0.03 }),
    inc('latency-regression', at(0, 0, 20), 8, api, { magnitude: 2.5 }),
  ],
};

export interface ScenarioEntry {
  name: string;
  description: string;
  durationMs: number;
  defaultSeed: number;
  defaultStepMs: number;
  spec: ScenarioSpec;
  /** Builds an instance (same seed, same bytes). */
  build(options?: ScenarioOptions): Scenario & { plan: Plan };
}

function entry(spec: ScenarioSpec): ScenarioEntry {
  return {
    name: spec.name,
    description: spec.description,
    durationMs: spec.durationMs,
    defaultSeed: spec.defaultSeed,
    defaultStepMs: spec.defaultStepMs,
    spec,
    build: (options) => buildScenario(spec, options),
  };
}

/** Every built-in scenario, by name. */
export const scenarios: readonly ScenarioEntry[] = [
  launchWeek,
  maestroSmoke,
  aetherlinkDay,
  runbookDay,
  gaLaunch30m,
].map(entry);

/** A built-in scenario instance; throws ScenarioError naming the known scenarios when unknown. */
export function getScenario(name: string, options?: ScenarioOptions): Scenario & { plan: Plan } {
  const found = scenarios.find((s) => s.name === name);
  if (!found) {
    throw new ScenarioError(
      `unknown scenario '${name}'; known scenarios: ${scenarios.map((s) => s.name).join(', ')}`,
      'scenario/unknown',
    );
  }
  return found.build(options);
}
