/**
 * Bounds on what a test file may load (promqltest `load` blocks, unit-test `input_series`): how
 * many series and how many expanded steps in all. One series is already capped at
 * `MAX_SERIES_STEPS`; these cap the file, so a few kilobytes of `0+1x999999` lines cannot ask for
 * gigabytes. promtool has no such limits; the defaults are far above any upstream test file.
 */
import { PromQLError } from './errors.js';

export interface LoadLimits {
  /** Most series one file (a promqltest file up to a `clear`, a unit-test group) may load. Default 100,000. */
  maxSeries?: number;
  /** Most expanded steps (samples, `_` included) in all of them. Default 10,000,000 (about 160 MB once stored). */
  maxSamples?: number;
}

export const DEFAULT_LOAD_LIMITS: Readonly<Required<LoadLimits>> = Object.freeze({
  maxSeries: 100_000,
  maxSamples: 10_000_000,
});

/** Going over a load limit (code `promql/too-many-series` or `promql/too-many-samples`). */
export class LoadLimitError extends PromQLError {
  constructor(code: 'promql/too-many-series' | 'promql/too-many-samples', message: string) {
    super(code, message);
    this.name = 'LoadLimitError';
  }
}

const fmt = (n: number): string => n.toLocaleString('en-US');

/** Counts what a file loads; `add` throws `LoadLimitError` when a limit would be passed. */
export class LoadBudget {
  private series = 0;
  private samples = 0;
  readonly maxSeries: number;
  readonly maxSamples: number;
  constructor(limits: LoadLimits = {}) {
    this.maxSeries = limits.maxSeries ?? DEFAULT_LOAD_LIMITS.maxSeries;
    this.maxSamples = limits.maxSamples ?? DEFAULT_LOAD_LIMITS.maxSamples;
  }
  /** One more series of `steps` expanded steps. */
  add(steps: number): void {
    if (this.series + 1 > this.maxSeries)
      throw new LoadLimitError(
        'promql/too-many-series',
        `this series is one more than the ${fmt(this.maxSeries)} series a test may load (the limit; raise it with maxSeries / --max-series)`,
      );
    if (this.samples + steps > this.maxSamples)
      throw new LoadLimitError(
        'promql/too-many-samples',
        `this series brings the samples loaded to ${fmt(this.samples + steps)}, more than the ${fmt(this.maxSamples)} a test may load (the limit; raise it with maxSamples / --max-samples)`,
      );
    this.series++;
    this.samples += steps;
  }
  /** Starts counting again (promqltest `clear`). */
  reset(): void {
    this.series = 0;
    this.samples = 0;
  }
}
