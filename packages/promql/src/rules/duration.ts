/** Prometheus duration strings (`model.ParseDuration`): `1h30m`, `5m`, `2d`, `500ms`, `0`. */
import { PromQLError } from '../errors.js';

const UNITS: Array<[string, number]> = [
  ['y', 365 * 24 * 3_600_000],
  ['w', 7 * 24 * 3_600_000],
  ['d', 24 * 3_600_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
  ['ms', 1],
];
const DURATION_RE = /^(?:([0-9]+)y)?(?:([0-9]+)w)?(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?(?:([0-9]+)ms)?$/;

/** Parses a Prometheus duration to milliseconds; throws PromQLError `promql/duration` when invalid. */
export function parsePromDuration(text: string): number {
  if (text === '') throw new PromQLError('promql/duration', 'empty duration string');
  if (text === '0') return 0;
  const m = DURATION_RE.exec(text);
  if (!m) throw new PromQLError('promql/duration', `not a valid duration string: ${JSON.stringify(text)}`);
  let ms = 0;
  UNITS.forEach(([, mult], i) => {
    const g = m[i + 1];
    if (g !== undefined) ms += Number(g) * mult;
  });
  return ms;
}

/** Like parsePromDuration but returns undefined instead of throwing. */
export function tryParsePromDuration(text: string): number | undefined {
  try {
    return parsePromDuration(text);
  } catch {
    return undefined;
  }
}
