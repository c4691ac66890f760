/**
 * Prometheus durations (`model.Duration`): units y w d h m s ms, biggest first, each at most once,
 * `0` allowed without a unit. All values here are integer milliseconds.
 */
const UNITS: ReadonlyMap<string, { pos: number; ms: number }> = new Map([
  ['y', { pos: 1, ms: 365 * 24 * 3600 * 1000 }],
  ['w', { pos: 2, ms: 7 * 24 * 3600 * 1000 }],
  ['d', { pos: 3, ms: 24 * 3600 * 1000 }],
  ['h', { pos: 4, ms: 3600 * 1000 }],
  ['m', { pos: 5, ms: 60 * 1000 }],
  ['s', { pos: 6, ms: 1000 }],
  ['ms', { pos: 7, ms: 1 }],
]);

/** Largest duration Go's `time.Duration` holds, in ms (2^63-1 ns). */
const MAX_MS = 9223372036854.775;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Parse a duration string; returns milliseconds or an error message in Prometheus's wording. */
export function parseDuration(s: string): { ms: number } | { error: string } {
  if (s === '0') return { ms: 0 };
  if (s === '') return { error: 'empty duration string' };
  const invalid = { error: `not a valid duration string: ${JSON.stringify(s)}` };
  let i = 0;
  let total = 0;
  let lastPos = 0;
  while (i < s.length) {
    const numStart = i;
    while (i < s.length && isDigit(s.charCodeAt(i))) i++;
    if (i === numStart) return invalid;
    const v = Number(s.slice(numStart, i));
    if (v > 18446744073709551615) return invalid;
    const unitStart = i;
    while (i < s.length && !isDigit(s.charCodeAt(i))) i++;
    if (i === unitStart) return invalid;
    const u = s.slice(unitStart, i);
    const unit = UNITS.get(u);
    if (!unit) return { error: `unknown unit ${JSON.stringify(u)} in duration ${JSON.stringify(s)}` };
    if (unit.pos <= lastPos) return invalid;
    lastPos = unit.pos;
    if (v * unit.ms > MAX_MS * 1.0000000001) return { error: 'duration out of range' };
    total += v * unit.ms;
    if (total > MAX_MS) return { error: 'duration out of range' };
  }
  return { ms: total };
}

/** Format milliseconds like Prometheus (`model.Duration.String()`): `1h30m`, `2w`, `0s`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let sign = '';
  if (ms < 0) {
    sign = '-';
    ms = -ms;
  }
  let out = '';
  const take = (unit: string, mult: number, exact: boolean): void => {
    if (exact && ms % mult !== 0) return;
    const v = Math.floor(ms / mult);
    if (v > 0) {
      out += `${v}${unit}`;
      ms -= v * mult;
    }
  };
  take('y', 365 * 24 * 3600 * 1000, true);
  take('w', 7 * 24 * 3600 * 1000, true);
  take('d', 24 * 3600 * 1000, false);
  take('h', 3600 * 1000, false);
  take('m', 60 * 1000, false);
  take('s', 1000, false);
  take('ms', 1, false);
  return sign + out;
}
