/**
 * `alertcraft backtest`: what would a pack's phase have paged over real history? Pulls the series
 * the phase's rules read from a Prometheus-API server (chunked, progress on stderr) into the
 * embedded engine and replays the rules over the window; prints the alert timeline.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { renderPhase } from '../../pack-registry/registry.js';
import { backtestSeries, pullForRules } from '../../history/backtest-history.js';
import { stableStringify } from '../../result/io.js';
import { flagString, InputError, parseFlags, UsageError, type Command } from '../command.js';
import { HISTORY_HELP, HISTORY_VALUE_FLAGS, historyError, historyFlags } from '../history-flags.js';
import { asInputError, loadInputs, packFlag, phaseFlag } from '../pack-flags.js';
import { checkOutputFile } from '../write-output.js';

const iso = (ms: number | undefined) => (ms === undefined ? '-' : new Date(ms).toISOString());

export const backtestCommand: Command = {
  name: 'backtest',
  summary: "Replay a pack phase's rules over real history pulled from Prometheus, Thanos or Mimir",
  help: [
    'Usage: alertcraft backtest --pack P --phase PH --prometheus URL --from T --to T',
    '                           [--baselines FILE.json] [--json FILE.json] [--chunk D] [--timeout D]',
    '                           [--bearer-token-file F]',
    '',
    "Pulls the raw samples of every series the phase's rules read (the history and the query load",
    'stay on the server; only those series come over), evaluates the rules in the embedded engine',
    "at the pack's evaluation interval from --from to --to, and prints every alert: activeAt,",
    'firedAt, resolvedAt, name and labels ("what would day 8 have paged last week?").',
    '',
    'Options:',
    '  --pack P, --phase PH    seed pack and phase',
    "  --baselines FILE        baselines for a baseline-derived phase (default: the pack's examples)",
    '  --json FILE             write { alerts, warnings, series, samples } as JSON',
    ...HISTORY_HELP,
    '',
    'Progress goes to stderr. Exit codes: 0 done, 2 bad usage or input, or the server unreachable',
    'or refusing (one line saying which URL and why).',
  ].join('\n'),
  async run(argv, io) {
    const parsed = parseFlags(argv, { values: ['pack', 'phase', 'baselines', 'json', ...HISTORY_VALUE_FLAGS] });
    if (parsed.positionals.length) throw new UsageError(`unexpected argument '${parsed.positionals[0]}'`);
    const packName = flagString(parsed, 'pack');
    if (!packName) throw new UsageError('--pack is required');
    const pack = packFlag(packName);
    const phase = phaseFlag(pack, flagString(parsed, 'phase'));
    if (flagString(parsed, 'prometheus') === undefined) throw new UsageError('--prometheus URL is required');
    const history = historyFlags(parsed, io.cwd)!;
    const jsonPath = flagString(parsed, 'json');
    if (jsonPath !== undefined) checkOutputFile(jsonPath, io.cwd, '--json');
    const inputs = loadInputs(pack, flagString(parsed, 'baselines'), io.cwd);
    if (inputs.examples) io.stderr(`backtest: using ${inputs.source} (give --baselines for your own)`);
    let rules;
    try {
      rules = renderPhase(pack, phase, inputs.inputs, { fillFromExamples: true });
    } catch (err) {
      asInputError(err, inputs.source);
    }
    const window = { start: history.from, end: history.to };
    io.stderr(`backtest: ${pack.name}/${phase} over ${iso(window.start)} – ${iso(window.end)} from ${history.url}`);
    let series;
    try {
      series = await pullForRules(history.client, rules, window, {
        chunkMs: history.chunkMs,
        onProgress: (p) =>
          io.stderr(
            `pull ${p.metricIndex + 1}/${p.metrics} ${p.metric} chunk ${p.chunk + 1}/${p.chunks} (${p.samples} samples)`,
          ),
      });
    } catch (err) {
      if (err instanceof Error && /cannot tell which series/.test(err.message)) throw new InputError(err.message);
      historyError(err);
    }
    const result = await backtestSeries(pack, rules, series, window);
    io.stderr(`backtest: ${result.series} series, ${result.samples} samples pulled; ${result.alerts.length} alerts`);
    for (const w of result.warnings) io.stderr(`warning ${w.code}: ${w.message}`);
    io.stdout(`${'activeAt'.padEnd(24)} ${'firedAt'.padEnd(24)} ${'resolvedAt'.padEnd(24)} alert`);
    for (const a of result.alerts) {
      const labels = Object.entries(a.labels)
        .filter(([k]) => k !== 'alertname')
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(',');
      io.stdout(
        `${iso(a.activeAt).padEnd(24)} ${iso(a.firedAt).padEnd(24)} ${iso(a.resolvedAt).padEnd(24)} ${a.alertname}{${labels}}`,
      );
    }
    if (jsonPath) {
      const path = resolve(io.cwd, jsonPath);
      try {
        await mkdir(dirname(path), { recursive: true });
        await writeFile(
          path,
          stableStringify({
            alerts: result.alerts,
            warnings: result.warnings,
            series: result.series,
            samples: result.samples,
          }),
        );
      } catch (err) {
        throw new InputError(`cannot write the JSON: ${(err as Error).message}`, { where: path });
      }
      io.stdout(`wrote ${path}`);
    }
    return 0;
  },
};
