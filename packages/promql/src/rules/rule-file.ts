/**
 * Prometheus rule files (`rulefmt`): strict YAML with the group/rule fields of v2.54.1, validated
 * like Prometheus (names, exactly one of record/alert, expressions that parse, label names,
 * templates that parse). Plain rule files and PrometheusRule manifests (`spec.groups`).
 *
 * Across packages: `parseRuleFile(text, options)` returns the groups and every problem as data and
 * never throws; `loadRuleFile(text, options)` returns the groups or throws the package's rule-file
 * error listing the problems; `readRuleFile(path)` reads a file, then parses it.
 */
import { readFileBounded } from '../read-bounded.js';
import type { Node as YamlNode } from 'yaml';
import { parseAndCheck } from '../check/parse-and-check.js';
import { RuleFileError } from '../errors.js';
import { YamlReader } from '../yaml/reader.js';
import { tryParseDuration } from '../duration.js';
import { readRuleFileYaml } from './rule-file-yaml.js';
import type { RuleGroup, Rule } from './types.js';
import { expandTemplate } from '../template/expand.js';

export interface RuleFileProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface LoadedRuleFile {
  file: string;
  groups: RuleGroup[];
  problems: RuleFileProblem[];
}

export interface RuleFileOptions {
  /** File name used in problems (default `<input>`). */
  file?: string;
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Parses rule-file text (plain or PrometheusRule manifest) into groups and problems; never throws. */
export function parseRuleFile(text: string, options: RuleFileOptions = {}): LoadedRuleFile {
  const file = options.file ?? '<input>';
  // Unknown fields are collected by the reader (all of them, as go-yaml lists them); the error it
  // throws is the one problem that stops reading the current section.
  const y = new YamlReader(
    file,
    (message, pos) => new RuleFileError(file, [{ line: pos?.line ?? 0, column: pos?.column ?? 0, message }]),
  );
  const problems: RuleFileProblem[] = [];
  const groups: RuleGroup[] = [];
  const problem = (node: YamlNode | null | undefined, message: string) => {
    const p = y.pos(node) ?? { line: 0, column: 0 };
    problems.push({ file, line: p.line, column: p.column, message });
  };
  const parsed = readRuleFileYaml(text, { version: '1.1' });
  y.source = parsed.source;
  const syntax = parsed.source.errors[0];
  if (syntax)
    return {
      file,
      groups,
      problems: [{ file, line: syntax.line, column: syntax.column, message: `malformed YAML: ${syntax.message}` }],
    };
  const names = new Set<string>();
  for (const section of parsed.sections) {
    try {
      const groupsNode =
        parsed.kind === 'rule-file' ? y.map(section.root, 'rule file', ['groups']).get('groups')?.value : section.node;
      for (const gNode of y.seq(groupsNode, section.path.join('.'))) {
        const g = y.map(gNode, 'rule group', ['name', 'interval', 'query_offset', 'limit', 'rules']);
        const name = y.string(g.get('name')?.value, 'name');
        if (!name) problem(gNode, 'group name must not be empty');
        else if (names.has(name)) problem(g.get('name')!.value, `groupname: "${name}" is repeated in the same file`);
        names.add(name);
        const group: RuleGroup = { name, rules: [] };
        const interval = g.get('interval')?.value;
        if (interval) {
          group.interval = y.string(interval, 'interval');
          const ms = tryParseDuration(group.interval);
          if (ms === undefined) problem(interval, `invalid interval ${JSON.stringify(group.interval)}`);
        }
        const offset = g.get('query_offset')?.value;
        if (offset) {
          group.query_offset = y.string(offset, 'query_offset');
          if (tryParseDuration(group.query_offset) === undefined)
            problem(offset, `invalid query_offset ${JSON.stringify(group.query_offset)}`);
        }
        const limit = g.get('limit')?.value;
        if (limit) group.limit = y.number(limit, 'limit');
        y.seq(g.get('rules')?.value, 'rules').forEach((rNode, idx) => {
          const rule = readRule(y, rNode, name, idx + 1, problem);
          if (rule) group.rules.push(rule);
        });
        groups.push(group);
      }
    } catch (e) {
      if (!(e instanceof RuleFileError)) throw e;
      const [stop] = e.problems;
      if (stop) problems.push({ file, ...stop });
    }
  }
  for (const u of y.unknownFields) problems.push({ file, ...u });
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { file, groups, problems };
}

function readRule(
  y: YamlReader,
  node: YamlNode,
  group: string,
  index: number,
  problem: (node: YamlNode | null | undefined, message: string) => void,
): Rule | undefined {
  const r = y.map(node, 'rule', ['record', 'alert', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations']);
  const record = r.get('record') ? y.string(r.get('record')!.value, 'record') : undefined;
  const alert = r.get('alert') ? y.string(r.get('alert')!.value, 'alert') : undefined;
  const where = `group "${group}", rule ${index}, ${JSON.stringify(record ?? alert ?? '')}`;
  const fail = (n: YamlNode | null | undefined, msg: string) => problem(n ?? node, `${where}: ${msg}`);
  const exprNode = r.get('expr')?.value;
  const expr = y.string(exprNode, 'expr');
  if (record !== undefined && alert !== undefined) fail(node, "only one of 'record' and 'alert' must be set");
  if (record === undefined && alert === undefined) fail(node, "one of 'record' or 'alert' must be set");
  if (record === '' || alert === '') fail(node, "field 'record'/'alert' must not be empty");
  if (!expr) fail(node, "field 'expr' must be set in rule");
  else {
    // Type errors too, as Prometheus' rule loader (parser.ParseExpr) rejects them.
    const res = parseAndCheck(expr);
    const d = res.diagnostics.find((x) => x.severity === 'error');
    if (d) fail(exprNode, `could not parse expression: ${d.line}:${d.column}: parse error: ${d.message}`);
  }
  const labels = r.get('labels') ? y.stringMap(r.get('labels')!.value, 'labels') : undefined;
  const annotations = r.get('annotations') ? y.stringMap(r.get('annotations')!.value, 'annotations') : undefined;
  for (const k of Object.keys(labels ?? {}))
    if (!LABEL_NAME.test(k)) fail(r.get('labels')!.value, `invalid label name: ${k}`);
  if (record !== undefined) {
    if (record && !METRIC_NAME.test(record)) fail(r.get('record')!.value, `invalid recording rule name: ${record}`);
    if (annotations) fail(r.get('annotations')!.key, "invalid field 'annotations' in recording rule");
    if (r.get('for')) fail(r.get('for')!.key, "invalid field 'for' in recording rule");
    if (r.get('keep_firing_for'))
      fail(r.get('keep_firing_for')!.key, "invalid field 'keep_firing_for' in recording rule");
    return { record, expr, ...(labels ? { labels } : {}) };
  }
  if (alert === undefined) return undefined;
  for (const [what, m] of [
    ['label', labels],
    ['annotation', annotations],
  ] as const) {
    for (const [k, v] of Object.entries(m ?? {})) {
      const res = expandTemplate(
        `{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}${v}`,
        null,
      );
      if (!res.ok && res.error.startsWith('error parsing')) fail(node, `msg=${what} ${k}: ${res.error}`);
    }
  }
  const out: Rule = { alert, expr };
  for (const key of ['for', 'keep_firing_for'] as const) {
    const n = r.get(key)?.value;
    if (n) {
      const s = y.string(n, key);
      if (tryParseDuration(s) === undefined) fail(n, `invalid ${key} duration ${JSON.stringify(s)}`);
      else out[key] = s;
    }
  }
  if (labels) out.labels = labels;
  if (annotations) out.annotations = annotations;
  return out;
}

/** Parses rule-file text; throws `RuleFileError` (every problem at file:line:col) when there is any. */
export function loadRuleFile(text: string, options: RuleFileOptions = {}): RuleGroup[] {
  const res = parseRuleFile(text, options);
  if (res.problems.length) {
    const yaml = res.problems[0]!.message.startsWith('malformed YAML: ');
    throw new RuleFileError(
      res.file,
      res.problems.map(({ line, column, message }) => ({ line, column, message })),
      yaml ? { code: 'promql/rule-file-yaml' } : {},
    );
  }
  return res.groups;
}

/**
 * Reads and parses the rule file at `path` (problems name it as given); an unreadable file, or one
 * over `maxBytes` (default 64 MiB), is one problem.
 */
export function readRuleFile(path: string, options: { maxBytes?: number } = {}): LoadedRuleFile {
  let text: string;
  try {
    text = readFileBounded(path, options.maxBytes).toString('utf8');
  } catch (e) {
    return {
      file: path,
      groups: [],
      problems: [{ file: path, line: 0, column: 0, message: `cannot read rule file: ${(e as Error).message}` }],
    };
  }
  return parseRuleFile(text, { file: path });
}
