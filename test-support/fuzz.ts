/**
 * A seeded mutation fuzzer for every text input the packages read: PromQL (parse, check, and the
 * format↔parse round trip), rule files, promtool unit-test files, promqltest files, exposition
 * text and Alertmanager configs. Each input is a seed document with a few random mutations
 * (junk tokens, huge numbers, deleted or repeated slices, deep nesting). A crash is an exception a
 * loader documents it never throws (or one that is not the package's error class); a slow input is
 * one that takes longer than the per-input budget. Used by the fuzz test (thousands of inputs) and
 * `pnpm fuzz` (a million or more).
 */
import {
  format,
  parse,
  parseAndCheck,
  parseExposition,
  parsePromqlTestFile,
  parseRuleFile,
  parseUnitTestFile,
  PromQLError,
} from '../packages/promql/src/index.js';
import { mulberry32 } from '../packages/promql/src/testing.js';
import { parseAlertmanagerConfig } from '../packages/rule-dsl/src/index.js';

export type FuzzTarget = 'promql' | 'rule-file' | 'unit-test' | 'promqltest' | 'exposition' | 'alertmanager';
export const FUZZ_TARGETS: readonly FuzzTarget[] = [
  'promql',
  'rule-file',
  'unit-test',
  'promqltest',
  'exposition',
  'alertmanager',
];

export interface FuzzFinding {
  target: FuzzTarget;
  kind: 'crash' | 'slow' | 'round-trip';
  input: string;
  detail: string;
}

export interface FuzzReport {
  seed: number;
  inputs: number;
  perTarget: Record<FuzzTarget, number>;
  crashes: number;
  slow: number;
  roundTripFailures: number;
  /** The first findings of each kind (inputs truncated to 2 KB). */
  findings: FuzzFinding[];
  elapsedMs: number;
  /** CPU time of the slowest input. */
  slowestMs: number;
}

const EXPRS = [
  'sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total[5m])) > 0.05',
  'histogram_quantile(0.99, sum by (le) (rate(latency_bucket[5m]))) > 0.5',
  'absent(up{job="api"} == 1)',
  'up{job!~"a|b",instance="x:9090"} offset 5m @ 100',
  'max_over_time(rate(x[5m])[1h:1m]) unless on (a) group_left (b) y',
  'label_replace(x, "dst", "$1", "src", "(.*)")',
  'topk(3, -x ^ 2 % 7) or vector(1) and bool 1 == 2',
  '"str\\n\\x41" ',
  'predict_linear(node_filesystem_free_bytes[6h], 4 * 3600) < 0',
  'count_values("v", x) > 1e+300 * Inf - NaN + 0x1f',
  '{__name__=~"a.+", a="é"}',
  'quantile_over_time(0.5, x[1d:5m] offset -1h)',
];

const JUNK = [
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  ',',
  '"',
  "'",
  '`',
  '\\',
  '=~',
  '!~',
  '==',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'offset',
  '@',
  'bool',
  'sum',
  'rate(',
  '[5m]',
  '[1h:]',
  ':',
  '\n',
  '\t',
  ' ',
  '#',
  '- ',
  ': ',
  '999999999999999999999999999999',
  '1e309',
  '-0',
  'NaN',
  'Inf',
  '0x',
  '1y2w3d',
  '5m30s',
  '\u0000',
  '\ud800',
  '\ufeff',
  'é',
  '😀',
  '&a',
  '*a',
  '!!binary',
  '|',
  '>',
  '---',
  '...',
  'x999999999',
  '+1x99999999',
  '_x9999999',
  '(?=',
  '{1000}',
  '(a){1001}',
  '\\p{',
  'stale',
  '{{',
  'load 1ms',
  'eval instant at 0',
  'expect fail',
  '# EOF',
  '# TYPE x counter',
  '# HELP',
  'matchers:',
  'match_re:',
  'routes:',
  '  - ',
  'receiver: ',
  'groups:',
  'rules:',
];

const RULE_FILE = `groups:
  - name: api
    interval: 30s
    rules:
      - record: job:errors:rate5m
        expr: sum by (job) (rate(errors_total[5m]))
      - alert: HighErrors
        expr: job:errors:rate5m > 0.05
        for: 10m
        keep_firing_for: 5m
        labels:
          severity: page
        annotations:
          summary: "{{ $labels.job }} has {{ $value | humanize }} errors"
`;

