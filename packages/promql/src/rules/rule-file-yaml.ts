/**
 * Where the rule groups of a rule-file text are, for every reader of rule files (the rule-file
 * loader here, rule-dsl's loader and its lint): `groups:` of a plain Prometheus rule file (first
 * YAML document, as Prometheus reads it), or `spec.groups` of each PrometheusRule manifest
 * (`apiVersion: monitoring.coreos.com/v1`, `kind: PrometheusRule`; one or more `---` documents).
 */
import { isMap, isScalar, type Document, type Node as YamlNode, type YAMLMap } from 'yaml';
import { readYaml, type ReadYamlOptions, type YamlSource } from '../yaml/reader.js';

/** One list of rule groups in the text. */
export interface RuleGroupsSection {
  /** Index of the YAML document. */
  document: number;
  /** The YAML path of the list in its document: `['groups']` or `['spec', 'groups']`. */
  path: readonly string[];
  /** The list node (undefined when the key is absent). */
  node: YamlNode | null | undefined;
  /** The document's root mapping (for shape checks of the other keys). */
  root: YamlNode | null;
}

export interface RuleFileYaml {
  source: YamlSource;
  kind: 'rule-file' | 'prometheus-rule';
  sections: RuleGroupsSection[];
}

const isManifest = (root: unknown): boolean => {
  if (!isMap(root)) return false;
  const kind = (root as YAMLMap).get('kind');
  return kind === 'PrometheusRule';
};

/**
 * Parses a rule file or PrometheusRule manifest. Syntax errors are in `source.errors` (of the
 * documents read: only the first one of a plain rule file).
 */
export function readRuleFileYaml(text: string, options: Omit<ReadYamlOptions, 'allDocuments'> = {}): RuleFileYaml {
  const source = readYaml(text, { ...options, allDocuments: true });
  const docs = source.documents;
  const roots = docs.map((d: Document) => d.contents as YamlNode | null);
  if (roots.some(isManifest)) {
    const sections: RuleGroupsSection[] = [];
    roots.forEach((root, document) => {
      if (!isManifest(root)) return;
      const spec = (root as YAMLMap).get('spec', true) as YamlNode | undefined;
      const node = spec && isMap(spec) ? (spec.get('groups', true) as YamlNode | undefined) : undefined;
      sections.push({ document, path: ['spec', 'groups'], node, root });
    });
    return { source, kind: 'prometheus-rule', sections };
  }
  // A plain rule file is one document: errors of later documents are not Prometheus' concern.
  const first = docs[0];
  const plain: YamlSource = {
    ...source,
    documents: first ? [first] : [],
    errors: source.errors.filter((e) => e.document === 0),
  };
  const root = roots[0] ?? null;
  const node = root && isMap(root) ? ((root as YAMLMap).get('groups', true) as YamlNode | undefined) : undefined;
  return {
    source: plain,
    kind: 'rule-file',
    sections: [
      {
        document: 0,
        path: ['groups'],
        node,
        root: root !== null && isScalar(root) && root.value === null ? null : root,
      },
    ],
  };
}
