import { compileMatcher, type VectorSelector } from '@alertcraft/promql';

/** Bucket bounds seen in practice: client-library defaults and common exponential/linear layouts. */
const COMMON_BOUNDS = [
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.75,
  0.8, 1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 8, 10, 15, 16, 20, 25, 30, 32, 40, 50, 60, 64, 100, 120, 128, 200, 250, 256,
  300, 500, 512, 600, 1000, 1024, 2500, 5000, 10000, 60000,
];
const NUMBER = /[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/g;

/** Ways an exporter may write the bound `n` as an `le` value (`1`, `1.0`, `1e+00`, ...). */
function spellings(n: number): string[] {
  const out = new Set([String(n), n.toFixed(1), n.toExponential().replace(/e([+-])(\d)$/, 'e$10$2')]);
  if (Number.isInteger(n)) out.add(`${n}.0`);
  return [...out];
}

/**
 * True when the `le` matchers of a bucket selector select exactly one bucket: `le="0.5"`, or a
 * regex such as `le=~"1(\\.0)?"` whose every match among the candidate bounds (the numbers written
 * in the matchers plus common bucket bounds, in their usual spellings, and `+Inf`) is one number.
 * A regex that matches none of the candidates, or two different bounds, is not a pin.
 */
export function pinsOneBucket(sel: VectorSelector): boolean {
  const le = sel.matchers.filter((m) => m.name === 'le');
  if (le.length === 0) return false;
  if (le.some((m) => m.op === '=' && m.value !== '')) return true;
  if (!le.some((m) => m.op === '=~')) return false;
  const numbers = new Set<number>(COMMON_BOUNDS);
  for (const m of le) for (const t of m.value.replace(/\\/g, '').matchAll(NUMBER)) numbers.add(Number(t[0]));
  const candidates: Array<[string, number]> = [
    ['+Inf', Infinity],
    ['Inf', Infinity],
    ['+inf', Infinity],
  ];
  for (const n of numbers) if (Number.isFinite(n)) for (const s of spellings(n)) candidates.push([s, n]);
  let compiled;
  try {
    compiled = le.map((m) => compileMatcher(m));
  } catch {
    return false; // a bad regex is reported by the parser; do not guess here
  }
  const hit = new Set<number>();
  for (const [text, value] of candidates) if (compiled.every((c) => c.matches(text))) hit.add(value);
  return hit.size === 1;
}
