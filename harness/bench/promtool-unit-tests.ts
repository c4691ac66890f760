/**
 * The engine benchmark's comparison with `promtool test rules`: one promtool unit-test file per
 * maestro phase (the scenario as input_series, the phase's rules, and for every alert a check that
 * it is not firing at every whole hour and at the last evaluation), run by `promtool test rules`
 * and by `alertcraft test`, one process per file and tool. Every firing alert thus fails a check,
 * and the two tools must print the same failures, byte for byte. Both wall times include process
 * start; ours also includes tsx compiling the sources, which a published install does not pay.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SeriesData } from '@alertcraft/promql';
import { emitRuleFile, stableYaml, type RuleGroup } from '@alertcraft/rule-dsl';
import { seriesKey } from '../src/openmetrics/series-key.js';

export interface UnitTestRun {
  /** Wall time summed over the files. */
  ms: number;
  /** Per file: the exit code. */
  exitCodes: number[];
  /** Per file: SUCCESS, or FAILED with the number of failed checks and the alerts they name. */
  verdicts: string[];
  /** Per file: what the tool wrote to stderr (promtool's failure report). */
  stderr: string[];
}

export interface UnitTestComparison {
  files: string[];
  fileBytes: number;
  ours: UnitTestRun;
  promtool: UnitTestRun;
  sameVerdicts: boolean;
  /** promtool refused the input (its 10,000-sample query cap). */
  refused: boolean;
  /** Alert checks per file. */
  checks: number[];
  /** Where the failure reports first differ, when they do. */
  difference?: string;
}

/** The first line where two reports differ, with its file and line number. */
function firstDifference(files: string[], ours: string[], theirs: string[]): string | undefined {
  for (let f = 0; f < files.length; f++) {
    const a = (ours[f] ?? '').split('\n');
    const b = (theirs[f] ?? '').split('\n');
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (a[i] !== b[i])
        return `${files[f]} stderr line ${i + 1}: ours ${JSON.stringify(a[i] ?? '(end)')}, promtool ${JSON.stringify(b[i] ?? '(end)')}`;
    }
  }
  return undefined;
}

const CLI_MAIN = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
/** The repository root: our CLI runs from there so that `--import tsx` resolves. */
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** promtool unit-test input notation: one value per interval, `_` for a missing sample. */
function inputValues(s: SeriesData, start: number, intervalMs: number, n: number): string {
  const out: string[] = new Array(n).fill('_');
  for (let i = 0; i < s.timestamps.length; i++) {
    const k = Math.round((s.timestamps[i]! - start) / intervalMs);
    if (k >= 0 && k < n) out[k] = Number.isFinite(s.values[i]!) ? String(s.values[i]) : 'NaN';
  }
  return out.join(' ');
}

function execTimed(
  bin: string,
  argv: string[],
  cwd: string,
): Promise<{ ms: number; exitCode: number; stderr: string }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    execFile(bin, argv, { cwd, maxBuffer: 256 * 1024 * 1024, timeout: 3 * 3_600_000 }, (err, _stdout, stderr) => {
      const code = err ? (err as { code?: unknown }).code : 0;
      resolve({ ms: performance.now() - t0, exitCode: typeof code === 'number' ? code : -1, stderr });
    });
  });
}

/** Runs `bin argv… file` once per file, in `cwd`. */
async function runPerFile(bin: string, argv: string[], files: string[], cwd: string): Promise<UnitTestRun> {
  const run: UnitTestRun = { ms: 0, exitCodes: [], verdicts: [], stderr: [] };
  for (const f of files) {
    const r = await execTimed(bin, [...argv, f], cwd);
    run.ms += r.ms;
    run.exitCodes.push(r.exitCode);
    const failed = [...r.stderr.matchAll(/alertname: (\S+?),/g)].map((m) => m[1]!);
    const names = [...new Set(failed)].sort().join(', ');
    run.verdicts.push(
      r.exitCode === 0
        ? 'SUCCESS'
        : `FAILED (exit ${r.exitCode}): ${failed.length} checks${names ? ` (${names})` : ''}`,
    );
    run.stderr.push(r.stderr);
  }
  return run;
}

