/**
 * Calendar fields of `time.Unix(int64(seconds), 0).UTC()` as Prometheus computes them for the
 * date functions (`hour()`, `day_of_week()`, ...): proleptic Gregorian over the whole int64 range
 * (JS `Date` stops at ±8.64e12 s), and Go's float → int64 conversion on amd64, where NaN, ±Inf and
 * values outside int64 become math.MinInt64, whose date Go prints as 292277026596-12-04 15:30 UTC
 * (a Sunday; values measured on the real Prometheus binary).
 */
export interface CivilTime {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday */
  dayOfWeek: number;
  /** 1..366 */
  dayOfYear: number;
  daysInMonth: number;
}

const MIN_INT64_TIME: CivilTime = {
  year: 292277026596,
  month: 12,
  day: 4,
  hour: 15,
  minute: 30,
  dayOfWeek: 0,
  dayOfYear: 339,
  daysInMonth: 31,
};
const TWO_63 = 2 ** 63;
const CUMULATIVE_DAYS = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Calendar fields (UTC) of Unix time `seconds`, truncated to an integer like Go's int64(). */
export function goUnixTime(seconds: number): CivilTime {
  if (!(seconds >= -TWO_63 && seconds < TWO_63)) return MIN_INT64_TIME;
  const s = Math.trunc(seconds);
  let sod: number;
  let days: number;
  if (Math.abs(s) <= Number.MAX_SAFE_INTEGER) {
    sod = ((s % 86400) + 86400) % 86400;
    days = (s - sod) / 86400;
  } else {
    const b = BigInt(s);
    let r = b % 86400n;
    if (r < 0n) r += 86400n;
    sod = Number(r);
    days = Number((b - r) / 86400n);
  }
  // Days since 1970-01-01 → civil date (H. Hinnant's days_from_civil inverse).
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doyMar = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doyMar + 2) / 153);
  const day = doyMar - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return {
    year,
    month,
    day,
    hour: Math.floor(sod / 3600),
    minute: Math.floor((sod % 3600) / 60),
    dayOfWeek: ((days % 7) + 7 + 4) % 7,
    dayOfYear: CUMULATIVE_DAYS[month - 1]! + day + (leap && month > 2 ? 1 : 0),
    daysInMonth: month === 2 && leap ? 29 : MONTH_DAYS[month - 1]!,
  };
}
