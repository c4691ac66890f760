/**
 * Reads a promtool unit-test YAML file strictly (unknown fields and wrong types are errors, as
 * with promtool's `yaml.UnmarshalStrict`), keeping line numbers. Unusable files throw
 * `UnitTestFileError` with `file:line:column`.
 */
import { isAscii } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import { PromQLError } from '../errors.js';
import { parseDuration } from '../duration.js';
import type { AlertTestCase, ExpectedAlert, ExpectedSample, InputSeries, PromqlTestCase, TestGroup, UnitTestFile } from './model.js';

/** A unit-test (or rule) file that cannot be used: missing, malformed YAML, wrong shape. */
export class UnitTestFileError extends PromQLError {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  constructor(file: string, message: string, pos?: { line: number; column: number }, options?: { cause?: unknown; code?: string }) {
    super(options?.code ?? 'promql/unittest-file', `${file}${pos ? `:${pos.line}:${pos.column}` : ''}: ${message}`, options);
    this.name = 'UnitTestFileError';
    this.file = file;
    this.line = pos?.line;
    this.column = pos?.column;
  }
}

/** Helper that walks a YAML document with positions and strict typing. */
export class YamlReader {
  readonly lines = new LineCounter();
  constructor(readonly file: string) {}

  pos(node: YamlNode | null | undefined): { line: number; column: number } | undefined {
    const off = node?.range?.[0];
    if (off === undefined) return undefined;
    const p = this.lines.linePos(off);
    return { line: p.line, column: p.col };
  }

  fail(node: YamlNode | null | undefined, message: string): never {
    throw new UnitTestFileError(this.file, message, this.pos(node));
  }

  parse(text: string): YamlNode | null {
    const doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true, version: '1.1' });
    const err = doc.errors[0];
    if (err) {
      const p = this.lines.linePos(err.pos[0]);
      throw new UnitTestFileError(this.file, `malformed YAML: ${err.message.split('\n')[0]}`, { line: p.line, column: p.col }, { code: 'promql/unittest-yaml' });
    }
    return doc.contents as YamlNode | null;
  }

  /** The pairs of a mapping, rejecting keys not in `known` (what = the type name for the message). */
  map(node: YamlNode | null | undefined, what: string, known: readonly string[]): Map<string, { key: YamlNode; value: YamlNode | null }> {
    if (node === null || node === undefined || (isScalar(node) && node.value === null)) return new Map();
    if (!isMap(node)) this.fail(node, `${what} must be a mapping`);
    const out = new Map<string, { key: YamlNode; value: YamlNode | null }>();
    for (const pair of (node as YAMLMap).items as Pair<YamlNode, YamlNode | null>[]) {
      const key = pair.key;
      const name = isScalar(key) ? String(key.value) : '';
      if (!known.includes(name)) this.fail(key, `field ${name} not found in ${what} (known fields: ${known.join(', ')})`);
      out.set(name, { key, value: pair.value });
    }
    return out;
  }

  seq(node: YamlNode | null | undefined, what: string): YamlNode[] {
    if (node === null || node === undefined || (isScalar(node) && node.value === null)) return [];
    if (!isSeq(node)) this.fail(node, `${what} must be a list`);
    return node.items as YamlNode[];
  }

  string(node: YamlNode | null | undefined, what: string): string {
    if (node === null || node === undefined) return '';
    if (!isScalar(node)) this.fail(node, `${what} must be a string`);
    const v = node.value;
    if (v === null) return '';
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(node.source ?? v);
    return this.fail(node, `${what} must be a string`);
  }

  number(node: YamlNode | null | undefined, what: string): number {
    if (node === null || node === undefined) return 0;
    if (!isScalar(node) || typeof node.value !== 'number') this.fail(node, `${what} must be a number, got ${isScalar(node) ? JSON.stringify(node.value) : 'a collection'}`);
    return node.value as number;
  }

  duration(node: YamlNode | null | undefined, what: string): number {
    if (node === null || node === undefined) return 0;
    const text = isScalar(node) && typeof node.value === 'number' ? String(node.value) : this.string(node, what);
    try {
      return parseDuration(text);
    } catch (e) {
      return this.fail(node, `${what}: ${(e as Error).message}`);
    }
  }

  stringMap(node: YamlNode | null | undefined, what: string): Record<string, string> {
    if (node === null || node === undefined || (isScalar(node) && node.value === null)) return {};
    if (!isMap(node)) this.fail(node, `${what} must be a mapping of strings`);
    const out: Record<string, string> = {};
    for (const pair of (node as YAMLMap).items as Pair<YamlNode, YamlNode | null>[]) {
      const k = this.string(pair.key, `${what} key`);
      out[k] = this.string(pair.value, `${what}.${k}`);
    }
    return out;
  }

  line(node: YamlNode | null | undefined): number {
    return this.pos(node)?.line ?? 0;
  }
}