/** Writes `<phase>.rules.yml` and `<phase>.test.yml` for each phase into `dir`; returns the test files and their check counts. */
async function writeUnitTests(
  dir: string,
  phases: { phase: string; groups: RuleGroup[] }[],
  data: { series: SeriesData[]; start: number; end: number },
  intervalMs: number,
): Promise<{ files: string[]; checks: number[] }> {
  const n = Math.floor((data.end - data.start) / intervalMs) + 1;
  const lastSec = Math.floor(((n - 1) * intervalMs) / 1000);
  const checkTimes: string[] = [];
  for (let h = 1; h * 3600 < lastSec; h++) checkTimes.push(`${h}h`);
  checkTimes.push(`${lastSec}s`);
  const input = data.series.map((s) => ({
    series: seriesKey(s.labels),
    values: inputValues(s, data.start, intervalMs, n),
  }));
  const files: string[] = [];
  const checks: number[] = [];
  for (const { phase, groups } of phases) {
    await writeFile(join(dir, `${phase}.rules.yml`), emitRuleFile({ groups }));
    const alertnames = [...new Set(groups.flatMap((g) => g.rules.flatMap((r) => ('alert' in r ? [r.alert] : []))))];
    const alertRuleTest = checkTimes.flatMap((eval_time) =>
      alertnames.map((alertname) => ({ eval_time, alertname, exp_alerts: [] })),
    );
    const test = {
      rule_files: [`${phase}.rules.yml`],
      evaluation_interval: `${intervalMs / 1000}s`,
      tests: [{ interval: `${intervalMs / 1000}s`, input_series: input, alert_rule_test: alertRuleTest }],
    };
    await writeFile(join(dir, `${phase}.test.yml`), stableYaml(test));
    files.push(`${phase}.test.yml`);
    checks.push(alertRuleTest.length);
  }
  return { files, checks };
}

/** Runs both tools on the same unit-test files; `log` gets progress lines. */
export async function compareWithPromtool(
  promtool: string,
  phases: { phase: string; groups: RuleGroup[] }[],
  data: { series: SeriesData[]; start: number; end: number },
  intervalMs: number,
  log: (line: string) => void,
): Promise<UnitTestComparison> {
  const dir = await mkdtemp(join(tmpdir(), 'alertcraft-bench-'));
  try {
    const { files, checks } = await writeUnitTests(dir, phases, data, intervalMs);
    let fileBytes = 0;
    for (const f of files) fileBytes += (await stat(join(dir, f))).size;
    log(
      `[promtool] wrote ${files.map((f, i) => `${f} (${checks[i]} alert checks)`).join(', ')}: ${(fileBytes / 1048576).toFixed(1)} MiB; running alertcraft test…`,
    );
    const ours = await runPerFile(
      process.execPath,
      [...process.execArgv, CLI_MAIN, 'test'],
      files.map((f) => join(dir, f)),
      REPO_ROOT,
    );
    log(
      `[promtool] alertcraft test: ${(ours.ms / 1000).toFixed(2)} s (${ours.verdicts.join('; ')}); running promtool test rules (minutes on long inputs)…`,
    );
    const theirs = await runPerFile(promtool, ['test', 'rules'], files, dir);
    const refused = theirs.stderr.some((e) => /too many samples/.test(e));
    // Same exit codes and the same failure report (each failed check with the alerts it got).
    const sameVerdicts =
      ours.exitCodes.join() === theirs.exitCodes.join() && ours.stderr.every((e, i) => e === theirs.stderr[i]);
    const difference = firstDifference(files, ours.stderr, theirs.stderr);
    return {
      files,
      fileBytes,
      ours,
      promtool: theirs,
      sameVerdicts,
      refused,
      checks,
      ...(difference ? { difference } : {}),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
