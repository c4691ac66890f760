/**
 * Reads a unit-test `input_series` entry into sample arrays, with a fast scan for the common
 * values text and the full `input_series` parser for everything else.
 */
import { parseSeriesDescription, parseSeriesMetric, sequenceSamples } from '../input-series.js';
import type { Labels } from '../values.js';

/**
 * One input series as sample arrays (timestamps `index × interval`, `_` skipped). The common
 * values text, only `_` and plain decimal numbers (`-?\d+(\.\d+)?`, where `Number` gives what
 * Go's ParseFloat gives), is scanned straight into typed arrays; anything else goes through
 * `parseSeriesDescription` on `series values` as before, so results and errors are the same.
 */
export function parseInputSeries(
  series: string,
  values: string,
  interval: number,
): { labels: Labels; ts: Float64Array; vs: Float64Array } {
  try {
    const { labels, end } = parseSeriesMetric(series);
    const fast = series.slice(end).trim() === '' ? scanPlainValues(values, interval) : undefined;
    if (fast) return { labels, ...fast };
  } catch {
    // reported below, by the full parser, with positions in the whole description
  }
  const d = parseSeriesDescription(`${series} ${values}`);
  return { labels: d.labels, ...sequenceSamples(d, interval) };
}

/** Scans `_` and plain decimals separated by whitespace; undefined at the first other token. */
export function scanPlainValues(text: string, interval: number): { ts: Float64Array; vs: Float64Array } | undefined {
  const len = text.length;
  const cap = (len >> 1) + 1; // tokens are at least one character plus a separator
  if (scratchTs.length < cap) {
    scratchTs = new Float64Array(cap);
    scratchVs = new Float64Array(cap);
  }
  const ts = scratchTs;
  const vs = scratchVs;
  let m = 0; // samples written
  let k = 0; // token index (time step)
  let i = 0;
  while (i < len) {
    let c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    const start = i;
    if (c === 95 /* _ */) {
      i++;
      if (i < len && (c = text.charCodeAt(i)) !== 32 && c !== 9 && c !== 10 && c !== 13) return undefined;
      k++;
      continue;
    }
    const neg = c === 45; /* - */
    if (neg) i++;
    let acc = 0;
    let digits = 0;
    while (i < len && (c = text.charCodeAt(i)) >= 48 && c <= 57) {
      acc = acc * 10 + (c - 48);
      digits++;
      i++;
    }
    if (digits === 0) return undefined;
    let exact = digits <= 15;
    if (i < len && c === 46 /* . */) {
      i++;
      let frac = 0;
      while (i < len && (c = text.charCodeAt(i)) >= 48 && c <= 57) {
        frac++;
        i++;
      }
      if (frac === 0) return undefined;
      exact = false;
    }
    if (i < len && c !== 32 && c !== 9 && c !== 10 && c !== 13) return undefined;
    ts[m] = k * interval;
    // Integers of up to 15 digits are exact in a double; anything else is left to Number.
    vs[m] = exact ? (neg ? -acc : acc) : Number(text.slice(start, i));
    m++;
    k++;
  }
  return { ts: ts.slice(0, m), vs: vs.slice(0, m) };
}

// Reused between calls (the results are exact-size copies), so a file of long series allocates
// its worst-case buffers once.
let scratchTs = new Float64Array(0);
let scratchVs = new Float64Array(0);
