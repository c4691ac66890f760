import type { LabelMatcher } from '../ast.js';
import { PromQLError } from '../errors.js';
import type { Labels, SeriesData } from '../values.js';
import { compareLabels, formatSeries, labelsKey, normalizeLabels } from '../labels.js';
import { compileMatcher } from './matchers.js';
import { isStaleNaN, STALE_NAN } from './stale.js';

/** A stored series as seen by the evaluator: typed arrays trimmed to the sample count. */
export interface StoredSeries {
  readonly labels: Labels;
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
  /** True when at least one sample is a staleness marker. */
  readonly hasStale: boolean;
  /**
   * The samples without staleness markers (what range selectors see). Cached on the series and
   * extended incrementally as samples are appended, so repeated queries do not re-filter.
   */
  nonStale(): { timestamps: Float64Array; values: Float64Array };
  /** True when no (non-stale) sample is lower than the one before it: no counter resets. */
  readonly monotonic: boolean;
}

/** Thrown on out-of-order or duplicate-timestamp appends (code `promql/out-of-order`). */
export class OutOfOrderSampleError extends PromQLError {
  constructor(message: string) {
    super('promql/out-of-order', message);
    this.name = 'OutOfOrderSampleError';
  }
}

class MemSeries {
  ts: Float64Array;
  vs: Float64Array;
  n = 0;
  hasStale = false;
  /** Some non-stale sample is lower than the previous non-stale one. */
  hasDecrease = false;
  lastNonStale = NaN;
  constructor(
    readonly labels: Labels,
    capacity: number,
  ) {
    this.ts = new Float64Array(Math.max(capacity, 8));
    this.vs = new Float64Array(Math.max(capacity, 8));
  }
  /** Non-stale copy: arrays, count, and how many stored samples it covers. */
  private ns?: { ts: Float64Array; vs: Float64Array; m: number; covered: number };

  nonStale(): { timestamps: Float64Array; values: Float64Array } {
    if (!this.hasStale) return { timestamps: this.ts.subarray(0, this.n), values: this.vs.subarray(0, this.n) };
    let c = this.ns;
    if (!c)
      c = this.ns = {
        ts: new Float64Array(Math.max(8, this.n)),
        vs: new Float64Array(Math.max(8, this.n)),
        m: 0,
        covered: 0,
      };
    for (let i = c.covered; i < this.n; i++) {
      const v = this.vs[i]!;
      if (v !== v && isStaleNaN(v)) continue;
      if (c.m === c.ts.length) {
        const ts = new Float64Array(c.ts.length * 2);
        ts.set(c.ts);
        const vs = new Float64Array(c.vs.length * 2);
        vs.set(c.vs);
        c.ts = ts;
        c.vs = vs;
      }
      c.ts[c.m] = this.ts[i]!;
      c.vs[c.m] = v;
      c.m++;
    }
    c.covered = this.n;
    return { timestamps: c.ts.subarray(0, c.m), values: c.vs.subarray(0, c.m) };
  }

  grow(min: number): void {
    let cap = this.ts.length * 2;
    while (cap < min) cap *= 2;
    const ts = new Float64Array(cap);
    ts.set(this.ts.subarray(0, this.n));
    const vs = new Float64Array(cap);
    vs.set(this.vs.subarray(0, this.n));
    this.ts = ts;
    this.vs = vs;
  }
}

/**
 * In-memory float series storage. Label sets are interned (one frozen object per series);
 * samples live in `Float64Array`s that grow by doubling. Samples of a series must be appended
 * in increasing timestamp order.
 */
export interface Storage {
  /** Appends one sample. Throws `OutOfOrderSampleError` when `t` is before the series' last sample. */
  append(labels: Labels, t: number, v: number): void;
  /** Appends a staleness marker (StaleNaN) at `t`. */
  appendStale(labels: Labels, t: number): void;
  /**
   * Appends many samples of one series (timestamps ascending). Pass staleness markers in a
   * `Float64Array` (JS arrays canonicalise NaN payloads, losing the StaleNaN bit pattern).
   */
  appendSeries(labels: Labels, timestamps: ArrayLike<number>, values: ArrayLike<number>): void;
  /** Series matching all matchers, sorted by labels like Prometheus' querier. */
  select(matchers: readonly LabelMatcher[]): StoredSeries[];
  /** All series (copies of the label sets, views of the sample arrays). */
  series(): SeriesData[];
  /** Number of series and samples held. */
  stats(): { series: number; samples: number };
  /** Removes everything. */
  clear(): void;
}

class MemoryStorage implements Storage {
  private readonly byKey = new Map<string, MemSeries>();
  private all: MemSeries[] = [];
  private sorted = true;
  /** label name -> value -> series */
  private readonly postings = new Map<string, Map<string, MemSeries[]>>();

  private getOrCreate(labels: Labels, capacity: number): MemSeries {
    const lbls = normalizeLabels(labels);
    const key = labelsKey(lbls);
    let s = this.byKey.get(key);
    if (!s) {
      s = new MemSeries(lbls, capacity);
      this.byKey.set(key, s);
      const last = this.all[this.all.length - 1];
      if (last && compareLabels(last.labels, lbls) > 0) this.sorted = false;
      this.all.push(s);
      this.version++;
      for (const name in lbls) {
        let byValue = this.postings.get(name);
        if (!byValue) this.postings.set(name, (byValue = new Map()));
        const list = byValue.get(lbls[name]!);
        if (list) list.push(s);
        else byValue.set(lbls[name]!, [s]);
      }
    }
    return s;
  }

