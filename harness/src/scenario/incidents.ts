/**
 * Incident injectors and their ground truth. An incident is declared as a spec (kind, when, how
 * long, scope, magnitude); `resolveIncident` turns it into the recorded `Incident` with the
 * alerts each pack must raise for it. Magnitude units per kind:
 *
 * | kind | magnitude | effect |
 * |---|---|---|
 * | error-spike | error ratio (0.08 = 8 %) | maestro run errors / API 5xx share |
 * | latency-regression | median multiplier | maestro step latency / API request latency |
 * | cost-burn | extra USD per minute across the scope | maestro_cost_usd_total / aether cost |
 * | saga-compensation-storm | compensations per second across the scope | maestro_saga_compensations_total |
 * | safety-guardian-attack | extra blocks per second across the scope | maestro_safety_blocks_total |
 * | zero-traffic | 1 | traffic of the scope stops |
 * | capacity-creep | 0..1 | CPU busy share +m, memory −0.8m (linear ramps); traffic grows to ×(1 + 2m) |
 * | premium-tenant-outage | error ratio of the tenant | maestro errors; aether hit 10 %, low-confidence 60 % |
 * | slow-budget-burn | error ratio (0.02 = 20× a 99.9 % budget), for hours | maestro run errors |
 * | maintenance-window | 1 | traffic stops, scrape gap, counters reset at the end; must stay quiet |
 * | cache-degradation | cache hit ratio | aether cache hits |
 * | low-confidence-spike | low-confidence share | aether answers |
 * | rerank-budget-burn | share of the 15-minute rerank budget used | aether rerank requests |
 */
import type { Labels } from '@alertcraft/promql';
import type { ExpectedAlert, Incident, IncidentKind, Phase } from './types.js';
import type { Topology } from './plan.js';

export interface IncidentSpec {
  kind: IncidentKind;
  /** Start, ms after launch (T+0). */
  at: number;
  durationMs: number;
  /** Scope as series labels; `{}` is platform-wide. */
  labels?: Labels;
  /** Default: `DEFAULT_MAGNITUDE[kind]`. */
  magnitude?: number;
  /** Override the derived expectations (`[]` = must stay quiet). */
  expected?: ExpectedAlert[];
  description?: string;
}

export const DEFAULT_MAGNITUDE: Record<IncidentKind, number> = {
  'error-spike': 0.08,
  'latency-regression': 4,
  'cost-burn': 6,
  'saga-compensation-storm': 15,
  'safety-guardian-attack': 80,
  'zero-traffic': 1,
  'capacity-creep': 0.5,
  'premium-tenant-outage': 0.4,
  'slow-budget-burn': 0.02,
  'maintenance-window': 1,
  'cache-degradation': 0.15,
  'low-confidence-spike': 0.5,
  'rerank-budget-burn': 0.9,
};

const M = 60;
const maestro = (alertname: string, phases: Phase[], within: number): ExpectedAlert => ({
  alertname,
  pack: 'maestro',
  phases,
  within,
});
/** The burn tiers slo-math generates for an SLO (the packs' `slos.ts`): any tier catches a burn. */
const TIERS = ['PageFast', 'PageSlow', 'TicketFast', 'TicketSlow'] as const;
const maestroSlo = (prefix: string, within: number): ExpectedAlert[] =>
  TIERS.map((t) => maestro(`${prefix}${t}`, ['day8'], within));
const gaSlo = (prefix: string, within: number): ExpectedAlert[] => TIERS.map((t) => ga(`${prefix}${t}`, within));
const runbook = (alertname: string, within: number): ExpectedAlert => ({ alertname, pack: 'incident-runbook', within });
const aether = (alertname: string, within: number): ExpectedAlert => ({ alertname, pack: 'aetherlink', within });
const ga = (alertname: string, within: number): ExpectedAlert => ({ alertname, pack: 'ga-launch', within });

/**
 * Which alerts must catch each kind, by the job the incident touches. `within` allows for the
 * rule's range window, its `for`, and a couple of evaluation intervals.
 */
