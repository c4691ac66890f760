import type { RuleDslDiagnostic } from '../diagnostics.js';
import type { TimeInterval } from './config.js';

/** Alertmanager's weekday names, Sunday first (index = JavaScript's `getUTCDay()`). */
export const WEEKDAYS: readonly string[] = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
];
/** Alertmanager's month names, January first. */
export const MONTHS: readonly string[] = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

type Check = (s: string) => string | undefined;

function range(parse: (s: string) => number | undefined, what: string, allowReverse = false): Check {
  return (spec) => {
    const parts = spec.split(':');
    if (parts.length > 2) return `invalid ${what} range ${JSON.stringify(spec)}`;
    const nums = parts.map(parse);
    if (nums.some((n) => n === undefined)) return `invalid ${what} ${JSON.stringify(spec)}`;
    if (!allowReverse && nums.length === 2 && nums[0]! > nums[1]!)
      return `${what} range ${JSON.stringify(spec)} has its start after its end`;
    return undefined;
  };
}

const weekday = range((s) => {
  const i = WEEKDAYS.indexOf(s.toLowerCase());
  return i < 0 ? undefined : i;
}, 'weekday');
const month = range((s) => {
  const i = MONTHS.indexOf(s.toLowerCase());
  if (i >= 0) return i + 1;
  return /^\d+$/.test(s) && Number(s) >= 1 && Number(s) <= 12 ? Number(s) : undefined;
}, 'month');
const year = range((s) => (/^\d+$/.test(s) ? Number(s) : undefined), 'year');

function dayOfMonth(spec: string): string | undefined {
  const parts = spec.split(':');
  if (parts.length > 2) return `invalid day of month range ${JSON.stringify(spec)}`;
  const nums = parts.map((s) => (/^-?\d+$/.test(s) ? Number(s) : NaN));
  if (nums.some((n) => Number.isNaN(n) || n === 0 || n < -31 || n > 31))
    return `invalid day of month ${JSON.stringify(spec)}: use 1 to 31, or -31 to -1 counted from the end of the month`;
  // Same-sign ranges must be ascending (Alertmanager compares them when both are positive or both negative).
  if (nums.length === 2 && Math.sign(nums[0]!) === Math.sign(nums[1]!) && nums[0]! > nums[1]!)
    return `day of month range ${JSON.stringify(spec)} has its start after its end`;
  return undefined;
}

const HHMM = /^(\d{2}):(\d{2})$/;
function minutes(s: string): number | undefined {
  const m = HHMM.exec(s);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min !== 0)) return undefined;
  return h * 60 + min;
}

function isTimeZone(loc: string): boolean {
  if (loc === 'Local' || loc === 'UTC') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: loc });
    return true;
  } catch {
    return false;
  }
}

/** Diagnostics for one `time_intervals[]` entry, following Alertmanager's `timeinterval` parsing. */
export function validateTimeInterval(ti: TimeInterval, path: string): RuleDslDiagnostic[] {
  const out: RuleDslDiagnostic[] = [];
  const err = (p: string, message: string): void => {
    out.push({ code: 'alertmanager/invalid-time-interval', severity: 'error', message, path: p });
  };
  (ti.times ?? []).forEach((r, k) => {
    const a = minutes(r.start_time);
    const b = minutes(r.end_time);
    if (a === undefined || b === undefined || a >= b)
      err(
        `${path}.times[${k}]`,
        `invalid time range ${r.start_time}-${r.end_time}: expected HH:MM (00:00 to 24:00) with the start before the end`,
      );
  });
  const lists: [keyof TimeInterval, Check][] = [
    ['weekdays', weekday],
    ['days_of_month', dayOfMonth],
    ['months', month],
    ['years', year],
  ];
  for (const [key, check] of lists) {
    ((ti[key] as string[] | undefined) ?? []).forEach((spec, i) => {
      const problem = check(String(spec));
      if (problem) err(`${path}.${key}[${i}]`, problem);
    });
  }
  if (ti.location !== undefined && !isTimeZone(ti.location))
    err(`${path}.location`, `unknown time zone ${JSON.stringify(ti.location)}: use an IANA name such as Europe/Paris`);
  return out;
}
