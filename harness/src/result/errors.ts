import type { SchemaIssue } from './schema.js';

/** A result JSON that cannot be used; `issues` lists every problem with its JSON path. */
export class ResultFormatError extends Error {
  readonly code = 'result/invalid';
  readonly issues: SchemaIssue[];
  constructor(message: string, issues: SchemaIssue[], options?: { cause?: unknown }) {
    super(message, { cause: options?.cause });
    this.name = 'ResultFormatError';
    this.issues = issues;
  }
}
