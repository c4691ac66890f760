/**
 * Engine benchmark: raw query speed, rule evaluation against promtool and against the local
 * Prometheus backtest path, and memory. Run from the repository root:
 *
 *   node --conditions=@alertcraft/source --import tsx harness/bench/engine.bench.ts
 *
 * Prints human lines, then as its last line one JSON object:
 * `{"samplesPerSecond":…, "vsPromtool":…, "vsPrometheus":…, "peakRssMiB":…}` (null where a
 * binary is missing). Options: `--quick` (smaller inputs, for a smoke run), `--skip-prometheus`,
 * `--promtool-days N` (input for the promtool comparison; default the whole 14-day scenario,
 * which takes promtool about a quarter of an hour).
 *
 * The raw-speed and memory parts run in a child process (`--child raw`) so that the peak RSS is
 * that of the storage and the query alone.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createStorage, runRangeQuery, type SeriesData } from '@alertcraft/promql';
import type { RuleGroup } from '@alertcraft/rule-dsl';
import { which } from '../../test-support/requirements.js';
import { getPack, renderPhase } from '../src/pack-registry/registry.js';
import { buildScenario, DEFAULT_TOPOLOGY, type ScenarioSpec } from '../src/scenario/generate.js';
import { startRuntime } from '../src/runtime/start-runtime.js';
import type { BacktestInput } from '../src/runtime/types.js';
import { compareWithPromtool } from './promtool-unit-tests.js';

const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const promtoolDaysArg = args.indexOf('--promtool-days');
const PROMTOOL_DAYS = promtoolDaysArg >= 0 ? Number(args[promtoolDaysArg + 1]) : QUICK ? 2 / 24 : 14;
if (!(PROMTOOL_DAYS > 0 && PROMTOOL_DAYS <= 14)) {
  console.error(
    `--promtool-days: expected a number of days in (0, 14], got ${JSON.stringify(args[promtoolDaysArg + 1])}`,
  );
  process.exit(2);
}
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
function counterArrays(
  n: number,
  start: number,
  scrapeMs: number,
  seed: number,
): { ts: Float64Array; vs: Float64Array } {
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
    const child = spawn(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--child', 'raw', ...(QUICK ? ['--quick'] : [])],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
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
  return ['day0', 'day8'].map((phase) => ({
    phase,
    groups: renderPhase(getPack('maestro'), phase, {}, { fillFromExamples: true }).groups as RuleGroup[],
  }));
}

async function timeBacktest(
  kind: 'embedded' | 'local',
  input: Omit<BacktestInput, 'rules'>,
  rules: { groups: RuleGroup[] }[],
): Promise<{ ms: number; alerts: number }> {
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

async function main(): Promise<void> {
  const fmt = (x: number, d = 1): string => x.toFixed(d);
  log(
    `alertcraft engine benchmark (${QUICK ? 'quick' : 'full'}), node ${process.version}, ${new Date().toISOString()}`,
  );

  // 1. raw speed + memory
  const raw = await runRawChild();
  const samplesPerSecond = raw.scannedSamples / (raw.queryMs / 1000);
  const peakRssMiB = raw.peakRssBytes / 1048576;
  const bytesPerSample = raw.peakRssBytes / raw.storedSamples;
  log('');
  log(
    `[raw] sum by (tenant) (rate(m[5m])) over ${raw.series} counters × ${QUICK ? 2 : 14} days at 15 s (${raw.storedSamples.toLocaleString('en')} stored samples), range query at 1 m step (${raw.steps} steps) → ${raw.resultSeries} series`,
  );
  log(`[raw] query ${fmt(raw.queryMs / 1000, 2)} s (load ${fmt(raw.loadMs / 1000, 2)} s, not counted)`);
  log(
    `[raw] samples scanned = Σ over steps and series of the samples inside the 5m window (Prometheus' "total queryable samples"): ${raw.scannedSamples.toLocaleString('en')}`,
  );
  log(
    `[raw] samplesPerSecond = samples scanned / query wall time = ${fmt(samplesPerSecond / 1e6, 2)} M/s (target ≥ 10 M/s on one core: ${samplesPerSecond >= 10e6 ? 'met' : 'MISSED'}); stored samples / query time = ${fmt(raw.storedSamples / (raw.queryMs / 1000) / 1e6, 2)} M/s`,
  );
  log(
    `[mem] peak RSS of the child (storage + query, node baseline ${fmt(raw.baseRssBytes / 1048576)} MiB included) = ${fmt(peakRssMiB)} MiB`,
  );
  log(
    `[mem] bytes per stored sample at peak = peak RSS / stored samples = ${fmt(bytesPerSample, 2)} (target ≤ 20: ${bytesPerSample <= 20 ? 'met' : 'MISSED'}; typed arrays hold 16 B per sample: 8 B timestamp + 8 B value)`,
  );

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
  const rules = maestroRules();
  log(
    `[rules] maestro day0 + day8 rule files (${rules.map((r) => `${r.phase}: ${r.groups.reduce((a, g) => a + g.rules.length, 0)} rules`).join(', ')}), group interval 30 s`,
  );
  log(
    `[rules] scenario: maestro family, 12 tenants, ${big.series.length} series, ${days} days at 30 s scrape, ${samples.toLocaleString('en')} samples`,
  );
  const input = { series: big.series, start: big.start, end: big.end, evalIntervalMs: intervalMs };
  const emb = await timeBacktest('embedded', input, rules);
  log(
    `[rules] embedded backtest (storage load + every rule at every 30 s step + alert state): ${fmt(emb.ms / 1000, 2)} s, ${emb.alerts} alerts`,
  );
  if (prometheus && promtool && !args.includes('--skip-prometheus')) {
    const loc = await timeBacktest('local', input, rules);
    vsPrometheus = loc.ms / emb.ms;
    log(
      `[rules] local Prometheus backtest (OpenMetrics → promtool blocks → prometheus → query_range per rule): ${fmt(loc.ms / 1000, 2)} s, ${loc.alerts} alerts`,
    );
    log(
      `[rules] vsPrometheus = local backtest time / embedded backtest time = ${fmt(vsPrometheus, 1)}× (target ≥ 5×: ${vsPrometheus >= 5 ? 'met' : 'MISSED'})${loc.alerts === emb.alerts ? '' : ' (alert counts differ: see the local-semantics tests for the documented differences)'}`,
    );
  } else {
    log('[rules] local Prometheus backtest skipped (prometheus/promtool not on PATH or --skip-prometheus)');
  }
  if (promtool) {
    // promtool's unit-test engine caps the samples a query holds in memory at once at 10,000. The
    // cap depends on the rules' windows, not on the input's length: these rules' longest window is
    // 1 d (2,880 samples of a series at 30 s), and promtool 2.42 accepts the whole 14-day scenario,
    // so the comparison runs on the same input as the backtests above.
    const hours = Math.round(PROMTOOL_DAYS * 24 * 100) / 100;
    const input = PROMTOOL_DAYS === days ? big : scenario(PROMTOOL_DAYS * DAY, intervalMs);
    const inputSamples = input.series.reduce((a, s) => a + s.timestamps.length, 0);
    log('');
    log(
      `[promtool] input: ${input.series.length} series × ${hours} h at 30 s as input_series (${inputSamples.toLocaleString('en')} samples), one unit-test file per phase with its rule file, every alert checked for not firing at every whole hour and at the last evaluation (so each firing alert fails a check)`,
    );
    const cmp = await compareWithPromtool(promtool, rules, input, intervalMs, log);
    if (cmp.refused) log('[promtool] promtool refused the input (too many samples): pass a smaller --promtool-days');
    vsPromtool = cmp.refused ? null : cmp.promtool.ms / cmp.ours.ms;
    log(
      `[promtool] alertcraft test ${fmt(cmp.ours.ms / 1000, 2)} s vs promtool test rules ${fmt(cmp.promtool.ms / 1000, 2)} s (each a process per file, start-up included); exit codes and failure reports ${cmp.sameVerdicts ? 'identical' : 'DIFFER'}: ours ${cmp.ours.verdicts.join('; ')} | promtool ${cmp.promtool.verdicts.join('; ')}`,
    );
    if (cmp.difference) log(`[promtool] reports differ at ${cmp.difference}`);
    if (vsPromtool !== null)
      log(
        `[promtool] vsPromtool = promtool time / our time = ${fmt(vsPromtool, 1)}× (target ≥ 50×: ${vsPromtool >= 50 ? 'met' : 'MISSED'})`,
      );
  } else {
    log('[promtool] skipped: promtool not on PATH');
  }
  const round = (x: number | null, d: number): number | null => (x === null ? null : Number(x.toFixed(d)));
  console.log(
    JSON.stringify({
      samplesPerSecond: Math.round(samplesPerSecond),
      vsPromtool: round(vsPromtool, 1),
      vsPrometheus: round(vsPrometheus, 1),
      peakRssMiB: round(peakRssMiB, 1),
    }),
  );
}

if (args[0] === '--child' && args[1] === 'raw') rawChild();
else await main();
