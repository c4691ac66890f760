import { PromQLEvalError } from '../errors.js';
import { labelsKey } from '../labels.js';
import type { Labels } from '../values.js';
import type { StepSeries } from './types.js';

export const DUPLICATE_LABELSET = 'vector cannot contain metrics with the same labelset';

/**
 * Collects output series by label set across steps, like Prometheus' rangeEval: two values
 * for the same label set at the same step is the "same labelset" error.
 */
export class OutBuilder {
  private readonly map = new Map<string, StepSeries>();
  readonly list: StepSeries[] = [];
  constructor(private readonly n: number) {}

  private get(labels: Labels): StepSeries {
    const key = labelsKey(labels);
    let s = this.map.get(key);
    if (!s) {
      s = { labels, vals: new Float64Array(this.n), has: new Uint8Array(this.n) };
      this.map.set(key, s);
      this.list.push(s);
    }
    return s;
  }

  add(labels: Labels, i: number, v: number): void {
    const s = this.get(labels);
    if (s.has[i]) throw new PromQLEvalError(DUPLICATE_LABELSET, { code: 'promql/duplicate-labelset' });
    s.has[i] = 1;
    s.vals[i] = v;
  }

  /** Adds a whole series; its arrays may be adopted when the label set is new. */
  addSeries(labels: Labels, vals: Float64Array, has: Uint8Array): void {
    const key = labelsKey(labels);
    const s = this.map.get(key);
    if (!s) {
      const ns = { labels, vals, has };
      this.map.set(key, ns);
      this.list.push(ns);
      return;
    }
    for (let i = 0; i < this.n; i++) {
      if (!has[i]) continue;
      if (s.has[i]) throw new PromQLEvalError(DUPLICATE_LABELSET, { code: 'promql/duplicate-labelset' });
      s.has[i] = 1;
      s.vals[i] = vals[i]!;
    }
  }

  /** The collected series that have at least one value. */
  result(): StepSeries[] {
    return this.list.filter((s) => anyPresent(s.has));
  }
}

export function anyPresent(has: Uint8Array): boolean {
  for (let i = 0; i < has.length; i++) if (has[i]) return true;
  return false;
}

/** Errors when two series carry the same label set (regardless of step). */
export function checkDistinctLabelsets(series: readonly { labels: Labels }[]): void {
  if (series.length < 2) return;
  const seen = new Set<string>();
  for (const s of series) {
    const k = labelsKey(s.labels);
    if (seen.has(k)) throw new PromQLEvalError(DUPLICATE_LABELSET, { code: 'promql/duplicate-labelset' });
    seen.add(k);
  }
}
