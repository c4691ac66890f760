/**
 * What every detector returns and how series are checked before a detector runs.
 *
 * A detector reads a series (timestamps in Unix ms, ascending; finite values) and returns, per
 * sample, an anomaly score in [0, 1] (0.5 is the detector's own alarm level unless it says
 * otherwise) and a flag. Samples in the warm-up (before the detector has enough history) have
 * score 0 and no flag.
 */

export interface DetectorOutput {
  /** Anomaly score per sample, in [0, 1]. */
  scores: Float64Array;
  /** 1 where the detector flags the sample. */
  flags: Uint8Array;
  /** Index of the first sample after the warm-up. */
  warmup: number;
}

/** Bad input to a detector: says which detector, which sample and why. */
export class DetectorInputError extends Error {
  constructor(
    readonly detector: string,
    message: string,
  ) {
    super(`${detector}: ${message}`);
    this.name = 'DetectorInputError';
  }
}

/**
 * Checks a series: equal lengths, ascending timestamps, finite values (NaN/Inf are errors naming
 * the index and time: a gap should be left out, not passed as NaN), and at least `minSamples`.
 */
export function checkSeries(
  detector: string,
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  minSamples: number,
): void {
  if (times.length !== values.length)
    throw new DetectorInputError(detector, `${times.length} timestamps but ${values.length} values`);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) {
      throw new DetectorInputError(
        detector,
        `sample ${i} (t=${new Date(times[i]!).toISOString()}) is ${v}; drop missing samples instead of passing NaN/Inf`,
      );
    }
    if (i > 0 && !(times[i]! > times[i - 1]!))
      throw new DetectorInputError(detector, `timestamps must ascend: sample ${i} is not after sample ${i - 1}`);
  }
  if (values.length < minSamples) {
    throw new DetectorInputError(
      detector,
      `history has ${values.length} samples, fewer than the warm-up of ${minSamples}`,
    );
  }
}

/** Maps a non-negative statistic to [0, 1) with `level` at 0.5: s / (s + level). NaN (0/0) gives 0. */
export function squash(stat: number, level: number): number {
  if (Number.isNaN(stat)) return 0;
  if (stat === Infinity) return 1;
  return stat / (stat + level);
}

export function emptyOutput(n: number, warmup: number): DetectorOutput {
  return { scores: new Float64Array(n), flags: new Uint8Array(n), warmup };
}