const UNIT_TEST = `rule_files: []
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - series: 'errors_total{job="api"}'
        values: '0+10x30 _x5 stale 1 2 3'
      - series: 'up{job="api"}'
        values: '1x20 0x10'
    alert_rule_test:
      - eval_time: 10m
        alertname: HighErrors
        exp_alerts: []
    promql_expr_test:
      - expr: sum(up)
        eval_time: 5m
        exp_samples:
          - labels: '{}'
            value: 1
`;

const PROMQLTEST = `load 5m
  http_requests{job="api", instance="0"} 0+10x10 _ stale 1e3
  other 1 2 3 _x3 -1-1x4

eval instant at 50m sum by (job) (http_requests)
  {job="api"} 100

eval range from 0 to 10m step 5m rate(http_requests[10m])
  {job="api", instance="0"} 0.0333 0.0333 0.0333

eval_fail instant at 0m x{a=~"("}
  expected_fail_regexp error parsing regexp

clear
`;

const EXPOSITION = `# HELP http_requests_total Requests.
# TYPE http_requests_total counter
http_requests_total{method="get",code="200"} 1027 1395066363000
http_requests_total{method="post",code="500"} 3 1395066363000
# TYPE latency histogram
latency_bucket{le="0.1"} 1
latency_bucket{le="+Inf"} 2
latency_sum 0.3
latency_count 2
up 1
`;

const ALERTMANAGER = `global:
  resolve_timeout: 5m
route:
  receiver: default
  group_by: [alertname, job]
  group_wait: 30s
  routes:
    - receiver: pager
      matchers: ['severity=~"page|critical"', 'team!="x"']
      continue: true
    - receiver: pager
      match: {team: db}
      match_re: {service: "^(mysql|pg).*"}
      mute_time_intervals: [nights]
receivers:
  - name: default
  - name: pager
    webhook_configs:
      - url: http://127.0.0.1:9/hook
inhibit_rules:
  - source_matchers: [severity="critical"]
    target_matchers: [severity="warning"]
    equal: [alertname]
time_intervals:
  - name: nights
    time_intervals:
      - times: [{start_time: '22:00', end_time: '24:00'}]
        weekdays: ['monday:friday']
`;

const SEEDS: Record<FuzzTarget, readonly string[]> = {
  promql: EXPRS,
  'rule-file': [RULE_FILE],
  'unit-test': [UNIT_TEST],
  promqltest: [PROMQLTEST],
  exposition: [EXPOSITION],
  alertmanager: [ALERTMANAGER],
};

/** One mutated input for `target`. */
export function generate(target: FuzzTarget, rnd: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const seeds = SEEDS[target];
  let s = pick(seeds);
  if (target === 'promql' && rnd() < 0.2) {
    // token soup
    s = '';
    const n = 1 + Math.floor(rnd() * 12);
    for (let i = 0; i < n; i++) s += rnd() < 0.5 ? pick(JUNK) : pick(EXPRS).slice(0, Math.floor(rnd() * 20));
    return s;
  }
  const rounds = 1 + Math.floor(rnd() * 4);
  for (let r = 0; r < rounds; r++) {
    const at = Math.floor(rnd() * (s.length + 1));
    const op = rnd();
    if (op < 0.45) s = s.slice(0, at) + pick(JUNK) + s.slice(at);
    else if (op < 0.65) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(rnd() * 8));
    else if (op < 0.75) {
      const len = 1 + Math.floor(rnd() * 30);
      s = s.slice(0, at) + s.slice(at, at + len).repeat(2 + Math.floor(rnd() * 3)) + s.slice(at);
    } else if (op < 0.85)
      s = s.replace(/\d+/, () => pick(['0', '999999999999999999999', '1e309', '-1', '4294967296', '0x10']));
    else if (op < 0.9 && target === 'promql') s = '('.repeat(50) + s + ')'.repeat(50);
    else if (op < 0.95) s = s.slice(0, at) + String.fromCharCode(Math.floor(rnd() * 0x3000)) + s.slice(at);
    else if (seeds.length > 1 || target === 'promql') s = s.slice(0, at) + pick(EXPRS) + s.slice(at);
  }
  return s;
}

/** Whether an error is one the target documents (its package's error class); anything else is a crash. */
function documented(err: unknown): boolean {
  return err instanceof PromQLError;
}

