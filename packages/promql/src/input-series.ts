/**
 * promtool's `input_series` notation, also used by promqltest `load` blocks:
 * `metric{label="value"} 1+2x3 _ stale -1-1x2 _x3 4x2`.
 *
 * - `a` one sample; `_` an omitted sample; `stale` a staleness marker
 * - `a+bxN` / `a-bxN`: N+1 samples starting at a, adding b each step
 * - `axN`: N+1 samples of value a; `_xN`: N omitted samples
 */
import { PromQLError, PromQLEvalError } from './errors.js';
import { normalizeLabels } from './labels.js';
import type { Storage } from './storage/memory-storage.js';
import { STALE_NAN } from './storage/stale.js';
import type { Labels } from './values.js';

/** A malformed series description (code `promql/input-series`); `column` is 1-based when known. */
export class InputSeriesError extends PromQLError {
  readonly column?: number;
  constructor(message: string, column?: number) {
    super('promql/input-series', message);
    this.name = 'InputSeriesError';
    this.column = column;
  }
}

/** Thrown when the input holds native histograms (`{{...}}`), which the embedded engine does not support. */
export class NativeHistogramUnsupportedError extends PromQLEvalError {
  constructor(where: string) {
    super(
      `${where}: native histograms ({{...}} notation) are not supported by the embedded engine; use the \`local\` runtime (a real Prometheus) for native-histogram queries`,
      { code: 'promql/native-histograms-unsupported' },
    );
    this.name = 'NativeHistogramUnsupportedError';
  }
}

/** One expanded sequence: `present[i] === 0` marks an omitted (`_`) step. Stale markers keep their bit pattern. */
export interface SeriesSequence {
  values: Float64Array;
  present: Uint8Array;
}

export interface SeriesDescription extends SeriesSequence {
  labels: Labels;
}

const NUM = String.raw`(?:[+-]?(?:inf(?:inity)?|nan|(?:\d+(?:_\d+)*\.?\d*|\.\d+)(?:e[+-]?\d+)?))`;
const UNSIGNED = String.raw`(?:inf(?:inity)?|nan|(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)`;
const ITEM_RE = new RegExp(String.raw`^(${NUM})(?:([+-])(${UNSIGNED}))?(?:x(\d+))?$`, 'i');

