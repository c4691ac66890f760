import { describe, expect, it } from 'vitest';
import type { TimelineAlert } from '@alertcraft/promql';
import { computeKpis } from './compute.js';
import { labelsCompatible } from './match.js';
import type { GroundTruthIncident } from './types.js';

// A hand-built day: T = 2025-09-01T00:00Z, window [T, T+24h).
const T = Date.UTC(2025, 8, 1);
const MIN = 60_000;
const H = 60 * MIN;
const window = { start: T, end: T + 24 * H };

const incidents: GroundTruthIncident[] = [
  // E: started before the window: never counted for this window.
  {
    id: 'E',
    kind: 'error-spike',
    start: T - H,
    end: T - 30 * MIN,
    labels: { job: 'maestro' },
    expected: [{ alertname: 'MaestroErrorRateSpike', pack: 'maestro', phases: ['day0'], within: 600 }],
  },
  {
    id: 'A',
    kind: 'error-spike',
    start: T + H,
    end: T + H + 20 * MIN,
    labels: { job: 'maestro' },
    expected: [
      { alertname: 'MaestroErrorRateSpike', pack: 'maestro', phases: ['day0'], within: 600 },
      { alertname: 'MaestroErrorRateHigh', pack: 'maestro', phases: ['day4'], within: 1200 },
    ],
  },
  {
    id: 'B',
    kind: 'cost-burn',
    start: T + 5 * H,
    end: T + 5 * H + 30 * MIN,
    labels: { job: 'maestro' },
    expected: [{ alertname: 'MaestroBudgetBurnSpike', pack: 'maestro', phases: ['day0'], within: 300 }],
  },
  {
    id: 'C',
    kind: 'maintenance-window',
    start: T + 10 * H,
    end: T + 10 * H + 45 * MIN,
    labels: { job: 'aetherlink' },
    expected: [],
  },
  {
    id: 'D',
    kind: 'premium-tenant-outage',
    start: T + 20 * H,
    end: T + 20 * H + 40 * MIN,
    labels: { job: 'maestro', tenant: 'acme' },
    expected: [{ alertname: 'MaestroRevenueImpactingOutage', pack: 'maestro', phases: ['day8'], within: 1200 }],
  },
];

const page = { severity: 'page' };
const alerts: TimelineAlert[] = [
  // 1: catches A 4 minutes after it starts.
  {
    alertname: 'MaestroErrorRateSpike',
    labels: page,
    state: 'inactive',
    activeAt: T + H + 2 * MIN,
    firedAt: T + H + 4 * MIN,
    resolvedAt: T + H + 30 * MIN,
  },
  // 2: fires 7 minutes into B: after B's 5-minute deadline (not a detection), but explained by B (not a false positive).
  {
    alertname: 'MaestroBudgetBurnSpike',
    labels: page,
    state: 'inactive',
    activeAt: T + 5 * H + 6 * MIN,
    firedAt: T + 5 * H + 7 * MIN,
    resolvedAt: T + 5 * H + 40 * MIN,
  },
  // 3 and 4: no incident near 08:00: two false positives, and 4 re-fires 20 minutes after 3 resolved: one flap.
  {
    alertname: 'MaestroSafetyGuardianOverload',
    labels: { severity: 'warning' },
    state: 'inactive',
    activeAt: T + 8 * H - MIN,
    firedAt: T + 8 * H,
    resolvedAt: T + 8 * H + 10 * MIN,
  },
  {
    alertname: 'MaestroSafetyGuardianOverload',
    labels: { severity: 'warning' },
    state: 'inactive',
    activeAt: T + 8 * H + 30 * MIN,
    firedAt: T + 8 * H + 31 * MIN,
    resolvedAt: T + 8 * H + 40 * MIN,
  },
  // 5: fires inside maintenance window C, which must stay quiet: a false positive and a quiet violation.
  {
    alertname: 'MaestroErrorRateSpike',
    labels: page,
    state: 'inactive',
    activeAt: T + 10 * H + 14 * MIN,
    firedAt: T + 10 * H + 15 * MIN,
    resolvedAt: T + 10 * H + 20 * MIN,
  },
  // 6: pending only, never fired: ignored by every KPI.
  {
    alertname: 'MaestroSagaCompensationStorm',
    labels: { severity: 'critical' },
    state: 'inactive',
    activeAt: T + 12 * H,
    resolvedAt: T + 12 * H + MIN,
  },
  // 7: during D but for tenant globex while D is scoped to acme: not explained, a false positive.
  {
    alertname: 'MaestroRevenueImpactingOutage',
    labels: { severity: 'critical', tenant: 'globex' },
    state: 'inactive',
    activeAt: T + 20 * H + 5 * MIN,
    firedAt: T + 20 * H + 10 * MIN,
    resolvedAt: T + 20 * H + 30 * MIN,
  },
  // 8: during D, no tenant label (aggregated away): explained by D; still firing at the end of the range.
  {
    alertname: 'MaestroErrorRateSpike',
    labels: page,
    state: 'firing',
    activeAt: T + 20 * H + 11 * MIN,
    firedAt: T + 20 * H + 12 * MIN,
  },
];

