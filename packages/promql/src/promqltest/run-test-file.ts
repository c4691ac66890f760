/**
 * Runs parsed promqltest files against the embedded engine, case by case, with the checks of
 * Prometheus v2.54.1's test runner: warnings expectations, expected failures, result comparison
 * (relative epsilon 1e-6), the `@`-modifier variants of instant queries, and the same query in
 * range mode. Cases that need native histograms are skipped with a reason.
 */
import type { Expr } from '../ast.js';
import { PromQLError } from '../errors.js';
import { appendSequence, sequenceSamples } from '../input-series.js';
import { parse } from '../parser/parser.js';
import { compareLabels, formatSeries, labelsKey, normalizeLabels } from '../labels.js';
import { createStorage, type Storage } from '../storage/memory-storage.js';
import { compileAnchoredRegex } from '../storage/matchers.js';
import { almostEqual } from '../eval/math.js';
import { runInstantQuery, runRangeQuery, type QueryResult } from '../eval/query.js';
import type { QueryValue } from '../values.js';
import { PromqlTestFileError, type EvalCommand, type PromqlTestFile } from './parse-test-file.js';

export type CaseStatus = 'passed' | 'failed' | 'skipped';

export interface CaseResult {
  file: string;
  line: number;
  expr: string;
  status: CaseStatus;
  /** Why it failed or was skipped. */
  reason?: string;
}

export interface FileRunResult {
  file: string;
  cases: CaseResult[];
  passed: number;
  failed: number;
  skipped: number;
}

const AT_UNSAFE = new Set([
  'days_in_month',
  'day_of_month',
  'day_of_week',
  'day_of_year',
  'hour',
  'minute',
  'month',
  'year',
  'predict_linear',
  'time',
  'timestamp',
]);
const EPSILON = 0.000001;
const OPTS = { lookbackDeltaMs: 5 * 60_000, subqueryStepMs: 60_000, experimentalFunctions: true };

/** Samples a query may hold in upstream's test engine (`promqltest.DefaultMaxSamplesPerQuery`). */
export const PROMQLTEST_MAX_SAMPLES = 10_000;

/** Options of `runPromqlTestFile`. */
export interface RunPromqlTestOptions {
  /** Samples one query may hold (engine `maxSamples`). Default 10,000, as upstream's test engine. */
  maxSamples?: number;
}

type CaseOptions = typeof OPTS & { maxSamples: number };

class CaseFailure extends Error {}

function fmt(v: number): string {
  return Number.isNaN(v) ? 'NaN' : v === Infinity ? '+Inf' : v === -Infinity ? '-Inf' : String(v);
}

interface Expectation {
  cmd: EvalCommand;
  byKey: Map<
    string,
    {
      pos: number;
      labels: EvalCommand['series'][number]['labels'];
      seq: NonNullable<EvalCommand['series'][number]['seq']>;
    }
  >;
}

function expectation(cmd: EvalCommand): Expectation {
  const byKey: Expectation['byKey'] = new Map();
  for (const s of cmd.series) byKey.set(labelsKey(s.labels), { pos: s.pos, labels: s.labels, seq: s.seq! });
  return { cmd, byKey };
}

