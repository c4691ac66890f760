import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import type { RuleDslDiagnostic } from '../diagnostics.js';
import { LoadError } from '../errors.js';
import { checkExpr } from '../expr-check.js';
import type { AlertingRule, RecordingRule, Rule, RuleFile, RuleGroup } from '../model.js';
import { readRuleFileYaml } from '@alertcraft/promql';
import { convert, position, report, shapeContext, type Shape, type ShapeContext } from './yaml-shape.js';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

const ruleShape: Shape = {
  kind: 'object',
  fields: {
    record: { kind: 'string' },
    alert: { kind: 'string' },
    expr: { kind: 'string' },
    for: { kind: 'duration' },
    keep_firing_for: { kind: 'duration' },
    labels: { kind: 'stringMap', keyPattern: LABEL_NAME, keyHint: 'label names match [a-zA-Z_][a-zA-Z0-9_]*' },
    annotations: {
      kind: 'stringMap',
      keyPattern: LABEL_NAME,
      keyHint: 'annotation names match [a-zA-Z_][a-zA-Z0-9_]*',
    },
  },
};

const groupShape: Shape = {
  kind: 'object',
  fields: {
    name: { kind: 'string', nonEmpty: true },
    interval: { kind: 'duration' },
    limit: { kind: 'int', min: 0 },
    query_offset: { kind: 'duration' },
    rules: { kind: 'any' },
  },
  required: ['name'],
};

export interface LoadRulesOptions {
  /** File name used in messages (default `<input>`). */
  file?: string;
  /** Parse and type-check every `expr` (default true; a no-op until `@alertcraft/promql` provides a parser). */
  checkExpressions?: boolean;
}

export interface ParsedRuleFile {
  /** The model; present when there is no error-severity diagnostic. */
  value?: RuleFile;
  diagnostics: RuleDslDiagnostic[];
}

/**
 * Parse a Prometheus rule file (or the `spec.groups` of PrometheusRule manifests) into the model
 * without throwing: every problem (YAML syntax,
 * wrong shape, Prometheus rule-file rules such as "exactly one of record/alert", invalid
 * expressions) is a diagnostic with path and 1-based line/column.
 */
export function parseRuleFile(text: string, opts: LoadRulesOptions = {}): ParsedRuleFile {
  const yaml = readRuleFileYaml(text);
  const ctx = shapeContext(yaml.source, 'load');
  if (ctx.diagnostics.length) return { diagnostics: ctx.diagnostics };
  const groups: RuleGroup[] = [];
  if (yaml.kind === 'prometheus-rule') {
    // PrometheusRule manifests: the groups of every document, at `spec.groups` (parsePrometheusRule checks the rest).
    for (const section of yaml.sections)
      groups.push(...readGroups(ctx, section.node ?? undefined, section.path.join('.'), opts));
  } else {
    const root = yaml.sections[0]?.root ?? null;
    if (root === null || (isScalar(root) && root.value === null)) return { value: { groups: [] }, diagnostics: [] };
    const top = convert(ctx, root, { kind: 'object', fields: { groups: { kind: 'any' } } }, '') as
      | Record<string, unknown>
      | undefined;
    if (top && isMap(root))
      groups.push(...readGroups(ctx, (root as YAMLMap).get('groups', true) as Node | undefined, 'groups', opts));
  }
  const errors = ctx.diagnostics.some((d) => d.severity === 'error');
  return errors ? { diagnostics: ctx.diagnostics } : { value: { groups }, diagnostics: ctx.diagnostics };
}

/** Read a `groups:` list node (of a rule file, or `spec.groups` of a PrometheusRule) into the model. */
export function readGroups(
  ctx: ShapeContext,
  groupsNode: Node | undefined,
  basePath: string,
  opts: LoadRulesOptions,
): RuleGroup[] {
  const groups: RuleGroup[] = [];
  if (groupsNode === undefined || (isScalar(groupsNode) && groupsNode.value === null)) return groups;
  const list = convert(ctx, groupsNode, { kind: 'list', of: { kind: 'any' } }, basePath);
  if (list === undefined || !('items' in groupsNode)) return groups;
  const names = new Map<string, number>();
  (groupsNode as unknown as { items: Node[] }).items.forEach((gNode, gi) => {
    const gPath = `${basePath}[${gi}]`;
    const g = convert(ctx, gNode, groupShape, gPath) as Record<string, unknown> | undefined;
    if (!g) return;
    const name = g.name as string | undefined;
    if (name !== undefined) {
      const prev = names.get(name);
      if (prev !== undefined)
        report(
          ctx,
          gNode,
          `${gPath}.name`,
          'duplicate-group',
          `group name ${JSON.stringify(name)} is repeated (first at ${basePath}[${prev}]); Prometheus rejects the file`,
        );
      else names.set(name, gi);
    }
    const rules: Rule[] = [];
    const rulesNode = isMap(gNode) ? (gNode.get('rules', true) as Node | undefined) : undefined;
    if (rulesNode !== undefined && !(isScalar(rulesNode) && rulesNode.value === null)) {
      if (!('items' in rulesNode) || isMap(rulesNode)) {
        report(ctx, rulesNode, `${gPath}.rules`, 'wrong-type', 'expected a list of rules');
      } else {
        (rulesNode as unknown as { items: Node[] }).items.forEach((rNode, ri) => {
          const r = loadRule(ctx, rNode, `${gPath}.rules[${ri}]`, opts);
          if (r) rules.push(r);
        });
      }
    }
    const group: RuleGroup = { name: name ?? '', rules };
    if (g.interval !== undefined) group.interval = g.interval as string;
    if (g.limit !== undefined) group.limit = g.limit as number;
    if (g.query_offset !== undefined) group.query_offset = g.query_offset as string;
    groups.push(group);
  });
  return groups;
}

