/** Functions whose arguments are instant vectors, scalars or strings (Prometheus rangeEval functions). */
import type { Call, Expr } from '../ast.js';
import { PromQLEvalError } from '../errors.js';
import { dropMetricName, isValidLabelName, labelsKey, METRIC_NAME, setLabel, deleteLabels } from '../labels.js';
import { compileAnchoredRegex } from '../storage/matchers.js';
import type { Labels } from '../values.js';
import { absentLabels, evalScalar, evalVector, unwrapParens } from './engine.js';
import { checkDistinctLabelsets, OutBuilder } from './out-builder.js';
import { bucketQuantile, type Bucket } from './quantile.js';
import type { EvalContext, EvalValue, StepSeries } from './types.js';
import { parseGoFloat } from './math.js';
import { goUnixTime, type CivilTime } from './go-date.js';

type Unary = (v: number) => number;

const SIMPLE: Record<string, Unary> = {
  abs: Math.abs,
  ceil: Math.ceil,
  floor: Math.floor,
  exp: Math.exp,
  sqrt: Math.sqrt,
  ln: Math.log,
  log2: Math.log2,
  log10: Math.log10,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  // Go's math.Sinh/Cosh use exp(|x|)/2 above 21, so they overflow to ±Inf from |x| ≈ 709.78 (JS: ≈ 710.48).
  sinh: (v) => (Math.abs(v) > 21 ? Math.sign(v) * Math.exp(Math.abs(v)) * 0.5 : Math.sinh(v)),
  cosh: (v) => (Math.abs(v) > 21 ? Math.exp(Math.abs(v)) * 0.5 : Math.cosh(v)),
  tanh: Math.tanh,
  asinh: Math.asinh,
  acosh: Math.acosh,
  atanh: Math.atanh,
  rad: (v) => (v * Math.PI) / 180,
  deg: (v) => (v * 180) / Math.PI,
  sgn: (v) => (v < 0 ? -1 : v > 0 ? 1 : v),
};

const DATE: Record<string, (d: CivilTime) => number> = {
  days_in_month: (d) => d.daysInMonth,
  day_of_month: (d) => d.day,
  day_of_week: (d) => d.dayOfWeek,
  day_of_year: (d) => d.dayOfYear,
  hour: (d) => d.hour,
  minute: (d) => d.minute,
  month: (d) => d.month,
  year: (d) => d.year,
};

function stringArg(e: Expr): string {
  const u = unwrapParens(e);
  if (u.type !== 'StringLiteral') throw new PromQLEvalError('expected a string literal argument');
  return u.value;
}

function mapSeries(series: StepSeries[], n: number, f: (v: number, i: number) => number): StepSeries[] {
  const b = new OutBuilder(n);
  for (const s of series) {
    const vals = new Float64Array(n);
    for (let i = 0; i < n; i++) if (s.has[i]) vals[i] = f(s.vals[i]!, i);
    b.addSeries(dropMetricName(s.labels), vals, s.has);
  }
  return b.result();
}

/** Go regexp.Expand for `$1`, `${1}`, `$name`, `${name}`, `$$`. */
function expandTemplate(template: string, groups: (string | null)[], named: Record<string, number>): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (c !== '$' || i === template.length - 1) {
      out += c;
      continue;
    }
    const next = template[i + 1]!;
    if (next === '$') {
      out += '$';
      i++;
      continue;
    }
    let name: string;
    let end: number;
    if (next === '{') {
      const close = template.indexOf('}', i + 2);
      const candidate = close < 0 ? '' : template.slice(i + 2, close);
      if (close < 0 || !/^[A-Za-z0-9_]+$/.test(candidate)) {
        out += c;
        continue;
      }
      name = candidate;
      end = close;
    } else {
      const m = /^[A-Za-z0-9_]+/.exec(template.slice(i + 1));
      if (!m) {
        out += c;
        continue;
      }
      name = m[0];
      end = i + name.length;
    }
    let idx: number | undefined;
    if (/^\d+$/.test(name)) idx = Number(name);
    else idx = named[name];
    if (idx !== undefined && idx < groups.length) out += groups[idx] ?? '';
    i = end;
  }
  return out;
}

function natCompare(a: string, b: string): number {
  const ca = a.match(/(\d+|\D+)/g) ?? [];
  const cb = b.match(/(\d+|\D+)/g) ?? [];
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const x = ca[i]!;
    const y = cb[i]!;
    if (x === y) continue;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      const nx = Number(x);
      const ny = Number(y);
      if (nx !== ny) return nx < ny ? -1 : 1;
      return x < y ? -1 : 1;
    }
    return x < y ? -1 : 1;
  }
  return ca.length - cb.length;
}

