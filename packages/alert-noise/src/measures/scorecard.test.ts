import type { TimelineAlert } from '@alertcraft/promql';
import { describe, expect, it } from 'vitest';
import type { GroundTruthIncident } from '../kpi/types.js';
import { budgetFromTargets, checkBudget, DEFAULT_NOISE_BUDGET } from './budget.js';
import { measureNoise } from './measure.js';
import { kpiScorecard, SEED_000_TARGETS } from './scorecard.js';

const T = Date.UTC(2025, 8, 1);
const MIN = 60_000;
const H = 60 * MIN;
const D = 24 * H;

const incident = (id: string, start: number): GroundTruthIncident => ({
  id,
  kind: 'error-spike',
  start,
  end: start + 20 * MIN,
  labels: {},
  expected: [{ alertname: 'X', within: 600 }],
});
const fire = (alertname: string, fired: number, resolved: number): TimelineAlert => ({
  alertname,
  labels: { severity: 'page' },
  state: 'inactive',
  activeAt: fired,
  firedAt: fired,
  resolvedAt: resolved,
});

// Day 0 (4 days): 2 incidents each caught in 5 min, resolved 60 min in; 8 pages, 6 of them unexplained.
const day0Alerts = [
  fire('X', T + 10 * H + 5 * MIN, T + 11 * H),
  fire('X', T + D + 10 * H + 5 * MIN, T + D + 11 * H),
  ...[0, 1, 2, 3, 4, 5].map((i) => fire('N', T + i * 12 * H + 3 * H, T + i * 12 * H + 3 * H + 10 * MIN)),
];
const day0 = measureNoise({
  source: 'replay',
  window: { start: T, end: T + 4 * D },
  alerts: day0Alerts,
  incidents: [incident('a', T + 10 * H), incident('b', T + D + 10 * H)],
});
// Day 8 (4 days): one incident caught in 2 min, resolved 30 min in; nothing else fires.
const S8 = T + 8 * D;
const day8 = measureNoise({
  source: 'replay',
  window: { start: S8, end: S8 + 4 * D },
  alerts: [fire('X', S8 + 10 * H + 2 * MIN, S8 + 10 * H + 30 * MIN)],
  incidents: [incident('c', S8 + 10 * H)],
});

describe("seed 000's scorecard", () => {
  const rows = kpiScorecard({ day0, day8 });
  const row = (phase: string, kpi: string) => rows.find((r) => r.phase === phase && r.kpi === kpi)!;

  it('lists every target of the measured phases, in the seed order, and none of day 4 (not measured)', () => {
    expect(rows.map((r) => `${r.phase}:${r.kpi}`)).toEqual([
      'day0:health_score',
      'day0:alert_response_time',
      'day0:incident_detection_rate',
      'day0:false_positive_rate',
      'day8:false_positive_rate',
      'day8:alert_fatigue_score',
      'day8:mttr_improvement',
      'day8:predictive_accuracy',
    ]);
  });

  it('day 0: detection 100 % > 90 % met; false positives 6/8 = 75 % not < 20 %; p95 detection 300 s < 15 min met', () => {
    expect(row('day0', 'incident_detection_rate')).toMatchObject({ measured: 1, target: 0.9, met: true });
    expect(row('day0', 'false_positive_rate')).toMatchObject({ measured: 0.75, target: 0.2, met: false });
    expect(row('day0', 'alert_response_time')).toMatchObject({ measured: 300, target: 900, met: true });
    expect(row('day0', 'health_score')).toMatchObject({ measured: null, met: null });
    expect(row('day0', 'health_score').note).toMatch(/health-score/);
  });

  it('day 8: MTTR improvement (3600 - 1800) / 3600 = 50 % > 25 %; 0 false positives < 5 %; fatigue 10 × 0.4 × 1/2 = 2 < 3', () => {
    expect(row('day8', 'mttr_improvement')).toMatchObject({ measured: 0.5, met: true });
    expect(row('day8', 'false_positive_rate')).toMatchObject({ measured: 0, met: true });
    expect(row('day8', 'alert_fatigue_score').measured).toBeCloseTo(2, 12);
    expect(row('day8', 'predictive_accuracy').met).toBeNull();
  });

  it('day 4: noise reduction is day 0 pages/day against day 4 pages/day', () => {
    const r = kpiScorecard({ day0, day4: day8 }).find((x) => x.kpi === 'alert_noise_reduction')!;
    // 8 pages in 4 days = 2/day, then 1 page in 4 days = 0.25/day: (2 - 0.25) / 2.
    expect(r).toMatchObject({ phase: 'day4', measured: 0.875, met: true });
  });
});

describe('noise budgets', () => {
  it("seed 000's targets as budgets: day 0 20 %, day 4 carries 20 %, day 8 5 % and fatigue 3", () => {
    expect(budgetFromTargets(SEED_000_TARGETS, 'day0')).toEqual({ maxPagesPerDay: 4, maxFalsePositiveRate: 0.2 });
    expect(budgetFromTargets(SEED_000_TARGETS, 'day4')).toEqual({ maxPagesPerDay: 4, maxFalsePositiveRate: 0.2 });
    expect(budgetFromTargets(SEED_000_TARGETS, 'day8')).toEqual({
      maxPagesPerDay: 4,
      maxFalsePositiveRate: 0.05,
      maxFatigue: 3,
    });
    expect(budgetFromTargets(SEED_000_TARGETS, 'production')).toEqual({ maxPagesPerDay: 4 });
  });

  it('a breach per exceeded limit, none at the limit', () => {
    const m = { falsePositiveRate: 0.367, pagesPerDay: 4, flapping: 6, fatigue: 3 };
    expect(checkBudget(m, DEFAULT_NOISE_BUDGET).map((b) => b.message)).toEqual([
      'false positives 36.7 % > 20.0 %',
      '6 flaps > 3',
    ]);
    expect(checkBudget(m, { maxFatigue: 3, maxPagesPerDay: 4 })).toEqual([]);
    expect(checkBudget({ ...m, falsePositiveRate: null }, { maxFalsePositiveRate: 0 })).toEqual([]);
    // 2 pages in 30 minutes are 96 a day, but a window under a day is held to the count: 2 <= 4.
    expect(checkBudget({ ...m, pagesPerDay: 96, windowDays: 1 / 48 }, { maxPagesPerDay: 4 })).toEqual([]);
    expect(checkBudget({ ...m, pagesPerDay: 96 * 3, windowDays: 1 / 48 }, { maxPagesPerDay: 4 })[0]!.message).toBe(
      '6 pages in a window under a day > 4',
    );
  });
});