/** test.go compareResult, over our QueryValue. */
function compareResult(exp: Expectation, value: QueryValue, startMs: number, endMs: number, stepMs: number): void {
  const cmd = exp.cmd;
  switch (value.type) {
    case 'matrix': {
      if (cmd.ordered) throw new CaseFailure('expected ordered result, but query returned a matrix');
      for (let i = 0; i + 1 < value.series.length; i++) {
        if (compareLabels(value.series[i]!.labels, value.series[i + 1]!.labels) > 0)
          throw new CaseFailure('matrix results should always be sorted by labels');
      }
      const seen = new Set<string>();
      for (const s of value.series) {
        const key = labelsKey(s.labels);
        const e = exp.byKey.get(key);
        if (!e)
          throw new CaseFailure(
            `unexpected metric ${formatSeries(s.labels)} in result, has ${s.values.length} float points [${fmtPoints(s.timestamps, s.values)}]`,
          );
        seen.add(key);
        const points = e.seq.values.length;
        if (points > 0 && startMs + (points - 1) * stepMs > endMs) {
          throw new CaseFailure(
            `expected ${points} points for ${formatSeries(e.labels)}, but query time range cannot return this many points`,
          );
        }
        const { ts: expT, vs: expV } = sequenceSamples(e.seq, stepMs, startMs);
        if (expT.length !== s.values.length) {
          throw new CaseFailure(
            `expected ${expT.length} float points for ${formatSeries(e.labels)}, but got ${s.values.length} [${fmtPoints(s.timestamps, s.values)}]`,
          );
        }
        for (let i = 0; i < expT.length; i++) {
          if (expT[i] !== s.timestamps[i])
            throw new CaseFailure(
              `expected float value at index ${i} for ${formatSeries(e.labels)} to have timestamp ${expT[i]}, but it had timestamp ${s.timestamps[i]}`,
            );
          if (!almostEqual(s.values[i]!, expV[i]!, EPSILON)) {
            throw new CaseFailure(
              `expected float value at index ${i} (t=${s.timestamps[i]}) for ${formatSeries(e.labels)} to be ${fmt(expV[i]!)}, but got ${fmt(s.values[i]!)}`,
            );
          }
        }
      }
      for (const [key, e] of exp.byKey)
        if (!seen.has(key)) throw new CaseFailure(`expected metric ${formatSeries(e.labels)} not found`);
      return;
    }
    case 'vector': {
      const seen = new Set<string>();
      value.samples.forEach((smp, pos) => {
        const key = labelsKey(smp.labels);
        const e = exp.byKey.get(key);
        if (!e)
          throw new CaseFailure(`unexpected metric ${formatSeries(smp.labels)} in result, has value ${fmt(smp.v)}`);
        if (cmd.ordered && e.pos !== pos + 1)
          throw new CaseFailure(
            `expected metric ${formatSeries(smp.labels)} at position ${e.pos} but was at ${pos + 1}`,
          );
        const ev = e.seq.values[0]!;
        if (!almostEqual(ev, smp.v, EPSILON))
          throw new CaseFailure(`expected ${fmt(ev)} for ${formatSeries(smp.labels)} but got ${fmt(smp.v)}`);
        seen.add(key);
      });
      for (const [key, e] of exp.byKey)
        if (!seen.has(key))
          throw new CaseFailure(`expected metric ${formatSeries(e.labels)} with ${fmt(e.seq.values[0]!)} not found`);
      return;
    }
    case 'scalar': {
      if (cmd.scalar === undefined) throw new CaseFailure(`expected vector result, but got scalar ${fmt(value.v)}`);
      if (!almostEqual(cmd.scalar, value.v, EPSILON))
        throw new CaseFailure(`expected Scalar ${fmt(cmd.scalar)} but got ${fmt(value.v)}`);
      return;
    }
    case 'string':
      throw new CaseFailure(`unexpected string result ${JSON.stringify(value.v)}`);
  }
}

function fmtPoints(ts: Float64Array, vs: Float64Array): string {
  const out: string[] = [];
  for (let i = 0; i < ts.length && i < 10; i++) out.push(`${fmt(vs[i]!)} @[${ts[i]}]`);
  if (ts.length > 10) out.push('...');
  return out.join(' ');
}

function checkFailure(cmd: EvalCommand, err: Error): void {
  if (cmd.expectedFailMessage !== undefined && cmd.expectedFailMessage !== err.message) {
    throw new CaseFailure(`expected error ${JSON.stringify(cmd.expectedFailMessage)}, but got: ${err.message}`);
  }
  if (cmd.expectedFailRegexp !== undefined) {
    const re = compileAnchoredRegex(`.*(?:${cmd.expectedFailRegexp}).*`, true);
    if (!re.matches(err.message))
      throw new CaseFailure(
        `expected error matching ${JSON.stringify(cmd.expectedFailRegexp)}, but got: ${err.message}`,
      );
  }
}

function checkWarnings(cmd: EvalCommand, res: QueryResult, where: string): void {
  if (!cmd.warn && res.warnings.length > 0)
    throw new CaseFailure(`unexpected warnings${where}: ${res.warnings.join('; ')}`);
  if (cmd.warn && res.warnings.length === 0) throw new CaseFailure(`expected warnings${where} but got none`);
}

/** Runs a query; returns the result, or undefined when it failed as an eval_fail expects. */
function run(cmd: EvalCommand, f: () => QueryResult, where: string): QueryResult | undefined {
  let res: QueryResult;
  try {
    res = f();
  } catch (err) {
    if (!(err instanceof PromQLError)) throw err;
    if (cmd.fail) {
      checkFailure(cmd, err);
      return undefined;
    }
    throw new CaseFailure(`error evaluating query${where}: ${err.message}`);
  }
  checkWarnings(cmd, res, where);
  if (cmd.fail) throw new CaseFailure(`expected error evaluating query${where} but got none`);
  return res;
}

