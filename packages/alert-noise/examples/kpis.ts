// KPIs of one run: an alert timeline scored against ground-truth incidents.
import { computeKpis, type GroundTruthIncident } from '@alertcraft/alert-noise';
import type { TimelineAlert } from '@alertcraft/promql';

const MIN = 60_000;
const t0 = Date.UTC(2026, 0, 1);

export function launchDayKpis() {
  const incidents: GroundTruthIncident[] = [
    // A real problem the day0 rules must page on within 10 minutes.
    {
      id: 'spike',
      kind: 'error-spike',
      start: t0 + 60 * MIN,
      end: t0 + 80 * MIN,
      labels: { job: 'checkout' },
      expected: [{ alertname: 'CheckoutErrorRate', phases: ['day0'], within: 600 }],
    },
    // A maintenance window: nothing may fire.
    {
      id: 'maint',
      kind: 'maintenance-window',
      start: t0 + 300 * MIN,
      end: t0 + 330 * MIN,
      labels: { job: 'checkout' },
      expected: [],
    },
  ];
  const alerts: TimelineAlert[] = [
    {
      alertname: 'CheckoutErrorRate',
      labels: { severity: 'page' },
      state: 'inactive',
      activeAt: t0 + 62 * MIN,
      firedAt: t0 + 64 * MIN,
      resolvedAt: t0 + 90 * MIN,
    },
    {
      alertname: 'CheckoutErrorRate',
      labels: { severity: 'page' },
      state: 'inactive',
      activeAt: t0 + 305 * MIN,
      firedAt: t0 + 307 * MIN,
      resolvedAt: t0 + 312 * MIN,
    },
  ];
  return computeKpis({ alerts, incidents, window: { start: t0, end: t0 + 24 * 60 * MIN }, phase: 'day0' });
}

const k = launchDayKpis();
console.log(k.detectionRate, k.mttdSeconds, k.falsePositives, k.quietViolations, k.pagesPerDay);
