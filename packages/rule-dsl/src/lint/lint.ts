import type { Severity } from '@alertcraft/promql';
import { isAlertingRule, type RuleGroup } from '../model.js';
import { LINT_CHECK_IMPLS } from './check-list.js';
import { tryParseDuration } from '@alertcraft/promql';
import { DEFAULT_TARGET_LABELS, withLabelCache } from './label-sets.js';
import { parseExpr } from './parse-expr.js';
import type { Finding, LintDiagnostic, LintOptions, PackContext, ResolvedLintOptions, RuleContext } from './types.js';

const DEFAULT_PAGING = ['page', 'critical'];

function resolveOptions(options: LintOptions): ResolvedLintOptions {
  const scrape = tryParseDuration(options.scrapeInterval ?? '30s');
  const evaluation = tryParseDuration(options.evaluationInterval ?? '1m');
  if (scrape === undefined || scrape <= 0)
    throw new TypeError(
      `lint: scrapeInterval ${JSON.stringify(options.scrapeInterval)} is not a positive Prometheus duration (e.g. 30s)`,
    );
  if (evaluation === undefined || evaluation <= 0)
    throw new TypeError(
      `lint: evaluationInterval ${JSON.stringify(options.evaluationInterval)} is not a positive Prometheus duration (e.g. 1m)`,
    );
  return {
    scrapeIntervalMs: scrape,
    evaluationIntervalMs: evaluation,
    pagingSeverities: new Set((options.pagingSeverities ?? DEFAULT_PAGING).map((s) => s.toLowerCase())),
    targetLabels: options.targetLabels ?? DEFAULT_TARGET_LABELS,
    metricTypes: options.metricTypes,
  };
}

/**
 * Lints plain rule groups (a rendered pack or a loaded file) and returns diagnostics, sorted by
 * rule order. Expressions are parsed and type-checked; a broken expression gives `promql/parse`
 * or `promql/type` and skips the expression-level checks for that rule. Never throws on bad rules;
 * throws `TypeError` only for unusable options.
 */
export function lint(groups: readonly RuleGroup[], options: LintOptions = {}): LintDiagnostic[] {
  const resolved = resolveOptions(options);
  return withLabelCache(resolved.targetLabels, () => lintResolved(groups, options, resolved));
}

function lintResolved(
  groups: readonly RuleGroup[],
  options: LintOptions,
  resolved: ResolvedLintOptions,
): LintDiagnostic[] {
  const out: LintDiagnostic[] = [];
  const severityOf = (code: string, fallback: Severity): Severity | 'off' => options.severities?.[code] ?? fallback;
  const defaults = new Map(LINT_CHECK_IMPLS.map((c) => [c.info.code, c.info.severity]));

  /** Rule order of each diagnostic, for a stable sort by rule (group-level ones first). */
  const ranks: number[] = [];
  let currentRank = -1;
  const emit = (base: string, f: Finding): void => {
    const sev = severityOf(f.code, f.severity ?? defaults.get(f.code) ?? 'warning');
    if (sev === 'off') return;
    const path = f.field ? `${base}.${f.field}` : base;
    const d: LintDiagnostic = { code: f.code, severity: sev, message: f.message, path };
    if (options.file !== undefined) d.file = options.file;
    const pos = options.locate?.(path, f.range?.start) ?? options.locate?.(base);
    if (pos) {
      d.line = pos.line;
      d.column = pos.column;
    }
    if (f.range) d.range = { start: f.range.start, end: f.range.end };
    if (f.fix) d.fix = f.fix;
    if (f.related) {
      d.related = f.related.map((r) => {
        const p = options.locate?.(r.path);
        return {
          path: r.path,
          ...(p ? { line: p.line, column: p.column } : {}),
          ...(r.message ? { message: r.message } : {}),
        };
      });
    }
    out.push(d);
    ranks.push(currentRank);
  };

  const rules: RuleContext[] = [];
  groups.forEach((group, gi) => {
    currentRank = rules.length - 0.5;
    const groupInterval =
      group.interval === undefined ? resolved.evaluationIntervalMs : tryParseDuration(String(group.interval));
    if (groupInterval === undefined || groupInterval === 0) {
      emit(`groups[${gi}]`, {
        code: 'lint/invalid-duration',
        field: 'interval',
        message: `group interval \`${group.interval}\` is not a positive Prometheus duration; write e.g. \`30s\` or \`1m\`.`,
      });
    }
    (group.rules ?? []).forEach((rule, ri) => {
      const path = `groups[${gi}].rules[${ri}]`;
      currentRank = rules.length;
      const alerting = isAlertingRule(rule);
      const source = typeof rule.expr === 'string' ? rule.expr : String(rule.expr ?? '');
      const parsed = parseExpr(source);
      const templated = /\{\{[^}]*\}\}/.test(source);
      for (const d of parsed.diagnostics) {
        emit(path, {
          code: d.code,
          severity: d.severity,
          field: 'expr',
          range: d.range,
          message:
            templated && d.code === 'promql/parse'
              ? `${d.message}; the expression contains template placeholders ({{ ... }}), which are not PromQL`
              : d.message,
          ...(templated && d.code === 'promql/parse'
            ? {
                fix: {
                  message:
                    'render the template (e.g. helm template) before loading the rules, or define the rule in a pack with typed thresholds',
                },
              }
            : {}),
        });
      }
      if (parsed.type === 'matrix' || parsed.type === 'string') {
        emit(path, {
          code: 'lint/rule-expr-type',
          field: 'expr',
          range: parsed.expr?.range,
          message:
            `the expression evaluates to a ${parsed.type === 'matrix' ? 'range vector' : 'string'}; a rule must yield an instant vector (or a scalar). ${parsed.type === 'matrix' ? 'Wrap the range selector in a function such as rate() or avg_over_time().' : ''}`.trim(),
        });
      }
      const severity = String(rule.labels?.severity ?? '').toLowerCase();
      rules.push({
        rule,
        alerting,
        group,
        path,
        source,
        expr: parsed.type === 'matrix' || parsed.type === 'string' ? undefined : parsed.expr,
        groupIntervalMs: groupInterval || resolved.evaluationIntervalMs,
        paging: alerting && resolved.pagingSeverities.has(severity),
      });
    });
  });

  const recorded = new Map<string, RuleContext>();
  for (const r of rules) if (!r.alerting) recorded.set((r.rule as { record: string }).record, r);
  const pack: PackContext = { rules, options: resolved, recorded };

  for (const [i, ctx] of rules.entries()) {
    currentRank = i;
    for (const check of LINT_CHECK_IMPLS) {
      if (!check.rule || severityOf(check.info.code, check.info.severity) === 'off') continue;
      check.rule(ctx, pack, (f) => emit(ctx.path, f));
    }
  }
  const rankOf = new Map(rules.map((r, i) => [r, i]));
  for (const check of LINT_CHECK_IMPLS) {
    if (!check.pack || severityOf(check.info.code, check.info.severity) === 'off') continue;
    check.pack(pack, (ctx, f) => {
      currentRank = rankOf.get(ctx) ?? -1;
      emit(ctx.path, f);
    });
  }

  return out
    .map((d, i) => ({ d, i, rank: ranks[i] }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((x) => x.d);
}
