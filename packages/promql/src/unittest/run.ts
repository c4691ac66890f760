/**
 * Runs promtool-format rule unit tests (`promtool test rules`, Prometheus v2.54.1
 * `cmd/promtool/unittest.go`) on the embedded engine: same schedule (evaluations from 0 at
 * `evaluation_interval`, input samples visible up to each evaluation), same alert and PromQL
 * checks, same failure messages, one verdict per test group.
 *
 * Two ways to run a group, same verdicts and messages: when nothing can read past its evaluation
 * time (see `bulkPathOk`), the input is loaded up front and the rules run as range queries
 * (`evaluateRulesRange`), alert checks read the alerts held after the matching evaluation;
 * otherwise the per-step path loads the input lazily and evaluates timestamp by timestamp.
 */
import { readdirSync } from 'node:fs';
import { dirname, isAbsolute, join, basename } from 'node:path';
import type { Expr } from '../ast.js';
import { instantQuery } from '../eval/query.js';
import { parseSeriesMetric } from '../input-series.js';
import { normalizeLabels } from '../labels.js';
import { parseInputSeries } from './input-series-fast.js';
import { parseAndCheck } from '../check/parse-and-check.js';
import { createStorage, type Storage } from '../storage/memory-storage.js';
import { STALE_NAN } from '../storage/stale.js';
import type { Labels, VectorSample } from '../values.js';
import { evaluateRuleGroups, type RuleEngine } from '../rules/evaluate-groups.js';
import { ruleVector } from '../rules/evaluate.js';
import { evaluateRulesRange } from '../rules/evaluate-range.js';
import { isAlertingRuleInput } from '../rules/types.js';
import { walkExpr } from '../check/walk.js';
import { parseOrThrow } from '../parser/parse-or-throw.js';
import { compareLabels, labelsEqual, labelsKey, labelsString } from '../labels.js';
import { readRuleFile } from '../rules/rule-file.js';
import { LoadBudget, type LoadLimits } from '../load-limits.js';
import type { RuleGroupInput } from '../rules/types.js';
import { formatFloat, goQuote } from '../template/go-format.js';
import { formatDuration, goDurationString } from '../duration.js';
import { loadUnitTestFile, UnitTestFileError } from './load.js';
import { compileRe2Matcher } from '../re2.js';
import type { TestGroup, UnitTestFile } from './model.js';

export interface GroupResult {
  /** 0-based index of the group in `tests`. */
  index: number;
  name: string;
  line: number;
  ok: boolean;
  /** promtool-formatted failure messages. */
  errors: string[];
}

export interface FileResult {
  file: string;
  ok: boolean;
  groups: GroupResult[];
  /** Set when the file itself is unusable (missing, malformed YAML, wrong shape): exit code 2. */
  fileError?: UnitTestFileError;
  warnings: string[];
}

export interface RunUnitTestsOptions {
  /** Only run test groups whose name matches one of these regular expressions (promtool `--run`). */
  run?: string[];
  /** Bounds on the input series of each test group (default `DEFAULT_LOAD_LIMITS`). */
  limits?: LoadLimits;
  /** Samples one expression query may hold (engine `maxSamples`). Default 10,000, as promtool. */
  queryMaxSamples?: number;
  /** Largest unit-test or rule file read, in bytes (default `DEFAULT_MAX_FILE_BYTES`, 64 MiB). */
  maxFileBytes?: number;
}

export interface RunUnitTestsResult {
  files: FileResult[];
  /** 0 all passed, 1 a test failed, 2 a file was unusable. */
  exitCode: 0 | 1 | 2;
}

interface LabelsAndAnnotations {
  labels: Labels;
  annotations: Labels;
}

function indentLines(lines: string, indent: string): string {
  return lines.split('\n').join(`\n${indent}`);
}

function laString(list: LabelsAndAnnotations[]): string {
  if (list.length === 0) return '[]';
  const one = (l: LabelsAndAnnotations) =>
    `Labels:${labelsString(l.labels)}\nAnnotations:${labelsString(l.annotations)}`;
  let s = `[\n0:${indentLines(`\n${one(list[0]!)}`, '  ')}`;
  list.slice(1).forEach((l, i) => {
    s += `,\n${i + 1}:${indentLines(`\n${one(l)}`, '  ')}`;
  });
  return `${s}\n]`;
}

