/**
 * Binary operators: scalar/vector arithmetic and comparisons, vector matching, set operators.
 * The evaluator evaluates both operands; these only compute.
 */
import type { BinaryExpr, BinaryOp, VectorMatching } from '../ast.js';
import { PromQLEvalError } from '../errors.js';
import {
  deleteLabels,
  dropMetricName,
  labelsString,
  keepLabels,
  labelsKey,
  METRIC_NAME,
  normalizeLabels,
  formatSeries,
} from '../labels.js';
import type { Labels } from '../values.js';
import { goMod, goPow } from './math.js';
import { OutBuilder } from './out-builder.js';
import type { EvalValue, StepSeries } from './types.js';

const COMPARISON = new Set<BinaryOp>(['==', '!=', '>', '<', '>=', '<=']);
const DROPS_NAME = new Set<BinaryOp>(['+', '-', '*', '/', '%', '^', 'atan2']);

function arith(op: BinaryOp, l: number, r: number): number {
  switch (op) {
    case '+':
      return l + r;
    case '-':
      return l - r;
    case '*':
      return l * r;
    case '/':
      return l / r;
    case '%':
      return goMod(l, r);
    case '^':
      return goPow(l, r);
    case 'atan2':
      return Math.atan2(l, r);
    case '==':
      return l === r ? 1 : 0;
    case '!=':
      return l !== r ? 1 : 0;
    case '>':
      return l > r ? 1 : 0;
    case '<':
      return l < r ? 1 : 0;
    case '>=':
      return l >= r ? 1 : 0;
    case '<=':
      return l <= r ? 1 : 0;
  }
  throw new PromQLEvalError(`operator ${op} not allowed here`);
}

/** `e.op` (with its matching and `bool`) between the evaluated operands `lv` and `rv`, over `n` steps. */
export function binaryOp(e: BinaryExpr, lv: EvalValue, rv: EvalValue, n: number): EvalValue {
  const op = e.op;
  const isCmp = COMPARISON.has(op);
  if (lv.kind === 'scalar' && rv.kind === 'scalar') {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = arith(op, lv.vals[i]!, rv.vals[i]!);
    return { kind: 'scalar', vals: out };
  }
  if (lv.kind === 'vector' && rv.kind === 'vector') {
    const matching: VectorMatching = e.matching ?? { card: 'one-to-one', on: false, labels: [], include: [] };
    if (op === 'and' || op === 'or' || op === 'unless')
      return { kind: 'vector', series: setOp(op, lv.series, rv.series, matching, n) };
    return { kind: 'vector', series: vectorBinop(op, lv.series, rv.series, matching, e.returnBool, n) };
  }
  if (lv.kind === 'vector' && rv.kind === 'scalar')
    return { kind: 'vector', series: vectorScalar(op, lv.series, rv.vals, false, e.returnBool, isCmp, n) };
  if (lv.kind === 'scalar' && rv.kind === 'vector')
    return { kind: 'vector', series: vectorScalar(op, rv.series, lv.vals, true, e.returnBool, isCmp, n) };
  throw new PromQLEvalError(`binary operator ${op} is not defined between ${lv.kind} and ${rv.kind}`);
}

function vectorScalar(
  op: BinaryOp,
  series: StepSeries[],
  sc: Float64Array,
  swap: boolean,
  returnBool: boolean,
  isCmp: boolean,
  n: number,
): StepSeries[] {
  const b = new OutBuilder(n);
  const drop = DROPS_NAME.has(op) || returnBool;
  for (const s of series) {
    const vals = new Float64Array(n);
    const has = new Uint8Array(n);
    let any = false;
    for (let i = 0; i < n; i++) {
      if (!s.has[i]) continue;
      const v = s.vals[i]!;
      const l = swap ? sc[i]! : v;
      const r = swap ? v : sc[i]!;
      const res = arith(op, l, r);
      if (isCmp) {
        if (returnBool) vals[i] = res;
        else if (res === 1) vals[i] = v;
        else continue;
      } else vals[i] = res;
      has[i] = 1;
      any = true;
    }
    if (any) b.addSeries(drop ? dropMetricName(s.labels) : s.labels, vals, has);
  }
  return b.result();
}

function signatureFn(matching: VectorMatching): (l: Labels) => string {
  const names = [...matching.labels].sort();
  if (matching.on) return (l) => labelsKey(keepLabels(l, names));
  const without = [METRIC_NAME, ...names];
  return (l) => labelsKey(deleteLabels(l, without));
}

function matchedLabels(l: Labels, matching: VectorMatching): Labels {
  return matching.on ? keepLabels(l, matching.labels) : deleteLabels(l, [METRIC_NAME, ...matching.labels]);
}

