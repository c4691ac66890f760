import type { Expr } from '@alertcraft/promql';
import { matrixArg, metricName, numberValue, unparen } from './walk.js';

/**
 * Gauges that state a size, capacity or limit: `node_filesystem_size_bytes`,
 * `kubelet_volume_stats_capacity_bytes`, `container_spec_memory_limit_bytes`,
 * `memcached_max_connections`, `node_filefd_maximum`, `kube_node_status_allocatable`,
 * `kubelet_volume_stats_inodes`, `node_filesystem_files`. Matched on whole `_`-separated words, and never on a counter
 * (`_total`) or on a rate of them (a rate of a capacity is zero whenever it does not change).
 */
const CAPACITY_WORDS = new Set(['size', 'capacity', 'limit', 'limits', 'max', 'maximum', 'allocatable', 'quota']);
/** Totals named by their last word only: `kubelet_volume_stats_inodes`, `node_filesystem_files` (not `..._inodes_free`). */
const CAPACITY_LAST = new Set(['inodes', 'files']);
const CAPACITY_TAIL = /(^|_)(mem|memory)?total_bytes$|_total_size(_bytes)?$|MemTotal_bytes$/;

export function isCapacityName(name: string): boolean {
  if (name.endsWith('_total') || name.includes(':')) return false;
  if (CAPACITY_TAIL.test(name)) return true;
  const words = name.split('_');
  return CAPACITY_LAST.has(words[words.length - 1]!) || words.some((w) => CAPACITY_WORDS.has(w));
}

/** Functions over a range that return one of the range's own sample values (or their mean). */
const SAMPLE_OVER_TIME = new Set([
  'max_over_time',
  'min_over_time',
  'avg_over_time',
  'last_over_time',
  'quantile_over_time',
]);
/** Aggregations whose result is non-zero when every input is. */
const KEEPS_NON_ZERO = new Set(['sum', 'max', 'min', 'avg', 'topk', 'bottomk', 'quantile', 'group']);

/**
 * True when a divisor is known never to be zero while it has a value, so a ratio over it needs no
 * traffic guard: a non-zero constant, `count(...)` (absent rather than 0 when there is nothing to
 * count), a capacity/size/limit gauge, or sums, maxima and products of those. Anything built from
 * rate()/increase() is not: it is zero when nothing happens.
 */
export function neverZero(e: Expr): boolean {
  const u = unparen(e);
  const n = numberValue(u);
  if (n !== undefined) return n !== 0;
  switch (u.type) {
    case 'VectorSelector': {
      const name = metricName(u);
      return name !== undefined && isCapacityName(name);
    }
    case 'Call':
      if (u.func === 'vector' || u.func === 'scalar') return u.args[0] !== undefined && neverZero(u.args[0]);
      if (u.func === 'clamp_min') return (numberValue(u.args[1] ?? u) ?? 0) > 0;
      if (SAMPLE_OVER_TIME.has(u.func)) {
        const m = matrixArg(u);
        return m !== undefined && neverZero(m.vector);
      }
      return false;
    case 'AggregateExpr':
      if (u.op === 'count' || u.op === 'count_values') return true;
      return KEEPS_NON_ZERO.has(u.op) && neverZero(u.expr);
    case 'BinaryExpr':
      if (u.op === '*' || u.op === '/') return neverZero(u.lhs) && neverZero(u.rhs);
      if (u.op === '+') return neverZero(u.lhs) && neverZero(u.rhs);
      // A filter keeps a subset of its left side's samples: `limit != -1`, `capacity > 0`.
      if (!u.returnBool && ['==', '!=', '>', '<', '>=', '<='].includes(u.op)) {
        if (neverZero(u.lhs)) return true;
        const c = numberValue(u.rhs);
        return c !== undefined && ((u.op === '>' && c >= 0) || (u.op === '>=' && c > 0) || (u.op === '!=' && c === 0));
      }
      return false;
    default:
      return false;
  }
}
