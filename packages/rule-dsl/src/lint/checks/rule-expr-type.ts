import type { LintCheck } from '../types.js';

/** Checked in `lint()` itself from the parser's result type; listed here for the check list. */
export const ruleExprType: LintCheck = {
  info: {
    code: 'lint/rule-expr-type',
    severity: 'error',
    description:
      'A rule expression that evaluates to a range vector or a string: Prometheus rules must yield an instant vector (or a scalar).',
  },
};
