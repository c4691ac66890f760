import type { Diagnostic } from './diagnostics.js';

/** Base class of every error this package throws; `code` is stable and documented. */
export class PromQLError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PromQLError';
    this.code = code;
  }
}

/** Thrown by `parseOrThrow` and by APIs that need a valid expression. */
export class PromQLSyntaxError extends PromQLError {
  readonly diagnostics: Diagnostic[];
  constructor(source: string, diagnostics: Diagnostic[]) {
    const first = diagnostics[0];
    const where = first ? `${first.line}:${first.column}: ` : '';
    super('promql/syntax', `${where}${first?.message ?? 'invalid expression'} in ${JSON.stringify(source)}`);
    this.name = 'PromQLSyntaxError';
    this.diagnostics = diagnostics;
  }
}

/** A query that cannot be evaluated (e.g. needs native histograms, exceeds a limit, bad argument at run time). */
export class PromQLEvalError extends PromQLError {
  constructor(message: string, options?: { cause?: unknown; code?: string }) {
    super(options?.code ?? 'promql/eval', message, options);
    this.name = 'PromQLEvalError';
  }
}

/** A problem in a file: what and where (1-based; 0 when the position is unknown). */
export interface FileProblem {
  line: number;
  column: number;
  message: string;
}

/** `file:line:col: message` (without `:line:col` when the position is unknown). */
export function formatFileProblem(file: string, p: { line?: number; column?: number; message: string }): string {
  return `${file}${p.line ? `:${p.line}:${p.column ?? 0}` : ''}: ${p.message}`;
}

/**
 * A rule file (plain `groups:` file or PrometheusRule manifest) that cannot be used: unreadable,
 * malformed YAML, wrong shape, invalid rules. `problems` lists every one; the message names the
 * first at `file:line:col`, and the others on the following lines.
 * Codes: `promql/rule-file` (content), `promql/rule-file-yaml` (syntax), `promql/rule-file-read`.
 */
export class RuleFileError extends PromQLError {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly problems: readonly FileProblem[];
  constructor(file: string, problems: readonly FileProblem[], options?: { cause?: unknown; code?: string }) {
    super(
      options?.code ?? 'promql/rule-file',
      problems.map((p) => formatFileProblem(file, p)).join('\n') || `${file}: invalid rule file`,
      options,
    );
    this.name = 'RuleFileError';
    this.file = file;
    this.problems = problems;
    const first = problems[0];
    if (first?.line) {
      this.line = first.line;
      this.column = first.column;
    }
  }
}