function cloneWithAt(e: Expr, ts: number): Expr {
  const at = { kind: 'timestamp' as const, timestampMs: ts };
  const visit = (n: Expr): Expr => {
    switch (n.type) {
      case 'VectorSelector':
        return n.at ? n : { ...n, at };
      case 'MatrixSelector':
        return n.vector.at ? n : { ...n, vector: { ...n.vector, at } };
      case 'SubqueryExpr':
        // Selectors inside a subquery keep their times.
        return n.at ? n : { ...n, at };
      case 'ParenExpr':
        return { ...n, expr: visit(n.expr) };
      case 'UnaryExpr':
        return { ...n, expr: visit(n.expr) };
      case 'BinaryExpr':
        return { ...n, lhs: visit(n.lhs), rhs: visit(n.rhs) };
      case 'AggregateExpr':
        return { ...n, expr: visit(n.expr), param: n.param ? visit(n.param) : undefined };
      case 'Call':
        return { ...n, args: n.args.map(visit) };
      default:
        return n;
    }
  };
  return visit(e);
}

function hasUnsafeCall(e: Expr): boolean {
  switch (e.type) {
    case 'Call':
      return AT_UNSAFE.has(e.func) || e.args.some(hasUnsafeCall);
    case 'ParenExpr':
    case 'UnaryExpr':
      return hasUnsafeCall(e.expr);
    case 'SubqueryExpr':
      return hasUnsafeCall(e.expr);
    case 'BinaryExpr':
      return hasUnsafeCall(e.lhs) || hasUnsafeCall(e.rhs);
    case 'AggregateExpr':
      return hasUnsafeCall(e.expr) || (e.param ? hasUnsafeCall(e.param) : false);
    default:
      return false;
  }
}

function selectors(e: Expr, out: Expr[] = []): Expr[] {
  switch (e.type) {
    case 'VectorSelector':
      out.push(e);
      break;
    case 'MatrixSelector':
      out.push(e.vector);
      break;
    case 'SubqueryExpr':
    case 'ParenExpr':
    case 'UnaryExpr':
      selectors(e.expr, out);
      break;
    case 'BinaryExpr':
      selectors(e.lhs, out);
      selectors(e.rhs, out);
      break;
    case 'AggregateExpr':
      selectors(e.expr, out);
      if (e.param) selectors(e.param, out);
      break;
    case 'Call':
      for (const a of e.args) selectors(a, out);
      break;
  }
  return out;
}

function runInstantCase(storage: Storage, cmd: EvalCommand, expr: Expr, opts: CaseOptions): void {
  const exp = expectation(cmd);
  const queries: { expr: Expr; t: number; label: string }[] = [{ expr, t: cmd.startMs, label: '' }];
  if (!hasUnsafeCall(expr)) {
    const ts = cmd.startMs;
    const withAt = cloneWithAt(expr, ts);
    const times = ts === 0 ? [-1000, 0, 1000] : [-10 * ts, 0, Math.trunc(ts / 5), ts, 10 * ts];
    for (const t of times) queries.push({ expr: withAt, t, label: ` (with @ ${ts}, evaluated at ${t})` });
  }
  for (const q of queries) {
    const res = run(cmd, () => runInstantQuery(storage, q.expr, q.t, opts), q.label);
    if (!res) continue;
    try {
      compareResult(exp, res.value, cmd.startMs, cmd.endMs, 0);
    } catch (err) {
      if (err instanceof CaseFailure) throw new CaseFailure(`${err.message}${q.label}`);
      throw err;
    }
    // The same query in range mode, checked at the middle step.
    let rr: QueryResult;
    try {
      rr = runRangeQuery(storage, q.expr, q.t - 60_000, q.t + 60_000, 60_000, opts);
    } catch (err) {
      if (!(err instanceof PromQLError)) throw err;
      throw new CaseFailure(`error evaluating query in range mode${q.label}: ${err.message}`);
    }
    if (cmd.ordered) continue;
    if (rr.value.type !== 'matrix') throw new CaseFailure('range mode did not return a matrix');
    const samples = [];
    for (const s of rr.value.series) {
      for (let i = 0; i < s.timestamps.length; i++) {
        if (s.timestamps[i] === q.t) {
          samples.push({ labels: s.labels, t: q.t, v: s.values[i]! });
          break;
        }
      }
    }
    try {
      if (res.value.type === 'scalar')
        compareResult(exp, { type: 'scalar', t: q.t, v: samples[0]?.v ?? NaN }, cmd.startMs, cmd.endMs, 0);
      else compareResult(exp, { type: 'vector', samples }, cmd.startMs, cmd.endMs, 0);
    } catch (err) {
      if (err instanceof CaseFailure) throw new CaseFailure(`range mode${q.label}: ${err.message}`);
      throw err;
    }
  }
}

