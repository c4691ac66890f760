/**
 * `alertcraft noise --run result.json [--recommend] [--json]`: the noise measures of every run of a
 * replay result, its noise budget verdict, and with `--recommend` tuning recommendations, each
 * re-simulated (embedded engine + the Alertmanager simulator) with before/after figures.
 */
import { measureNoise, type NoiseMeasures } from '@alertcraft/alert-noise';
import { packNames } from '../../pack-registry/registry.js';
import { resimulate, type NoiseFigures, type Resimulation } from '../../noise/resimulate.js';
import { fromRfc3339, incidentsOf, timelineOf } from '../../result/build.js';
import type { ResultRun } from '../../result/types.js';
import { runVerdict } from '../../result/verdict.js';
import { flagString, InputError, parseFlags, UsageError, type Command } from '../command.js';
import { readResultRuns } from '../read-result-runs.js';
import { checkOutputFile } from '../write-output.js';
import { HISTORY_HELP, HISTORY_VALUE_FLAGS } from '../history-flags.js';
import { writeReport } from '../../report/write.js';
import { resolve } from 'node:path';

const labelText = (l: Record<string, string>) => {
  const keys = Object.keys(l).sort();
  return keys.length ? `{${keys.map((k) => `${k}=${JSON.stringify(l[k])}`).join(',')}}` : '';
};
const pct = (v: number | null) => (v === null ? '-' : `${(v * 100).toFixed(1)} %`);
const fixed = (v: number | null, d = 2) => (v === null ? '-' : v.toFixed(d));

function measuresOf(run: ResultRun): NoiseMeasures {
  return measureNoise({
    source: 'replay',
    window: { start: fromRfc3339(run.window.start), end: fromRfc3339(run.window.end) },
    alerts: timelineOf(run),
    incidents: incidentsOf(run),
    pack: run.pack,
    phase: run.phase,
  });
}

function figures(f: NoiseFigures): string {
  return `FP ${pct(f.falsePositiveRate)}, ${fixed(f.pagesPerDay)} pages/day, ${fixed(f.notificationsPerDay)} notifications/day, ${f.flapping} flaps, detected ${f.detected}/${f.required}`;
}