function setOp(
  op: 'and' | 'or' | 'unless',
  lhs: StepSeries[],
  rhs: StepSeries[],
  matching: VectorMatching,
  n: number,
): StepSeries[] {
  const sig = signatureFn(matching);
  const b = new OutBuilder(n);
  if (op === 'or') {
    const leftPresent = new Map<string, Uint8Array>();
    const anyLeft = new Uint8Array(n);
    for (const s of lhs) {
      const k = sig(s.labels);
      let p = leftPresent.get(k);
      if (!p) leftPresent.set(k, (p = new Uint8Array(n)));
      for (let i = 0; i < n; i++)
        if (s.has[i]) {
          p[i] = 1;
          anyLeft[i] = 1;
        }
      b.addSeries(s.labels, s.vals, s.has);
    }
    for (const s of rhs) {
      const p = leftPresent.get(sig(s.labels));
      const has = new Uint8Array(n);
      for (let i = 0; i < n; i++) if (s.has[i] && !p?.[i]) has[i] = 1;
      b.addSeries(s.labels, s.vals, has);
    }
    return b.result();
  }
  const rightPresent = new Map<string, Uint8Array>();
  for (const s of rhs) {
    const k = sig(s.labels);
    let p = rightPresent.get(k);
    if (!p) rightPresent.set(k, (p = new Uint8Array(n)));
    for (let i = 0; i < n; i++) if (s.has[i]) p[i] = 1;
  }
  for (const s of lhs) {
    const p = rightPresent.get(sig(s.labels));
    const has = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (!s.has[i]) continue;
      const inRight = !!p?.[i];
      if (op === 'and' ? inRight : !inRight) has[i] = 1;
    }
    b.addSeries(s.labels, s.vals, has);
  }
  return b.result();
}

function resultMetric(lhs: Labels, rhs: Labels, op: BinaryOp, matching: VectorMatching, returnBool: boolean): Labels {
  const out: Record<string, string> = { ...lhs };
  if (DROPS_NAME.has(op) || returnBool) delete out[METRIC_NAME];
  if (matching.card === 'one-to-one') {
    if (matching.on) {
      for (const k of Object.keys(out)) if (!matching.labels.includes(k)) delete out[k];
    } else {
      for (const k of matching.labels) delete out[k];
    }
  }
  for (const ln of matching.include) {
    const v = rhs[ln];
    if (v !== undefined && v !== '') out[ln] = v;
    else delete out[ln];
  }
  return normalizeLabels(out);
}

function vectorBinop(
  op: BinaryOp,
  lhsIn: StepSeries[],
  rhsIn: StepSeries[],
  matching: VectorMatching,
  returnBool: boolean,
  n: number,
): StepSeries[] {
  if (matching.card === 'many-to-many') throw new PromQLEvalError('many-to-many only allowed for set operators');
  const b = new OutBuilder(n);
  if (lhsIn.length === 0 || rhsIn.length === 0) return [];
  const swapped = matching.card === 'one-to-many';
  const lhs = swapped ? rhsIn : lhsIn;
  const rhs = swapped ? lhsIn : rhsIn;
  const sig = signatureFn(matching);
  const isCmp = COMPARISON.has(op);
  // rhs ("one" side) by signature; check uniqueness per step.
  const rightBySig = new Map<string, StepSeries[]>();
  for (const s of rhs) {
    const k = sig(s.labels);
    const list = rightBySig.get(k);
    if (list) list.push(s);
    else rightBySig.set(k, [s]);
  }
  for (const list of rightBySig.values()) {
    if (list.length < 2) continue;
    for (let i = 0; i < n; i++) {
      let first: StepSeries | undefined;
      for (const s of list) {
        if (!s.has[i]) continue;
        if (first) {
          const side = swapped ? 'left' : 'right';
          throw new PromQLEvalError(
            `found duplicate series for the match group ${labelsString(matchedLabels(s.labels, matching))} on the ${side} hand-side of the operation: [${formatSeries(s.labels)}, ${formatSeries(first.labels)}];many-to-many matching not allowed: matching labels must be unique on one side`,
          );
        }
        first = s;
      }
    }
  }
  const matchedOneToOne = new Map<string, Uint8Array>();
  const matchedManyToOne = new Map<string, Map<string, Uint8Array>>();
  const metricCache = new Map<string, Labels>();
  for (const ls of lhs) {
    const k = sig(ls.labels);
    const candidates = rightBySig.get(k);
    if (!candidates) continue;
    for (const rs of candidates) {
      let metric: Labels | undefined;
      let vals: Float64Array | undefined;
      let has: Uint8Array | undefined;
      for (let i = 0; i < n; i++) {
        if (!ls.has[i] || !rs.has[i]) continue;
        let fl = ls.vals[i]!;
        let fr = rs.vals[i]!;
        if (swapped) [fl, fr] = [fr, fl];
        let value: number;
        if (isCmp) {
          const keep = arith(op, fl, fr) === 1;
          if (returnBool) value = keep ? 1 : 0;
          else if (!keep) continue;
          else value = fl;
        } else value = arith(op, fl, fr);
        if (!metric) {
          const ck = `${labelsKey(ls.labels)}\u0000${labelsKey(rs.labels)}`;
          metric = metricCache.get(ck);
          if (!metric) {
            metric = resultMetric(ls.labels, rs.labels, op, matching, returnBool);
            metricCache.set(ck, metric);
          }
        }
        if (matching.card === 'one-to-one') {
          let m = matchedOneToOne.get(k);
          if (!m) matchedOneToOne.set(k, (m = new Uint8Array(n)));
          if (m[i])
            throw new PromQLEvalError(
              'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)',
            );
          m[i] = 1;
        } else {
          let inner = matchedManyToOne.get(k);
          if (!inner) matchedManyToOne.set(k, (inner = new Map()));
          const mk = labelsKey(metric);
          let m = inner.get(mk);
          if (!m) inner.set(mk, (m = new Uint8Array(n)));
          if (m[i])
            throw new PromQLEvalError('multiple matches for labels: grouping labels must ensure unique matches');
          m[i] = 1;
        }
        if (!vals) {
          vals = new Float64Array(n);
          has = new Uint8Array(n);
        }
        vals[i] = value;
        has![i] = 1;
      }
      if (vals) b.addSeries(metric!, vals, has!);
    }
  }
  return b.result();
}
