/**
 * `alertcraft lint`: lints a Prometheus rule file, or the rendered phases of a seed pack, with the
 * rule DSL's checks (PromQL parse/type errors plus rule-level lint) and prints
 * `file:line:col severity code message`. Exit 1 when any diagnostic has error severity.
 */
import {
  emitRuleFile,
  isDuration,
  lintFile,
  MetricMetadataError,
  metricTypesFromMetadata,
  type LintDiagnostic,
  type MetricTypes,
  type RuleFile,
} from '@alertcraft/rule-dsl';
import { isAbsolute, relative } from 'node:path';
import { flagString, formatFlag, InputError, parseFlags, UsageError, type Command } from '../command.js';
import { parseJsonInput, readTextInput } from '../read-input.js';

interface Target {
  /** Name shown in diagnostics. */
  file: string;
  text: string;
  scrapeInterval: string;
  evaluationInterval?: string;
}

function formatLine(d: LintDiagnostic): string {
  const where = `${d.file ?? '-'}:${d.line ?? 1}:${d.column ?? 1}`;
  return `${where} ${d.severity} ${d.code} ${d.message.replace(/\s*\n\s*/g, ' ')}`;
}

export const lintCommand: Command = {
  name: 'lint',
  summary: 'Lint a Prometheus rule file or a seed pack (PromQL errors and rule mistakes)',
  help: [
    'Usage: alertcraft lint FILE [--scrape-interval 30s] [--evaluation-interval 1m] [--metadata FILE.json] [--format text|json]',
    '       alertcraft lint --pack P [--phase PH] [--baselines FILE.json] [--scrape-interval D] [--format text|json]',
    '',
    'Parses and type-checks every expression as Prometheus v2.54.1 does, then runs the rule-level',
    'checks (rate over a gauge, rate() windows under 4 scrape intervals, per-second rates against',
    'per-minute thresholds, ratios without traffic guards, impossible vector matches, for shorter',
    'than the evaluation interval, $value in labels, ...).',
    '',
    'With --pack, lints the rendered rule file of one phase, or of every phase when --phase is left',
    "out; the pack's scrape and evaluation intervals are the defaults, and its example baselines are",
    'used unless --baselines is given. Diagnostics name <pack>-<phase>.rules.yaml (the file',
    "'alertcraft emit --format prometheus' writes).",
    '',
    'Options:',
    "  --scrape-interval D      scrape interval of the metrics the rules read (default 30s, or the pack's)",
    "  --evaluation-interval D  interval of groups that set none (default 1m, or the pack's)",
    "  --metadata FILE.json     metric types, as saved from Prometheus' /api/v1/metadata (or a",
    '                           {"metric": "counter"} map); rate() over a series it types as a gauge is a',
    '                           warning, over one it types as a counter nothing; without it, a guess from',
    '                           the name alone (no _total suffix) is only info',
    '  --format text|json       text: one "file:line:col severity code message" line per finding, and a',
    '                           summary on stderr; json: an array of diagnostics (default text)',
    '',
    'Exit codes: 0 no error-severity finding, 1 at least one (a parse or type error is one),',
    '2 bad usage or unusable input (missing/empty/binary/too large file, malformed YAML, not a rule file).',
  ].join('\n'),
  async run(argv, io) {
    const parsed = parseFlags(argv, {
      values: ['pack', 'phase', 'baselines', 'scrape-interval', 'evaluation-interval', 'format', 'metadata'],
    });
    const format = formatFlag(flagString(parsed, 'format'), ['text', 'json'] as const, 'text');
    const packName = flagString(parsed, 'pack');
    const scrape = flagString(parsed, 'scrape-interval');
    const evaluation = flagString(parsed, 'evaluation-interval');
    for (const [flag, v] of [
      ['--scrape-interval', scrape],
      ['--evaluation-interval', evaluation],
    ] as const) {
      if (v !== undefined && (!isDuration(v) || /^0+(ms|s|m|h|d|w|y)?$/.test(v)))
        throw new UsageError(`${flag} '${v}' is not a positive Prometheus duration like 30s or 1m`);
    }
    const metadataPath = flagString(parsed, 'metadata');
    let metricTypes: MetricTypes | undefined;
    if (metadataPath !== undefined) {
      const input = readTextInput(metadataPath, io.cwd, 'metadata file');
      try {
        metricTypes = metricTypesFromMetadata(parseJsonInput(input));
      } catch (err) {
        if (err instanceof MetricMetadataError)
          throw new InputError(`not Prometheus metric metadata: ${err.message}`, {
            where: `${metadataPath} ${err.path}`,
            code: err.code,
            cause: err,
          });
        throw err;
      }
    }
    const targets: Target[] = [];
    if (packName !== undefined) {
      if (parsed.positionals.length) throw new UsageError('give either FILE or --pack, not both');
      // The pack registry (and every seed pack) loads only here, so linting a file stays quick.
      const [{ phaseIds, renderPhase }, { asInputError, loadInputs, packFlag, phaseFlag }] = await Promise.all([
        import('../../pack-registry/registry.js'),
        import('../pack-flags.js'),
      ]);
      const pack = packFlag(packName);
      const phaseArg = flagString(parsed, 'phase');
      const phases = phaseArg === undefined ? phaseIds(pack) : [phaseFlag(pack, phaseArg)];
      const loaded = loadInputs(pack, flagString(parsed, 'baselines'), io.cwd);
      for (const phase of phases) {
        let file: RuleFile;
        try {
          file = renderPhase(pack, phase, loaded.inputs, { check: false });
        } catch (err) {
          asInputError(err, loaded.source);
          throw err;
        }
        targets.push({
          file: `${pack.name}-${phase}.rules.yaml`,
          text: emitRuleFile(file),
          scrapeInterval: scrape ?? pack.rules.scrapeInterval,
          evaluationInterval: evaluation ?? pack.rules.evaluationInterval,
        });
      }
    } else {
      if (flagString(parsed, 'phase') !== undefined || flagString(parsed, 'baselines') !== undefined)
        throw new UsageError('--phase and --baselines need --pack');
      if (parsed.positionals.length === 0) throw new UsageError('give a rule FILE or --pack P');
      for (const path of parsed.positionals) {
        const input = readTextInput(path, io.cwd, 'rule file');
        const rel = relative(io.cwd, input.absolute);
        targets.push({
          file: rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : input.absolute,
          text: input.text,
          scrapeInterval: scrape ?? '30s',
          ...(evaluation !== undefined ? { evaluationInterval: evaluation } : {}),
        });
      }
    }

    const all: LintDiagnostic[] = [];
    for (const t of targets) {
      const diags = lintFile(t.text, t.file, {
        scrapeInterval: t.scrapeInterval,
        ...(t.evaluationInterval !== undefined ? { evaluationInterval: t.evaluationInterval } : {}),
        ...(metricTypes ? { metricTypes } : {}),
      });
      const yamlError = diags.find((d) => d.code === 'yaml/parse' || (d.code === 'yaml/shape' && d.path === 'groups'));
      if (yamlError) {
        const what =
          yamlError.code === 'yaml/parse'
            ? `malformed YAML: ${yamlError.message}`
            : `not a Prometheus rule file: ${yamlError.message}`;
        throw new InputError(what, {
          where: `${t.file}:${yamlError.line ?? 1}:${yamlError.column ?? 1}`,
          code: yamlError.code,
        });
      }
      all.push(...diags.map((d) => ({ ...d, file: d.file ?? t.file })));
    }
    const count = (s: string): number => all.filter((d) => d.severity === s).length;
    if (format === 'json') io.stdout(JSON.stringify(all, null, 2));
    else {
      for (const d of all) io.stdout(formatLine(d));
      const n = (k: number, w: string): string => `${k} ${w}${k === 1 ? '' : 's'}`;
      io.stderr(
        `${n(targets.length, 'file')} linted: ${n(count('error'), 'error')}, ${n(count('warning'), 'warning')}, ${count('info')} info`,
      );
    }
    return count('error') > 0 ? 1 : 0;
  },
};