export const noiseCommand: Command = {
  name: 'noise',
  summary: 'Noise measures, noise budget verdicts and re-simulated tuning recommendations of a replay result',
  help: [
    'Usage: alertcraft noise --run result.json [--pack P] [--phase PH] [--recommend] [--json] [--report FILE.html]',
    '       alertcraft noise --ledger DATABASE_URL [--schema S] [--json]',
    '       alertcraft noise --prometheus URL --from T --to T [--step D] [--matchers M] [--json]',
    '',
    'Per run: false positives, pages per day / night / shift, time to detect and resolve (p50/p95),',
    'incident minutes, share resolved under 5 min, duplicate pairs, Nagios flapping, fatigue (0-10),',
    'the noise budget and what exceeds it, and every firing no incident explains.',
    '',
    '  --recommend  recommend tunings for runs of seed packs and re-simulate each (replay of the',
    "               run's scenario and seed on the embedded engine, notifications through the pack's",
    '               Alertmanager configuration), then the helpful ones together; prints before/after',
    '  --json       print JSON instead of text',
    '  --report F   write the HTML report of the result, with the re-simulated recommendations',
    '',
    'History (alerts that really fired; no ground truth, so no false positives or detection):',
    "  --ledger URL            the live mode's Postgres notification ledger (postgres://…)",
    '  --schema S              its schema (default alertcraft_ledger)',
    "  --step D                with --prometheus: the ALERTS query step, the rules' interval or finer (default 1m)",
    '  --matchers M            with --prometheus: extra matchers, e.g. \'alertname=~"Maestro.*"\'',
    ...HISTORY_HELP,
    '',
    'Exit codes: 0 every run within its budget (always for history), 1 a run over budget, 2 bad usage or input.',
  ].join('\n'),
  async run(argv, io) {
    const parsed = parseFlags(argv, {
      values: ['run', 'pack', 'phase', 'report', 'ledger', 'schema', 'step', 'matchers', ...HISTORY_VALUE_FLAGS],
      booleans: ['recommend', 'json'],
    });
    if (parsed.positionals.length) throw new UsageError(`unexpected argument '${parsed.positionals[0]}'`);
    const fromHistory = ['ledger', 'prometheus'].filter((n) => parsed.flags[n] !== undefined);
    if (fromHistory.length) {
      const other = ['run', ...fromHistory.slice(1)].find((n) => parsed.flags[n] !== undefined);
      if (other) throw new UsageError(`--${fromHistory[0]} and --${other} cannot be used together: give one source`);
      const replayOnly = ['pack', 'phase', 'report', 'recommend'].find((n) => parsed.flags[n] !== undefined);
      if (replayOnly) throw new UsageError(`--${replayOnly} only applies with --run`);
      // Loaded only here: the readers bring pg, which `noise --run` never needs.
      const { noiseOfHistory } = await import('./noise-history.js');
      return noiseOfHistory(parsed, io);
    }
    for (const n of ['schema', 'step', 'matchers', ...HISTORY_VALUE_FLAGS.filter((f) => f !== 'prometheus')])
      if (parsed.flags[n] !== undefined) throw new UsageError(`--${n} only applies with --ledger or --prometheus`);
    const reportPath = flagString(parsed, 'report');
    if (reportPath !== undefined) checkOutputFile(reportPath, io.cwd, '--report');
    const resims: Resimulation[] = [];
    const runPath = flagString(parsed, 'run');
    if (!runPath) throw new UsageError('give --run result.json, --ledger DATABASE_URL or --prometheus URL');
    const { doc, runs } = readResultRuns(
      runPath,
      io.cwd,
      { pack: flagString(parsed, 'pack'), phase: flagString(parsed, 'phase') },
      'noise',
    );
    const out: unknown[] = [];
    let over = 0;
    for (const run of runs) {
      const m = measuresOf(run);
      const v = runVerdict(run);
      if (v.overBudget.length) over++;
      let resim: Resimulation | undefined;
      if (parsed.flags.recommend && packNames().includes(run.pack) && typeof run.seed === 'number')
        resim = await resimulate({
          pack: run.pack,
          phase: run.phase,
          scenario: run.scenario,
          seed: run.seed,
          onStep: (s) => io.stderr(`${run.pack} ${run.phase}: re-simulating ${s} ...`),
        });
      if (resim) resims.push(resim);
      if (parsed.flags.json) {
        out.push({
          pack: run.pack,
          phase: run.phase,
          measures: {
            ...m,
            kpis: { ...m.kpis, detections: undefined },
            unexplained: m.unexplained.map((a) => ({
              alertname: a.alertname,
              labels: a.labels,
              firedAt: new Date(a.firedAt!).toISOString(),
              resolvedAt: a.resolvedAt === undefined ? null : new Date(a.resolvedAt).toISOString(),
            })),
          },
          budget: run.noise?.budget ?? null,
          overBudget: v.overBudget,
          ...(resim ? { resimulation: resim } : {}),
        });
        continue;
      }
      io.stdout(`${run.pack} ${run.phase} (${run.scenario}, seed ${run.seed}): ${v.pass ? 'PASS' : 'FAIL'}`);
      io.stdout(
        `  false positives ${pct(m.kpis.falsePositiveRate)} (${m.kpis.falsePositives}/${m.kpis.firingAlerts}); pages ${fixed(m.pages.pagesPerDay)}/day, ${fixed(m.pages.pagesPerNight)}/night, busiest shift ${m.pages.maxPagesPerShift}; fatigue ${fixed(m.fatigue, 1)}/10`,
      );
      io.stdout(
        `  TTD p50/p95 ${fixed(m.kpis.ttdP50Seconds, 0)}/${fixed(m.kpis.ttdP95Seconds, 0)} s; TTR p50/p95 ${fixed(m.ttrP50Seconds, 0)}/${fixed(m.ttrP95Seconds, 0)} s; ${fixed(m.incidentMinutes, 1)} incident minutes; resolved < 5 min ${pct(m.resolvedUnder5m)}; flaps ${m.kpis.flapping} (Nagios: ${m.nagiosFlapping.length} identities)`,
      );
      for (const d of m.duplicates) io.stdout(`  duplicate: ${d.a} + ${d.b} (${(d.share * 100).toFixed(0)} % overlap)`);
      for (const b of v.overBudget) io.stdout(`  OVER BUDGET: ${b.message}`);
      for (const a of m.unexplained)
        io.stdout(
          `  unexplained: ${a.alertname}${labelText(a.labels)} ${new Date(a.firedAt!).toISOString()} → ${a.resolvedAt === undefined ? 'still firing' : new Date(a.resolvedAt).toISOString()}`,
        );
      if (resim) {
        io.stdout(`  before: ${figures(resim.before)}`);
        for (const e of resim.effects)
          io.stdout(
            `  ${e.helps ? '+' : '-'} ${e.recommendation.id}: ${e.recommendation.why}\n      after: ${figures(e.after)}`,
          );
        if (resim.top) io.stdout(`  top (${resim.top.recommendations.join(', ')}): ${figures(resim.top.after)}`);
        else io.stdout('  no recommendation lowers the noise without losing a detected incident');
      }
    }
    if (parsed.flags.json) io.stdout(JSON.stringify(out, null, 2));
    if (reportPath !== undefined) {
      const path = resolve(io.cwd, reportPath);
      try {
        await writeReport(path, doc, { resimulations: resims });
      } catch (err) {
        throw new InputError(`cannot write the report: ${(err as Error).message}`, { where: path });
      }
      if (!parsed.flags.json) io.stdout(`wrote ${path}`);
    }
    return over ? 1 : 0;
  },
};
