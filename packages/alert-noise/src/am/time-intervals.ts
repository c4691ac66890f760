/**
 * Alertmanager's `time_intervals` evaluated at an instant, with the semantics of v0.27
 * `timeinterval.TimeInterval.ContainsTime`: every field that is set must match (times are
 * [start, end) minutes of the day; days of month may count from the end, -1 = last day, and are
 * clamped to the month; weekdays, months and years are inclusive ranges), in the interval's
 * `location` (IANA zone via `Intl`, default UTC; `Local` is the machine's zone).
 */
import {
  type AlertmanagerConfig,
  ALERTMANAGER_MONTHS as MONTHS,
  ALERTMANAGER_WEEKDAYS as WEEKDAYS,
  type TimeInterval,
} from '@alertcraft/rule-dsl';
import { AlertNoiseError } from '../errors.js';

interface Range {
  begin: number;
  end: number;
}

/** A time interval with its ranges parsed. */
export interface CompiledTimeInterval {
  times?: Range[];
  weekdays?: Range[];
  daysOfMonth?: Range[];
  months?: Range[];
  years?: Range[];
  /** IANA zone; undefined = UTC. */
  location?: string;
}

function bad(where: string, message: string): never {
  throw new AlertNoiseError('alert-noise/bad-time-interval', `${where}: ${message}`);
}

function ranges(
  specs: readonly string[] | undefined,
  where: string,
  parse: (s: string) => number | undefined,
  what: string,
): Range[] | undefined {
  if (!specs) return undefined;
  return specs.map((spec, i) => {
    const parts = String(spec).split(':');
    const nums = parts.map((p) => parse(p.trim()));
    if (parts.length > 2 || nums.some((n) => n === undefined))
      bad(`${where}[${i}]`, `invalid ${what} ${JSON.stringify(spec)}`);
    return { begin: nums[0]!, end: nums[nums.length - 1]! };
  });
}

function hhmm(s: string, where: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(s);
  const v = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!m || Number(m[2]) > 59 || v > 1440)
    bad(where, `invalid time ${JSON.stringify(s)}: expected HH:MM from 00:00 to 24:00`);
  return v;
}

/** Checks that `zone` is a time zone `Intl` knows; throws a located error otherwise. */
export function checkTimeZone(zone: string, where: string): void {
  if (zone === 'UTC' || zone === 'Local') return;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    bad(where, `unknown time zone ${JSON.stringify(zone)}: use an IANA name such as Europe/Paris`);
  }
}

/** Parses one `time_intervals[].time_intervals[]` entry; `where` names it in errors. */
export function compileTimeInterval(ti: TimeInterval, where: string): CompiledTimeInterval {
  const out: CompiledTimeInterval = {};
  if (ti.times) {
    out.times = ti.times.map((r, i) => {
      const begin = hhmm(r.start_time, `${where}.times[${i}].start_time`);
      const end = hhmm(r.end_time, `${where}.times[${i}].end_time`);
      if (begin >= end) bad(`${where}.times[${i}]`, `start_time ${r.start_time} must be before end_time ${r.end_time}`);
      return { begin, end };
    });
  }
  const named = (names: readonly string[], base: number) => (s: string) => {
    const i = names.indexOf(s.toLowerCase());
    if (i >= 0) return i + base;
    return /^\d+$/.test(s) && base === 1 && Number(s) >= 1 && Number(s) <= 12 ? Number(s) : undefined;
  };
  out.weekdays = ranges(ti.weekdays, `${where}.weekdays`, named(WEEKDAYS, 0), 'weekday');
  out.months = ranges(ti.months, `${where}.months`, named(MONTHS, 1), 'month');
  out.years = ranges(ti.years, `${where}.years`, (s) => (/^\d+$/.test(s) ? Number(s) : undefined), 'year');
  out.daysOfMonth = ranges(
    ti.days_of_month,
    `${where}.days_of_month`,
    (s) => (/^-?\d+$/.test(s) && Number(s) !== 0 && Math.abs(Number(s)) <= 31 ? Number(s) : undefined),
    'day of month',
  );
  for (const key of ['weekdays', 'months', 'years'] as const) {
    (out[key] ?? []).forEach((r, i) => {
      if (r.begin > r.end)
        bad(`${where}.${key === 'weekdays' ? 'weekdays' : key}[${i}]`, 'range start is after its end');
    });
  }
  if (ti.location !== undefined) {
    checkTimeZone(ti.location, `${where}.location`);
    if (ti.location !== 'UTC')
      out.location = ti.location === 'Local' ? Intl.DateTimeFormat().resolvedOptions().timeZone : ti.location;
  }
  return out;
}

interface Civil {
  year: number;
  month: number;
  day: number;
  weekday: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock fields of `ms` in `zone` (UTC when undefined). */
function civil(ms: number, zone: string | undefined): Civil {
  if (!zone) {
    const d = new Date(ms);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      weekday: d.getUTCDay(),
      minute: d.getUTCHours() * 60 + d.getUTCMinutes(),
    };
  }
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    formatters.set(zone, f);
  }
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(new Date(ms))) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday!),
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

const within = (list: Range[] | undefined, v: number) => !list || list.some((r) => v >= r.begin && v <= r.end);

/** Whether the instant `ms` (Unix ms) is inside the interval. */
export function containsTime(ti: CompiledTimeInterval, ms: number): boolean {
  const t = civil(ms, ti.location);
  if (ti.times && !ti.times.some((r) => t.minute >= r.begin && t.minute < r.end)) return false;
  if (ti.daysOfMonth) {
    const daysInMonth = new Date(Date.UTC(t.year, t.month, 0)).getUTCDate();
    const ok = ti.daysOfMonth.some((r) => {
      const begin = r.begin < 0 ? daysInMonth + r.begin + 1 : r.begin;
      const end = r.end < 0 ? daysInMonth + r.end + 1 : r.end;
      if (begin > daysInMonth) return false;
      const clamp = (v: number) => Math.min(Math.max(v, -daysInMonth), daysInMonth);
      return t.day >= clamp(begin) && t.day <= clamp(end);
    });
    if (!ok) return false;
  }
  return within(ti.months, t.month) && within(ti.weekdays, t.weekday) && within(ti.years, t.year);
}

/** The named interval sets of a config (`time_intervals` and the deprecated `mute_time_intervals`), compiled. */
export function compileTimeIntervals(
  config: Pick<AlertmanagerConfig, 'time_intervals' | 'mute_time_intervals'>,
): Map<string, CompiledTimeInterval[]> {
  const out = new Map<string, CompiledTimeInterval[]>();
  for (const key of ['time_intervals', 'mute_time_intervals'] as const) {
    (config[key] ?? []).forEach((set, i) => {
      out.set(
        set.name,
        (set.time_intervals ?? []).map((ti, j) => compileTimeInterval(ti, `${key}[${i}].time_intervals[${j}]`)),
      );
    });
  }
  return out;
}

/** Whether `ms` is inside any interval of any of the named sets (Alertmanager's `Intervener.Mutes`). */
export function inAnyInterval(
  sets: Map<string, CompiledTimeInterval[]>,
  names: readonly string[],
  ms: number,
): boolean {
  for (const name of names) {
    const set = sets.get(name);
    if (!set)
      throw new AlertNoiseError(
        'alert-noise/unknown-time-interval',
        `time interval ${JSON.stringify(name)} does not exist`,
      );
    if (set.some((ti) => containsTime(ti, ms))) return true;
  }
  return false;
}