describe('computeKpis on a hand-reasoned day', () => {
  const day0 = computeKpis({ alerts, incidents, window, pack: 'maestro', phase: 'day0' });

  it('detection: of A, B, C, D (E is outside the window), day0 must catch A and B; only A is caught in time', () => {
    expect(day0.incidentsRequired).toBe(2);
    expect(day0.incidentsDetected).toBe(1);
    expect(day0.detectionRate).toBe(0.5);
    const a = day0.detections.find((d) => d.id === 'A')!;
    expect(a).toMatchObject({ detected: true, alertname: 'MaestroErrorRateSpike', seconds: 240 });
    const b = day0.detections.find((d) => d.id === 'B')!;
    expect(b).toMatchObject({ detected: false, required: ['MaestroBudgetBurnSpike'], deadline: T + 5 * H + 300_000 });
    // C must stay quiet, D is a day8 expectation: neither is required of day0 rules.
    expect(day0.detections.find((d) => d.id === 'C')!.required).toEqual([]);
    expect(day0.detections.find((d) => d.id === 'D')!.required).toEqual([]);
    expect(day0.detections.map((d) => d.id)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('time to detect: the only detection took 240 s, so mean, p50 and p95 are 240', () => {
    expect(day0.mttdSeconds).toBe(240);
    expect(day0.ttdP50Seconds).toBe(240);
    expect(day0.ttdP95Seconds).toBe(240);
  });

  it('false positives: 7 alerts fired (6 never did); 3, 4, 5 and 7 are unexplained', () => {
    expect(day0.firingAlerts).toBe(7);
    expect(day0.falsePositives).toBe(4);
    expect(day0.falsePositiveRate).toBeCloseTo(4 / 7, 12);
    expect(day0.quietViolations).toBe(1);
  });

  it('pages per day: alerts 1, 2, 5, 8 (page) and 7 (critical) in a one-day window', () => {
    expect(day0.pagesPerDay).toBe(5);
    expect(
      computeKpis({ alerts, incidents, window, pack: 'maestro', phase: 'day0' }, { pagingSeverities: ['critical'] })
        .pagesPerDay,
    ).toBe(1);
  });

  it('flapping: only the Safety Guardian re-fire 20 min after resolving counts (the error-rate re-fires are hours apart)', () => {
    expect(day0.flapping).toBe(1);
    expect(computeKpis({ alerts, incidents, window }, { flapWindowMs: 10 * MIN }).flapping).toBe(0);
  });

  it('noisiest: by fires, then seconds firing inside the window', () => {
    expect(day0.noisiest).toEqual([
      // 26 min + 5 min + 3 h 48 min (alert 8 clipped at the window end)
      { alertname: 'MaestroErrorRateSpike', fires: 3, falsePositives: 1, firingSeconds: 1560 + 300 + 13_680 },
      { alertname: 'MaestroSafetyGuardianOverload', fires: 2, falsePositives: 2, firingSeconds: 600 + 540 },
      { alertname: 'MaestroBudgetBurnSpike', fires: 1, falsePositives: 0, firingSeconds: 1980 },
      { alertname: 'MaestroRevenueImpactingOutage', fires: 1, falsePositives: 1, firingSeconds: 1200 },
    ]);
  });

  it('day4 rules must catch A with MaestroErrorRateHigh, which never fired: detection 0, no time to detect', () => {
    const day4 = computeKpis({ alerts, incidents, window, pack: 'maestro', phase: 'day4' });
    expect(day4.incidentsRequired).toBe(1);
    expect(day4.detectionRate).toBe(0);
    expect(day4.mttdSeconds).toBeNull();
  });

  it('an incident only another pack must see explains nothing for this pack', () => {
    // F: an AetherLink cache incident at 08:00, overlapping alert 3 (MaestroSafetyGuardianOverload, no job label).
    const F: GroundTruthIncident = {
      id: 'F',
      kind: 'cache-degradation',
      start: T + 8 * H - 5 * MIN,
      end: T + 8 * H + 20 * MIN,
      labels: { job: 'aetherlink' },
      expected: [{ alertname: 'CacheEffectivenessDrop', pack: 'aetherlink', within: 1800 }],
    };
    const withF = [...incidents, F];
    expect(computeKpis({ alerts, incidents: withF, window, pack: 'maestro', phase: 'day0' }).falsePositives).toBe(4);
    // Without a pack every real incident may explain an alert: 3 and 4 (F's window runs to 08:50) are explained.
    expect(computeKpis({ alerts, incidents: withF, window }).falsePositives).toBe(2);
  });

  it('a miss whose alert was already firing at the incident start says so', () => {
    // G at 08:05 needs MaestroSafetyGuardianOverload, which fired at 08:00 (alert 3) and resolved at 08:10.
    const G: GroundTruthIncident = {
      id: 'G',
      kind: 'safety-guardian-attack',
      start: T + 8 * H + 5 * MIN,
      end: T + 8 * H + 20 * MIN,
      labels: { job: 'maestro' },
      expected: [{ alertname: 'MaestroSafetyGuardianOverload', pack: 'maestro', phases: ['day0'], within: 300 }],
    };
    const k = computeKpis({ alerts, incidents: [...incidents, G], window, pack: 'maestro', phase: 'day0' });
    expect(k.detections.find((d) => d.id === 'G')).toMatchObject({
      detected: false,
      alreadyFiring: 'MaestroSafetyGuardianOverload',
    });
    // B was missed too, but nothing was firing when it started.
    expect(k.detections.find((d) => d.id === 'B')!.alreadyFiring).toBeUndefined();
  });

  it('a window with nothing required and nothing firing has null rates and zero pages', () => {
    const k = computeKpis({ alerts: [], incidents, window: { start: T + 11 * H, end: T + 12 * H } });
    expect(k.detectionRate).toBeNull();
    expect(k.falsePositiveRate).toBeNull();
    expect(k.pagesPerDay).toBe(0);
  });
});

describe('helpers', () => {
  it('labelsCompatible: a label the alert lacks is fine, a different value is not', () => {
    expect(labelsCompatible({ job: 'maestro', tenant: 'acme' }, { severity: 'page' })).toBe(true);
    expect(labelsCompatible({ tenant: 'acme' }, { tenant: 'acme' })).toBe(true);
    expect(labelsCompatible({ tenant: 'acme' }, { tenant: 'globex' })).toBe(false);
  });

  it('time-to-detect quantiles interpolate between closest ranks (type 7): detections after 40, 10, 30, 20 s give p50 25, p95 38.5, mean 25', () => {
    const starts = [1, 2, 3, 4].map((h) => T + h * H);
    const delays = [40, 10, 30, 20];
    const hs: GroundTruthIncident[] = starts.map((start, i) => ({
      id: `H${i}`,
      kind: 'error-spike',
      start,
      end: start + 10 * MIN,
      labels: {},
      expected: [{ alertname: 'X', within: 300 }],
    }));
    const fired = starts.map((start, i) => ({
      alertname: 'X',
      labels: {},
      state: 'inactive' as const,
      activeAt: start,
      firedAt: start + delays[i]! * 1000,
      resolvedAt: start + 5 * MIN,
    }));
    const k = computeKpis({ alerts: fired, incidents: hs, window });
    expect(k.incidentsDetected).toBe(4);
    expect(k.ttdP50Seconds).toBe(25);
    expect(k.ttdP95Seconds).toBeCloseTo(30 + 0.85 * 10, 12);
    expect(k.mttdSeconds).toBe(25);
  });
});
