/**
 * Reads a promtool unit-test YAML file strictly (unknown fields and wrong types are errors, as
 * with promtool's `yaml.UnmarshalStrict`; every unknown field is listed), keeping line numbers.
 * Unusable files throw `UnitTestFileError` with `file:line:column`.
 */
import { isAscii } from 'node:buffer';
import { resolve } from 'node:path';
import type { Node as YamlNode } from 'yaml';
import { formatFileProblem, PromQLError, type FileProblem } from '../errors.js';
import { YamlReader } from '../yaml/reader.js';
import { FileTooLargeError, readFileBounded } from '../read-bounded.js';
import type {
  AlertTestCase,
  ExpectedAlert,
  ExpectedSample,
  InputSeries,
  PromqlTestCase,
  TestGroup,
  UnitTestFile,
} from './model.js';

/** A unit-test file that cannot be used: missing, malformed YAML, wrong shape. */
export class UnitTestFileError extends PromQLError {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** Every problem found (go-yaml lists every unknown field); the message names them all. */
  readonly problems: readonly FileProblem[];
  constructor(
    file: string,
    message: string,
    pos?: { line: number; column: number },
    options?: { cause?: unknown; code?: string; problems?: readonly FileProblem[] },
  ) {
    const problems = options?.problems ?? [{ line: pos?.line ?? 0, column: pos?.column ?? 0, message }];
    super(
      options?.code ?? 'promql/unittest-file',
      problems.length > 1
        ? problems.map((p) => formatFileProblem(file, p)).join('\n')
        : formatFileProblem(file, { ...pos, message }),
      options,
    );
    this.name = 'UnitTestFileError';
    this.file = file;
    this.line = pos?.line;
    this.column = pos?.column;
    this.problems = problems;
  }
}

function unitTestReader(file: string): YamlReader {
  return new YamlReader(
    file,
    (message, pos, problems) =>
      new UnitTestFileError(file, problems[0]?.message ?? message, problems[0] ?? pos, {
        problems,
        ...(message.startsWith('malformed YAML: ') ? { code: 'promql/unittest-yaml' } : {}),
      }),
  );
}

/** Reads and validates a unit-test file. Throws UnitTestFileError when unusable (also over `maxBytes`, default 64 MiB). */
export function loadUnitTestFile(path: string, options: { maxBytes?: number } = {}): UnitTestFile {
  const abs = resolve(path);
  let text: string;
  try {
    // Unit-test files with long input_series are megabytes of ASCII: decode those as latin1 (the
    // same text, without the UTF-8 decoder's cost); anything else as UTF-8.
    const buf = readFileBounded(abs, options.maxBytes);
    text = isAscii(buf) ? buf.toString('latin1') : buf.toString('utf8');
  } catch (e) {
    if (e instanceof FileTooLargeError)
      throw new UnitTestFileError(path, e.message, undefined, { cause: e, code: e.code });
    const code = (e as NodeJS.ErrnoException).code;
    throw new UnitTestFileError(
      path,
      code === 'ENOENT' ? 'no such file' : `cannot read: ${(e as Error).message}`,
      undefined,
      { cause: e, code: 'promql/unittest-read' },
    );
  }
  return parseUnitTestFile(text, path, abs);
}

/** Parses unit-test YAML text (see loadUnitTestFile). `path` is used in messages. */
export function parseUnitTestFile(text: string, path: string, absPath = resolve(path)): UnitTestFile {
  const y = unitTestReader(path);
  const root = y.parse(text);
  const top = y.map(root, 'unit-test file', ['rule_files', 'evaluation_interval', 'group_eval_order', 'tests']);
  const ruleFiles = y.seq(top.get('rule_files')?.value, 'rule_files').map((n) => y.string(n, 'rule_files entry'));
  const evalNode = top.get('evaluation_interval')?.value;
  const evaluationIntervalMs = y.duration(evalNode, 'evaluation_interval') || 60_000;
  const groupEvalOrder = y
    .seq(top.get('group_eval_order')?.value, 'group_eval_order')
    .map((n) => y.string(n, 'group_eval_order entry'));
  const seen = new Set<string>();
  for (const [i, g] of groupEvalOrder.entries()) {
    if (seen.has(g))
      y.fail(y.seq(top.get('group_eval_order')?.value, '')[i], `group name repeated in evaluation order: ${g}`);
    seen.add(g);
  }
  const tests = y.seq(top.get('tests')?.value, 'tests').map((node) => readGroup(y, node));
  y.finish();
  return { path: absPath, ruleFiles, evaluationIntervalMs, groupEvalOrder, tests };
}

function readGroup(y: YamlReader, node: YamlNode): TestGroup {
  const m = y.map(node, 'test group', [
    'interval',
    'input_series',
    'alert_rule_test',
    'promql_expr_test',
    'external_labels',
    'external_url',
    'name',
  ]);
  const inputSeries: InputSeries[] = y.seq(m.get('input_series')?.value, 'input_series').map((n) => {
    const s = y.map(n, 'input series', ['series', 'values']);
    return {
      series: y.string(s.get('series')?.value, 'series'),
      values: y.string(s.get('values')?.value, 'values'),
      line: y.line(n),
    };
  });
  const alertRuleTests: AlertTestCase[] = y.seq(m.get('alert_rule_test')?.value, 'alert_rule_test').map((n) => {
    const a = y.map(n, 'alert_rule_test item', ['eval_time', 'alertname', 'exp_alerts']);
    const expAlerts: ExpectedAlert[] = y.seq(a.get('exp_alerts')?.value, 'exp_alerts').map((e) => {
      const x = y.map(e, 'exp_alerts item', ['exp_labels', 'exp_annotations']);
      return {
        expLabels: y.stringMap(x.get('exp_labels')?.value, 'exp_labels'),
        expAnnotations: y.stringMap(x.get('exp_annotations')?.value, 'exp_annotations'),
      };
    });
    return {
      evalTimeMs: y.duration(a.get('eval_time')?.value, 'eval_time'),
      alertname: y.string(a.get('alertname')?.value, 'alertname'),
      expAlerts,
      line: y.line(n),
    };
  });
  const promqlExprTests: PromqlTestCase[] = y.seq(m.get('promql_expr_test')?.value, 'promql_expr_test').map((n) => {
    const p = y.map(n, 'promql_expr_test item', ['expr', 'eval_time', 'exp_samples']);
    const expSamples: ExpectedSample[] = y.seq(p.get('exp_samples')?.value, 'exp_samples').map((e) => {
      const s = y.map(e, 'exp_samples item', ['labels', 'value', 'histogram']);
      const h = s.get('histogram')?.value;
      return {
        labels: y.string(s.get('labels')?.value, 'labels'),
        value: y.number(s.get('value')?.value, 'value'),
        ...(h ? { histogram: y.string(h, 'histogram') } : {}),
      };
    });
    return {
      expr: y.string(p.get('expr')?.value, 'expr'),
      evalTimeMs: y.duration(p.get('eval_time')?.value, 'eval_time'),
      expSamples,
      line: y.line(n),
    };
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