export const EXPECTATIONS: Partial<Record<IncidentKind, Partial<Record<string, (vip: boolean) => ExpectedAlert[]>>>> = {
  'error-spike': {
    maestro: () => [
      maestro('MaestroErrorRateSpike', ['day0'], 10 * M),
      maestro('MaestroErrorRateHigh', ['day4'], 20 * M),
      ...maestroSlo('MaestroSLOErrorBudgetBurn', 30 * M),
    ],
    'maestro-api': () => [runbook('ApiErrorBudgetBurn', 30 * M), ...gaSlo('GaAvailabilityBudgetBurn', 20 * M)],
  },
  'latency-regression': {
    maestro: () => [
      maestro('MaestroLatencyRegression', ['day0'], 10 * M),
      maestro('MaestroLatencyAnomaly', ['day4'], 30 * M),
      ...maestroSlo('MaestroSLOLatencyBudgetBurn', 90 * M),
    ],
    'maestro-api': () => [runbook('ApiLatencySLOBreach', 30 * M), ...gaSlo('GaLatencyBudgetBurn', 10 * M)],
  },
  'cost-burn': {
    maestro: () => [
      maestro('MaestroBudgetBurnSpike', ['day0'], 5 * M),
      maestro('MaestroCostAnomalyDetection', ['day4'], 15 * M),
    ],
  },
  'saga-compensation-storm': { maestro: () => [maestro('MaestroSagaCompensationStorm', ['day0'], 10 * M)] },
  'safety-guardian-attack': { maestro: () => [maestro('MaestroSafetyGuardianOverload', ['day0'], 5 * M)] },
  'premium-tenant-outage': {
    // As the maestro pack declares it: only day8's per-tenant alert answers for it (day0/day4 error-rate alerts may fire too).
    maestro: () => [maestro('MaestroRevenueImpactingOutage', ['day8'], 20 * M)],
    aetherlink: () => [aether('CacheEffectivenessDropVIP', 25 * M), aether('LowConfidenceSpikeVIP', 25 * M)],
  },
  'slow-budget-burn': { maestro: () => maestroSlo('MaestroSLOErrorBudgetBurn', 2 * 3600) },
  'capacity-creep': {
    maestro: () => [maestro('MaestroPredictiveCapacity', ['day8'], 12 * 3600)],
    node: () => [
      runbook('CapacityCPUForecastCritical', 12 * 3600),
      runbook('CapacityMemoryForecastCritical', 12 * 3600),
    ],
  },
  'zero-traffic': {
    growth: () => [runbook('SignupZeroTraffic', 30 * M), runbook('RevenueRunRateShortfall', 60 * M)],
  },
  'cache-degradation': {
    aetherlink: (vip) =>
      vip ? [aether('CacheEffectivenessDropVIP', 25 * M)] : [aether('CacheEffectivenessDrop', 30 * M)],
  },
  'rerank-budget-burn': { aetherlink: () => [aether('RerankUtilizationCritical', 25 * M)] },
  'low-confidence-spike': {
    aetherlink: (vip) => (vip ? [aether('LowConfidenceSpikeVIP', 25 * M)] : [aether('LowConfidenceSpike', 30 * M)]),
  },
};

/** Jobs each family's series carry. */
export const FAMILY_JOBS: Record<string, string> = {
  maestro: 'maestro',
  aether: 'aetherlink',
  api: 'maestro-api',
  business: 'growth',
  node: 'node',
};

/** The recorded incident for a spec, with expectations derived from kind, scope and families. */
export function resolveIncident(
  spec: IncidentSpec,
  index: number,
  launchAt: number,
  jobs: readonly string[],
  topology: Topology,
): Incident {
  const labels = { ...(spec.labels ?? {}) };
  const start = launchAt + spec.at;
  const touched = labels.job ? jobs.filter((j) => j === labels.job) : jobs;
  const vip = labels.tenant_id !== undefined && topology.aetherTenants.some((t) => t.id === labels.tenant_id && t.vip);
  const expected =
    spec.expected ??
    touched
      .flatMap((job) => EXPECTATIONS[spec.kind]?.[job]?.(vip) ?? [])
      .filter((e) => !(spec.kind === 'cache-degradation' && !labels.tenant_id && e.alertname.endsWith('VIP')));
  const magnitude = spec.magnitude ?? DEFAULT_MAGNITUDE[spec.kind];
  const scope = Object.keys(labels).length
    ? Object.entries(labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(',')
    : 'platform';
  return {
    id: `${String(index + 1).padStart(2, '0')}-${spec.kind}`,
    kind: spec.kind,
    start,
    end: start + spec.durationMs,
    labels,
    magnitude,
    description:
      spec.description ??
      `${spec.kind} on ${scope}, magnitude ${magnitude}, ${Math.round(spec.durationMs / 60000)} min`,
    expected: sortExpected(expected),
  };
}

function sortExpected(list: ExpectedAlert[]): ExpectedAlert[] {
  return [...list].sort(
    (a, b) =>
      (a.pack ?? '').localeCompare(b.pack ?? '') ||
      a.alertname.localeCompare(b.alertname) ||
      (a.phases ?? []).join().localeCompare((b.phases ?? []).join()),
  );
}
