/**
 * Test tables ported from Alertmanager v0.27.0 (inputs and expected values as upstream states
 * them; each `describe` names the upstream test).
 */
import { describe, expect, it } from 'vitest';
import type { TimeInterval } from '@alertcraft/rule-dsl';
import { needsUpdate } from './dedup.js';
import { compileInhibitRules, hasEqual, inhibitedBy } from './inhibit.js';
import { compileTimeInterval, containsTime } from './time-intervals.js';

/** Go's RFC822Z ("02 Jan 06 15:04 -0700") to Unix ms. */
function rfc822z(s: string): number {
  const m = /^(\d{1,2}) (\w{3}) (\d{2}) (\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/.exec(s);
  if (!m) throw new Error(`bad time ${s}`);
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].indexOf(m[2]!);
  const offset = (m[6] === '-' ? -1 : 1) * (Number(m[7]) * 60 + Number(m[8])) * 60_000;
  return Date.UTC(2000 + Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5])) - offset;
}

describe('timeinterval TestContainsTime (timeIntervalTestCases)', () => {
  const cases: { ti: TimeInterval; valid: string[]; invalid: string[] }[] = [
    { ti: {}, valid: ['02 Jan 06 15:04 +0000', '03 Jan 07 10:04 +0000', '04 Jan 06 09:04 +0000'], invalid: [] },
    {
      ti: { times: [{ start_time: '09:00', end_time: '17:00' }], weekdays: ['monday:friday'] },
      valid: ['04 May 20 15:04 +0000', '05 May 20 10:04 +0000', '09 Jun 20 09:04 +0000'],
      invalid: ['03 May 20 15:04 +0000', '04 May 20 08:59 +0000', '05 May 20 05:00 +0000'],
    },
    {
      ti: { days_of_month: ['4:6'], months: ['april'], years: ['2020'] },
      valid: ['04 Apr 20 15:04 +0000', '05 Apr 20 00:00 +0000', '06 Apr 20 23:05 +0000'],
      invalid: [
        '03 May 18 15:04 +0000',
        '03 Apr 20 23:59 +0000',
        '04 Jun 20 23:59 +0000',
        '06 Apr 19 23:59 +0000',
        '07 Apr 20 00:00 +0000',
      ],
    },
    {
      ti: { days_of_month: ['-3:-1'] },
      valid: [
        '31 Jan 20 15:04 +0000',
        '30 Jan 20 15:04 +0000',
        '29 Jan 20 15:04 +0000',
        '30 Jun 20 00:00 +0000',
        '29 Feb 20 23:05 +0000',
      ],
      invalid: [
        '03 May 18 15:04 +0000',
        '27 Jan 20 15:04 +0000',
        '03 Apr 20 23:59 +0000',
        '04 Jun 20 23:59 +0000',
        '06 Apr 19 23:59 +0000',
        '07 Apr 20 00:00 +0000',
        '01 Mar 20 00:00 +0000',
      ],
    },
    {
      ti: { months: ['6'], days_of_month: ['-31:31'] },
      valid: ['30 Jun 20 00:00 +0000', '01 Jun 20 00:00 +0000'],
      invalid: ['31 May 20 00:00 +0000', '1 Jul 20 00:00 +0000'],
    },
    {
      ti: {
        times: [{ start_time: '09:00', end_time: '17:00' }],
        weekdays: ['monday:friday'],
        location: 'Australia/Sydney',
      },
      valid: ['06 Apr 21 13:00 +1000'],
      invalid: ['06 Apr 21 13:00 +0000'],
    },
    {
      ti: {
        times: [{ start_time: '09:00', end_time: '17:00' }],
        weekdays: ['monday:friday'],
        months: ['november'],
        location: 'Australia/Sydney',
      },
      valid: ['01 Nov 21 09:00 +1100', '31 Oct 21 22:00 +0000'],
      invalid: ['31 Oct 21 21:00 +0000'],
    },
  ];
  for (const [i, c] of cases.entries()) {
    it(`case ${i}: ${JSON.stringify(c.ti)}`, () => {
      const ti = compileTimeInterval(c.ti, 'ti');
      for (const s of c.valid) expect(containsTime(ti, rfc822z(s)), s).toBe(true);
      for (const s of c.invalid) expect(containsTime(ti, rfc822z(s)), s).toBe(false);
    });
  }
  it('rejects an unknown location with its path', () => {
    expect(() => compileTimeInterval({ location: 'Mars/Olympus' }, 'time_intervals[0].time_intervals[0]')).toThrow(
      /time_intervals\[0\]\.time_intervals\[0\]\.location: unknown time zone "Mars\/Olympus"/,
    );
  });
});

