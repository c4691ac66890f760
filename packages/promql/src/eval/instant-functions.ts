/**
 * Instant functions over values: math, clamping and rounding, time(), vector()/scalar(),
 * timestamp(), absent() and the calendar functions (Prometheus v2.54.1 `promql/functions.go`).
 * Each is a `FunctionCall`: it gets its arguments evaluated and only computes.
 */
import { dropMetricName } from '../labels.js';
import { goUnixTime, type CivilTime } from './go-date.js';
import { absentLabels, scalarArg, vectorArg } from './function-args.js';
import { goCosh, goSinh } from './math.js';
import { OutBuilder } from './out-builder.js';
import type { FunctionCall, StepSeries } from './types.js';

/** Applies `f` to every present value, dropping the metric name (Prometheus `simpleFunc`). */
function mapSeries(series: StepSeries[], n: number, f: (v: number, i: number) => number): StepSeries[] {
  const b = new OutBuilder(n);
  for (const s of series) {
    const vals = new Float64Array(n);
    for (let i = 0; i < n; i++) if (s.has[i]) vals[i] = f(s.vals[i]!, i);
    b.addSeries(dropMetricName(s.labels), vals, s.has);
  }
  return b.result();
}

function simple(f: (v: number) => number): FunctionCall {
  return (args, _ast, fc) => ({ kind: 'vector', series: mapSeries(vectorArg(args, 0), fc.times.length, f) });
}

/** The one-argument math functions, by name. */
export const MATH_FUNCTIONS: Record<string, FunctionCall> = {
  abs: simple(Math.abs),
  ceil: simple(Math.ceil),
  floor: simple(Math.floor),
  exp: simple(Math.exp),
  sqrt: simple(Math.sqrt),
  ln: simple(Math.log),
  log2: simple(Math.log2),
  log10: simple(Math.log10),
  sin: simple(Math.sin),
  cos: simple(Math.cos),
  tan: simple(Math.tan),
  asin: simple(Math.asin),
  acos: simple(Math.acos),
  atan: simple(Math.atan),
  sinh: simple(goSinh),
  cosh: simple(goCosh),
  tanh: simple(Math.tanh),
  asinh: simple(Math.asinh),
  acosh: simple(Math.acosh),
  atanh: simple(Math.atanh),
  rad: simple((v) => (v * Math.PI) / 180),
  deg: simple((v) => (v * 180) / Math.PI),
  sgn: simple((v) => (v < 0 ? -1 : v > 0 ? 1 : v)),
};

function dateFunction(f: (d: CivilTime) => number): FunctionCall {
  return (args, _ast, fc) => {
    const times = fc.times;
    if (args.length === 0) {
      return {
        kind: 'vector',
        series: [
          {
            labels: {},
            vals: times.map((t) => f(goUnixTime(Math.trunc(t / 1000)))),
            has: new Uint8Array(times.length).fill(1),
          },
        ],
      };
    }
    return { kind: 'vector', series: mapSeries(vectorArg(args, 0), times.length, (v) => f(goUnixTime(v))) };
  };
}

/** The calendar functions (UTC), by name: of their argument's values, or of the step time without one. */
export const DATE_FUNCTIONS: Record<string, FunctionCall> = {
  days_in_month: dateFunction((d) => d.daysInMonth),
  day_of_month: dateFunction((d) => d.day),
  day_of_week: dateFunction((d) => d.dayOfWeek),
  day_of_year: dateFunction((d) => d.dayOfYear),
  hour: dateFunction((d) => d.hour),
  minute: dateFunction((d) => d.minute),
  month: dateFunction((d) => d.month),
  year: dateFunction((d) => d.year),
};

export const funcTime: FunctionCall = (_args, _ast, fc) => ({ kind: 'scalar', vals: fc.times.map((t) => t / 1000) });

export const funcPi: FunctionCall = (_args, _ast, fc) => ({
  kind: 'scalar',
  vals: new Float64Array(fc.times.length).fill(Math.PI),
});

export const funcVector: FunctionCall = (args, _ast, fc) => ({
  kind: 'vector',
  series: [{ labels: {}, vals: scalarArg(args, 0), has: new Uint8Array(fc.times.length).fill(1) }],
});

/** scalar(): the value of the only series at a step, NaN when there are none or several. */
export const funcScalar: FunctionCall = (args, _ast, fc) => {
  const n = fc.times.length;
  const vals = new Float64Array(n).fill(NaN);
  const count = new Uint32Array(n);
  for (const s of vectorArg(args, 0)) {
    for (let i = 0; i < n; i++) {
      if (!s.has[i]) continue;
      count[i] = count[i]! + 1;
      vals[i] = s.vals[i]!;
    }
  }
  for (let i = 0; i < n; i++) if (count[i] !== 1) vals[i] = NaN;
  return { kind: 'scalar', vals };
};

/** timestamp(): the time of each sample, in seconds: the sample's own for a selector, else the step's. */
export const funcTimestamp: FunctionCall = (args, _ast, fc) => {
  const times = fc.times;
  const b = new OutBuilder(times.length);
  for (const s of vectorArg(args, 0)) {
    const src = s.sampleTs ?? times;
    const vals = new Float64Array(times.length);
    for (let i = 0; i < times.length; i++) if (s.has[i]) vals[i] = src[i]! / 1000;
    b.addSeries(dropMetricName(s.labels), vals, s.has);
  }
  return { kind: 'vector', series: b.result() };
};

export const funcRound: FunctionCall = (args, _ast, fc) => {
  const n = fc.times.length;
  const to = args.length > 1 ? scalarArg(args, 1) : new Float64Array(n).fill(1);
  return {
    kind: 'vector',
    series: mapSeries(vectorArg(args, 0), n, (v, i) => {
      const inv = 1 / to[i]!;
      return Math.floor(v * inv + 0.5) / inv;
    }),
  };
};

/** clamp(): no output at a step where max < min. */
export const funcClamp: FunctionCall = (args, _ast, fc) => {
  const n = fc.times.length;
  const min = scalarArg(args, 1);
  const max = scalarArg(args, 2);
  const b = new OutBuilder(n);
  for (const s of vectorArg(args, 0)) {
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
};

export const funcClampMin: FunctionCall = (args, _ast, fc) => {
  const min = scalarArg(args, 1);
  return { kind: 'vector', series: mapSeries(vectorArg(args, 0), fc.times.length, (v, i) => Math.max(min[i]!, v)) };
};

export const funcClampMax: FunctionCall = (args, _ast, fc) => {
  const max = scalarArg(args, 1);
  return { kind: 'vector', series: mapSeries(vectorArg(args, 0), fc.times.length, (v, i) => Math.min(max[i]!, v)) };
};

/** absent(): 1 at the steps where its argument has no series, labelled from the argument's matchers. */
export const funcAbsent: FunctionCall = (args, astArgs, fc) => {
  const n = fc.times.length;
  const has = new Uint8Array(n).fill(1);
  for (const s of vectorArg(args, 0)) for (let i = 0; i < n; i++) if (s.has[i]) has[i] = 0;
  if (!has.some((x) => x)) return { kind: 'vector', series: [] };
  return { kind: 'vector', series: [{ labels: absentLabels(astArgs[0]), vals: new Float64Array(n).fill(1), has }] };
};