/** Parses a number the way Go's strconv does for series values (Inf, NaN, hex, exponent). */
export function parseSeriesNumber(s: string): number | undefined {
  const t = s.toLowerCase().replace(/_/g, '');
  let sign = 1;
  let body = t;
  if (body.startsWith('+')) body = body.slice(1);
  else if (body.startsWith('-')) {
    sign = -1;
    body = body.slice(1);
  }
  if (body === 'inf' || body === 'infinity') return sign * Infinity;
  if (body === 'nan') return NaN;
  if (body.startsWith('0x')) {
    const n = parseInt(body.slice(2), 16);
    return Number.isNaN(n) ? undefined : sign * n;
  }
  if (!/^(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/.test(body)) return undefined;
  return sign * Number(body);
}

/**
 * Most steps one series description may expand to (`axN`, `a+bxN`, `_xN` summed): 1,000,000, i.e.
 * about 17 minutes of 1 ms samples or 2 years of 1 m samples, and 9 MB once stored. promtool has no
 * such limit (`0+1x999999999999999999999999999999` ran it out of 22 GB of memory after 9 minutes);
 * going over is an InputSeriesError at the item's column.
 */
export const MAX_SERIES_STEPS = 1_000_000;

function checkSteps(have: number, add: number, item: string, col: number): void {
  if (have + add > MAX_SERIES_STEPS) {
    throw new InputSeriesError(
      `series value ${JSON.stringify(item.length > 40 ? `${item.slice(0, 40)}…` : item)} at column ${col} expands the series to more than ${MAX_SERIES_STEPS.toLocaleString('en-US')} steps (the limit)`,
      col,
    );
  }
}

/** Growable typed arrays for one expanded sequence. */
class SequenceBuilder {
  values = new Float64Array(64);
  present = new Uint8Array(64);
  length = 0;
  reserve(n: number): void {
    if (this.length + n <= this.values.length) return;
    let cap = this.values.length;
    while (cap < this.length + n) cap *= 2;
    const v = new Float64Array(cap);
    v.set(this.values.subarray(0, this.length));
    const p = new Uint8Array(cap);
    p.set(this.present.subarray(0, this.length));
    this.values = v;
    this.present = p;
  }
}

/** Expands the values part of a series description. Throws InputSeriesError on bad items and over MAX_SERIES_STEPS steps. */
export function expandSeriesValues(text: string, columnOffset = 0): SeriesSequence {
  const b = new SequenceBuilder();
  const staleIdx: number[] = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const item = m[0];
    const col = columnOffset + m.index + 1;
    checkSteps(b.length, 1, item, col);
    if (item.startsWith('{{')) throw new NativeHistogramUnsupportedError(`column ${col}`);
    if (item === '_') {
      b.reserve(1);
      b.length++; // values 0, present 0
      continue;
    }
    const blank = /^_x(\d+)$/.exec(item);
    if (blank) {
      const n = Number(blank[1]);
      checkSteps(b.length, n, item, col);
      b.reserve(n);
      b.length += n;
      continue;
    }
    if (item === 'stale') {
      staleIdx.push(b.length);
      b.reserve(1);
      b.present[b.length++] = 1;
      continue;
    }
    const im = ITEM_RE.exec(item);
    if (!im)
      throw new InputSeriesError(
        `invalid series value ${JSON.stringify(item)} at column ${col} (expected a number, _, stale, a+bxN or axN)`,
        col,
      );
    let start = parseSeriesNumber(im[1]!);
    if (start === undefined)
      throw new InputSeriesError(`invalid number ${JSON.stringify(im[1])} at column ${col}`, col);
    if (im[4] === undefined) {
      if (im[2] !== undefined)
        throw new InputSeriesError(
          `invalid series value ${JSON.stringify(item)} at column ${col}: an increment needs xN`,
          col,
        );
      b.reserve(1);
      b.values[b.length] = start;
      b.present[b.length++] = 1;
      continue;
    }
    const times = Number(im[4]);
    checkSteps(b.length, times + 1, item, col);
    let inc = 0;
    if (im[2] !== undefined) {
      const d = parseSeriesNumber(im[3]!);
      if (d === undefined)
        throw new InputSeriesError(`invalid increment ${JSON.stringify(im[3])} at column ${col}`, col);
      inc = im[2] === '-' ? -d : d;
    }
    b.reserve(times + 1);
    const { values, present } = b;
    for (let i = 0; i <= times; i++) {
      values[b.length] = start;
      present[b.length++] = 1;
      start += inc;
    }
  }
  const out = b.values.slice(0, b.length);
  for (const i of staleIdx) out[i] = STALE_NAN; // assign directly: arrays would canonicalise the NaN payload
  return { values: out, present: b.present.slice(0, b.length) };
}

const NAME_RE = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_RE = /^[a-zA-Z_][a-zA-Z0-9_]*/;

/** Reads a Go-style quoted string at `s[i]`; returns the value and the index after it. */
export function readQuoted(s: string, i: number): { value: string; end: number } | undefined {
  const q = s[i];
  if (q !== '"' && q !== "'" && q !== '`') return undefined;
  let out = '';
  let j = i + 1;
  if (q === '`') {
    const end = s.indexOf('`', j);
    if (end < 0) return undefined;
    return { value: s.slice(j, end), end: end + 1 };
  }
  while (j < s.length) {
    const c = s[j]!;
    if (c === q) return { value: out, end: j + 1 };
    if (c === '\\') {
      const n = s[j + 1];
      if (n === undefined) return undefined;
      const simple: Record<string, string> = {
        n: '\n',
        t: '\t',
        r: '\r',
        '\\': '\\',
        '"': '"',
        "'": "'",
        a: '\x07',
        b: '\b',
        f: '\f',
        v: '\v',
      };
      if (simple[n] !== undefined) {
        out += simple[n];
        j += 2;
        continue;
      }
      const hex = n === 'x' ? 2 : n === 'u' ? 4 : n === 'U' ? 8 : 0;
      if (hex) {
        const h = s.slice(j + 2, j + 2 + hex);
        if (!/^[0-9a-fA-F]+$/.test(h) || h.length !== hex) return undefined;
        out += String.fromCodePoint(parseInt(h, 16));
        j += 2 + hex;
        continue;
      }
      if (/[0-7]/.test(n)) {
        const o = s.slice(j + 1, j + 4);
        if (!/^[0-7]{3}$/.test(o)) return undefined;
        out += String.fromCharCode(parseInt(o, 8));
        j += 4;
        continue;
      }
      return undefined;
    }
    out += c;
    j++;
  }
  return undefined;
}

