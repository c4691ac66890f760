/**
 * `alertcraft grafana`: Grafana 11.2 documents without a Grafana.
 *   validate FILE...  dashboards and alert-rule files, each problem with its JSON path and the fix;
 *   convert FILE      an alert-rule document from one of Grafana's three shapes to another.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  ALERT_SHAPES,
  datasourceIndex,
  DOCUMENT_KINDS,
  GrafanaJsonError,
  readAlertDocument,
  validateDocument,
  withContext,
  writeAlertDocument,
  type AlertDocumentKind,
  type AlertShape,
  type DatasourceIndex,
  type DocumentKind,
  type Problem,
} from '@alertcraft/grafana-json';
import { readYaml } from '@alertcraft/promql';
import { stringify as yamlStringify } from 'yaml';
import { flagString, InputError, parseFlags, UsageError, type Command, type CommandIO } from '../command.js';
import { parseJsonInput, readTextInput, type TextInput } from '../read-input.js';
import { APPLY_HELP, apply } from './grafana-apply.js';
import { BACKUP_HELP, backupCommand, restoreCommand } from './grafana-backup.js';

const HELP = [
  'Usage: alertcraft grafana validate FILE... [--for KIND] [--datasources FILE] [--format text|json]',
  '       alertcraft grafana convert FILE --to provisioning-api|file|ruler [--from KIND] [--folder-uid U]',
  '                                  [--folder-title T] [--out FILE] [--format json|yaml]',
  APPLY_HELP[0]!.replace('Usage: ', '       '),
  BACKUP_HELP[0]!.replace('Usage: ', '       '),
  BACKUP_HELP[1]!,
  '',
  'validate reads Grafana 11.2 dashboards and Grafana-managed alert-rule files (JSON, or YAML for',
  'provisioning files) and reports each problem as "FILE PATH severity code message (fix: ...)". It checks',
  'the grafana-foundation-sdk v11.2.x JSON Schemas and what they cannot see: an export posted to the API,',
  'a group interval of 0 or off the 10 s tick, a condition naming no refId in data, camelCase keys inside',
  "the ruler's grafana_alert, provenance and read-only fields, a missing rule group, keys 11.2 ignores",
  '(keep_firing_for, ...), duplicate panel ids (rows too), overlapping panels, uids over 40 characters',
  'or outside [A-Za-z0-9_-], unknown datasources, flat threshold arrays, per-minute legends on per-second',
  'rates, heatmaps over timestamp().',
  '',
  'convert reads an alert-rule document (shape inferred unless --from) and writes it in another shape.',
  'provisioning-api is the rule-group body of PUT /api/v1/provisioning/folder/{uid}/rule-groups/{group};',
  'file is a provisioning file / export (apiVersion: 1, groups); ruler is the body of',
  'POST /api/ruler/grafana/api/v1/rules/{folderUid}. Shapes without the folder uid (file, ruler) or title',
  '(provisioning-api, ruler) need --folder-uid / --folder-title when the target shape holds them.',
  '',
  'Options:',
  `  --for KIND           what the file is meant for: ${DOCUMENT_KINDS.join(', ')}`,
  '                       (default: inferred from its keys). provisioning-api is one rule for',
  '                       POST /api/v1/provisioning/alert-rules; dashboard-import the POST /api/dashboards/db body',
  '  --datasources FILE   JSON of GET /api/datasources (or { datasources: [...] }): uids not in it are errors',
  '  --format             validate: text or json (default text); convert: json or yaml (default json, yaml for --to file)',
  '  --out FILE           convert: write there instead of stdout',
  '',
  ...APPLY_HELP.slice(2),
  '',
  ...BACKUP_HELP.slice(3),
  '',
  'Exit codes: 0 no error, 1 at least one error-severity problem, 2 bad usage or unreadable input.',
].join('\n');

function parseDocument(input: TextInput): unknown {
  const t = input.text.trimStart();
  if (t.startsWith('{') || t.startsWith('[') || input.path.endsWith('.json')) return parseJsonInput(input);
  const y = readYaml(input.text);
  const e = y.errors[0];
  if (e)
    throw new InputError(`invalid YAML: ${e.message}`, {
      where: `${input.path}:${e.line}:${e.column}`,
      code: 'cli/bad-yaml',
    });
  return y.documents[0]?.toJS() ?? null;
}

function readDocument(path: string, cwd: string): unknown {
  return parseDocument(readTextInput(path, cwd, 'Grafana document'));
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, got '${value}'`);
  return value as T;
}

function formatProblem(file: string, p: Problem): string {
  return `${file} ${p.path} ${p.severity} ${p.code} ${p.message} (fix: ${p.fix})`;
}

async function validate(argv: string[], io: CommandIO): Promise<number> {
  const parsed = parseFlags(argv, { values: ['for', 'datasources', 'format'] });
  const kind = oneOf(flagString(parsed, 'for'), DOCUMENT_KINDS, '--for') as DocumentKind | undefined;
  const format = oneOf(flagString(parsed, 'format'), ['text', 'json'] as const, '--format') ?? 'text';
  if (parsed.positionals.length === 0) throw new UsageError('give at least one FILE to validate');
  let datasources: DatasourceIndex | undefined;
  const dsPath = flagString(parsed, 'datasources');
  if (dsPath !== undefined) {
    try {
      datasources = datasourceIndex(parseJsonInput(readTextInput(dsPath, io.cwd, 'datasources file')));
    } catch (err) {
      if (err instanceof InputError) throw err;
      throw new InputError(`not a datasources list: ${(err as Error).message}`, {
        where: dsPath,
        code: 'grafana/datasources',
      });
    }
  }
  const docs = parsed.positionals.map((file) => ({ file, value: readDocument(file, io.cwd) }));
  const results = docs.map(({ file, value }) => ({ file, ...validateDocument(value, { kind, datasources }) }));
  let errors = 0;
  let warnings = 0;
  for (const r of results) {
    errors += r.problems.filter((p) => p.severity === 'error').length;
    warnings += r.problems.filter((p) => p.severity === 'warning').length;
  }
  if (format === 'json') io.stdout(JSON.stringify(results, null, 2));
  else {
    for (const r of results) for (const p of r.problems) io.stdout(formatProblem(r.file, p));
    const kinds = results.map((r) => `${r.file}: ${r.kind ?? 'unknown'}`).join(', ');
    io.stderr(`${results.length} file(s) (${kinds}): ${errors} error(s), ${warnings} warning(s)`);
  }
  return errors > 0 ? 1 : 0;
}

async function convert(argv: string[], io: CommandIO): Promise<number> {
  const parsed = parseFlags(argv, { values: ['to', 'from', 'folder-uid', 'folder-title', 'out', 'format'] });
  if (parsed.positionals.length !== 1) throw new UsageError('give exactly one FILE to convert');
  const to = oneOf(flagString(parsed, 'to'), ALERT_SHAPES, '--to') as AlertShape | undefined;
  if (to === undefined) throw new UsageError(`--to is required: ${ALERT_SHAPES.join(', ')}`);
  const fromKinds: readonly AlertDocumentKind[] = ['provisioning-api', 'provisioning-api-group', 'file', 'ruler'];
  const from = oneOf(flagString(parsed, 'from'), fromKinds, '--from');
  const format =
    oneOf(flagString(parsed, 'format'), ['json', 'yaml'] as const, '--format') ?? (to === 'file' ? 'yaml' : 'json');
  const folderUid = flagString(parsed, 'folder-uid');
  const folderTitle = flagString(parsed, 'folder-title');
  if (folderUid !== undefined && !/^[A-Za-z0-9_-]{1,40}$/.test(folderUid)) {
    throw new UsageError(`--folder-uid '${folderUid}' must be 1 to 40 characters of [A-Za-z0-9_-]`);
  }
  const file = parsed.positionals[0];
  const value = readDocument(file, io.cwd);
  let text: string;
  try {
    const groups = withContext(readAlertDocument(value, from, {}), { folderUid, folderTitle });
    const out = writeAlertDocument(groups, to);
    text = format === 'yaml' ? yamlStringify(out, { lineWidth: 0 }) : `${JSON.stringify(out, null, 2)}\n`;
  } catch (err) {
    if (err instanceof GrafanaJsonError)
      throw new InputError(err.message.slice(err.path.length + 2), {
        where: `${file} ${err.path}`,
        code: err.code,
        cause: err,
      });
    throw err;
  }
  const outPath = flagString(parsed, 'out');
  if (outPath === undefined) io.stdout(text.replace(/\n$/, ''));
  else {
    writeFileSync(resolve(io.cwd, outPath), text);
    io.stderr(`wrote ${outPath} (${to})`);
  }
  return 0;
}

export const grafanaCommand: Command = {
  name: 'grafana',
  summary:
    'Validate Grafana 11.2 dashboards and alert rules; convert alert rules between shapes; apply a pack, back up and restore a Grafana',
  help: HELP,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub === 'validate') return validate(rest, io);
    if (sub === 'convert') return convert(rest, io);
    if (sub === 'apply') return apply(rest, io);
    if (sub === 'backup') return backupCommand(rest, io);
    if (sub === 'restore') return restoreCommand(rest, io);
    throw new UsageError(
      sub === undefined
        ? 'give a subcommand: validate, convert, apply, backup or restore'
        : `unknown subcommand '${sub}': validate, convert, apply, backup or restore`,
    );
  },
};