function sortByValue(series: StepSeries[], desc: boolean): StepSeries[] {
  // Only meaningful for instant queries (one step); Prometheus puts NaN last.
  const key = (s: StepSeries) => s.vals[0]!;
  return series.slice().sort((a, b) => {
    const va = key(a);
    const vb = key(b);
    if (Number.isNaN(va)) return Number.isNaN(vb) ? 0 : 1;
    if (Number.isNaN(vb)) return -1;
    return desc ? vb - va : va - vb;
  });
}

export function evalInstantFunction(ctx: EvalContext, e: Call, times: Float64Array): EvalValue {
  const n = times.length;
  const fn = e.func;
  const simple = SIMPLE[fn];
  if (simple) return { kind: 'vector', series: mapSeries(evalVector(ctx, e.args[0]!, times), n, simple) };
  switch (fn) {
    case 'time':
      return { kind: 'scalar', vals: times.map((t) => t / 1000) };
    case 'pi':
      return { kind: 'scalar', vals: new Float64Array(n).fill(Math.PI) };
    case 'vector': {
      const v = evalScalar(ctx, e.args[0]!, times);
      return { kind: 'vector', series: [{ labels: {}, vals: v, has: new Uint8Array(n).fill(1) }] };
    }
    case 'scalar': {
      const series = evalVector(ctx, e.args[0]!, times);
      const vals = new Float64Array(n).fill(NaN);
      const count = new Uint32Array(n);
      for (const s of series) {
        for (let i = 0; i < n; i++) {
          if (!s.has[i]) continue;
          count[i] = count[i]! + 1;
          vals[i] = s.vals[i]!;
        }
      }
      for (let i = 0; i < n; i++) if (count[i] !== 1) vals[i] = NaN;
      return { kind: 'scalar', vals };
    }
    case 'timestamp': {
      // Non-selector argument: samples carry the evaluation time.
      const series = evalVector(ctx, e.args[0]!, times);
      return { kind: 'vector', series: mapSeries(series, n, (_v, i) => times[i]! / 1000) };
    }
    case 'round': {
      const series = evalVector(ctx, e.args[0]!, times);
      const to = e.args[1] ? evalScalar(ctx, e.args[1], times) : new Float64Array(n).fill(1);
      return {
        kind: 'vector',
        series: mapSeries(series, n, (v, i) => {
          const inv = 1 / to[i]!;
          return Math.floor(v * inv + 0.5) / inv;
        }),
      };
    }
    case 'clamp': {
      const series = evalVector(ctx, e.args[0]!, times);
      const min = evalScalar(ctx, e.args[1]!, times);
      const max = evalScalar(ctx, e.args[2]!, times);
      const b = new OutBuilder(n);
      for (const s of series) {
        const vals = new Float64Array(n);
        const has = new Uint8Array(n);
        for (let i = 0; i < n; i++) {
          if (!s.has[i] || max[i]! < min[i]!) continue;
          vals[i] = Math.max(min[i]!, Math.min(max[i]!, s.vals[i]!));
          has[i] = 1;
        }
        b.addSeries(dropMetricName(s.labels), vals, has);
      }
      return { kind: 'vector', series: b.result() };
    }
    case 'clamp_min': {
      const series = evalVector(ctx, e.args[0]!, times);
      const min = evalScalar(ctx, e.args[1]!, times);
      return { kind: 'vector', series: mapSeries(series, n, (v, i) => Math.max(min[i]!, v)) };
    }
    case 'clamp_max': {
      const series = evalVector(ctx, e.args[0]!, times);
      const max = evalScalar(ctx, e.args[1]!, times);
      return { kind: 'vector', series: mapSeries(series, n, (v, i) => Math.min(max[i]!, v)) };
    }
    case 'absent': {
      const series = evalVector(ctx, e.args[0]!, times);
      const has = new Uint8Array(n).fill(1);
      for (const s of series) for (let i = 0; i < n; i++) if (s.has[i]) has[i] = 0;
      if (!has.some((x) => x)) return { kind: 'vector', series: [] };
      const a = unwrapParens(e.args[0]!);
      const labels = a.type === 'VectorSelector' ? absentLabels(a) : {};
      return { kind: 'vector', series: [{ labels, vals: new Float64Array(n).fill(1), has }] };
    }
    case 'sort':
    case 'sort_desc': {
      const series = evalVector(ctx, e.args[0]!, times);
      return { kind: 'vector', series: n === 1 ? sortByValue(series, fn === 'sort_desc') : series };
    }
    case 'sort_by_label':
    case 'sort_by_label_desc': {
      const series = evalVector(ctx, e.args[0]!, times);
      const names = e.args.slice(1).map(stringArg);
      if (n !== 1) return { kind: 'vector', series };
      const desc = fn === 'sort_by_label_desc';
      const sorted = sortByValue(series, desc);
      sorted.sort((a, b) => {
        for (const l of names) {
          const x = a.labels[l] ?? '';
          const y = b.labels[l] ?? '';
          if (x === y) continue;
          const c = natCompare(x, y) < 0 ? -1 : 1;
          return desc ? -c : c;
        }
        return 0;
      });
      return { kind: 'vector', series: sorted };
    }
    case 'label_replace': {
      const dst = stringArg(e.args[1]!);
      const repl = stringArg(e.args[2]!);
      const src = stringArg(e.args[3]!);
      const regexStr = stringArg(e.args[4]!);
      let re;
      try {
        re = compileAnchoredRegex(regexStr, false);
      } catch {
        throw new PromQLEvalError(`invalid regular expression in label_replace(): ${regexStr}`);
      }
      if (!isValidLabelName(dst)) throw new PromQLEvalError(`invalid destination label name in label_replace(): ${dst}`);
      const series = evalVector(ctx, e.args[0]!, times);
      const named = re.namedGroups();
      const out = series.map((s) => {
        const srcVal = s.labels[src] ?? '';
        const m = re.matcher(srcVal);
        if (!m.matches()) return s;
        const groups: (string | null)[] = [];
        for (let g = 0; g <= m.groupCount(); g++) groups.push(m.group(g));
        const res = expandTemplate(repl, groups, named);
        return { labels: setLabel(s.labels, dst, res), vals: s.vals, has: s.has };
      });
      checkDistinctLabelsets(out);
      return { kind: 'vector', series: out };
    }
    case 'label_join': {
      const dst = stringArg(e.args[1]!);
      const sep = stringArg(e.args[2]!);
      const srcs = e.args.slice(3).map(stringArg);
      for (const s of srcs) if (!isValidLabelName(s)) throw new PromQLEvalError(`invalid source label name in label_join(): ${s}`);
      if (!isValidLabelName(dst)) throw new PromQLEvalError(`invalid destination label name in label_join(): ${dst}`);
      const series = evalVector(ctx, e.args[0]!, times);
      const out = series.map((s) => ({
        labels: setLabel(s.labels, dst, srcs.map((l) => s.labels[l] ?? '').join(sep)),
        vals: s.vals,
        has: s.has,
      }));
      return { kind: 'vector', series: out };
    }
    case 'histogram_quantile':
      return { kind: 'vector', series: histogramQuantile(ctx, e, times) };
    case 'histogram_count':
    case 'histogram_sum':
    case 'histogram_avg':
    case 'histogram_stddev':
    case 'histogram_stdvar':
    case 'histogram_fraction':
      // These only produce output for native histograms, which this storage cannot hold: say so
      // instead of silently returning nothing.
      throw new PromQLEvalError(
        `${fn}() works on native histograms, which the embedded engine does not support; use the \`local\` runtime (a real Prometheus) for this query`,
        { code: 'promql/native-histograms-unsupported' },
      );
  }
  const date = DATE[fn];
  if (date) {
    if (e.args.length === 0) {
      return { kind: 'vector', series: [{ labels: {}, vals: times.map((t) => date(goUnixTime(Math.trunc(t / 1000)))), has: new Uint8Array(n).fill(1) }] };
    }
    return { kind: 'vector', series: mapSeries(evalVector(ctx, e.args[0]!, times), n, (v) => date(goUnixTime(v))) };
  }
  throw new PromQLEvalError(`unknown or unsupported function ${fn}()`);
}

function histogramQuantile(ctx: EvalContext, e: Call, times: Float64Array): StepSeries[] {
  const n = times.length;
  const q = evalScalar(ctx, e.args[0]!, times);
  const series = evalVector(ctx, e.args[1]!, times);
  for (let i = 0; i < n; i++) {
    const x = q[i]!;
    if (Number.isNaN(x) || x < 0 || x > 1) {
      ctx.warnings.push(`PromQL warning: quantile value should be between 0 and 1, got ${x}`);
      break;
    }
  }
  // Group by labels without `le` (name included), output without name and le.
  interface Group { labels: Labels; members: { s: StepSeries; le: number }[] }
  const groups = new Map<string, Group>();
  const order: Group[] = [];
  for (const s of series) {
    const leStr = s.labels.le;
    const le = leStr === undefined ? undefined : parseGoFloat(leStr);
    if (le === undefined) {
      ctx.warnings.push(`PromQL warning: bucket label "le" is missing or has a malformed value of ${JSON.stringify(leStr ?? '')} for metric name ${JSON.stringify(s.labels[METRIC_NAME] ?? '')}`);
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
  if (forcedAny) ctx.infos.push('PromQL info: input to histogram_quantile needed to be fixed for monotonicity');
  return b.result();
}
