import type { TimelineAlert } from '@alertcraft/promql';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nagiosFlapping, firingStates } from '../nagios-flapping.js';
import type { GroundTruthIncident } from '../kpi/types.js';
import type { NoiseTimeline } from '../timeline.js';
import { coFiring } from './co-firing.js';
import { measureNoise } from './measure.js';
import { pageLoad } from './pages.js';

// Two days from Monday 2025-09-01T00:00Z.
const T = Date.UTC(2025, 8, 1);
const MIN = 60_000;
const H = 60 * MIN;
const window = { start: T, end: T + 48 * H };

const incidents: GroundTruthIncident[] = [
  {
    id: 'I1',
    kind: 'error-spike',
    start: T + 10 * H,
    end: T + 10 * H + 30 * MIN,
    labels: {},
    expected: [{ alertname: 'X', within: 600 }],
  },
  {
    id: 'I2',
    kind: 'latency',
    start: T + 23 * H,
    end: T + 23 * H + 20 * MIN,
    labels: {},
    expected: [{ alertname: 'Y', within: 600 }],
  },
];

const alert = (alertname: string, severity: string, fired: number, resolved?: number): TimelineAlert => ({
  alertname,
  labels: { severity },
  state: resolved === undefined ? 'firing' : 'inactive',
  activeAt: fired - MIN,
  firedAt: fired,
  ...(resolved !== undefined ? { resolvedAt: resolved } : {}),
});

const alerts: TimelineAlert[] = [
  alert('X', 'page', T + 10 * H + 2 * MIN, T + 10 * H + 40 * MIN), // detects I1 after 120 s, resolves 40 min in
  alert('Z', 'warning', T + 10 * H + 3 * MIN, T + 10 * H + 39 * MIN), // X's twin: all its 36 min overlap X
  alert('Y', 'page', T + 23 * H + 5 * MIN, T + 23 * H + 25 * MIN), // detects I2 after 300 s, at night
  alert('W', 'page', T + 30 * H, T + 30 * H + 2 * MIN), // 06:00 day 2: no incident, 2 min
  alert('W', 'page', T + 30 * H + 10 * MIN, T + 30 * H + 12 * MIN), // re-fires 8 min later: a flap
  alert('W', 'page', T + 47 * H), // 23:00 day 2, still firing at the end
];

const timeline: NoiseTimeline = { source: 'replay', window, alerts, incidents };

describe('measureNoise on a hand-reasoned two days', () => {
  const m = measureNoise(timeline);

  it('false positives: the three W firings, none explained; listed by time', () => {
    expect(m.kpis.firingAlerts).toBe(6);
    expect(m.kpis.falsePositiveRate).toBe(0.5);
    expect(m.unexplained.map((a) => [a.alertname, a.firedAt])).toEqual([
      ['W', T + 30 * H],
      ['W', T + 30 * H + 10 * MIN],
      ['W', T + 47 * H],
    ]);
  });

  it('time to resolve: 40 min (I1) and 25 min (I2) from incident start: p50 1950 s, p95 2355 s', () => {
    expect(m.ttrP50Seconds).toBe(1950);
    expect(m.ttrP95Seconds).toBeCloseTo(1500 + 0.95 * 900, 9);
    expect(m.kpis.ttdP50Seconds).toBe(210);
  });

  it('incident minutes 38 + 36 + 20 + 2 + 2 + 60 (clipped at the end) = 158; 2 of 6 resolved under 5 min', () => {
    expect(m.incidentMinutes).toBe(158);
    expect(m.resolvedUnder5m).toBeCloseTo(2 / 6, 12);
  });

  it('pages: 5 (Z is a warning) in 2 days; 2 at night over two nights; 5 shifts touched, the busiest has 2', () => {
    expect(m.pages).toEqual({
      pages: 5,
      pagesPerDay: 2.5,
      nightPages: 2,
      pagesPerNight: 1,
      pagesPerShift: 1,
      maxPagesPerShift: 2,
      shifts: 5,
    });
  });

  it('a UTC+2 on-call sees 06:00Z as 08:00 and 23:05Z as 01:05: still 2 night pages (Y and W at 01:00)', () => {
    const p = pageLoad(alerts, window, { utcOffsetMinutes: 120 });
    expect(p.nightPages).toBe(2);
    expect(pageLoad(alerts, window, { night: { startHour: 6, endHour: 7 } }).nightPages).toBe(2);
  });

  it('co-firing: X and Z overlap 36 min, all of Z: a duplicate; Y and W co-fire with nothing', () => {
    expect(m.coFiring).toEqual([{ a: 'X', b: 'Z', overlaps: 1, overlapSeconds: 2160, share: 1 }]);
    expect(m.duplicates).toHaveLength(1);
  });

  it('fatigue = 10 × (0.4 × 1 + 0.3 × 0.5 + 0.2 × 1 + 0.1 × 1/6)', () => {
    expect(m.kpis.flapping).toBe(1);
    expect(m.fatigue).toBeCloseTo(10 * (0.4 + 0.15 + 0.2 + 0.1 / 6), 12);
  });

  it('notifications per receiver are counted when the timeline carries them', () => {
    const n = measureNoise({
      ...timeline,
      notifications: [
        { at: T, receiver: 'pager', status: 'firing', alerts: [{}] },
        { at: T + H, receiver: 'pager', status: 'resolved', alerts: [{}] },
        { at: T, receiver: 'chat', status: 'firing', alerts: [{}] },
      ],
    });
    expect(n.notificationsPerReceiver).toEqual({ chat: 1, pager: 2 });
  });
});

