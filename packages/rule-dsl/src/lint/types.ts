import type { Expr, Severity, TextRange } from '@alertcraft/promql';
import type { AlertingRule, RecordingRule, RuleGroup } from '../model.js';
import type { MetricTypes } from './metric-metadata.js';

/** A finding of `lint`/`lintFile`. Diagnostics are data: lint never throws on bad rules. */
export interface LintDiagnostic {
  /** Stable code: `lint/<kebab-name>`, or `promql/parse` / `promql/type` for a broken expression. */
  code: string;
  severity: Severity;
  /** What is wrong, why it matters and what to do. */
  message: string;
  /** Where in the rule file model, e.g. `groups[0].rules[3].expr` or `groups[1].rules[0].labels.severity`. */
  path: string;
  /** File the rule came from (set by `lintFile`). */
  file?: string;
  /** 1-based line/column in the file (set when positions are known, e.g. by `lintFile`). */
  line?: number;
  column?: number;
  /** For expression-level findings: span in the rule's `expr` text (UTF-16 offsets, [start, end)). */
  range?: TextRange;
  /** A suggested fix; `replacement` replaces the text at `range` in the expression when given. */
  fix?: { message: string; replacement?: string };
  /** Other places involved (e.g. the first rule of a duplicate alert name). */
  related?: Array<{ path: string; line?: number; column?: number; message?: string }>;
}

/** Finds the file position of a rule-file path, optionally of an offset inside that value's text. */
export type Locator = (path: string, offsetInValue?: number) => { line: number; column: number } | undefined;

export interface LintOptions {
  /** Scrape interval of the metrics the rules read, as a duration (default `30s`). */
  scrapeInterval?: string;
  /** Evaluation interval of groups that set none (Prometheus `global.evaluation_interval`, default `1m`). */
  evaluationInterval?: string;
  /** `severity` label values that page a human (default `page`, `critical`). Compared case-insensitively. */
  pagingSeverities?: readonly string[];
  /**
   * Labels every scraped (non-recorded) series carries, used to prove that two sides of a binary
   * operation cannot match (default `job`, `instance`: Prometheus attaches them to every target).
   */
  targetLabels?: readonly string[];
  /**
   * Metric name → type (e.g. from a Prometheus `/api/v1/metadata` dump through
   * `metricTypesFromMetadata`). Checks that depend on a metric's type read it before guessing from
   * the name; name-only guesses are reported as `info`.
   */
  metricTypes?: MetricTypes;
  /** Per-code severity override, or `off` to disable a check. */
  severities?: Readonly<Record<string, Severity | 'off'>>;
  /** Positions of paths in the source file (lintFile supplies one). */
  locate?: Locator;
  /** File name to put on diagnostics. */
  file?: string;
}

export interface ResolvedLintOptions {
  scrapeIntervalMs: number;
  evaluationIntervalMs: number;
  pagingSeverities: ReadonlySet<string>;
  targetLabels: readonly string[];
  metricTypes: MetricTypes | undefined;
}

/** One entry of the check list: what the docs page renders. */
export interface LintCheckInfo {
  code: string;
  severity: Severity;
  description: string;
}

/** A rule with everything a check needs about it. */
export interface RuleContext {
  rule: AlertingRule | RecordingRule;
  alerting: boolean;
  group: RuleGroup;
  /** `groups[i].rules[j]` */
  path: string;
  /** The expression text as written. */
  source: string;
  /** Parsed expression; undefined when it did not parse (a `promql/parse` diagnostic was reported). */
  expr: Expr | undefined;
  /** Effective evaluation interval of the rule's group in ms. */
  groupIntervalMs: number;
  paging: boolean;
}

export interface PackContext {
  rules: RuleContext[];
  options: ResolvedLintOptions;
  /** Recording rule name → its context, for following recorded series back to their source. */
  recorded: ReadonlyMap<string, RuleContext>;
}

/** What a check hands to `report`: paths are relative to the rule (`expr`, `for`, `labels.severity`). */
export interface Finding {
  code: string;
  message: string;
  /** Field of the rule the finding is about; `''` means the rule itself. */
  field: string;
  range?: TextRange;
  severity?: Severity;
  fix?: { message: string; replacement?: string };
  related?: Array<{ path: string; message?: string }>;
}

export interface LintCheck {
  info: LintCheckInfo;
  /** Per rule (most checks) or once for the whole pack (cross-rule checks). */
  rule?: (ctx: RuleContext, pack: PackContext, report: (f: Finding) => void) => void;
  pack?: (pack: PackContext, report: (rule: RuleContext, f: Finding) => void) => void;
}
