import { bucketSumAcrossLe } from './checks/bucket-sum-across-le.js';
import { duplicateAlertName } from './checks/duplicate-alert-name.js';
import { histogramQuantileWithoutLe } from './checks/histogram-quantile-without-le.js';
import { missingRunbook, missingSummary, valueInLabels } from './checks/labels-and-annotations.js';
import { noAbsentCompanion } from './checks/no-absent-companion.js';
import { perSecondVsPerMinute } from './checks/per-second-vs-per-minute.js';
import { rangeTooShort } from './checks/range-too-short.js';
import { rateOnNonCounter } from './checks/rate-on-non-counter.js';
import { ratioWithoutTrafficGuard } from './checks/ratio-without-traffic-guard.js';
import { invalidMetricName, recordingRuleName, recordingRuleOperations } from './checks/recording-rule-name.js';
import { ruleExprType } from './checks/rule-expr-type.js';
import { templateParse } from './checks/template-parse.js';
import { forShorterThanInterval, invalidDuration, pagingWithoutFor } from './checks/rule-timing.js';
import { vectorMatchImpossible } from './checks/vector-match-impossible.js';
import type { LintCheck, LintCheckInfo } from './types.js';

/** Every check `lint` runs, in report order. */
export const LINT_CHECK_IMPLS: readonly LintCheck[] = [
  ruleExprType,
  invalidDuration,
  rateOnNonCounter,
  rangeTooShort,
  forShorterThanInterval,
  pagingWithoutFor,
  perSecondVsPerMinute,
  valueInLabels,
  templateParse,
  missingSummary,
  missingRunbook,
  histogramQuantileWithoutLe,
  bucketSumAcrossLe,
  ratioWithoutTrafficGuard,
  vectorMatchImpossible,
  duplicateAlertName,
  invalidMetricName,
  recordingRuleName,
  recordingRuleOperations,
  noAbsentCompanion,
];

/**
 * The check list for docs and tooling: stable code, default severity, one-line description.
 * `promql/parse` and `promql/type` come from the PromQL parser and type checker; `yaml/*` from `lintFile`.
 */
export const LINT_CHECKS: readonly LintCheckInfo[] = [
  {
    code: 'promql/parse',
    severity: 'error',
    description:
      'The expression does not parse as PromQL (as Prometheus v2.54.1 parses it); the rule file would be rejected.',
  },
  {
    code: 'promql/type',
    severity: 'error',
    description:
      'The expression parses but is ill-typed (e.g. a range vector where an instant vector is needed); the rule file would be rejected.',
  },
  ...LINT_CHECK_IMPLS.map((c) => c.info),
  {
    code: 'yaml/parse',
    severity: 'error',
    description: '`lintFile` only: the file is not valid YAML; nothing else is checked.',
  },
  {
    code: 'yaml/shape',
    severity: 'error',
    description:
      '`lintFile` only: the YAML is not a rule file (no top-level `groups:` list, or a group whose `rules:` is not a list).',
  },
];
