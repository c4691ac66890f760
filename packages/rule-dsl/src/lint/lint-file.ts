import { lint } from './lint.js';
import type { LintDiagnostic, LintOptions } from './types.js';
import { readRuleSource } from './yaml-source.js';

/**
 * Lints a Prometheus rule file given as YAML text. Diagnostics carry `file`, and `line`/`column`
 * of the offending value in the file; expression-level findings point inside the expression,
 * also in block-scalar (`expr: |`) multi-line expressions.
 */
export function lintFile(
  text: string,
  path: string,
  options: Omit<LintOptions, 'locate' | 'file'> = {},
): LintDiagnostic[] {
  const source = readRuleSource(text, path);
  if (source.diagnostics.some((d) => d.code === 'yaml/parse')) return source.diagnostics;
  return [...source.diagnostics, ...lint(source.groups, { ...options, locate: source.locate, file: path })];
}
