/**
 * `alertcraft replay`: replays a scenario through seed packs on a runtime, prints the KPIs and the
 * packs' expectations and noise budgets, writes the result JSON and the HTML report, exits 1 when an
 * expectation fails or a run is over its noise budget.
 */
import { resolve } from 'node:path';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { getPack, packNames, resolvePhase } from '../../pack-registry/registry.js';
import { replay } from '../../replay/replay.js';
import { incidentSamplesForReplay } from '../../report/incident-samples.js';
import { notificationsOfRun } from '../../report/notifications.js';
import { resimulate, type NoiseFigures, type Resimulation } from '../../noise/resimulate.js';
import { previewsForReplay } from '../../report/replay-previews.js';
import { writeReport } from '../../report/write.js';
import { stringifyResult } from '../../result/io.js';
import type { ResultRun } from '../../result/types.js';
import { alertCounts, runVerdict } from '../../result/verdict.js';
import { RUNTIME_KINDS, type RuntimeKind } from '../../runtime/types.js';
import { scenarios } from '../../scenario/registry.js';
import {
  flagDecimal,
  flagInteger,
  flagString,
  InputError,
  parseFlags,
  requireModeFor,
  UsageError,
  type Command,
} from '../command.js';
import { checkOutputFile } from '../write-output.js';
import { replayProgressPrinter } from '../progress.js';
import { formatLiveSummary, runLive } from '../../live/run-live.js';
import { getScenario } from '../../scenario/registry.js';
import { sloSummaryLines } from './replay-slo-lines.js';
import { parseDuration } from '@alertcraft/rule-dsl';

const pct = (v: number | null) => (v === null ? '-' : `${(v * 100).toFixed(1)} %`);
const num = (v: number | null, digits = 0) => (v === null ? '-' : v.toFixed(digits));

/**
 * The per-run table: KPIs, then the alerts counted as the report counts them (`alertCounts`):
 * `firing` fired in the window, `pending` went pending but never fired.
 */
export function replayTable(runs: readonly ResultRun[]): string[] {
  const lines = [
    `${'pack'.padEnd(18)} ${'phase'.padEnd(6)} ${'detect'.padStart(8)} ${'false+'.padStart(8)} ${'MTTD s'.padStart(7)} ${'pages/d'.padStart(8)} ${'firing'.padStart(6)} ${'pending'.padStart(7)}`,
  ];
  for (const r of runs) {
    const k = r.kpis;
    const c = alertCounts(r);
    lines.push(
      `${r.pack.padEnd(18)} ${r.phase.padEnd(6)} ${pct(k.detectionRate).padStart(8)} ${pct(k.falsePositiveRate).padStart(8)} ${num(k.mttdSeconds).padStart(7)} ${num(k.pagesPerDay, 2).padStart(8)} ${String(c.firing).padStart(6)} ${String(c.pendingOnly).padStart(7)}`,
    );
  }
  return lines;
}