/** Runs one input; returns a finding or undefined. */
export function runOne(target: FuzzTarget, input: string): Omit<FuzzFinding, 'input' | 'target'> | undefined {
  try {
    switch (target) {
      case 'promql': {
        const r = parse(input);
        parseAndCheck(input);
        if (r.expr) {
          const text = format(r.expr);
          const again = parse(text);
          if (!again.expr)
            return {
              kind: 'round-trip',
              detail: `format gave ${JSON.stringify(text.slice(0, 300))}, which does not parse: ${again.diagnostics[0]?.message}`,
            };
          const text2 = format(again.expr);
          if (text2 !== text)
            return {
              kind: 'round-trip',
              detail: `format is not stable: ${JSON.stringify(text.slice(0, 300))} then ${JSON.stringify(text2.slice(0, 300))}`,
            };
        }
        return undefined;
      }
      case 'rule-file':
        parseRuleFile(input, { file: 'fuzz.yml' });
        return undefined;
      case 'alertmanager':
        parseAlertmanagerConfig(input);
        return undefined;
      case 'unit-test':
        try {
          parseUnitTestFile(input, 'fuzz_test.yml', '/nonexistent/fuzz_test.yml');
        } catch (err) {
          if (!documented(err)) throw err;
        }
        return undefined;
      case 'promqltest':
        try {
          parsePromqlTestFile(input, 'fuzz.test');
        } catch (err) {
          if (!documented(err)) throw err;
        }
        return undefined;
      case 'exposition':
        try {
          parseExposition(input, () => undefined);
        } catch (err) {
          if (!documented(err)) throw err;
        }
        return undefined;
    }
  } catch (err) {
    const e = err as Error;
    return {
      kind: 'crash',
      detail: `${e?.name ?? typeof err}: ${String(e?.message ?? err).slice(0, 300)}\n${String(e?.stack ?? '')
        .split('\n')
        .slice(1, 6)
        .join('\n')}`,
    };
  }
}

export interface FuzzOptions {
  seed: number;
  /** Inputs per target. */
  perTarget: number;
  /** An input slower than this is a finding. */
  budgetMs: number;
  targets?: readonly FuzzTarget[];
  /** Called on every finding, as it happens. */
  onFinding?: (f: FuzzFinding) => void;
  /** Called every `progressEvery` inputs. */
  onProgress?: (done: number, report: FuzzReport) => void;
  progressEvery?: number;
}

export function fuzz(opts: FuzzOptions): FuzzReport {
  const rnd = mulberry32(opts.seed);
  const targets = opts.targets ?? FUZZ_TARGETS;
  const report: FuzzReport = {
    seed: opts.seed,
    inputs: 0,
    perTarget: Object.fromEntries(FUZZ_TARGETS.map((t) => [t, 0])) as Record<FuzzTarget, number>,
    crashes: 0,
    slow: 0,
    roundTripFailures: 0,
    findings: [],
    elapsedMs: 0,
    slowestMs: 0,
  };
  const kept = { crash: 0, slow: 0, 'round-trip': 0 };
  const t0 = performance.now();
  const total = opts.perTarget * targets.length;
  for (let i = 0; i < total; i++) {
    const target = targets[i % targets.length]!;
    const input = generate(target, rnd);
    // CPU time, not wall time: on a shared machine a descheduled process is not a slow input.
    const cpu0 = process.cpuUsage();
    const s = performance.now();
    let found = runOne(target, input);
    const wall = performance.now() - s;
    const cpu = process.cpuUsage(cpu0);
    const ms = (cpu.user + cpu.system) / 1000;
    report.slowestMs = Math.max(report.slowestMs, ms);
    if (!found && ms > opts.budgetMs)
      found = { kind: 'slow', detail: `${ms.toFixed(0)} ms CPU (${wall.toFixed(0)} ms wall)` };
    report.inputs++;
    report.perTarget[target]++;
    if (found) {
      if (found.kind === 'crash') report.crashes++;
      else if (found.kind === 'slow') report.slow++;
      else report.roundTripFailures++;
      const finding = { target, ...found, input: input.slice(0, 2048) };
      if (kept[found.kind]++ < 5) report.findings.push(finding);
      opts.onFinding?.(finding);
    }
    if (opts.onProgress && opts.progressEvery && (i + 1) % opts.progressEvery === 0) {
      report.elapsedMs = performance.now() - t0;
      opts.onProgress(i + 1, report);
    }
  }
  report.elapsedMs = performance.now() - t0;
  return report;
}

/** A seed from `FUZZ_SEED` (decimal) or the clock. */
export function fuzzSeed(): number {
  const env = process.env.FUZZ_SEED;
  if (env !== undefined && /^\d+$/.test(env)) return Number(env) >>> 0;
  return (Date.now() ^ (process.pid << 16)) >>> 0;
}