  private push(s: MemSeries, t: number, v: number): void {
    if (s.n > 0) {
      const lastT = s.ts[s.n - 1]!;
      if (t < lastT) {
        throw new OutOfOrderSampleError(
          `out-of-order sample for ${formatSeries(s.labels)}: timestamp ${t} is before the previous sample at ${lastT}`,
        );
      }
      if (t === lastT) {
        if (
          Object.is(v, s.vs[s.n - 1]) ||
          (Number.isNaN(v) && Number.isNaN(s.vs[s.n - 1]!) && isStaleNaN(v) === isStaleNaN(s.vs[s.n - 1]!))
        )
          return;
        throw new OutOfOrderSampleError(
          `duplicate sample for ${formatSeries(s.labels)} at timestamp ${t} with a different value (${s.vs[s.n - 1]} then ${v})`,
        );
      }
    }
    if (s.n === s.ts.length) s.grow(s.n + 1);
    s.ts[s.n] = t;
    s.vs[s.n] = v;
    s.n++;
    if (v !== v && isStaleNaN(v)) s.hasStale = true;
    else {
      if (v < s.lastNonStale) s.hasDecrease = true;
      s.lastNonStale = v;
    }
  }

  append(labels: Labels, t: number, v: number): void {
    this.push(this.getOrCreate(labels, 8), t, v);
  }

  appendStale(labels: Labels, t: number): void {
    this.push(this.getOrCreate(labels, 8), t, STALE_NAN);
  }

  appendSeries(labels: Labels, timestamps: ArrayLike<number>, values: ArrayLike<number>): void {
    if (timestamps.length !== values.length) {
      throw new PromQLError(
        'promql/bad-input',
        `appendSeries: ${timestamps.length} timestamps but ${values.length} values`,
      );
    }
    const s = this.getOrCreate(labels, timestamps.length);
    if (s.n + timestamps.length > s.ts.length) s.grow(s.n + timestamps.length);
    // Fast path: strictly increasing typed arrays after the last stored sample are copied in bulk.
    if (timestamps instanceof Float64Array && values instanceof Float64Array) {
      const len = timestamps.length;
      let ok = len === 0 || s.n === 0 || timestamps[0]! > s.ts[s.n - 1]!;
      for (let i = 1; ok && i < len; i++) if (!(timestamps[i]! > timestamps[i - 1]!)) ok = false;
      if (ok) {
        s.ts.set(timestamps, s.n);
        s.vs.set(values, s.n);
        s.n += len;
        let last = s.lastNonStale;
        let dec = s.hasDecrease;
        let stale = s.hasStale;
        for (let i = 0; i < len; i++) {
          const v = values[i]!;
          if (v !== v && isStaleNaN(v)) {
            stale = true;
            continue;
          }
          if (v < last) dec = true;
          last = v;
        }
        s.lastNonStale = last;
        s.hasDecrease = dec;
        s.hasStale = stale;
        return;
      }
    }
    for (let i = 0; i < timestamps.length; i++) this.push(s, timestamps[i]!, values[i]!);
  }

  private ensureSorted(): void {
    if (!this.sorted) {
      this.all.sort((a, b) => compareLabels(a.labels, b.labels));
      this.sorted = true;
    }
  }

  /** Matching series per matcher set, valid while no series is created (appends do not change it). */
  private selectCache = new Map<string, MemSeries[]>();
  private cacheVersion = 0;
  private version = 0;

  select(matchers: readonly LabelMatcher[]): StoredSeries[] {
    if (this.cacheVersion !== this.version) {
      this.selectCache.clear();
      this.cacheVersion = this.version;
    }
    const key = JSON.stringify(matchers.map((m) => [m.name, m.op, m.value]));
    let matched = this.selectCache.get(key);
    if (!matched) {
      matched = this.match(matchers);
      if (this.selectCache.size >= 10_000) this.selectCache.clear();
      this.selectCache.set(key, matched);
    }
    const out: StoredSeries[] = [];
    for (const s of matched) {
      if (s.n === 0) continue;
      out.push({
        labels: s.labels,
        timestamps: s.ts.subarray(0, s.n),
        values: s.vs.subarray(0, s.n),
        hasStale: s.hasStale,
        monotonic: !s.hasDecrease,
        nonStale: () => s.nonStale(),
      });
    }
    return out;
  }

  private match(matchers: readonly LabelMatcher[]): MemSeries[] {
    const compiled = matchers.map(compileMatcher);
    // Narrow with the postings of the first equality matcher on a non-empty value.
    let candidates: MemSeries[] | undefined;
    for (const m of compiled) {
      if (m.op === '=' && m.value !== '') {
        const list = this.postings.get(m.name)?.get(m.value) ?? [];
        if (!candidates || list.length < candidates.length) candidates = list;
      }
    }
    let pool: MemSeries[];
    if (candidates) {
      pool = candidates.slice();
      pool.sort((a, b) => compareLabels(a.labels, b.labels));
    } else {
      this.ensureSorted();
      pool = this.all;
    }
    const out: MemSeries[] = [];
    for (const s of pool) {
      let ok = true;
      for (const m of compiled) {
        if (!m.matches(s.labels[m.name] ?? '')) {
          ok = false;
          break;
        }
      }
      if (ok) out.push(s);
    }
    return out;
  }

  series(): SeriesData[] {
    this.ensureSorted();
    return this.all.map((s) => ({
      labels: s.labels,
      timestamps: s.ts.subarray(0, s.n),
      values: s.vs.subarray(0, s.n),
    }));
  }

  stats(): { series: number; samples: number } {
    let samples = 0;
    for (const s of this.all) samples += s.n;
    return { series: this.all.length, samples };
  }

  clear(): void {
    this.byKey.clear();
    this.all = [];
    this.postings.clear();
    this.sorted = true;
    this.version++;
  }
}

/** Creates an empty in-memory storage. */
export function createStorage(): Storage {
  return new MemoryStorage();
}
