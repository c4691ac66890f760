import { describe, expect, it } from 'vitest';
import { compareNotifications, formatNotificationComparison, type ComparableNotification } from './compare.js';

const n = (
  at: number,
  alerts: [string, 'firing' | 'resolved'][],
  groupKey = '{}:{alertname="X"}',
): ComparableNotification => ({
  at,
  receiver: 'r',
  groupKey,
  alerts: alerts.map(([i, status]) => ({ labels: { alertname: 'X', i }, status })),
});

describe('compareNotifications', () => {
  it('pairs the k-th notification of each group and agrees within the tolerance, whatever the alert order', () => {
    const c = compareNotifications(
      [
        n(1000, [
          ['1', 'firing'],
          ['2', 'firing'],
        ]),
        n(5000, [
          ['1', 'resolved'],
          ['2', 'firing'],
        ]),
      ],
      [
        n(1040, [
          ['2', 'firing'],
          ['1', 'firing'],
        ]),
        n(4990, [
          ['2', 'firing'],
          ['1', 'resolved'],
        ]),
      ],
      { toleranceMs: 100 },
    );
    expect(c.agree).toBe(true);
    expect(c.pairs.map((p) => p.deltaMs)).toEqual([40, -10]);
    expect(c.maxAbsDeltaMs).toBe(40);
  });

  it('reports a late, a missing, an unexpected and a different notification', () => {
    const c = compareNotifications(
      [n(1000, [['1', 'firing']]), n(5000, [['1', 'resolved']]), n(2000, [['1', 'firing']], '{}:{alertname="Y"}')],
      [
        n(2500, [['1', 'firing']]),
        n(3000, [['9', 'firing']], '{}:{alertname="Z"}'),
        n(2000, [['1', 'resolved']], '{}:{alertname="Y"}'),
      ],
      { toleranceMs: 1000 },
    );
    expect(c.agree).toBe(false);
    expect(c.pairs.map((p) => `${p.groupKey} ${p.index} ${p.problem ?? 'ok'}`)).toEqual([
      '{}:{alertname="X"} 0 time differs by 1500 ms (tolerance 1000 ms)',
      '{}:{alertname="Y"} 0 different alerts',
      '{}:{alertname="Z"} 0 not expected',
      '{}:{alertname="X"} 1 missing',
    ]);
    const table = formatNotificationComparison(c, { t0: 0, expectedName: 'sim', actualName: 'am' });
    expect(table[0]).toMatch(/^receiver\s+group\s+sim alerts\s+am alerts\s+sim s\s+am s\s+Δ ms\s+verdict$/);
    expect(table).toHaveLength(5);
    expect(table[4]).toContain('DIFF: missing');
  });
});