/**
 * File position of line/column `(line, column)` inside a scalar's value: exact for plain and
 * unescaped quoted single-line scalars and for literal block scalars; otherwise the scalar's start.
 */
function exprPosition(ctx: ShapeContext, node: Node, line: number, column: number): { line?: number; column?: number } {
  const start = position(ctx, node);
  if (!isScalar(node) || start.line === undefined || start.column === undefined || typeof node.value !== 'string')
    return start;
  const value = node.value;
  if (
    (node.type === 'PLAIN' || node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE') &&
    !value.includes('\n')
  ) {
    const quoted = node.type !== 'PLAIN';
    if (quoted && node.source !== undefined && node.source !== value) return start;
    if (quoted && /["'\\]/.test(value)) return start;
    return { line: start.line, column: start.column + (quoted ? 1 : 0) + column - 1 };
  }
  if (node.type === 'BLOCK_LITERAL' && node.range) {
    // Content starts on the line after the `|` header; its indentation is that of the first non-empty line.
    const lines = ctx.source.slice(node.range[0], node.range[1]).split('\n').slice(1);
    const first = lines.find((l) => l.trim() !== '');
    if (first === undefined) return start;
    const indent = first.length - first.trimStart().length;
    return { line: start.line + line, column: indent + column };
  }
  return start;
}

function loadRule(ctx: ShapeContext, node: Node, path: string, opts: LoadRulesOptions): Rule | undefined {
  const r = convert(ctx, node, ruleShape, path) as Record<string, unknown> | undefined;
  if (!r) return undefined;
  const hasRecord = r.record !== undefined;
  const hasAlert = r.alert !== undefined;
  const isRecordKey = isMap(node) && node.has('record');
  const isAlertKey = isMap(node) && node.has('alert');
  if (!isRecordKey && !isAlertKey) {
    report(ctx, node, path, 'missing-field', "missing 'alert' or 'record' (a rule needs exactly one of them)");
    return undefined;
  }
  if (isRecordKey && isAlertKey) {
    report(
      ctx,
      node,
      path,
      'invalid-rule',
      "has both 'record' and 'alert'; a rule is either a recording rule or an alerting rule",
    );
    return undefined;
  }
  if (!(isMap(node) && node.has('expr'))) {
    report(ctx, node, path, 'missing-field', "missing 'expr'");
    return undefined;
  }
  if (typeof r.expr !== 'string') return undefined;
  if (r.expr.trim() === '') {
    report(ctx, (node as YAMLMap).get('expr', true) as Node, `${path}.expr`, 'empty', "'expr' must not be empty");
    return undefined;
  }
  if (opts.checkExpressions !== false) {
    const exprNode = (node as YAMLMap).get('expr', true) as Node;
    for (const p of checkExpr(r.expr)) {
      const at = exprPosition(ctx, exprNode, p.line, p.column);
      ctx.diagnostics.push({
        code: 'load/invalid-expr',
        severity: 'error',
        message: `invalid expression: ${p.message} (expr ${p.line}:${p.column})`,
        path: `${path}.expr`,
        ...at,
      });
    }
  }
  if (hasRecord || isRecordKey) {
    if (!hasRecord) return undefined;
    const name = r.record as string;
    if (!METRIC_NAME.test(name))
      report(
        ctx,
        node,
        `${path}.record`,
        'invalid-name',
        `invalid recording rule name ${JSON.stringify(name)}: must be a metric name`,
      );
    for (const f of ['for', 'keep_firing_for', 'annotations']) {
      if ((node as YAMLMap).has(f))
        report(
          ctx,
          (node as YAMLMap).get(f, true) as Node,
          `${path}.${f}`,
          'invalid-field',
          `invalid field '${f}' in recording rule ${JSON.stringify(name)}`,
        );
    }
    const labels = r.labels as Record<string, string> | undefined;
    if (labels && '__name__' in labels)
      report(ctx, node, `${path}.labels.__name__`, 'invalid-name', "recording rules must not set label '__name__'");
    const rule: RecordingRule = { record: name, expr: r.expr };
    if (labels && Object.keys(labels).length) rule.labels = labels;
    return rule;
  }
  if (!hasAlert) return undefined;
  if ((r.alert as string) === '') {
    report(ctx, node, `${path}.alert`, 'empty', "'alert' must not be empty");
    return undefined;
  }
  const rule: AlertingRule = { alert: r.alert as string, expr: r.expr };
  if (r.for !== undefined) rule.for = r.for as string;
  if (r.keep_firing_for !== undefined) rule.keep_firing_for = r.keep_firing_for as string;
  const labels = r.labels as Record<string, string> | undefined;
  if (labels && Object.keys(labels).length) rule.labels = labels;
  const annotations = r.annotations as Record<string, string> | undefined;
  if (annotations && Object.keys(annotations).length) rule.annotations = annotations;
  return rule;
}

/**
 * Load a Prometheus rule file into the model. Throws `LoadError` listing every problem as
 * `file:line:col: path: message` (e.g. `rules.yaml:12:9: groups[0].rules[2]: missing 'expr'`).
 */
export function loadRuleFile(text: string, opts: LoadRulesOptions = {}): RuleFile {
  const parsed = parseRuleFile(text, opts);
  if (!parsed.value)
    throw new LoadError(
      opts.file ?? '<input>',
      parsed.diagnostics.filter((d) => d.severity === 'error'),
    );
  return parsed.value;
}
