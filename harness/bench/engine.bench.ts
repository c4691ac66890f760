/**
 * Engine benchmark: raw query speed, rule evaluation against promtool and against the local
 * Prometheus backtest path, and memory. Run from the repository root:
 *
 *   node --conditions=@alertcraft/source --import tsx harness/bench/engine.bench.ts
 *
 * Prints human lines, then as its last line one JSON object:
 * `{"samplesPerSecond":…, "vsPromtool":…, "vsPrometheus":…, "peakRssMiB":…}` (null where a
 * binary is missing). Options: `--quick` (smaller inputs, for a smoke run), `--skip-prometheus`.
 *
 * The raw-speed and memory parts run in a child process (`--child raw`) so that the peak RSS is
 * that of the storage and the query alone.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStorage, runRangeQuery, runUnitTestFile, type SeriesData } from '@alertcraft/promql';
import { emitRuleFile, stableYaml, type RuleGroup } from '@alertcraft/rule-dsl';
import { which } from '../../test-support/requirements.js';
import { getPack, renderPhase } from '../src/packs/registry.js';
import { buildScenario, DEFAULT_TOPOLOGY, type ScenarioSpec } from '../src/scenario/generate.js';
import { startRuntime } from '../src/runtime/start-runtime.js';
import type { BacktestInput } from '../src/runtime/types.js';

const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const DAY = 86_400_000;
const log = (line: string): void => console.log(line);

// ---------------------------------------------------------------------------------------------
// Part 1 (child process): raw speed and memory.

interface RawResult {
  series: number;
  storedSamples: number;
  steps: number;
  scannedSamples: number;
  queryMs: number;
  loadMs: number;
  peakRssBytes: number;
  baseRssBytes: number;
  resultSeries: number;
}

/** Counter samples of one series, written straight into typed arrays. */
function counterArrays(n: number, start: number, scrapeMs: number, seed: number): { ts: Float64Array; vs: Float64Array } {
  const ts = new Float64Array(n);
  const vs = new Float64Array(n);
  let x = seed >>> 0 || 1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    ts[i] = start + i * scrapeMs;
    v += (x >>> 0) % 50;
    if ((x >>> 0) % 100_000 === 0) v = 0; // rare reset
    vs[i] = v;
  }
  return { ts, vs };
}

