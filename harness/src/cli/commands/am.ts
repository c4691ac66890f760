/**
 * `alertcraft am`: Alertmanager tools on the in-process v0.27 simulator of `@alertcraft/alert-noise`.
 *
 * - `am routes --config FILE [--tree] [--verify.receivers R1,R2] [LABEL=VALUE...]`: the receivers a
 *   label set routes to, printed like `amtool config routes test` (without labels: the tree, like
 *   `amtool config routes`);
 * - `am test FILE...`: Alertmanager test files (routing, grouping, inhibition, silences, time
 *   intervals, expected notifications), promtool-style output;
 * - `am simulate --config FILE --run result.json`: the notifications Alertmanager would send for
 *   the alerts of a replay.
 */
import { dirname, resolve } from 'node:path';
import {
  AlertNoiseError,
  AmTestFileError,
  formatAmTestFailures,
  parseAmTestFile,
  receiversFor,
  routeTreeLines,
  runAmTests,
  simulateAlertmanager,
  type SimAlert,
} from '@alertcraft/alert-noise';
import { formatRfc3339, LoadError, loadAlertmanagerConfig, type AlertmanagerConfig } from '@alertcraft/rule-dsl';
import { flagString, InputError, parseFlags, UsageError, type Command, type CommandIO } from '../command.js';
import { readTextInput } from '../read-input.js';
import { readResultRuns } from '../read-result-runs.js';

const HELP = [
  'Usage: alertcraft am routes --config FILE [--tree] [--verify.receivers R1,R2] [LABEL=VALUE...]',
  '       alertcraft am test FILE...',
  '       alertcraft am simulate --config FILE --run result.json [--pack P] [--phase PH] [--format text|json]',
  '',
  'Alertmanager v0.27 semantics, in process (no Alertmanager needed).',
  '',
  'routes    prints the receivers a label set is routed to, comma-separated in routing order, as',
  '          `amtool config routes test` does; --tree also prints the matching routes; without',
  '          labels and with --tree, the whole routing tree. --verify.receivers: exit 1 unless the',
  '          receivers are exactly these (in this order).',
  'test      runs Alertmanager test files: `config_file` plus `tests` with `routes` (labels ->',
  '          receivers, group_by), `inhibited` (labels at a time -> inhibited or not), `time_intervals`',
  '          (interval at a time -> active or not), and `alerts`/`silences` with the `notifications`',
  '          they must produce (time, receiver, firing and resolved alerts). See',
  '          docs/packages/alert-noise.md for the format.',
  'simulate  prints the notification timeline for every run of a replay result (or those of',
  '          --pack/--phase): time, receiver, integration, group and the alerts sent.',
  '',
  'Exit codes: 0 pass, 1 a failed assertion (test) or receivers not as verified (routes),',
  '2 bad usage or unusable input (missing file, invalid Alertmanager YAML, unknown receiver,',
  'bad time zone, malformed test file).',
].join('\n');

function loadConfig(path: string, cwd: string): AlertmanagerConfig {
  const input = readTextInput(path, cwd, 'Alertmanager config');
  try {
    return loadAlertmanagerConfig(input.text, { file: input.path });
  } catch (err) {
    if (err instanceof LoadError)
      throw new InputError(err.message.replace(/^cannot load [^:]+: /, ''), {
        where: input.path,
        code: 'am/bad-config',
        cause: err,
      });
    throw err;
  }
}

/** Runs `fn`, turning the simulator's errors about the input into InputErrors. */
function input<T>(fn: () => T, where: string): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof AmTestFileError)
      throw new InputError(err.detail, { where: `${err.file}:${err.line}:${err.column}`, code: err.code, cause: err });
    if (err instanceof AlertNoiseError) throw new InputError(err.message, { where, code: err.code, cause: err });
    throw err;
  }
}

function parseLabels(args: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const a of args) {
    const m = /^([a-zA-Z_][a-zA-Z0-9_]*)=(.*)$/.exec(a);
    if (!m) throw new UsageError(`label ${JSON.stringify(a)} is not LABEL=VALUE`);
    let v = m[2]!;
    if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1);
    labels[m[1]!] = v;
  }
  return labels;
}

async function routes(argv: string[], io: CommandIO): Promise<number> {
  const parsed = parseFlags(argv, { values: ['config', 'verify.receivers'], booleans: ['tree'] });
  const configPath = flagString(parsed, 'config');
  if (!configPath) throw new UsageError('give --config FILE (an alertmanager.yml)');
  const config = loadConfig(configPath, io.cwd);
  const labels = parseLabels(parsed.positionals);
  if (parsed.flags.tree && !parsed.positionals.length) {
    io.stdout('Routing tree:');
    for (const l of input(() => routeTreeLines(config), configPath)) io.stdout(l);
    io.stdout('');
    return 0;
  }
  const receivers = input(() => receiversFor(config, labels), configPath).join(',');
  if (parsed.flags.tree) {
    io.stdout('Matching routes:');
    for (const l of input(() => routeTreeLines(config, labels), configPath)) io.stdout(l);
    io.stdout('');
    io.stdout('');
  }
  io.stdout(receivers);
  const verify = flagString(parsed, 'verify.receivers');
  if (verify !== undefined && verify !== receivers) {
    io.stdout('WARNING: Expected receivers did not match resolved receivers.');
    return 1;
  }
  return 0;
}

