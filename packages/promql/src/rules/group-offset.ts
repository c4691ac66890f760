import { labelsHash } from '../eval/xxhash64.js';

/**
 * The evaluation-time offset (ms, within one interval) Prometheus gives a rule group: the hash of
 * the labels {file, name} modulo the interval (`rules.Group.EvalTimestamp`), in nanoseconds, so
 * the result may have a sub-millisecond part; evaluations happen at `k*interval + offset`.
 */
export function prometheusGroupOffsetNs(file: string, name: string, intervalMs: number): bigint {
  return labelsHash({ file, name }) % (BigInt(intervalMs) * 1_000_000n);
}
