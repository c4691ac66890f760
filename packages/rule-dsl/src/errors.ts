import type { RuleDslDiagnostic } from './diagnostics.js';

/** Base class of every error this package throws; `code` is stable and documented. */
export class RuleDslError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RuleDslError';
    this.code = code;
  }
}

/**
 * `rule-dsl/invalid-expr`: a rule's expression does not parse or type-check. The message names the
 * rule (and phase) and repeats the parser's first diagnostic; `diagnostics` holds all of them.
 */
export class RuleExpressionError extends RuleDslError {
  readonly rule: string;
  readonly phase: string | undefined;
  readonly expr: string;
  readonly diagnostics: readonly { code: string; message: string; line: number; column: number }[];
  constructor(
    rule: string,
    phase: string | undefined,
    expr: string,
    diagnostics: readonly { code: string; message: string; line: number; column: number }[],
    options?: { cause?: unknown },
  ) {
    const first = diagnostics[0];
    const where = phase ? `rule '${rule}' (phase '${phase}')` : `rule '${rule}'`;
    const what = first ? `${first.line}:${first.column}: ${first.message}` : 'invalid expression';
    super(
      'rule-dsl/invalid-expr',
      `${where}: invalid PromQL expression: ${what}\n  expr: ${expr}\n  fix the expression or the parameters that build it`,
      options,
    );
    this.name = 'RuleExpressionError';
    this.rule = rule;
    this.phase = phase;
    this.expr = expr;
    this.diagnostics = diagnostics;
  }
}

/** One value `render()` needed but did not find in the render context. */
export interface MissingValue {
  kind: 'baseline' | 'context';
  /** `error_rate.p95` for a baseline, `capacity.maxRunsPerDay` for a context value. */
  key: string;
  /** Rules that reference it (alert or record names). */
  usedBy: string[];
}

/** `rule-dsl/missing-values`: ONE error listing every baseline/context value a render needs but lacks. */
export class MissingValuesError extends RuleDslError {
  readonly phase: string;
  readonly missing: readonly MissingValue[];
  constructor(phase: string, missing: readonly MissingValue[]) {
    const lines = missing.map(
      (m) => `  - ${m.kind === 'baseline' ? 'baselines' : 'values'}.${m.key} (used by ${m.usedBy.join(', ')})`,
    );
    super(
      'rule-dsl/missing-values',
      `render phase '${phase}': ${missing.length} missing value(s):\n${lines.join('\n')}\nprovide them in the render context ({ baselines, values })`,
    );
    this.name = 'MissingValuesError';
    this.phase = phase;
    this.missing = missing;
  }
}

/** `rule-dsl/invalid-input`: a DSL call got an argument it cannot use (bad duration, bad label name, ...). */
export class RuleDslInputError extends RuleDslError {
  constructor(message: string, options?: { cause?: unknown; code?: string }) {
    super(options?.code ?? 'rule-dsl/invalid-input', message, options);
    this.name = 'RuleDslInputError';
  }
}

/**
 * `rule-dsl/load`: a YAML file (rules or Alertmanager config) is malformed or has the wrong shape.
 * The message lists every problem as `file:line:col: path: message`; `diagnostics` holds them as data.
 */
export class LoadError extends RuleDslError {
  readonly file: string;
  readonly diagnostics: readonly RuleDslDiagnostic[];
  constructor(file: string, diagnostics: readonly RuleDslDiagnostic[], options?: { cause?: unknown }) {
    const shown = diagnostics
      .slice(0, 20)
      .map((d) => `  ${file}:${d.line ?? 0}:${d.column ?? 0}: ${d.path ? `${d.path}: ` : ''}${d.message}`);
    const more = diagnostics.length > 20 ? `\n  ... and ${diagnostics.length - 20} more` : '';
    super(
      'rule-dsl/load',
      `cannot load ${file}: ${diagnostics.length} problem(s):\n${shown.join('\n')}${more}`,
      options,
    );
    this.name = 'LoadError';
    this.file = file;
    this.diagnostics = diagnostics;
  }
}

/** `rule-dsl/crd-invalid`: the PrometheusRule object failed the prometheus-operator schema. */
export class CrdValidationError extends RuleDslError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('rule-dsl/crd-invalid', message, options);
    this.name = 'CrdValidationError';
  }
}

/**
 * `rule-dsl/invalid-metadata`: the metric metadata given to lint (a Prometheus `/api/v1/metadata`
 * response, its `data` object, or a `{ metric: type }` map) has the wrong shape. `path` is the JSON
 * path of the offending value (`$.data.http_requests_total[0].type`).
 */
export class MetricMetadataError extends RuleDslError {
  readonly path: string;
  constructor(path: string, message: string, options?: { cause?: unknown }) {
    super('rule-dsl/invalid-metadata', `${path}: ${message}`, options);
    this.name = 'MetricMetadataError';
    this.path = path;
  }
}
