/** Histogram functions: histogram_quantile() over classic buckets; the native-histogram ones refuse. */
import { PromQLEvalError } from '../errors.js';
import { deleteLabels, dropMetricName, labelsKey, METRIC_NAME } from '../labels.js';
import type { Labels } from '../values.js';
import { scalarArg, vectorArg } from './function-args.js';
import { parseGoFloat } from './math.js';
import { OutBuilder } from './out-builder.js';
import { bucketQuantile, warnInvalidQuantile, type Bucket } from './quantile.js';
import type { FunctionCall, StepSeries } from './types.js';

/** histogram_quantile(q, buckets): per label set without `le`, the q-quantile of its buckets at each step. */
export const funcHistogramQuantile: FunctionCall = (args, _ast, fc) => {
  const n = fc.times.length;
  const q = scalarArg(args, 0);
  const series = vectorArg(args, 1);
  warnInvalidQuantile(fc, q);
  // Group by labels without `le` (name included), output without name and le.
  interface Group {
    labels: Labels;
    members: { s: StepSeries; le: number }[];
  }
  const groups = new Map<string, Group>();
  const order: Group[] = [];
  for (const s of series) {
    const leStr = s.labels.le;
    const le = leStr === undefined ? undefined : parseGoFloat(leStr);
    if (le === undefined) {
      fc.warnings.push(
        `PromQL warning: bucket label "le" is missing or has a malformed value of ${JSON.stringify(leStr ?? '')} for metric name ${JSON.stringify(s.labels[METRIC_NAME] ?? '')}`,
      );
      continue;
    }
    const sigLabels = deleteLabels(s.labels, ['le']);
    const key = labelsKey(sigLabels);
    let g = groups.get(key);
    if (!g) {
      g = { labels: dropMetricName(sigLabels), members: [] };
      groups.set(key, g);
      order.push(g);
    }
    g.members.push({ s, le });
  }
  const b = new OutBuilder(n);
  let forcedAny = false;
  for (const g of order) {
    const vals = new Float64Array(n);
    const has = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const buckets: Bucket[] = [];
      for (const m of g.members) if (m.s.has[i]) buckets.push({ upperBound: m.le, count: m.s.vals[i]! });
      if (buckets.length === 0) continue;
      const [v, forced] = bucketQuantile(q[i]!, buckets);
      if (forced) forcedAny = true;
      vals[i] = v;
      has[i] = 1;
    }
    b.addSeries(g.labels, vals, has);
  }
  if (forcedAny) fc.infos.push('PromQL info: input to histogram_quantile needed to be fixed for monotonicity');
  return { kind: 'vector', series: b.result() };
};

/**
 * histogram_count/sum/avg/stddev/stdvar/fraction only produce output for native histograms, which
 * this storage cannot hold: say so instead of silently returning nothing.
 */
export function nativeHistogramsUnsupported(name: string): FunctionCall {
  return () => {
    throw new PromQLEvalError(
      `${name}() works on native histograms, which the embedded engine does not support; use the \`local\` runtime (a real Prometheus) for this query`,
      { code: 'promql/native-histograms-unsupported' },
    );
  };
}