describe("Nagios' detector over a timeline", () => {
  it('an alert going on and off every other minute flaps; one long firing does not', () => {
    const flapper: TimelineAlert[] = Array.from({ length: 10 }, (_, i) =>
      alert('F', 'page', T + (2 * i + 1) * MIN, T + (2 * i + 2) * MIN),
    );
    const m = measureNoise({
      source: 'replay',
      window: { start: T, end: T + H },
      alerts: [...flapper, alert('L', 'page', T, T + 50 * MIN)],
    });
    expect(m.nagiosFlapping.map((f) => f.identity)).toEqual(['F{severity="page"}']);
    // The same figures as the detector over the sampled states.
    const r = nagiosFlapping(firingStates(flapper, T, T + H, MIN));
    expect(m.nagiosFlapping[0]).toMatchObject({ flapStarts: r.flapStarts, maxPercent: Math.max(...r.percent) });
  });
});

const arbAlert = fc
  .record({
    name: fc.constantFrom('A', 'B', 'C'),
    severity: fc.constantFrom('page', 'critical', 'warning'),
    fired: fc.integer({ min: 0, max: 48 * 60 - 1 }),
    lasts: fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }),
  })
  .map(({ name, severity, fired, lasts }) =>
    alert(name, severity, T + fired * MIN, lasts === undefined ? undefined : T + (fired + lasts) * MIN),
  );

describe('properties', () => {
  it('bounds and identities hold for any timeline', () => {
    fc.assert(
      fc.property(fc.array(arbAlert, { maxLength: 25 }), (as) => {
        const m = measureNoise({ source: 'replay', window, alerts: as, incidents });
        expect(m.fatigue).toBeGreaterThanOrEqual(0);
        expect(m.fatigue).toBeLessThanOrEqual(10);
        expect(m.unexplained).toHaveLength(m.kpis.falsePositives);
        expect(m.pages.nightPages).toBeLessThanOrEqual(m.pages.pages);
        expect(m.pages.maxPagesPerShift).toBeLessThanOrEqual(m.pages.pages);
        expect(m.pages.pagesPerShift * m.pages.shifts).toBeCloseTo(m.pages.pages, 9);
        expect(m.pages.pagesPerDay).toBeCloseTo(m.kpis.pagesPerDay, 12);
        expect(m.incidentMinutes).toBeLessThanOrEqual(m.kpis.firingAlerts * 48 * 60);
        if (m.resolvedUnder5m !== null) expect(m.resolvedUnder5m).toBeGreaterThanOrEqual(0);
        for (const p of m.coFiring) {
          expect(p.a < p.b).toBe(true);
          expect(p.share).toBeGreaterThan(0);
          expect(p.share).toBeLessThanOrEqual(1 + 1e-12);
          expect(p.overlaps).toBeGreaterThan(0);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('co-firing does not depend on the order of the alerts', () => {
    fc.assert(
      fc.property(fc.array(arbAlert, { maxLength: 12 }), (as) => {
        expect(coFiring([...as].reverse(), window)).toEqual(coFiring(as, window));
      }),
    );
  });
});
