import { RuleDslInputError } from './errors.js';

/**
 * Format a number as a PromQL float literal that reads the way a human writes it: the shortest
 * digits that round-trip (so 0.1 + 0.2 gives `0.30000000000000004`, not a rounded lie), without
 * exponent notation for magnitudes between 1e-20 and 1e22 (`0.0000001`, not `1e-7`), and with
 * `NaN`, `+Inf`, `-Inf` for the special values.
 */
export function formatNumber(n: number): string {
  if (typeof n !== 'number') throw new RuleDslInputError(`expected a number, got ${typeof n}`);
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  if (Object.is(n, -0)) return '0';
  const s = String(n);
  const e = s.indexOf('e');
  if (e < 0) return s;
  const exp = Number(s.slice(e + 1));
  if (exp < -20 || exp > 21) return s;
  const negative = s.startsWith('-');
  const mantissa = s.slice(negative ? 1 : 0, e);
  const [intPart, fracPart = ''] = mantissa.split('.');
  const digits = intPart! + fracPart;
  // position of the decimal point within `digits`
  const point = intPart!.length + exp;
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return (negative ? '-' : '') + out;
}