describe('notify TestDedupStageNeedsUpdate', () => {
  const now = Date.UTC(2024, 0, 1, 12);
  const set = (...xs: number[]) => new Set(xs.map(String));
  const min = 60_000;
  const cases: {
    entry?: { firing?: number[]; resolved?: number[]; at: number };
    firing?: number[];
    resolved?: number[];
    repeat?: number;
    resolve?: boolean;
    res: boolean;
  }[] = [
    { firing: [2, 3, 4], res: true },
    { resolved: [2, 3, 4], res: false },
    { entry: { firing: [1, 2, 3], at: now }, firing: [2, 3, 4], res: true },
    { entry: { firing: [1, 2, 3], at: -62135596800000 }, firing: [1, 2, 3], res: true }, // Go's zero time
    { entry: { firing: [1, 2, 3], at: now - 9 * min }, repeat: 10 * min, firing: [1, 2, 3], res: false },
    { entry: { firing: [1, 2, 3], at: now - 11 * min }, repeat: 10 * min, firing: [1, 2, 3], res: true },
    {
      entry: { resolved: [1, 2, 3], at: now - 11 * min },
      repeat: 10 * min,
      resolved: [3, 4, 5],
      resolve: true,
      res: false,
    },
    {
      entry: { firing: [1, 2], resolved: [3], at: now - 9 * min },
      repeat: 10 * min,
      firing: [1],
      resolved: [2, 3],
      resolve: false,
      res: false,
    },
    {
      entry: { firing: [1, 2], resolved: [3], at: now - 9 * min },
      repeat: 10 * min,
      firing: [1],
      resolved: [2, 3],
      resolve: true,
      res: true,
    },
    {
      entry: { firing: [1, 2], resolved: [3], at: now - 9 * min },
      repeat: 10 * min,
      firing: [],
      resolved: [1, 2, 3],
      resolve: false,
      res: true,
    },
    {
      entry: { firing: [1, 2], resolved: [3], at: now - 9 * min },
      repeat: 10 * min,
      firing: [],
      resolved: [1, 2, 3],
      resolve: true,
      res: true,
    },
  ];
  for (const [i, c] of cases.entries()) {
    it(`case ${i}`, () => {
      const entry = c.entry && {
        firing: set(...(c.entry.firing ?? [])),
        resolved: set(...(c.entry.resolved ?? [])),
        at: c.entry.at,
      };
      expect(
        needsUpdate(
          entry,
          set(...(c.firing ?? [])),
          set(...(c.resolved ?? [])),
          c.repeat ?? 0,
          c.resolve ?? false,
          now,
        ),
      ).toBe(c.res);
    });
  }
});

describe('inhibit TestInhibitRuleHasEqual', () => {
  // Upstream fills the source cache directly; here the resolved alerts are left out of `firing`.
  const rule = (equal: string[]) => compileInhibitRules([{ equal }])[0]!;
  it('no source alerts at all', () => expect(hasEqual(rule([]), { a: 'b' }, [], false)).toBeUndefined());
  it('no equal labels: any source alert', () => expect(hasEqual(rule([]), { a: 'b' }, [{}], false)).toBeDefined());
  it('matching but already resolved', () =>
    expect(hasEqual(rule(['a', 'b']), { a: 'b', b: 'c' }, [], false)).toBeUndefined());
  it('matching and unresolved', () =>
    expect(hasEqual(rule(['a']), { a: 'b' }, [{ a: 'b', c: 'f' }], false)).toEqual({ a: 'b', c: 'f' }));
  it('equal label does not match', () =>
    expect(
      hasEqual(
        rule(['a']),
        { a: 'b' },
        [
          { a: 'c', c: 'd' },
          { a: 'c', c: 'f' },
        ],
        false,
      ),
    ).toBeUndefined());
});

describe('inhibit TestInhibitRuleMatches', () => {
  const rules = compileInhibitRules([
    { source_match: { s1: '1' }, target_match: { t1: '1' }, equal: ['e'] },
    { source_match: { s2: '1' }, target_match: { t2: '1' }, equal: ['e'] },
  ]);
  const firing = [
    { s1: '1', t1: '2', e: '1' },
    { s2: '1', t2: '1', e: '1' },
  ];
  const cases: [Record<string, string>, boolean][] = [
    [{ t1: '1', e: '1' }, true],
    [{ t2: '1', e: '1' }, true],
    [{ t1: '1', t3: '1', e: '1' }, true],
    [{ t1: '1', t2: '1', e: '1' }, true],
    [{ t1: '0', e: '1' }, false],
    [{ s1: '1', t1: '1', e: '1' }, true],
    [{ s2: '1', t2: '1', e: '1' }, false],
    [{ t1: '1', e: '0' }, false],
  ];
  for (const [target, expected] of cases) {
    it(`${JSON.stringify(target)} → ${expected}`, () =>
      expect(inhibitedBy(rules, target, firing) !== undefined).toBe(expected));
  }
});