/**
 * Parses the metric part `name{l="v", ...}` at the start of `line`.
 * Returns the labels and the index where the rest (values) starts.
 */
export function parseSeriesMetric(line: string): { labels: Labels; end: number } {
  const lbls: Record<string, string> = {};
  let i = 0;
  while (line[i] === ' ' || line[i] === '\t') i++;
  const nm = NAME_RE.exec(line.slice(i));
  if (nm) {
    lbls.__name__ = nm[0];
    i += nm[0].length;
  }
  if (line[i] === '{') {
    i++;
    for (;;) {
      while (line[i] === ' ' || line[i] === '\t') i++;
      if (line[i] === '}') {
        i++;
        break;
      }
      let name: string;
      const lm = LABEL_RE.exec(line.slice(i));
      if (lm) {
        name = lm[0];
        i += name.length;
      } else {
        const q = readQuoted(line, i);
        if (!q) throw new InputSeriesError(`expected a label name at column ${i + 1}`, i + 1);
        name = q.value;
        i = q.end;
      }
      while (line[i] === ' ' || line[i] === '\t') i++;
      if (line[i] !== '=') throw new InputSeriesError(`expected "=" after label ${name} at column ${i + 1}`, i + 1);
      i++;
      while (line[i] === ' ' || line[i] === '\t') i++;
      const q = readQuoted(line, i);
      if (!q) throw new InputSeriesError(`expected a quoted label value for ${name} at column ${i + 1}`, i + 1);
      if (name in lbls) throw new InputSeriesError(`duplicate label ${name} at column ${i + 1}`, i + 1);
      lbls[name] = q.value;
      i = q.end;
      while (line[i] === ' ' || line[i] === '\t') i++;
      if (line[i] === ',') {
        i++;
        continue;
      }
      if (line[i] === '}') {
        i++;
        break;
      }
      throw new InputSeriesError(`expected "," or "}" at column ${i + 1}`, i + 1);
    }
  } else if (!nm) {
    throw new InputSeriesError('expected a metric name or "{" at column 1', 1);
  }
  return { labels: normalizeLabels(lbls), end: i };
}

/** Parses a full series description line, e.g. `http_requests{job="api"} 0+10x5`. */
export function parseSeriesDescription(line: string): SeriesDescription {
  const { labels, end } = parseSeriesMetric(line);
  const rest = line.slice(end);
  if (rest.length && !/^\s/.test(rest))
    throw new InputSeriesError(`expected a space before the values at column ${end + 1}`, end + 1);
  return { labels, ...expandSeriesValues(rest, end) };
}

/**
 * Loads series descriptions into `storage`, one sample per `stepMs` starting at `startMs`
 * (omitted `_` steps are skipped). Each entry is one `input_series`/`load` line.
 */
export function loadSeriesDescriptions(storage: Storage, lines: readonly string[], stepMs: number, startMs = 0): void {
  for (const line of lines) {
    const d = parseSeriesDescription(line);
    appendSequence(storage, d.labels, d, stepMs, startMs);
  }
}

/** The samples of an expanded sequence, at `startMs + i*stepMs` (omitted `_` steps skipped). */
export function sequenceSamples(
  seq: SeriesSequence,
  stepMs: number,
  startMs = 0,
): { ts: Float64Array; vs: Float64Array } {
  let n = 0;
  for (let i = 0; i < seq.present.length; i++) if (seq.present[i]) n++;
  const ts = new Float64Array(n);
  const vs = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < seq.present.length; i++) {
    if (!seq.present[i]) continue;
    ts[j] = startMs + i * stepMs;
    vs[j] = seq.values[i]!;
    j++;
  }
  return { ts, vs };
}

/** Appends an expanded sequence to `storage` at `startMs + i*stepMs`. */
export function appendSequence(
  storage: Storage,
  labels: Labels,
  seq: SeriesSequence,
  stepMs: number,
  startMs = 0,
): void {
  const { ts, vs } = sequenceSamples(seq, stepMs, startMs);
  if (ts.length > 0) storage.appendSeries(labels, ts, vs);
}
