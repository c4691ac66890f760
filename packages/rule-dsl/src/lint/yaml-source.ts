import { readRuleFileYaml, type RuleGroupsSection } from '@alertcraft/promql';
import { isScalar, type Node, type Scalar } from 'yaml';
import type { RuleGroup } from '../model.js';
import type { LintDiagnostic, Locator } from './types.js';

/**
 * A rule file read for linting: the plain groups, the parse problems, and a locator from
 * model paths (`groups[0].rules[3].expr`, plus an offset inside that value) to file line:column.
 * Positions inside a value are mapped through quoting and block scalars (`|`, `>`), so an
 * expression-level finding points into the multi-line expression in the file.
 */
export interface RuleSource {
  groups: RuleGroup[];
  diagnostics: LintDiagnostic[];
  locate: Locator;
}

function segments(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  let name = '';
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === '.') {
      if (name) out.push(name);
      name = '';
    } else if (c === '[') {
      if (name) out.push(name);
      name = '';
      const close = path.indexOf(']', i);
      if (close < 0) return [];
      out.push(Number(path.slice(i + 1, close)));
      i = close;
    } else name += c;
  }
  if (name) out.push(name);
  return out;
}

/** Source offset of the character at `offset` in a scalar's value. */
function sourceOffset(text: string, node: Scalar, offset: number): number {
  const [start, valueEnd] = node.range ?? [0, 0, 0];
  const value = String(node.value ?? '');
  let si = start;
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    const nl = text.indexOf('\n', start);
    si = nl < 0 ? valueEnd : nl + 1;
  } else if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') {
    si = start + 1;
  }
  let last = si - 1;
  const end = Math.min(offset, value.length - 1);
  for (let vi = 0; vi <= end; vi++) {
    const ch = value[vi];
    if (ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r') {
      if (vi === end) return last + 1;
      continue;
    }
    let k = si;
    while (k < valueEnd && text[k] !== ch) k++;
    if (k < valueEnd) {
      last = k;
      si = k + 1;
    }
  }
  return Math.max(last, start);
}

type Rule = RuleGroup['rules'][number];

const stringOrUndefined = (v: unknown): string | undefined =>
  v === undefined || v === null ? undefined : typeof v === 'object' ? JSON.stringify(v) : String(v);

/**
 * Coerces what YAML gave for a rule into the model's shape so lint can run on it: scalars become
 * strings, a non-mapping `labels`/`annotations`/rule is reported as `yaml/shape` and dropped.
 */
function normalizeRule(raw: unknown, path: string, problem: (path: string, message: string) => void): Rule {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    problem(path, 'a rule must be a mapping with `alert` or `record`, and `expr`');
    return { record: '', expr: '' };
  }
  const r = raw as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of ['alert', 'record', 'expr', 'for', 'keep_firing_for']) {
    const v = stringOrUndefined(r[k]);
    if (v !== undefined) out[k] = v;
  }
  if (out.alert === undefined && out.record === undefined) {
    problem(path, 'a rule needs `alert` (alerting rule) or `record` (recording rule)');
    out.record = '';
  }
  if (out.expr === undefined) out.expr = '';
  for (const k of ['labels', 'annotations']) {
    const v = r[k];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'object' || Array.isArray(v)) {
      problem(`${path}.${k}`, `\`${k}\` must be a mapping of names to strings`);
      continue;
    }
    out[k] = Object.fromEntries(
      Object.entries(v as Record<string, unknown>).map(([name, value]) => [name, stringOrUndefined(value) ?? '']),
    );
  }
  return out as unknown as Rule;
}

/**
 * Parses rule-file YAML for lint: a plain rule file, or PrometheusRule manifests (one or more
 * documents), whose `spec.groups` are linted as `groups[...]` in document order and located in the
 * manifest. Never throws: YAML errors become `yaml/parse` diagnostics.
 */
