/**
 * `alertcraft calibrate`: propose the thresholds and `for` durations of a pack's calibrated phase
 * from history — a synthetic scenario (labelled incidents: detection is measured) or real history
 * pulled from a Prometheus-API server (unlabelled: the most sensitive candidate within the budget).
 */
import { createStorage, type Storage } from '@alertcraft/promql';
import { formatDuration } from '@alertcraft/rule-dsl';
import { exampleInputs, renderPhase } from '../../pack-registry/registry.js';
import { metricsRead } from '../../history/backtest-history.js';
import { evalIntervalOf } from '../../history/backtest-history.js';
import { pullSeries } from '../../history/pull-series.js';
import { computeBaselines } from '../../replay/baselines.js';
import { calibratePhase, type PhaseCalibration } from '../../replay/calibrate-phase.js';
import { phaseWindows } from '../../replay/windows.js';
import { stableStringify } from '../../result/io.js';
import { getScenario, scenarios } from '../../scenario/registry.js';
import type { Incident } from '../../scenario/types.js';
import { flagInteger, flagString, InputError, parseFlags, UsageError, type Command } from '../command.js';
import { HISTORY_HELP, HISTORY_VALUE_FLAGS, historyError, historyFlags } from '../history-flags.js';
import { packFlag } from '../pack-flags.js';

const iso = (ms: number) => new Date(ms).toISOString();

