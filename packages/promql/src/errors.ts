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