function laSort(list: LabelsAndAnnotations[]): LabelsAndAnnotations[] {
  return list.sort((a, b) => compareLabels(a.labels, b.labels) || compareLabels(a.annotations, b.annotations));
}

function sortedRecord(r: Record<string, string>): Labels {
  const o: Record<string, string> = {};
  for (const k of Object.keys(r).sort()) o[k] = r[k]!;
  return o;
}

function globRuleFiles(baseDir: string, patterns: string[], warnings: string[]): string[] {
  const out: string[] = [];
  for (const p of patterns) {
    const full = p !== '' && !isAbsolute(p) ? join(baseDir, p) : p;
    if (!/[*?[]/.test(full)) {
      try {
        readdirSync(dirname(full)).includes(basename(full))
          ? out.push(full)
          : warnings.push(`  WARNING: no file match pattern ${full}`);
      } catch {
        warnings.push(`  WARNING: no file match pattern ${full}`);
      }
      continue;
    }
    const dir = dirname(full);
    const re = new RegExp(
      `^${basename(full)
        .replace(/[.+^${}()|\\]/g, '\\$&')
        .replace(/\*/g, '[^/]*')
        .replace(/\?/g, '[^/]')}$`,
    );
    let names: string[] = [];
    try {
      names = readdirSync(dir)
        .filter((n) => re.test(n))
        .sort();
    } catch {
      names = [];
    }
    if (names.length === 0) warnings.push(`  WARNING: no file match pattern ${full}`);
    out.push(...names.map((n) => join(dir, n)));
  }
  return out;
}

/** Loads the rule files once per file; problems become the errors every test group reports. */
function loadRules(files: string[], maxBytes: number | undefined): { groups: RuleGroupInput[]; errors: string[] } {
  const groups: RuleGroupInput[] = [];
  const errors: string[] = [];
  for (const f of files) {
    const loaded = readRuleFile(f, { maxBytes });
    for (const p of loaded.problems) errors.push(`${p.file}:${p.line}:${p.column}: ${p.message}`);
    groups.push(...loaded.groups);
  }
  return { groups, errors };
}

/** `promtool test rules` evaluates expression tests with at most 10,000 samples per query (its EngineOpts.MaxSamples). */
export const PROMTOOL_MAX_SAMPLES = 10_000;

/** The firing alerts an alert_rule_test case saw (labels include alertname). */
export interface ObservedAlerts {
  evalTimeMs: number;
  alertname: string;
  alerts: Array<{ labels: Labels; annotations: Labels }>;
}

/**
 * Runs one test group; returns promtool-formatted errors (empty = pass). `observe` receives, for
 * every alert_rule_test case, the firing alerts it was compared with.
 */
export function runTestGroup(
  file: UnitTestFile,
  tg: TestGroup,
  rules: RuleGroupInput[],
  observe?: (o: ObservedAlerts) => void,
  options: Pick<RunUnitTestsOptions, 'limits' | 'queryMaxSamples'> = {},
): string[] {
  const maxSamples = options.queryMaxSamples ?? PROMTOOL_MAX_SAMPLES;
  const evalInterval = file.evaluationIntervalMs;
  const interval = tg.intervalMs || evalInterval;
  const testName = tg.name ? `    name: ${tg.name},\n` : '';

  // Input series (the per-step path loads them lazily up to each evaluation time like promtool's LazyLoader).
  // Values stay in typed arrays: a staleness marker's NaN payload would not survive a JS array.
  const inputs: InputSeriesData[] = [];
  const budget = new LoadBudget(options.limits);
  for (const s of tg.inputSeries) {
    try {
      const parsed = parseInputSeries(s.series, s.values, interval);
      budget.add(parsed.ts.length);
      inputs.push({ ...parsed, next: 0 });
    } catch (e) {
      return [
        `${file.path}:${s.line}: error in input series ${JSON.stringify(`${s.series} ${s.values}`)}: ${(e as Error).message}`,
      ];
    }
  }
  for (const a of tg.alertRuleTests) {
    if (a.alertname === '') {
      return [
        `an item under alert_rule_test misses required attribute alertname at eval_time ${formatDuration(a.evalTimeMs)}${tg.name ? ` (in TestGroup ${tg.name})` : ''}`,
      ];
    }
  }

  // Group order: group_eval_order first (stable for the rest).
  const order = new Map(file.groupEvalOrder.map((g, i) => [g, i]));
  const groups = rules
    .map((g, i) => ({ g, i }))
    .sort((a, b) => (order.get(a.g.name) ?? 0) - (order.get(b.g.name) ?? 0) || a.i - b.i)
    .map((x) => x.g);

  const maxT = Math.max(
    0,
    ...tg.alertRuleTests.map((a) => a.evalTimeMs),
    ...tg.promqlExprTests.map((p) => p.evalTimeMs),
  );
  const alertTimes = [...new Set(tg.alertRuleTests.map((a) => a.evalTimeMs))].sort((a, b) => a - b);
  const errs: string[] = [];

  const checkAlerts = (t: number, got: Map<string, LabelsAndAnnotations[]>): void => {
    for (const tc of tg.alertRuleTests.filter((a) => a.evalTimeMs === t)) {
      const gotAlerts = laSort([...(got.get(tc.alertname) ?? [])]);
      observe?.({ evalTimeMs: t, alertname: tc.alertname, alerts: gotAlerts });
      const expAlerts = laSort(
        tc.expAlerts.map((a) => ({
          labels: sortedRecord({ ...a.expLabels, alertname: tc.alertname }),
          annotations: sortedRecord(a.expAnnotations),
        })),
      );
      const equal =
        gotAlerts.length === expAlerts.length &&
        gotAlerts.every(
          (g, i) =>
            labelsEqual(g.labels, expAlerts[i]!.labels) && labelsEqual(g.annotations, expAlerts[i]!.annotations),
        );
      if (!equal) {
        errs.push(
          `${testName}    alertname: ${tc.alertname}, time: ${formatDuration(tc.evalTimeMs)}, \n        exp:${indentLines(laString(expAlerts), '            ')}, \n        got:${indentLines(laString(gotAlerts), '            ')}`,
        );
      }
    }
  };

  const fast = bulkPathOk(tg, groups, inputs, evalInterval, interval)
    ? runBulk({ inputs, groups, tg, evalInterval, maxT, alertTimes, errs, checkAlerts, maxSamples })
    : undefined;
  if (fast) {
    if (fast.evalFailed) return errs;
    checkPromqlTests(tg, fast.query, errs);
    return errs;
  }

  const storage: Storage = createStorage();
  const loadTill = (t: number) => {
    for (const s of inputs) {
      let n = s.next;
      while (n < s.ts.length && s.ts[n]! <= t) {
        try {
          storage.append(s.labels, s.ts[n]!, s.vs[n]!);
        } catch {
          // duplicate input samples: promtool's appender rejects them too
        }
        n++;
      }
      s.next = n;
    }
  };
  const query = makeQuery(storage, evalInterval, maxSamples);
  const engine: RuleEngine = {
    query,
    append(samples, stale) {
      for (const s of samples) {
        try {
          storage.append(s.labels, s.t, stale ? STALE_NAN : s.v);
        } catch {
          // dropped like Prometheus does for out-of-order/duplicate rule output
        }
      }
    },
  };

  let curr = 0;
  let evalFailed = false;

  evaluateRuleGroups(engine, groups, {
    start: 0,
    end: maxT,
    defaultIntervalMs: evalInterval,
    alignment: 'single',
    externalLabels: tg.externalLabels,
    externalURL: tg.externalURL,
    templateQuery: query,
    beforeTimestamp: loadTill,
    afterTimestamp: (ts, evalErrors, machines) => {
      if (evalErrors.length > 0) {
        for (const e of evalErrors) errs.push(`    rule: ${e.rule}, time: ${goDurationString(ts)}, err: ${e.message}`);
        evalFailed = true;
        return false;
      }
      while (curr < alertTimes.length && ts <= alertTimes[curr]! && alertTimes[curr]! < ts + evalInterval) {
        const t = alertTimes[curr]!;
        const got = new Map<string, LabelsAndAnnotations[]>();
        machines.forEach((byRule, gi) => {
          for (const [ri, sm] of byRule) {
            const name = (groups[gi]!.rules[ri] as { alert: string }).alert;
            const list = got.get(name) ?? [];
            for (const a of sm.activeAlerts())
              if (a.state === 'firing') list.push({ labels: a.labels, annotations: a.annotations });
            got.set(name, list);
          }
        });
        checkAlerts(t, got);
        curr++;
      }
      return true;
    },
  });
  if (evalFailed) return errs;

  checkPromqlTests(tg, query, errs);
  return errs;
}

type InputSeriesData = { labels: Labels; ts: Float64Array; vs: Float64Array; next: number };

/** Whether an expression reads past its evaluation time (`@` modifier or a negative offset). */
function looksAhead(e: Expr): boolean {
  let ahead = false;
  walkExpr(e, (node) => {
    if ((node.type === 'VectorSelector' || node.type === 'SubqueryExpr') && (node.at || node.offsetMs < 0))
      ahead = true;
  });
  return ahead;
}

/**
 * Whether a test group can load its input up front and evaluate with range queries and still see
 * exactly what promtool's lazily loaded, step-by-step run sees: no rule or promql_expr_test looks
 * ahead (`@`, negative offset), no alert template runs `query`, every rule expression parses, no
 * input series has a name a rule writes (the order of input and rule samples would matter) and no
 * two input series have the same labels.
 */
function bulkPathOk(
  tg: TestGroup,
  groups: RuleGroupInput[],
  inputs: InputSeriesData[],
  evalInterval: number,
  interval: number,
): boolean {
  if (!(evalInterval > 0) || !(interval > 0)) return false;
  if (tg.alertRuleTests.some((a) => !(a.evalTimeMs >= 0))) return false;
  const written = new Set(['ALERTS', 'ALERTS_FOR_STATE']);
  for (const g of groups) {
    for (const r of g.rules) {
      if (isAlertingRuleInput(r)) {
        const texts = [...Object.values(r.labels ?? {}), ...Object.values(r.annotations ?? {})];
        if (texts.some((x) => /query/.test(x))) return false;
      } else written.add(r.record);
      const res = parseAndCheck(r.expr);
      if (!res.ok || !res.expr || looksAhead(res.expr)) return false;
      try {
        parseOrThrow(r.expr, { experimentalFunctions: false });
      } catch {
        return false;
      }
    }
  }
  for (const tc of tg.promqlExprTests) {
    const res = parseAndCheck(tc.expr);
    if (res.expr && looksAhead(res.expr)) return false;
  }
  const keys = new Set<string>();
  for (const s of inputs) {
    if (s.labels.__name__ !== undefined && written.has(s.labels.__name__)) return false;
    const key = labelsKey(s.labels);
    if (keys.has(key)) return false;
    keys.add(key);
  }
  return true;
}

interface BulkRun {
  inputs: InputSeriesData[];
  groups: RuleGroupInput[];
  tg: TestGroup;
  evalInterval: number;
  maxT: number;
  alertTimes: number[];
  errs: string[];
  checkAlerts: (t: number, got: Map<string, LabelsAndAnnotations[]>) => void;
  /** Samples one expression query may hold. */
  maxSamples: number;
}

/**
 * The bulk path: input series loaded up to the last evaluation time in one call each, rules
 * evaluated with `evaluateRulesRange`, each alert_rule_test answered from the alerts held after
 * the evaluation promtool checks it at (the last one at or before its eval_time). Undefined when
 * the evaluation throws (the caller then runs the per-step path on a fresh storage).
 */
function runBulk(r: BulkRun): { evalFailed: boolean; query: (expr: string, t: number) => VectorSample[] } | undefined {
  const { evalInterval } = r;
  const lastEval = Math.floor(r.maxT / evalInterval) * evalInterval;
  const checkAt = (t: number): number => Math.floor(t / evalInterval) * evalInterval;
  // When every alert check is at the last evaluation (and nothing fails), the final state machines
  // are the state to check, as on the per-step path; otherwise snapshots from every evaluation.
  const atEnd = r.alertTimes.every((t) => checkAt(t) === lastEval);
  let run = evaluateBulk(r, lastEval, checkAt, !atEnd);
  if (run && atEnd && run.result.errors.length > 0) run = evaluateBulk(r, lastEval, checkAt, true);
  if (!run) return undefined;
  const { storage, result, firing } = run;
  if (atEnd && result.errors.length === 0) {
    const got = new Map<string, LabelsAndAnnotations[]>();
    result.machines.forEach((byRule) => {
      for (const sm of byRule.values()) {
        const list = got.get(sm.rule.alert) ?? [];
        for (const a of sm.activeAlerts())
          if (a.state === 'firing') list.push({ labels: a.labels, annotations: a.annotations });
        got.set(sm.rule.alert, list);
      }
    });
    firing.set(lastEval, got);
  }
  const failedAt = result.errors.length > 0 ? result.errors[0]!.t : Infinity;
  for (const t of r.alertTimes) {
    if (checkAt(t) >= failedAt) break;
    r.checkAlerts(t, firing.get(checkAt(t)) ?? new Map());
  }
  if (failedAt !== Infinity) {
    for (const e of result.errors)
      if (e.t === failedAt) r.errs.push(`    rule: ${e.rule}, time: ${goDurationString(e.t)}, err: ${e.message}`);
    return { evalFailed: true, query: makeQuery(storage, evalInterval, r.maxSamples) };
  }
  return { evalFailed: false, query: makeQuery(storage, evalInterval, r.maxSamples) };
}

/** Loads the input up to `lastEval` into a fresh storage and evaluates; `snapshots`: collect the firing alerts at every check time. */
function evaluateBulk(
  r: BulkRun,
  lastEval: number,
  checkAt: (t: number) => number,
  snapshots: boolean,
):
  | {
      storage: Storage;
      result: ReturnType<typeof evaluateRulesRange>;
      firing: Map<number, Map<string, LabelsAndAnnotations[]>>;
    }
  | undefined {
  const storage: Storage = createStorage();
  for (const s of r.inputs) {
    let n = s.ts.length;
    if (n > 0 && s.ts[n - 1]! > lastEval) {
      n = 0;
      while (n < s.ts.length && s.ts[n]! <= lastEval) n++;
    }
    if (n > 0)
      storage.appendSeries(
        s.labels,
        n === s.ts.length ? s.ts : s.ts.subarray(0, n),
        n === s.vs.length ? s.vs : s.vs.subarray(0, n),
      );
  }
  const needed = new Set(r.alertTimes.map(checkAt));
  const firing = new Map<number, Map<string, LabelsAndAnnotations[]>>();
  try {
    const result = evaluateRulesRange(storage, r.groups, {
      start: 0,
      end: r.maxT,
      defaultIntervalMs: r.evalInterval,
      alignment: 'single',
      externalLabels: r.tg.externalLabels,
      externalURL: r.tg.externalURL,
      queryOptions: { subqueryStepMs: r.evalInterval },
      onEval: snapshots
        ? (info) => {
            if (info.kind !== 'alerting' || !needed.has(info.t)) return;
            let got = firing.get(info.t);
            if (!got) firing.set(info.t, (got = new Map()));
            const list = got.get(info.rule) ?? [];
            for (const a of info.alerts ?? [])
              if (a.resolvedAt === undefined && a.state === 'firing')
                list.push({ labels: a.labels, annotations: a.annotations });
            got.set(info.rule, list);
          }
        : undefined,
    });
    return { storage, result, firing };
  } catch {
    return undefined;
  }
}

/** Instant queries against `storage` as promtool's unit tests run them (rule vectors, parse errors with positions). */
function makeQuery(
  storage: Storage,
  evalInterval: number,
  maxSamples: number,
): (expr: string, t: number) => VectorSample[] {
  const exprCache = new Map<string, Expr>();
  const queryOptions = { subqueryStepMs: evalInterval, maxSamples };
  return (expr: string, t: number): VectorSample[] => {
    let e = exprCache.get(expr);
    if (!e) {
      const res = parseAndCheck(expr);
      if (!res.expr || !res.ok) {
        const d = res.diagnostics.find((x) => x.severity === 'error');
        throw new Error(d ? `${d.line}:${d.column}: parse error: ${d.message}` : 'parse error');
      }
      e = res.expr;
      exprCache.set(expr, e);
    }
    return ruleVector(instantQuery(storage, e, t, queryOptions), t);
  };
}

/** Checks the promql_expr_test cases with `query` (instant queries after the evaluation). */
function checkPromqlTests(tg: TestGroup, query: (expr: string, t: number) => VectorSample[], errs: string[]): void {
  for (const tc of tg.promqlExprTests) {
    let got: VectorSample[];
    try {
      got = query(tc.expr, tc.evalTimeMs);
    } catch (e) {
      errs.push(`    expr: ${goQuote(tc.expr)}, time: ${formatDuration(tc.evalTimeMs)}, err: ${(e as Error).message}`);
      continue;
    }
    const exp: Array<{ labels: Labels; value: number }> = [];
    let bad: string | undefined;
    for (const s of tc.expSamples) {
      try {
        // No `labels` (or an empty string) is the empty label set, as promtool reads it.
        const { labels, end } = s.labels === '' ? { labels: normalizeLabels({}), end: 0 } : parseSeriesMetric(s.labels);
        if (s.labels.slice(end).trim() !== '')
          throw new Error(`unexpected ${JSON.stringify(s.labels.slice(end).trim())} after the label set`);
        if (s.histogram) throw new Error('native histograms are not supported by the embedded engine');
        exp.push({ labels, value: s.value });
      } catch (e) {
        bad = `    expr: ${goQuote(tc.expr)}, time: ${formatDuration(tc.evalTimeMs)}, err: labels ${goQuote(s.labels)}: ${(e as Error).message}`;
        break;
      }
    }
    if (bad) {
      errs.push(bad);
      continue;
    }
    const gotS = got.map((s) => ({ labels: s.labels, value: s.v })).sort((a, b) => compareLabels(a.labels, b.labels));
    exp.sort((a, b) => compareLabels(a.labels, b.labels));
    const equal =
      gotS.length === exp.length &&
      gotS.every((g, i) => labelsEqual(g.labels, exp[i]!.labels) && g.value === exp[i]!.value);
    if (!equal) {
      const str = (l: Array<{ labels: Labels; value: number }>) =>
        l.length === 0
          ? 'nil'
          : l
              .map(
                (s) =>
                  `${labelsString(s.labels)} ${formatFloat(s.value, 'e', -1).toUpperCase().replace('INF', 'Inf').replace('NAN', 'NaN')}`,
              )
              .join(', ');
      errs.push(
        `    expr: ${goQuote(tc.expr)}, time: ${formatDuration(tc.evalTimeMs)},\n        exp: ${str(exp)}\n        got: ${str(gotS)}`,
      );
    }
  }
}

/** Runs every test group of one file. */
export function runUnitTestFile(path: string, options: RunUnitTestsOptions = {}): FileResult {
  let file: UnitTestFile;
  try {
    file = loadUnitTestFile(path, { maxBytes: options.maxFileBytes });
  } catch (e) {
    if (e instanceof UnitTestFileError) return { file: path, ok: false, groups: [], fileError: e, warnings: [] };
    throw e;
  }
  const warnings: string[] = [];
  const ruleFiles = globRuleFiles(dirname(file.path), file.ruleFiles, warnings);
  const rules = loadRules(ruleFiles, options.maxFileBytes);
  // promtool: regexp.MustCompile(strings.Join(run, "|")).MatchString(name), unanchored RE2.
  const run = options.run?.length ? compileRe2Matcher(`(?s:.*)(?:${options.run.join('|')})(?s:.*)`) : undefined;
  const groups: GroupResult[] = [];
  file.tests.forEach((tg, index) => {
    if (run && !run.matches(tg.name)) return;
    let errors: string[];
    try {
      errors = rules.errors.length ? rules.errors : runTestGroup(file, tg, rules.groups, undefined, options);
    } catch (e) {
      // Not expected: report it against the group (with where it is) instead of crashing the run.
      errors = [
        `${file.path}:${tg.line}: internal error running this test group: ${(e as Error)?.message ?? String(e)}`,
      ];
    }
    groups.push({ index, name: tg.name, line: tg.line, ok: errors.length === 0, errors });
  });
  return { file: path, ok: groups.every((g) => g.ok), groups, warnings };
}

/** Runs unit-test files like `promtool test rules FILE...`. */
export function runUnitTests(files: readonly string[], options: RunUnitTestsOptions = {}): RunUnitTestsResult {
  const results = files.map((f) => runUnitTestFile(f, options));
  const exitCode = results.some((r) => r.fileError) ? 2 : results.every((r) => r.ok) ? 0 : 1;
  return { files: results, exitCode };
}

/** promtool's console output for a run, in order: each line with the stream promtool writes it to. */
export function formatUnitTestOutput(result: RunUnitTestsResult): Array<{ stream: 'stdout' | 'stderr'; line: string }> {
  const out: Array<{ stream: 'stdout' | 'stderr'; line: string }> = [];
  const o = (line: string) => out.push({ stream: 'stdout', line });
  const e = (line: string) => out.push({ stream: 'stderr', line });
  for (const f of result.files) {
    o(`Unit Testing:  ${f.file}`);
    f.warnings.forEach(e);
    if (f.fileError) {
      e('  FAILED:');
      e(f.fileError.message);
      o('');
    } else if (!f.ok) {
      e('  FAILED:');
      for (const g of f.groups)
        for (const msg of g.errors) {
          e(msg);
          o('');
        }
    } else o('  SUCCESS');
    o('');
  }
  return out;
}