export const replayCommand: Command = {
  name: 'replay',
  summary: 'Replay a synthetic launch through seed packs and check that the right alerts fire on time',
  help: [
    'Usage: alertcraft replay [--scenario S] [--pack P]... [--phase PH|launch] [--runtime R]',
    '                         [--seed N] [--report FILE.html] [--json FILE.json] [--recommend]',
    '',
    "Generates the scenario (seeded, with ground-truth incidents), evaluates the packs' rules over it",
    'and prints, per pack and phase, the detection rate, false-positive rate, time to detect and',
    'pages per day, and every pack expectation (incident kinds each phase must catch).',
    '',
    'Options:',
    '  --scenario S     scenario name (default launch-week); one of:',
    ...scenarios.map((s) => `                     ${s.name}`),
    '  --pack P         seed pack (repeatable; default every pack)',
    '  --phase PH       a phase id of the pack(s), or launch (default): each phase runs over its',
    '                   own days (day0 rules on days 0-3, day4 from day 4 with baselines learned',
    '                   from days 0-3 of the same data, day8 from day 8)',
    `  --runtime R      ${RUNTIME_KINDS.join(' | ')} (default embedded)`,
    "  --seed N         scenario seed, a decimal integer (default: the scenario's own; same seed, same bytes)",
    '  --report FILE    write the self-contained HTML report',
    '  --json FILE      write the result JSON (format alertcraft-result/v2)',
    "  --recommend      per run, recommend tunings and re-simulate them (embedded engine, the pack's",
    '                   Alertmanager configuration), alone and the top ones together; prints the',
    "                   before/after and the report gets each run's re-simulation section",
    '',
    'Live mode (--live): one pack and phase played in compressed time through a real Prometheus',
    '(scraping an exporter of the scenario every 1 s, rules time-scaled) and Alertmanager posting to',
    "a webhook that writes a Postgres ledger (DATABASE_URL); maintenance windows get the pack's",
    'maintenance silence. Prints the ledger vs alertmanager_notifications_total and silence results.',
    '  --live           run live (runtime local, default, or testcontainers)',
    '  --speedup N      scenario seconds per wall second, 1 to 100000 (default 60)',
    '  --window A/B     scenario window: RFC 3339 times or offsets from the scenario start',
    '                   (e.g. +9h55m/+10h40m); default the whole scenario',
    '  --keep-ledger    keep the ledger schema after the run',
    '',
    'Progress goes to stderr: a bar on a terminal, one line per run otherwise',
    '(ALERTCRAFT_VERBOSE=1 adds runtime log lines).',
    'Exit codes: 0 every expectation met and every run within its noise budget (false positives,',
    "pages/day, flapping; maestro's: seed 000's phase targets), 1 otherwise, 2 bad usage or input.",
  ].join('\n'),
  async run(argv, io) {
    const parsed = parseFlags(argv, {
      values: ['scenario', 'phase', 'runtime', 'seed', 'report', 'json', 'speedup', 'window'],
      multi: ['pack'],
      booleans: ['live', 'keep-ledger', 'recommend'],
    });
    requireModeFor(parsed, 'live', ['speedup', 'window', 'keep-ledger']);
    if (parsed.flags.live && parsed.flags.recommend) throw new UsageError('--recommend does not apply to --live');
    if (parsed.flags.live) return runLiveCommand(parsed, io);
    if (parsed.positionals.length) throw new UsageError(`unexpected argument '${parsed.positionals[0]}'`);
    const scenario = flagString(parsed, 'scenario') ?? 'launch-week';
    if (!scenarios.some((s) => s.name === scenario))
      throw new UsageError(`unknown scenario '${scenario}'; scenarios: ${scenarios.map((s) => s.name).join(', ')}`);
    const packs = (parsed.flags.pack as string[] | undefined) ?? packNames();
    for (const p of packs) {
      try {
        getPack(p);
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
    }
    const phase = flagString(parsed, 'phase') ?? 'launch';
    if (phase !== 'launch') {
      for (const p of packs) {
        try {
          resolvePhase(getPack(p), phase);
        } catch (err) {
          throw new UsageError(`${(err as Error).message} (or use --phase launch)`);
        }
      }
    }
    const runtime = (flagString(parsed, 'runtime') ?? 'embedded') as RuntimeKind;
    if (!RUNTIME_KINDS.includes(runtime))
      throw new UsageError(`--runtime '${runtime}': use ${RUNTIME_KINDS.join(', ')}`);
    const seed = flagInteger(parsed, 'seed');
    const reportPath = flagString(parsed, 'report');
    const jsonPath = flagString(parsed, 'json');
    // Output paths are checked before the replay runs, not after.
    if (reportPath !== undefined) checkOutputFile(reportPath, io.cwd, '--report');
    if (jsonPath !== undefined) checkOutputFile(jsonPath, io.cwd, '--json');
    if (
      reportPath !== undefined &&
      jsonPath !== undefined &&
      resolve(io.cwd, reportPath) === resolve(io.cwd, jsonPath)
    ) {
      throw new UsageError('--report and --json name the same file');
    }

    const started = performance.now();
    const controller = new AbortController();
    const onSigint = () => {
      io.stderr('interrupted: stopping the runtime and removing temp files ...');
      controller.abort(new Error('interrupted'));
    };
    process.once('SIGINT', onSigint);
    let outcome;
    try {
      outcome = await replay({
        scenario,
        seed,
        packs,
        phase,
        runtime,
        runtimeOptions: { signal: controller.signal },
        onProgress: replayProgressPrinter(io.stderr, io.isTTY),
      });
    } finally {
      process.removeListener('SIGINT', onSigint);
    }

    io.stdout('');
    for (const line of replayTable(outcome.document.runs)) io.stdout(line);
    const failed = outcome.expectations.filter((e) => !e.met);
    io.stdout('');
    io.stdout(`pack expectations: ${outcome.expectations.length - failed.length}/${outcome.expectations.length} met`);
    for (const e of failed) {
      io.stdout(
        `  MISSED ${e.pack} ${e.phase}: ${e.incidentKind} (${e.incidentId}, ${new Date(e.incidentStart).toISOString()}) not caught by ${e.alerts.join(' or ')} within ${e.withinSeconds} s`,
      );
    }
    const overBudget = outcome.document.runs
      .map((r) => ({ r, v: runVerdict(r) }))
      .filter(({ v }) => v.overBudget.length);
    io.stdout(
      `noise budgets: ${outcome.document.runs.length - overBudget.length}/${outcome.document.runs.length} runs within`,
    );
    for (const { r, v } of overBudget)
      io.stdout(`  OVER BUDGET ${r.pack} ${r.phase}: ${v.overBudget.map((b) => b.message).join('; ')}`);
    for (const line of sloSummaryLines(outcome.document)) io.stdout(line);
    const resimulations: Resimulation[] = [];
    if (parsed.flags.recommend) {
      for (const r of outcome.document.runs) {
        if (!packNames().includes(r.pack) || typeof r.seed !== 'number') continue;
        const res = await resimulate({
          pack: r.pack,
          phase: r.phase,
          scenario: r.scenario,
          seed: r.seed,
          onStep: (s) => io.stderr(`${r.pack} ${r.phase}: re-simulating ${s} ...`),
        });
        resimulations.push(res);
        const f = (x: NoiseFigures) =>
          `FP ${x.falsePositiveRate === null ? '-' : `${(x.falsePositiveRate * 100).toFixed(1)} %`}, ${x.pagesPerDay.toFixed(2)} pages/d, detected ${x.detected}/${x.required}`;
        io.stdout(
          res.top
            ? `recommended ${r.pack} ${r.phase}: ${f(res.before)} → ${f(res.top.after)} (${res.top.recommendations.join(', ')})`
            : `recommended ${r.pack} ${r.phase}: ${f(res.before)}; no recommendation lowers the noise without losing a detected incident`,
        );
      }
    }
    if (jsonPath) {
      const path = resolve(io.cwd, jsonPath);
      try {
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, stringifyResult(outcome.document));
      } catch (err) {
        throw new InputError(`cannot write the result JSON: ${(err as Error).message}`, { where: path });
      }
      io.stdout(`wrote ${path}`);
    }
    if (reportPath) {
      const path = resolve(io.cwd, reportPath);
      try {
        const dashboards = previewsForReplay(outcome, seed);
        await writeReport(path, outcome.document, {
          generatedAt: `seed ${outcome.scenario.seed}, ${runtime} runtime`,
          dashboards,
          samples: incidentSamplesForReplay(outcome, seed),
          notifications: outcome.document.runs.map((r) => notificationsOfRun(r, getPack(r.pack).alertmanager(r.phase))),
          resimulations,
        });
      } catch (err) {
        throw new InputError(`cannot write the report: ${(err as Error).message}`, { where: path });
      }
      io.stdout(`wrote ${path}`);
    }
    io.stdout(`replay done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return failed.length || outcome.document.verdict.result === 'fail' ? 1 : 0;
  },
};

/** `alertcraft replay --live`: one pack and phase through real servers in compressed time. */
async function runLiveCommand(
  parsed: ReturnType<typeof parseFlags>,
  io: Parameters<Command['run']>[1],
): Promise<number> {
  const scenarioName = flagString(parsed, 'scenario') ?? 'launch-week';
  if (!scenarios.some((s) => s.name === scenarioName))
    throw new UsageError(`unknown scenario '${scenarioName}'; scenarios: ${scenarios.map((s) => s.name).join(', ')}`);
  const packs = (parsed.flags.pack as string[] | undefined) ?? [];
  if (packs.length !== 1) throw new UsageError('--live runs one pack: give exactly one --pack');
  let phase: string;
  try {
    phase = resolvePhase(getPack(packs[0]!), flagString(parsed, 'phase'));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const runtime = flagString(parsed, 'runtime') ?? 'local';
  if (runtime !== 'local' && runtime !== 'testcontainers')
    throw new UsageError(`--live needs --runtime local or testcontainers (got '${runtime}')`);
  for (const f of ['report', 'json']) {
    if (parsed.flags[f] !== undefined)
      throw new UsageError(`--${f} does not apply with --live (live mode prints its summary)`);
  }
  // Below 1 a live run would take longer than the scenario itself; above 100000 scrapes cannot keep up.
  const speedup = flagDecimal(parsed, 'speedup', { min: 1, max: 100_000 }) ?? 60;
  const seed = flagInteger(parsed, 'seed');
  const scenario = getScenario(scenarioName, seed === undefined ? {} : { seed });
  let window = { start: scenario.start, end: scenario.end };
  const windowText = flagString(parsed, 'window');
  if (windowText !== undefined) {
    const parts = windowText.split('/');
    const point = (p: string | undefined): number => {
      if (p === undefined || p === '')
        throw new UsageError(
          `--window '${windowText}': expected START/END (RFC 3339 times or +offsets such as +9h55m)`,
        );
      if (p.startsWith('+')) {
        try {
          return scenario.start + parseDuration(p.slice(1));
        } catch {
          throw new UsageError(`--window '${windowText}': '${p}' is not an offset like +9h55m`);
        }
      }
      const t = Date.parse(p);
      if (Number.isNaN(t)) throw new UsageError(`--window '${windowText}': '${p}' is not an RFC 3339 time`);
      return t;
    };
    if (parts.length !== 2) point(undefined);
    window = { start: point(parts[0]), end: point(parts[1]) };
    if (!(window.end > window.start)) throw new UsageError(`--window '${windowText}': the end must be after the start`);
  }
  io.stderr(
    `live: ${packs[0]}/${phase} over ${new Date(window.start).toISOString()} – ${new Date(window.end).toISOString()} at ${speedup}× ≈ ${Math.round((window.end - window.start) / speedup / 1000)} s of wall time`,
  );
  const controller = new AbortController();
  const onSigint = () => {
    io.stderr('interrupted: stopping the servers and removing temp files ...');
    controller.abort(new Error('interrupted'));
  };
  process.once('SIGINT', onSigint);
  let lastPct = -1;
  try {
    const result = await runLive({
      pack: packs[0]!,
      phase,
      scenario,
      window,
      speedup,
      runtime,
      keepLedger: parsed.flags['keep-ledger'] === true,
      signal: controller.signal,
      log: process.env.ALERTCRAFT_VERBOSE ? io.stderr : undefined,
      onProgress: (p) => {
        const pct = Math.floor(p.fraction * 10) * 10;
        if (p.stage === 'running' && pct === lastPct) return;
        lastPct = pct;
        io.stderr(
          `live ${p.stage} ${pct}% scenario ${new Date(p.scenarioTime).toISOString()} firing ${p.firing} ledger ${p.ledgerDeliveries}${p.message ? ` (${p.message})` : ''}`,
        );
      },
    });
    for (const line of formatLiveSummary(result)) io.stdout(line);
    const silenceOk = result.silences.every((s) => s.notificationsDuringSilence === 0 && s.stateAfterEnd === 'expired');
    return result.notifications.equal && silenceOk ? 0 : 1;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}