function runRangeCase(storage: Storage, cmd: EvalCommand, expr: Expr, opts: CaseOptions): void {
  const res = run(cmd, () => runRangeQuery(storage, expr, cmd.startMs, cmd.endMs, cmd.stepMs, opts), '');
  if (!res) return;
  compareResult(expectation(cmd), res.value, cmd.startMs, cmd.endMs, cmd.stepMs);
}

/** Runs every eval case of a parsed file; never throws for a failing case. */
export function runPromqlTestFile(test: PromqlTestFile, options: RunPromqlTestOptions = {}): FileRunResult {
  const opts: CaseOptions = { ...OPTS, maxSamples: options.maxSamples ?? PROMQLTEST_MAX_SAMPLES };
  let storage = createStorage();
  let histograms = createStorage(); // series loaded with native histograms, to know which cases need them
  let histLine = 0;
  const cases: CaseResult[] = [];
  for (const cmd of test.commands) {
    if (cmd.kind === 'clear') {
      storage = createStorage();
      histograms = createStorage();
      histLine = 0;
      continue;
    }
    if (cmd.kind === 'load') {
      // As in test.go, a later definition of the same series within one load replaces the earlier one.
      const defs = new Map<string, (typeof cmd.series)[number]>();
      for (const s of cmd.series) defs.set(labelsKey(s.labels), s);
      for (const s of defs.values()) {
        if (s.nativeHistogram) {
          histograms.append(s.labels, 0, 0);
          histLine ||= s.line;
          continue;
        }
        if (cmd.withNhcb) {
          // load_with_nhcb also stores classic histograms as native ones under the base name.
          const name = s.labels.__name__ ?? '';
          const m = /^(.*)_(bucket|count|sum)$/.exec(name);
          if (m && (m[2] !== 'bucket' || s.labels.le !== undefined)) {
            const { le: _le, ...rest } = s.labels;
            void _le;
            histograms.append(normalizeLabels({ ...(m[2] === 'bucket' ? rest : s.labels), __name__: m[1]! }), 0, 0);
            histLine ||= s.line;
          }
        }
        try {
          appendSequence(storage, s.labels, s.seq!, cmd.stepMs, 0);
        } catch (err) {
          if (err instanceof PromQLError) throw new PromqlTestFileError(test.file, s.line, err.message, { cause: err });
          throw err;
        }
      }
      continue;
    }
    const base = { file: test.file, line: cmd.line, expr: cmd.expr };
    if (cmd.series.some((s) => s.nativeHistogram)) {
      cases.push({ ...base, status: 'skipped', reason: 'expects native histogram results ({{...}} notation)' });
      continue;
    }
    const parsed = parse(cmd.expr, { experimentalFunctions: true });
    if (!parsed.expr) {
      cases.push({
        ...base,
        status: 'failed',
        reason: `parse error: ${parsed.diagnostics[0]?.message ?? 'invalid expression'}`,
      });
      continue;
    }
    const expr = parsed.expr;
    if (
      histLine &&
      selectors(expr).some((vs) => vs.type === 'VectorSelector' && histograms.select(vs.matchers).length > 0)
    ) {
      cases.push({ ...base, status: 'skipped', reason: `queries native histograms (loaded at line ${histLine})` });
      continue;
    }
    try {
      if (cmd.range) runRangeCase(storage, cmd, expr, opts);
      else runInstantCase(storage, cmd, expr, opts);
      cases.push({ ...base, status: 'passed' });
    } catch (err) {
      if (err instanceof CaseFailure) cases.push({ ...base, status: 'failed', reason: err.message });
      else cases.push({ ...base, status: 'failed', reason: `engine crashed: ${(err as Error)?.stack ?? String(err)}` });
    }
  }
  const count = (s: CaseStatus) => cases.filter((c) => c.status === s).length;
  return { file: test.file, cases, passed: count('passed'), failed: count('failed'), skipped: count('skipped') };
}