export const calibrateCommand: Command = {
  name: 'calibrate',
  summary: "Propose a pack's calibrated thresholds and for durations from a scenario or real history",
  help: [
    'Usage: alertcraft calibrate --pack P [--scenario S [--seed N] | --prometheus URL --from T --to T] [--json]',
    '',
    "For every alert of the pack's calibrated phase (maestro: day4's MaestroErrorRateHigh and",
    'MaestroLatencyAnomaly), evaluates the value the alert compares over the history at the rule',
    'evaluation interval, tries thresholds (history p90/p95/p99/max × 0.8, 1.2, 1.5, seed 000’s',
    'multipliers) × for durations (0s, 2m, 5m, 10m, 15m), and proposes the one within the pack’s',
    'false-positive budget with the best detection, printing what was tried and why.',
    '',
    'History:',
    '  --scenario S            a synthetic scenario (default launch-week): the days before the',
    '                          calibrated phase, with its labelled incidents (detection measured)',
    '  --seed N                the scenario seed',
    ...HISTORY_HELP,
    '                          Real history is unlabelled: the most sensitive candidate within the',
    '                          budget is proposed (every alert episode counts as a false positive).',
    '  --json                  print the calibration as JSON on stdout (thresholds, for, every',
    '                          candidate with its false positives and detection, the explanation)',
    '',
    'Exit codes: 0 every alert met the budget, 1 some alert could not, 2 bad usage or input, or the',
    'server unreachable or refusing (one line).',
  ].join('\n'),
  async run(argv, io) {
    const parsed = parseFlags(argv, {
      values: ['pack', 'scenario', 'seed', ...HISTORY_VALUE_FLAGS],
      booleans: ['json'],
    });
    if (parsed.positionals.length) throw new UsageError(`unexpected argument '${parsed.positionals[0]}'`);
    const packName = flagString(parsed, 'pack');
    if (!packName) throw new UsageError('--pack is required');
    const pack = packFlag(packName);
    if (!pack.calibration)
      throw new InputError(`pack '${pack.name}' declares no calibrated alerts`, { where: `--pack ${pack.name}` });
    const spec = pack.calibration;
    const history = historyFlags(parsed, io.cwd);
    const scenarioName = flagString(parsed, 'scenario');
    if (history && (scenarioName !== undefined || parsed.flags.seed !== undefined))
      throw new UsageError('give either --scenario or --prometheus, not both');
    const evalIntervalMs = evalIntervalOf(pack);

    let storage: Storage;
    let from: number;
    let to: number;
    let incidents: readonly Incident[] = [];
    if (history) {
      from = history.from;
      to = history.to;
      const ex = exampleInputs(pack);
      const rules = renderPhase(pack, spec.phase, {}, { fillFromExamples: true });
      const signals = Object.values(spec.alerts).map((a) =>
        typeof a.signal === 'function' ? a.signal(ex.baselines ?? {}) : a.signal,
      );
      const extra = [...signals, ...Object.values(pack.baselineQueries ?? {}).map((q) => q.expr)];
      const { names, lookbehindMs } = metricsRead(rules, extra);
      io.stderr(`calibrate: ${pack.name}/${spec.phase} from ${history.url}, ${iso(from)} – ${iso(to)}`);
      let series;
      try {
        series = await pullSeries(history.client, {
          metrics: names,
          start: from - Math.min(lookbehindMs, 86_400_000),
          end: to,
          chunkMs: history.chunkMs,
          onProgress: (p) =>
            io.stderr(
              `pull ${p.metricIndex + 1}/${p.metrics} ${p.metric} chunk ${p.chunk + 1}/${p.chunks} (${p.samples} samples)`,
            ),
        });
      } catch (err) {
        historyError(err);
      }
      storage = createStorage();
      for (const s of series) storage.appendSeries(s.labels, s.timestamps, s.values);
    } else {
      const name = scenarioName ?? 'launch-week';
      if (!scenarios.some((s) => s.name === name))
        throw new UsageError(`unknown scenario '${name}'; scenarios: ${scenarios.map((s) => s.name).join(', ')}`);
      const seed = flagInteger(parsed, 'seed');
      const scenario = getScenario(name, seed === undefined ? undefined : { seed });
      const w = phaseWindows(pack, scenario, 'launch').find((x) => x.phase === spec.phase);
      from = scenario.start;
      to = w && w.start > scenario.start ? w.start : scenario.end;
      incidents = scenario.incidents;
      storage = createStorage();
      for (const s of scenario.series()) storage.appendSeries(s.labels, s.timestamps, s.values);
      io.stderr(
        `calibrate: ${pack.name}/${spec.phase} from scenario ${name} (seed ${scenario.seed}), ${iso(from)} – ${iso(to)}`,
      );
    }
    const { baselines } = computeBaselines(storage, pack.baselineQueries ?? {}, from, to);
    let cal: PhaseCalibration;
    try {
      cal = calibratePhase(storage, pack, { baselines, from, to, evalIntervalMs, incidents });
    } catch (err) {
      if (err instanceof Error && err.name === 'CalibrationInputError') throw new InputError(err.message);
      throw err;
    }
    if (parsed.flags.json) {
      io.stdout(
        stableStringify({
          pack: cal.pack,
          phase: cal.phase,
          from: iso(cal.from),
          to: iso(cal.to),
          maxFalsePositivesPerDay: cal.maxFalsePositivesPerDay,
          overrides: cal.overrides,
          alerts: cal.alerts.map((a) => ({
            alertname: a.alertname,
            param: a.param,
            signal: a.signal,
            threshold: a.result.threshold,
            for: formatDuration(a.result.forMs),
            met: a.result.met,
            incidents: a.result.incidents,
            chosen: a.result.chosen,
            candidates: a.result.candidates,
            explanation: a.result.explanation,
            droppedSamples: a.droppedSamples,
          })),
        }).trimEnd(),
      );
    } else {
      for (const a of cal.alerts) {
        const c = a.result.chosen;
        io.stdout(
          `${a.alertname}: ${a.param} ${c.threshold} (${c.source}), for ${formatDuration(c.forMs)}${a.result.met ? '' : '  [budget NOT met]'}`,
        );
        for (const line of a.result.explanation) io.stdout(`  ${line}`);
      }
    }
    return cal.alerts.every((a) => a.result.met) ? 0 : 1;
  },
};
