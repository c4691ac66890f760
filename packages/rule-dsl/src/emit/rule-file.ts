import { Document, Scalar, isScalar, visit } from 'yaml';
import { isAlertingRule, type Rule, type RuleFile, type RuleGroup } from '../model.js';

function sorted(r: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(r).sort()) out[k] = r[k]!;
  return out;
}

/** A rule as a plain object with Prometheus's key order: alert/record, expr, for, keep_firing_for, labels, annotations. */
export function orderedRule(rule: Rule): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (isAlertingRule(rule)) {
    out.alert = rule.alert;
    out.expr = rule.expr;
    if (rule.for !== undefined) out.for = rule.for;
    if (rule.keep_firing_for !== undefined) out.keep_firing_for = rule.keep_firing_for;
    if (rule.labels && Object.keys(rule.labels).length) out.labels = sorted(rule.labels);
    if (rule.annotations && Object.keys(rule.annotations).length) out.annotations = sorted(rule.annotations);
  } else {
    out.record = rule.record;
    out.expr = rule.expr;
    if (rule.labels && Object.keys(rule.labels).length) out.labels = sorted(rule.labels);
  }
  return out;
}

/** A group as a plain object: name, interval, limit, query_offset, rules. */
export function orderedGroup(group: RuleGroup): Record<string, unknown> {
  const out: Record<string, unknown> = { name: group.name };
  if (group.interval !== undefined) out.interval = group.interval;
  if (group.limit !== undefined) out.limit = group.limit;
  if (group.query_offset !== undefined) out.query_offset = group.query_offset;
  out.rules = group.rules.map(orderedRule);
  return out;
}

/**
 * Stringify plain data as byte-stable YAML (keys in insertion order): no line folding, multi-line strings as literal
 * block scalars, 2-space indentation, lists indented under their key.
 */
export function stableYaml(data: unknown): string {
  // YAML 1.1 stringification quotes every string a 1.1 reader (kubectl, go-yaml v2) would take for a
  // bool/number/null (`"yes"`, `"on"`, `"0x1F"`); 1.2 readers read the same strings.
  const doc = new Document(data, { version: '1.1' });
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && node.value.includes('\n'))
        node.type = Scalar.BLOCK_LITERAL;
    },
  });
  return doc.toString({ lineWidth: 0, indent: 2, indentSeq: true });
}

/** Prometheus rule-file YAML for `file`; byte-stable (fixed key order, sorted labels/annotations). */
export function emitRuleFile(file: RuleFile): string {
  return stableYaml({ groups: file.groups.map(orderedGroup) });
}