function rawChild(): void {
  const seriesCount = QUICK ? 100 : 1000;
  const days = QUICK ? 2 : 14;
  const scrapeMs = 15_000;
  const start = Date.UTC(2026, 0, 1);
  const n = Math.floor((days * DAY) / scrapeMs);
  const baseRssBytes = process.memoryUsage().rss;
  const storage = createStorage();
  const t0 = performance.now();
  for (let s = 0; s < seriesCount; s++) {
    const { ts, vs } = counterArrays(n, start, scrapeMs, s + 1);
    storage.appendSeries({ __name__: 'm', tenant: `tenant-${s % 20}`, instance: `i-${s}` }, ts, vs);
  }
  const loadMs = performance.now() - t0;
  const stepMs = 60_000;
  const rangeMs = 5 * 60_000;
  const qStart = start + rangeMs;
  const qEnd = start + (n - 1) * scrapeMs;
  const t1 = performance.now();
  const res = runRangeQuery(storage, 'sum by (tenant) (rate(m[5m]))', qStart, qEnd, stepMs);
  const queryMs = performance.now() - t1;
  const steps = Math.floor((qEnd - qStart) / stepMs) + 1;
  // Samples scanned: for every step and series, the samples inside that step's 5m window
  // (Prometheus' "total queryable samples" for this query), counted from the data.
  let scanned = 0;
  for (const s of storage.select([{ name: '__name__', op: '=', value: 'm' }])) {
    const ts = s.timestamps;
    let lo = 0;
    let hi = 0;
    for (let k = 0; k < steps; k++) {
      const t = qStart + k * stepMs;
      while (hi < ts.length && ts[hi]! <= t) hi++;
      while (lo < hi && ts[lo]! < t - rangeMs) lo++;
      scanned += hi - lo;
    }
  }
  const result: RawResult = {
    series: seriesCount,
    storedSamples: storage.stats().samples,
    steps,
    scannedSamples: scanned,
    queryMs,
    loadMs,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    baseRssBytes,
    resultSeries: res.value.type === 'matrix' ? res.value.series.length : 0,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function runRawChild(): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', 'raw', ...(QUICK ? ['--quick'] : [])], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`raw benchmark child exited with ${code}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop()!) as RawResult);
      } catch (err) {
        reject(err);
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Part 2: maestro day0 + day8 rules over a 14-day, ~200-series scenario.

/** Twelve tenants: the maestro family then has 195 series. */
function benchTopology(): ScenarioSpec['topology'] {
  const tenants = [...DEFAULT_TOPOLOGY.tenants];
  for (let i = 0; tenants.length < 12; i++) {
    const t = DEFAULT_TOPOLOGY.tenants[i % DEFAULT_TOPOLOGY.tenants.length]!;
    tenants.push({ ...t, name: `${t.name}-${i + 2}`, weight: t.weight / 2 });
  }
  return { ...DEFAULT_TOPOLOGY, tenants };
}

function scenario(durationMs: number, stepMs: number): { series: SeriesData[]; start: number; end: number } {
  const spec: ScenarioSpec = {
    name: 'engine-bench',
    description: 'maestro family, 12 tenants, for the engine benchmark',
    launchAt: Date.UTC(2026, 0, 5),
    startOffsetMs: 0,
    durationMs,
    defaultSeed: 7,
    defaultStepMs: stepMs,
    families: ['maestro'],
    incidents: [],
    topology: benchTopology(),
  };
  const sc = buildScenario(spec);
  return { series: [...sc.series()], start: sc.start, end: sc.end - 1 };
}

function maestroRules(): { phase: string; groups: RuleGroup[] }[] {
  return ['day0', 'day8'].map((phase) => ({ phase, groups: renderPhase(getPack('maestro'), phase, {}, { fillFromExamples: true }).groups as RuleGroup[] }));
}

async function timeBacktest(kind: 'embedded' | 'local', input: Omit<BacktestInput, 'rules'>, rules: { groups: RuleGroup[] }[]): Promise<{ ms: number; alerts: number }> {
  const rt = await startRuntime(kind);
  try {
    const t0 = performance.now();
    let alerts = 0;
    for (const r of rules) alerts += (await rt.backtest({ ...input, rules: r.groups })).alerts.length;
    return { ms: performance.now() - t0, alerts };
  } finally {
    await rt.stop();
  }
}

/** promtool unit-test input notation: one value per interval, `_` for a missing sample. */
function inputValues(s: SeriesData, start: number, intervalMs: number, n: number): string {
  const out: string[] = new Array(n).fill('_');
  for (let i = 0; i < s.timestamps.length; i++) {
    const k = Math.round((s.timestamps[i]! - start) / intervalMs);
    if (k >= 0 && k < n) out[k] = Number.isFinite(s.values[i]!) ? String(s.values[i]) : 'NaN';
  }
  return out.join(' ');
}

function seriesSelector(labels: SeriesData['labels']): string {
  const name = labels.__name__!;
  const rest = Object.keys(labels)
    .filter((k) => k !== '__name__')
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`);
  return rest.length ? `${name}{${rest.join(',')}}` : name;
}

function execTimed(bin: string, argv: string[], cwd: string): Promise<{ ms: number; code: number; out: string }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    execFile(bin, argv, { cwd, maxBuffer: 256 * 1024 * 1024, timeout: 900_000 }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: number }).code ?? 1) : 0;
      resolve({ ms: performance.now() - t0, code: typeof code === 'number' ? code : 1, out: `${stdout}\n${stderr}` });
    });
  });
}

/**
 * Our promtool-compatible runner vs `promtool test rules` on one unit-test file per phase: the
 * scenario as input_series at the group interval, the rules evaluated over the whole input, one
 * alert_rule_test at the end (its verdict does not matter here; both tools must give the same).
 */
async function unitTestComparison(promtool: string, data: { series: SeriesData[]; start: number; end: number }, intervalMs: number): Promise<{ oursMs: number; promtoolMs: number; sameVerdicts: boolean; detail: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'alertcraft-bench-'));
  try {
    const n = Math.floor((data.end - data.start) / intervalMs) + 1;
    const evalTime = `${Math.floor(((n - 1) * intervalMs) / 1000)}s`;
    const input = data.series.map((s) => ({ series: seriesSelector(s.labels), values: inputValues(s, data.start, intervalMs, n) }));
    let oursMs = 0;
    let promtoolMs = 0;
    let same = true;
    const details: string[] = [];
    for (const { phase, groups } of maestroRules()) {
      const rulesFile = join(dir, `${phase}.rules.yml`);
      await writeFile(rulesFile, emitRuleFile({ groups }));
      const testFile = join(dir, `${phase}.test.yml`);
      const alertnames = [...new Set(groups.flatMap((g) => g.rules.map((r) => ('alert' in r ? r.alert : undefined)).filter((a): a is string => a !== undefined)))];
      await writeFile(
        testFile,
        stableYaml({
          rule_files: [`${phase}.rules.yml`],
          evaluation_interval: `${intervalMs / 1000}s`,
          tests: [{ interval: `${intervalMs / 1000}s`, input_series: input, alert_rule_test: alertnames.map((alertname) => ({ eval_time: evalTime, alertname, exp_alerts: [] })) }],
        }),
      );
      const t0 = performance.now();
      const ours = runUnitTestFile(testFile);
      oursMs += performance.now() - t0;
      const theirs = await execTimed(promtool, ['test', 'rules', `${phase}.test.yml`], dir);
      promtoolMs += theirs.ms;
      const oursOk = ours.ok;
      const theirsOk = theirs.code === 0;
      if (oursOk !== theirsOk) same = false;
      if (/query processing would load too many samples|too many samples/.test(theirs.out)) details.push(`${phase}: promtool refused (too many samples)`);
      details.push(`${phase}: ours ${oursOk ? 'pass' : 'fail'}, promtool ${theirsOk ? 'pass' : 'fail'} (exit ${theirs.code})`);
    }
    return { oursMs, promtoolMs, sameVerdicts: same, detail: details.join('; ') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const fmt = (x: number, d = 1): string => x.toFixed(d);
  log(`alertcraft engine benchmark (${QUICK ? 'quick' : 'full'}), node ${process.version}, ${new Date().toISOString()}`);

  // 1. raw speed + memory
  const raw = await runRawChild();
  const samplesPerSecond = raw.scannedSamples / (raw.queryMs / 1000);
  const peakRssMiB = raw.peakRssBytes / 1048576;
  const bytesPerSample = raw.peakRssBytes / raw.storedSamples;
  log('');
  log(`[raw] sum by (tenant) (rate(m[5m])) over ${raw.series} counters × ${QUICK ? 2 : 14} days at 15 s (${raw.storedSamples.toLocaleString('en')} stored samples), range query at 1 m step (${raw.steps} steps) → ${raw.resultSeries} series`);
  log(`[raw] query ${fmt(raw.queryMs / 1000, 2)} s (load ${fmt(raw.loadMs / 1000, 2)} s, not counted)`);
  log(`[raw] samples scanned = Σ over steps and series of the samples inside the 5m window (Prometheus' "total queryable samples"): ${raw.scannedSamples.toLocaleString('en')}`);
  log(`[raw] samplesPerSecond = samples scanned / query wall time = ${fmt(samplesPerSecond / 1e6, 2)} M/s (target ≥ 10 M/s on one core: ${samplesPerSecond >= 10e6 ? 'met' : 'MISSED'}); stored samples / query time = ${fmt(raw.storedSamples / (raw.queryMs / 1000) / 1e6, 2)} M/s`);
  log(`[mem] peak RSS of the child (storage + query, node baseline ${fmt(raw.baseRssBytes / 1048576)} MiB included) = ${fmt(peakRssMiB)} MiB`);
  log(`[mem] bytes per stored sample at peak = peak RSS / stored samples = ${fmt(bytesPerSample, 2)} (target ≤ 20: ${bytesPerSample <= 20 ? 'met' : 'MISSED'}; typed arrays hold 16 B per sample: 8 B timestamp + 8 B value)`);

  // 2. rules vs promtool and vs the local Prometheus backtest
  const promtool = which(['promtool']);
  const prometheus = which(['prometheus']);
  const intervalMs = 30_000;
  let vsPromtool: number | null = null;
  let vsPrometheus: number | null = null;
  const days = QUICK ? 1 : 14;
  const big = scenario(days * DAY, intervalMs);
  const samples = big.series.reduce((a, s) => a + s.timestamps.length, 0);
  log('');
  log(`[rules] maestro day0 + day8 rule files (${maestroRules().map((r) => `${r.phase}: ${r.groups.reduce((a, g) => a + g.rules.length, 0)} rules`).join(', ')}), group interval 30 s`);
  log(`[rules] scenario: maestro family, 12 tenants, ${big.series.length} series, ${days} days at 30 s scrape, ${samples.toLocaleString('en')} samples`);
  const input = { series: big.series, start: big.start, end: big.end, evalIntervalMs: intervalMs };
  const emb = await timeBacktest('embedded', input, maestroRules());
  log(`[rules] embedded backtest (storage load + every rule at every 30 s step + alert state): ${fmt(emb.ms / 1000, 2)} s, ${emb.alerts} alerts`);
  if (prometheus && promtool && !args.includes('--skip-prometheus')) {
    const loc = await timeBacktest('local', input, maestroRules());
    vsPrometheus = loc.ms / emb.ms;
    log(`[rules] local Prometheus backtest (OpenMetrics → promtool blocks → prometheus → query_range per rule): ${fmt(loc.ms / 1000, 2)} s, ${loc.alerts} alerts`);
    log(`[rules] vsPrometheus = local backtest time / embedded backtest time = ${fmt(vsPrometheus, 1)}× (target ≥ 5×: ${vsPrometheus >= 5 ? 'met' : 'MISSED'})${loc.alerts === emb.alerts ? '' : ' (alert counts differ: see the local-semantics tests for the documented differences)'}`);
  } else {
    log('[rules] local Prometheus backtest skipped (prometheus/promtool not on PATH or --skip-prometheus)');
  }
  if (promtool) {
    // promtool's unit-test engine caps a query at 10,000 samples and expands every input value in
    // memory, and its run time grows with the window: 24 h is accepted for these rules (no query
    // goes over the cap; 14 days of input_series would be a ~100 MB YAML file). Larger windows
    // were not tried.
    const hours = QUICK ? 2 : 24;
    const small = scenario(hours * 3_600_000, intervalMs);
    const cmp = await unitTestComparison(promtool, small, intervalMs);
    vsPromtool = cmp.promtoolMs / cmp.oursMs;
    log(`[promtool] input: the same scenario shape, ${small.series.length} series × ${hours} h at 30 s as input_series (${small.series.reduce((a, s) => a + s.timestamps.length, 0).toLocaleString('en')} samples), both rule files, one alert_rule_test per alert at the end (24 h: accepted by promtool, not its limit; larger windows not tried)`);
    log(`[promtool] ours (runUnitTestFile) ${fmt(cmp.oursMs / 1000, 2)} s vs promtool test rules ${fmt(cmp.promtoolMs / 1000, 2)} s; verdicts ${cmp.sameVerdicts ? 'agree' : 'DIFFER'} (${cmp.detail})`);
    log(`[promtool] vsPromtool = promtool time / our time = ${fmt(vsPromtool, 1)}× (target ≥ 50×: ${vsPromtool >= 50 ? 'met' : 'MISSED'})`);
  } else {
    log('[promtool] skipped: promtool not on PATH');
  }
  const round = (x: number | null, d: number): number | null => (x === null ? null : Number(x.toFixed(d)));
  console.log(JSON.stringify({ samplesPerSecond: Math.round(samplesPerSecond), vsPromtool: round(vsPromtool, 1), vsPrometheus: round(vsPrometheus, 1), peakRssMiB: round(peakRssMiB, 1) }));
}

if (args[0] === '--child' && args[1] === 'raw') rawChild();
else await main();
