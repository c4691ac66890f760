import { describe, expect, it } from 'vitest';
import {
  burnTiers,
  checkTiers,
  detectionTime,
  resetTime,
  scaleWindow,
  tierProblem,
  windowTable,
  WORKBOOK_PERIOD_MS,
} from './windows.js';
import { SloInputError } from './errors.js';

const MIN = 60_000;
const H = 60 * MIN;
const D = 24 * H;

describe('the SRE workbook table (99.9 % over 30 days)', () => {
  const rows = windowTable(99.9, 30 * D);
  it('has the workbook factors, windows and budget consumed', () => {
    // Workbook chapter 5, "Alerting on SLOs", recommended parameters.
    expect(rows.map((r) => [r.severity, r.factor, r.longMs, r.shortMs, r.budgetConsumed])).toEqual([
      ['page', 14.4, 1 * H, 5 * MIN, 0.02],
      ['page', 6, 6 * H, 30 * MIN, 0.05],
      ['ticket', 3, 1 * D, 2 * H, 0.1],
      ['ticket', 1, 3 * D, 6 * H, 0.1],
    ]);
  });
  it('has thresholds without float noise', () => {
    expect(rows.map((r) => r.threshold)).toEqual([0.0144, 0.006, 0.003, 0.001]);
  });
  it('detects a 100 % outage after factor × long × budget', () => {
    // 14.4 × 3600 s × 0.001 = 51.84 s; 6 × 21600 s × 0.001 = 129.6 s; 3 × 86400 × 0.001 = 259.2 s = 1 × 259200 × 0.001.
    expect(rows.map((r) => r.detectionAtFullOutageMs)).toEqual([51_840, 129_600, 259_200, 259_200]);
  });
  it('detects a burn at the tier factor only when the long window is full', () => {
    expect(rows.map((r) => r.detectionAtOwnBurnMs)).toEqual([H, 6 * H, D, 3 * D]);
  });
  it('resets a 100 % outage after short × (1 − factor × budget)', () => {
    expect(rows[0]!.resetAfterFullOutageMs).toBe(300_000 * (1 - 0.0144));
  });
});

describe('tiers', () => {
  it('scale the windows with the period, keeping the budget consumed', () => {
    const t = burnTiers({ periodMs: 7 * D });
    expect(t.map((x) => [x.longMs, x.shortMs])).toEqual([
      [14 * MIN, 70_000],
      [84 * MIN, 7 * MIN],
      [336 * MIN, 28 * MIN],
      [1008 * MIN, 84 * MIN],
    ]);
    expect(windowTable(99.9, 7 * D).map((r) => r.budgetConsumed)).toEqual([0.02, 0.05, 0.1, 0.1]);
    expect(scaleWindow(H, WORKBOOK_PERIOD_MS)).toBe(H);
    expect(burnTiers({ periodMs: 28 * D })[0]!.longMs).toBe(56 * MIN);
  });
  it('take overrides and can be disabled', () => {
    const t = burnTiers({
      periodMs: 30 * D,
      overrides: { 'page-slow': false, 'ticket-slow': { severity: 'warning', labels: { team: 'a' } } },
    });
    expect(t.map((x) => x.name)).toEqual(['page-fast', 'ticket-fast', 'ticket-slow']);
    expect(t[2]).toMatchObject({ severity: 'warning', labels: { team: 'a' }, factor: 1 });
    expect(() => burnTiers({ periodMs: 30 * D, overrides: { nope: false } })).toThrow(
      /alerting\.tiers\.nope: unknown tier/,
    );
  });
  it('reject an impossible tier with the reason', () => {
    const [fast] = burnTiers({ periodMs: 30 * D });
    expect(tierProblem(fast!, 90, 30 * D)).toMatch(/14\.4 × error budget 10% = 144% ≥ 100%/);
    expect(() => checkTiers([fast!], 90, 30 * D)).toThrow(SloInputError);
    expect(tierProblem(fast!, 93.06, 30 * D)).toBeUndefined();
    expect(tierProblem({ ...fast!, shortMs: 2 * H }, 99.9, 30 * D)).toMatch(/short window/);
  });
  it('never detect at or below the factor, or beyond 100 % errors', () => {
    const [fast] = burnTiers({ periodMs: 30 * D });
    expect(detectionTime(fast!, 14.4, 99.9)).toBe(Infinity);
    expect(detectionTime(fast!, 1001, 99.9)).toBe(Infinity);
    expect(detectionTime(fast!, 28.8, 99.9)).toBe(30 * MIN);
    expect(resetTime(fast!, 28.8)).toBe(150_000);
    expect(resetTime(fast!, 2)).toBe(0);
  });
});
