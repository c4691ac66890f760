import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import type { RuleDslDiagnostic } from '../diagnostics.js';
import { LoadError } from '../errors.js';
import type { RuleFile } from '../model.js';
import { readGroups, type LoadRulesOptions } from './rule-file.js';
import { convert, parseWithPositions, report } from './yaml-shape.js';

/** A loaded PrometheusRule: its metadata and its groups as a rule file. */
export interface LoadedPrometheusRule {
  metadata: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  file: RuleFile;
}

/**
 * Parse a `monitoring.coreos.com/v1` PrometheusRule manifest (one YAML document) without
 * throwing; `spec.groups` is read with the rule-file loader, so paths read `spec.groups[0].rules[2]`.
 */
export function parsePrometheusRule(
  text: string,
  opts: LoadRulesOptions = {},
): { value?: LoadedPrometheusRule; diagnostics: RuleDslDiagnostic[] } {
  const { doc, ctx } = parseWithPositions(text, 'load');
  if (ctx.diagnostics.length) return { diagnostics: ctx.diagnostics };
  const root = doc.contents as Node | null;
  const top = convert(
    ctx,
    root,
    {
      kind: 'object',
      fields: {
        apiVersion: {
          kind: 'string',
          pattern: /^monitoring\.coreos\.com\/v1$/,
          patternHint: 'expected monitoring.coreos.com/v1',
        },
        kind: { kind: 'string', pattern: /^PrometheusRule$/, patternHint: 'expected PrometheusRule' },
        metadata: {
          kind: 'object',
          fields: {
            name: { kind: 'string' },
            namespace: { kind: 'string' },
            labels: { kind: 'stringMap' },
            annotations: { kind: 'stringMap' },
          },
          open: true,
        },
        spec: { kind: 'object', fields: { groups: { kind: 'any' } } },
        status: { kind: 'any' },
      },
      required: ['apiVersion', 'kind', 'spec'],
    },
    '',
  ) as Record<string, unknown> | undefined;
  let groups: RuleFile['groups'] = [];
  if (top && isMap(root)) {
    const spec = (root as YAMLMap).get('spec', true) as Node | undefined;
    if (spec && isMap(spec))
      groups = readGroups(ctx, spec.get('groups', true) as Node | undefined, 'spec.groups', opts);
    else if (spec && !(isScalar(spec) && spec.value === null))
      report(ctx, spec, 'spec', 'wrong-type', 'expected a mapping');
  }
  if (ctx.diagnostics.some((d) => d.severity === 'error') || !top) return { diagnostics: ctx.diagnostics };
  const m = (top.metadata ?? {}) as Record<string, unknown>;
  const metadata: LoadedPrometheusRule['metadata'] = {};
  for (const k of ['name', 'namespace', 'labels', 'annotations'] as const)
    if (m[k] !== undefined) (metadata as Record<string, unknown>)[k] = m[k];
  return { value: { metadata, file: { groups } }, diagnostics: ctx.diagnostics };
}

/** Load a PrometheusRule manifest; throws `LoadError` (file:line:col: path: message) on any error. */
export function loadPrometheusRule(text: string, opts: LoadRulesOptions = {}): LoadedPrometheusRule {
  const parsed = parsePrometheusRule(text, opts);
  if (!parsed.value)
    throw new LoadError(
      opts.file ?? '<input>',
      parsed.diagnostics.filter((d) => d.severity === 'error'),
    );
  return parsed.value;
}
