import type { LintCheck } from '../types.js';

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const BARE_WINDOW = /^\d+[smhdwy]$/;

export const invalidMetricName: LintCheck = {
  info: {
    code: 'lint/invalid-metric-name',
    severity: 'error',
    description:
      'A recording rule name that is not a valid metric name (`[a-zA-Z_:][a-zA-Z0-9_:]*`): Prometheus refuses to load the file.',
  },
  rule(ctx, _pack, report) {
    if (ctx.alerting) return;
    const name = (ctx.rule as { record: string }).record;
    if (typeof name === 'string' && METRIC_NAME.test(name)) return;
    report({
      code: 'lint/invalid-metric-name',
      field: 'record',
      message: `\`record: ${String(name)}\` is not a valid metric name; use letters, digits, underscores and colons, not starting with a digit (e.g. \`job:http_requests:rate5m\`).`,
    });
  },
};

export const recordingRuleName: LintCheck = {
  info: {
    code: 'lint/recording-rule-name',
    severity: 'warning',
    description:
      'A recording rule name that does not follow `level:metric:operations` (Prometheus naming convention: aggregation level, metric name, operations applied).',
  },
  rule(ctx, _pack, report) {
    if (ctx.alerting) return;
    const name = (ctx.rule as { record: string }).record;
    if (typeof name !== 'string' || !METRIC_NAME.test(name)) return;
    const parts = name.split(':');
    if (parts.length >= 3 && parts.every((p) => p !== '')) return;
    report({
      code: 'lint/recording-rule-name',
      field: 'record',
      message: `recording rule \`${name}\` does not follow the \`level:metric:operations\` convention (three non-empty parts separated by colons, e.g. \`job:http_requests:rate5m\`); the name should say which labels remain, which metric, and what was applied.`,
    });
  },
};

export const recordingRuleOperations: LintCheck = {
  info: {
    code: 'lint/recording-rule-operations',
    severity: 'info',
    description:
      'A recording rule whose `operations` part is only a window (`…:5m`): the convention names the operations applied, newest first (`rate5m`, `ratio_rate5m`, `sum`).',
  },
  rule(ctx, _pack, report) {
    if (ctx.alerting) return;
    const name = (ctx.rule as { record: string }).record;
    if (typeof name !== 'string') return;
    const parts = name.split(':');
    if (parts.length < 3) return;
    const ops = parts.slice(2);
    const bare = ops.find((p) => BARE_WINDOW.test(p));
    if (!bare) return;
    report({
      code: 'lint/recording-rule-operations',
      field: 'record',
      message: `\`${name}\`: the operations part \`${bare}\` names a window, not an operation; name what was applied, e.g. \`rate${bare}\`, \`ratio_rate${bare}\` or \`increase${bare}\`.`,
    });
  },
};
