/** Diagnostics are data: parse, type-check and lint problems are returned, never thrown. */

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  /** Stable machine-readable code, e.g. `promql/parse`, `promql/type`, `lint/rate-on-gauge`. */
  code: string;
  severity: Severity;
  /** Human message, with Prometheus's meaning where the check mirrors Prometheus. */
  message: string;
  /** Span in the expression source; `line`/`column` are 1-based and derived from `range.start`. */
  range: { start: number; end: number };
  line: number;
  column: number;
  /** Optional machine-applicable fix. */
  fix?: { message: string; replacement?: string };
}

/** 1-based line and column of a UTF-16 offset in `source`. */
export function lineColumn(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), source.length);
  for (let i = 0; i < end; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
