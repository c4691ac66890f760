import { formatNumber } from '@alertcraft/rule-dsl';

/**
 * `x` rounded to 12 significant digits, which drops binary float noise from decimal arithmetic:
 * `(100 - 99.9) / 100` is 0.0009999999999999432, `clean` of it is 0.001; `14.4 * 0.001` gives 0.0144.
 */
export function clean(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  return Number(x.toPrecision(12));
}

/** A PromQL float literal of `clean(x)`: `0.0144`, never `0.014400000000000001`. Refuses NaN and ±Inf. */
export function promNumber(x: number, field = 'number'): string {
  if (!Number.isFinite(x)) throw new Error(`${field}: refusing to write ${x} into a rule`);
  return formatNumber(clean(x));
}
