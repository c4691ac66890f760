/**
 * `alertcraft slo`: SLO rules from a Sloth or OpenSLO spec (`slo generate`) and the multi-window
 * burn-rate table for an objective and period (`slo table`), both from `@alertcraft/slo-math`.
 */
import { emitRuleFile } from '@alertcraft/rule-dsl';
import {
  burnTiers,
  emitUnitTests,
  generateRules,
  generateUnitTests,
  humanDuration,
  positiveDuration,
  readSloFile,
  SloInputError,
  windowTable,
  durationText,
  checkObjective,
  clean,
  type TierRow,
} from '@alertcraft/slo-math';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { flagString, InputError, parseFlags, UsageError, type Command, type CommandIO } from '../command.js';
import { readTextInput } from '../read-input.js';

const HELP = [
  'Usage: alertcraft slo generate FILE --out DIR [--period 30d] [--no-tests]',
  '       alertcraft slo table --objective 99.9 [--window 30d] [--json]',
  '',
  'generate: reads a Sloth (version: prometheus/v1) or OpenSLO (apiVersion: openslo/v1 or',
  'openslo/v1alpha) spec and writes DIR/<name>.rules.yaml (recording rules, page and ticket',
  'multi-window burn-rate alerts, an absent-metric alert) and the promtool unit tests',
  'DIR/<name>.fast.test.yaml and DIR/<name>.slow.test.yaml proving each alert fires within its',
  'computed detection time, resets after its computed reset time and stays quiet at a 1x burn.',
  'SLOs whose test series cannot be derived from the SLI (Sloth sli.raw error-ratio queries, queries',
  'over several selectors or gauges) get rules but no tests; each is named on stderr.',
  '',
  'table: the burn-rate tiers (SRE workbook, windows scaled to the period): long and short window,',
  'burn factor, error-ratio threshold, budget consumed before firing, detection time at 100 %',
  "errors and at the tier's own burn, reset time after a 100 % outage.",
  '',
  'Options:',
  '  --out DIR        output directory (created when missing)',
  '  --period D       SLO period for Sloth specs, which carry none (default 30d)',
  '  --no-tests       write only the rules',
  '  --objective P    percentage, above 0 and below 100',
  '  --window D       SLO period (default 30d)',
  '  --json           table as JSON',
  '',
  'Exit codes: 0 written / printed, 2 bad usage or input (the message names the field).',
].join('\n');

function asInput(err: unknown): never {
  if (err instanceof SloInputError) throw new InputError(err.message, { code: err.code, cause: err });
  throw err;
}

function pct(x: number): string {
  return `${clean(x * 100)}%`;
}

function tableText(rows: TierRow[]): string[] {
  const head = [
    'tier',
    'severity',
    'long',
    'short',
    'factor',
    'threshold',
    'budget consumed',
    'detect @100%',
    'detect @factor',
    'reset @100%',
  ];
  const body = rows.map((r) => [
    r.tier,
    r.severity,
    durationText(r.longMs),
    durationText(r.shortMs),
    String(r.factor),
    pct(r.threshold),
    pct(r.budgetConsumed),
    humanDuration(r.detectionAtFullOutageMs),
    humanDuration(r.detectionAtOwnBurnMs),
    humanDuration(r.resetAfterFullOutageMs),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  return [head, ...body].map((cells) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
}

function table(argv: string[], io: CommandIO): number {
  const parsed = parseFlags(argv, { values: ['objective', 'window'], booleans: ['json'] });
  if (parsed.positionals.length)
    throw new UsageError(`slo table takes no arguments, got ${parsed.positionals.join(' ')}`);
  const o = flagString(parsed, 'objective');
  if (o === undefined) throw new UsageError('--objective P is required (a percentage such as 99.9)');
  const objective = Number(o);
  if (o.trim() === '' || Number.isNaN(objective))
    throw new InputError(`--objective: expected a number (a percentage such as 99.9), got ${JSON.stringify(o)}`, {
      code: 'slo/invalid-objective',
    });
  try {
    checkObjective(objective, '--objective');
    const periodMs = positiveDuration('--window', flagString(parsed, 'window') ?? '30d');
    const rows = windowTable(objective, periodMs, burnTiers({ periodMs }));
    if (parsed.flags.json)
      io.stdout(JSON.stringify({ objective, periodMs, period: durationText(periodMs), tiers: rows }, null, 2));
    else for (const l of tableText(rows)) io.stdout(l);
  } catch (err) {
    asInput(err);
  }
  return 0;
}

function generate(argv: string[], io: CommandIO): number {
  const parsed = parseFlags(argv, { values: ['out', 'period'], booleans: ['no-tests'] });
  if (parsed.positionals.length !== 1) throw new UsageError('slo generate takes one spec FILE');
  const out = flagString(parsed, 'out');
  if (!out) throw new UsageError('--out DIR is required');
  const file = parsed.positionals[0]!;
  const input = readTextInput(file, io.cwd, 'SLO spec');
  const period = flagString(parsed, 'period');
  try {
    if (period !== undefined) positiveDuration('--period', period);
    const specs = readSloFile(input.text, file, { period });
    const stem = basename(file, extname(file));
    const dir = resolve(io.cwd, out);
    mkdirSync(dir, { recursive: true });
    const rulesName = `${stem}.rules.yaml`;
    const written = [join(dir, rulesName)];
    writeFileSync(written[0]!, emitRuleFile(generateRules(specs)));
    if (!parsed.flags['no-tests']) {
      const onSkip = (s: { name: string }, why: SloInputError): void =>
        io.stderr(`slo ${s.name}: no unit tests generated (${why.message})`);
      for (const t of generateUnitTests(specs, rulesName, { onSkip })) {
        const p = join(dir, `${stem}.${t.name}.test.yaml`);
        writeFileSync(p, emitUnitTests(t.data));
        written.push(p);
      }
    }
    for (const p of written) io.stdout(p);
  } catch (err) {
    asInput(err);
  }
  return 0;
}

export const sloCommand: Command = {
  name: 'slo',
  summary: 'Generate SLO burn-rate rules and tests from Sloth/OpenSLO specs; print the burn-rate window table',
  help: HELP,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub === 'generate') return generate(rest, io);
    if (sub === 'table') return table(rest, io);
    if (sub === undefined || sub === '--help' || sub === '-h') {
      io.stdout(HELP);
      return sub === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown slo subcommand '${sub}'; expected generate or table`);
  },
};