export function readRuleSource(text: string, file?: string): RuleSource {
  const yaml = readRuleFileYaml(text, { uniqueKeys: false });
  const source = yaml.source;
  text = source.text;
  const diagnostics: LintDiagnostic[] = [];
  const at = source.at;
  for (const e of source.errors) {
    diagnostics.push({
      code: 'yaml/parse',
      severity: 'error',
      message: `${e.message}; fix the YAML syntax`,
      path: '',
      ...(file !== undefined ? { file } : {}),
      line: e.line,
      column: e.column,
    });
  }
  // Model group k is group `local` of section `section`.
  const owners: Array<{ section: RuleGroupsSection; local: number }> = [];
  const locate: Locator = (path, offsetInValue) => {
    let segs = segments(path);
    let doc = source.documents[0];
    if (segs[0] === 'groups' && yaml.kind === 'prometheus-rule') {
      const owner = typeof segs[1] === 'number' ? owners[segs[1]] : undefined;
      const section = owner?.section ?? yaml.sections[0];
      if (!section) return undefined;
      doc = source.documents[section.document];
      segs = [...section.path, ...(owner ? [owner.local] : []), ...segs.slice(2)];
    }
    while (doc && segs.length > 0) {
      const node = doc.getIn(segs, true) as Node | undefined;
      if (node && typeof node === 'object' && 'range' in node && node.range) {
        if (offsetInValue !== undefined && isScalar(node)) return at(sourceOffset(text, node, offsetInValue));
        return at(node.range[0]);
      }
      segs = segs.slice(0, -1);
      offsetInValue = undefined;
    }
    return undefined;
  };
  const groups: RuleGroup[] = [];
  if (source.errors.length === 0) {
    const lists: Array<{ section: RuleGroupsSection; raw: unknown }> = yaml.sections.map((section) => {
      const js = source.documents[section.document]?.toJS({ maxAliasCount: 100 }) as unknown;
      let raw: unknown = js;
      for (const k of section.path)
        raw = raw && typeof raw === 'object' ? (raw as Record<string, unknown>)[k] : undefined;
      return { section, raw };
    });
    const bad = lists.find((l) => !Array.isArray(l.raw));
    if (bad || lists.length === 0) {
      const where =
        yaml.kind === 'prometheus-rule'
          ? 'a PrometheusRule needs a `spec.groups:` list'
          : 'a rule file needs a top-level `groups:` list';
      diagnostics.push({
        code: 'yaml/shape',
        severity: 'error',
        message: where,
        path: 'groups',
        ...(file !== undefined ? { file } : {}),
        ...(locate('groups') ?? { line: 1, column: 1 }),
      });
    } else {
      for (const { section, raw } of lists)
        (raw as unknown[]).forEach((_, local) => {
          owners.push({ section, local });
        });
      lists
        .flatMap((l) => l.raw as unknown[])
        .forEach((g: unknown, gi) => {
          const group = (g && typeof g === 'object' ? g : {}) as RuleGroup;
          // No `rules:` (or an empty one) is a group of 0 rules, as Prometheus reads it; a scalar or mapping is not.
          if (group.rules !== undefined && group.rules !== null && !Array.isArray(group.rules)) {
            diagnostics.push({
              code: 'yaml/shape',
              severity: 'error',
              message: `group ${gi}: \`rules:\` must be a list`,
              path: `groups[${gi}]`,
              ...(file !== undefined ? { file } : {}),
              ...(locate(`groups[${gi}]`) ?? {}),
            });
          }
          const rules = Array.isArray(group.rules) ? group.rules : [];
          groups.push({
            ...group,
            name: String(group.name ?? ''),
            ...(group.interval !== undefined && group.interval !== null
              ? { interval: String(group.interval) }
              : { interval: undefined }),
            rules: rules.map((r: unknown, ri) =>
              normalizeRule(r, `groups[${gi}].rules[${ri}]`, (path, message) => {
                diagnostics.push({
                  code: 'yaml/shape',
                  severity: 'error',
                  message,
                  path,
                  ...(file !== undefined ? { file } : {}),
                  ...(locate(path) ?? {}),
                });
              }),
            ),
          });
        });
    }
  }
  return { groups, diagnostics, locate };
}