/** Reads and validates a unit-test file. Throws UnitTestFileError when unusable. */
export function loadUnitTestFile(path: string): UnitTestFile {
  const abs = resolve(path);
  let text: string;
  try {
    // Unit-test files with long input_series are megabytes of ASCII: decode those as latin1 (the
    // same text, without the UTF-8 decoder's cost); anything else as UTF-8.
    const buf = readFileSync(abs);
    text = isAscii(buf) ? buf.toString('latin1') : buf.toString('utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UnitTestFileError(path, code === 'ENOENT' ? 'no such file' : `cannot read: ${(e as Error).message}`, undefined, { cause: e, code: 'promql/unittest-read' });
  }
  return parseUnitTestFile(text, path, abs);
}

/** Parses unit-test YAML text (see loadUnitTestFile). `path` is used in messages. */
export function parseUnitTestFile(text: string, path: string, absPath = resolve(path)): UnitTestFile {
  const y = new YamlReader(path);
  const root = y.parse(text);
  const top = y.map(root, 'unit-test file', ['rule_files', 'evaluation_interval', 'group_eval_order', 'tests']);
  const ruleFiles = y.seq(top.get('rule_files')?.value, 'rule_files').map((n) => y.string(n, 'rule_files entry'));
  const evalNode = top.get('evaluation_interval')?.value;
  const evaluationIntervalMs = y.duration(evalNode, 'evaluation_interval') || 60_000;
  const groupEvalOrder = y.seq(top.get('group_eval_order')?.value, 'group_eval_order').map((n) => y.string(n, 'group_eval_order entry'));
  const seen = new Set<string>();
  for (const [i, g] of groupEvalOrder.entries()) {
    if (seen.has(g)) y.fail(y.seq(top.get('group_eval_order')?.value, '')[i], `group name repeated in evaluation order: ${g}`);
    seen.add(g);
  }
  const tests = y.seq(top.get('tests')?.value, 'tests').map((node) => readGroup(y, node));
  return { path: absPath, ruleFiles, evaluationIntervalMs, groupEvalOrder, tests };
}

function readGroup(y: YamlReader, node: YamlNode): TestGroup {
  const m = y.map(node, 'test group', ['interval', 'input_series', 'alert_rule_test', 'promql_expr_test', 'external_labels', 'external_url', 'name']);
  const inputSeries: InputSeries[] = y.seq(m.get('input_series')?.value, 'input_series').map((n) => {
    const s = y.map(n, 'input series', ['series', 'values']);
    return { series: y.string(s.get('series')?.value, 'series'), values: y.string(s.get('values')?.value, 'values'), line: y.line(n) };
  });
  const alertRuleTests: AlertTestCase[] = y.seq(m.get('alert_rule_test')?.value, 'alert_rule_test').map((n) => {
    const a = y.map(n, 'alert_rule_test item', ['eval_time', 'alertname', 'exp_alerts']);
    const expAlerts: ExpectedAlert[] = y.seq(a.get('exp_alerts')?.value, 'exp_alerts').map((e) => {
      const x = y.map(e, 'exp_alerts item', ['exp_labels', 'exp_annotations']);
      return { expLabels: y.stringMap(x.get('exp_labels')?.value, 'exp_labels'), expAnnotations: y.stringMap(x.get('exp_annotations')?.value, 'exp_annotations') };
    });
    return { evalTimeMs: y.duration(a.get('eval_time')?.value, 'eval_time'), alertname: y.string(a.get('alertname')?.value, 'alertname'), expAlerts, line: y.line(n) };
  });
  const promqlExprTests: PromqlTestCase[] = y.seq(m.get('promql_expr_test')?.value, 'promql_expr_test').map((n) => {
    const p = y.map(n, 'promql_expr_test item', ['expr', 'eval_time', 'exp_samples']);
    const expSamples: ExpectedSample[] = y.seq(p.get('exp_samples')?.value, 'exp_samples').map((e) => {
      const s = y.map(e, 'exp_samples item', ['labels', 'value', 'histogram']);
      const h = s.get('histogram')?.value;
      return { labels: y.string(s.get('labels')?.value, 'labels'), value: y.number(s.get('value')?.value, 'value'), ...(h ? { histogram: y.string(h, 'histogram') } : {}) };
    });
    return { expr: y.string(p.get('expr')?.value, 'expr'), evalTimeMs: y.duration(p.get('eval_time')?.value, 'eval_time'), expSamples, line: y.line(n) };
  });
  return {
    intervalMs: y.duration(m.get('interval')?.value, 'interval'),
    inputSeries,
    alertRuleTests,
    promqlExprTests,
    externalLabels: y.stringMap(m.get('external_labels')?.value, 'external_labels'),
    externalURL: y.string(m.get('external_url')?.value, 'external_url'),
    name: y.string(m.get('name')?.value, 'name'),
    line: y.line(node),
  };
}