async function test(argv: string[], io: CommandIO): Promise<number> {
  const parsed = parseFlags(argv, {});
  if (!parsed.positionals.length) throw new UsageError('give at least one Alertmanager test file');
  let failed = false;
  for (const file of parsed.positionals) {
    const text = readTextInput(file, io.cwd, 'Alertmanager test file');
    const tf = input(() => parseAmTestFile(text.text, file), file);
    const configPath = resolve(dirname(text.absolute), tf.configFile);
    const config = loadConfig(configPath, io.cwd);
    io.stdout(`Unit Testing:  ${file}`);
    const failures = input(() => runAmTests(tf, config), file);
    if (failures.length) {
      failed = true;
      // As promtool: the failure report on stderr.
      io.stderr('  FAILED:');
      io.stderr(formatAmTestFailures(failures, file));
      io.stderr('');
    } else {
      io.stdout('  SUCCESS');
      io.stdout('');
    }
  }
  return failed ? 1 : 0;
}

const labelText = (l: Record<string, string>) =>
  `{${Object.keys(l)
    .sort()
    .map((k) => `${k}="${l[k]}"`)
    .join(', ')}}`;

async function simulate(argv: string[], io: CommandIO): Promise<number> {
  const parsed = parseFlags(argv, { values: ['config', 'run', 'pack', 'phase', 'format'] });
  const configPath = flagString(parsed, 'config');
  const runPath = flagString(parsed, 'run');
  if (!configPath || !runPath) throw new UsageError('give --config FILE and --run result.json');
  const format = flagString(parsed, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`--format must be text or json, not ${JSON.stringify(format)}`);
  const config = loadConfig(configPath, io.cwd);
  const { runs } = readResultRuns(
    runPath,
    io.cwd,
    { pack: flagString(parsed, 'pack'), phase: flagString(parsed, 'phase') },
    'am',
  );
  const out: unknown[] = [];
  for (const run of runs) {
    const alerts: SimAlert[] = run.alerts
      .filter((a) => a.firedAt !== null)
      .map((a) => ({
        labels: { ...a.labels, alertname: a.alertname },
        startsAt: Date.parse(a.firedAt!),
        ...(a.resolvedAt !== null ? { endsAt: Date.parse(a.resolvedAt) } : {}),
      }));
    const sim = input(
      () =>
        simulateAlertmanager(config, alerts, { start: Date.parse(run.window.start), end: Date.parse(run.window.end) }),
      configPath,
    );
    const perReceiver: Record<string, number> = {};
    for (const n of sim.notifications) perReceiver[n.receiver] = (perReceiver[n.receiver] ?? 0) + 1;
    if (format === 'json') {
      out.push({
        pack: run.pack,
        phase: run.phase,
        scenario: run.scenario,
        notifications: sim.notifications.map((n) => ({
          ...n,
          at: formatRfc3339(n.at),
          alerts: n.alerts.map((a) => ({
            ...a,
            startsAt: formatRfc3339(a.startsAt),
            ...(a.endsAt !== undefined ? { endsAt: formatRfc3339(a.endsAt) } : {}),
          })),
        })),
        suppressions: sim.suppressions.map((s) => ({ ...s, at: formatRfc3339(s.at) })),
        perReceiver,
      });
      continue;
    }
    io.stdout(
      `# ${run.pack} ${run.phase} ${run.scenario} (${run.window.start} .. ${run.window.end}): ${sim.notifications.length} notifications, ${sim.suppressions.length} suppressed flushes`,
    );
    for (const n of sim.notifications) {
      const firing = n.alerts.filter((a) => a.status === 'firing').length;
      const resolved = n.alerts.length - firing;
      io.stdout(
        `${formatRfc3339(n.at)}  ${n.receiver}  ${n.integration}  ${labelText(n.groupLabels)}  firing=${firing} resolved=${resolved}`,
      );
      for (const a of n.alerts)
        io.stdout(`    ${a.status === 'firing' ? 'firing  ' : 'resolved'} ${labelText(a.labels)}`);
    }
    io.stdout(
      `# per receiver: ${
        Object.entries(perReceiver)
          .map(([r, c]) => `${r}=${c}`)
          .join(' ') || '(none)'
      }`,
    );
    io.stdout('');
  }
  if (format === 'json') io.stdout(JSON.stringify(out, null, 2));
  return 0;
}

export const amCommand: Command = {
  name: 'am',
  summary: 'Alertmanager routing, test files and notification simulation (v0.27 semantics)',
  help: HELP,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub === 'routes') return routes(rest, io);
    if (sub === 'test') return test(rest, io);
    if (sub === 'simulate') return simulate(rest, io);
    if (sub === undefined || sub === '--help' || sub === '-h') {
      io.stdout(HELP);
      return sub === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown am subcommand ${JSON.stringify(sub)}; use routes, test or simulate`);
  },
};
