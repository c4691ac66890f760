// Robust statistics, a PromQL-equal prediction, and a z-score band emitted as rules.
import { emitRuleFile } from '@alertcraft/rule-dsl';
import { holtWinters, iqr, mad, median, predictLinear, zscoreDetector, zscoreRules } from '@alertcraft/baseline-stats';

export function robustSummary(errorRates: number[]) {
  return { median: median(errorRates), mad: mad(errorRates), iqr: iqr(errorRates) };
}

/** What `predict_linear(m[10m], 3600)` and `holt_winters(m[10m], 0.5, 0.5)` return at `nowMs`. */
export function forecasts(timestampsMs: number[], values: number[], nowMs: number) {
  return { inOneHour: predictLinear(timestampsMs, values, nowMs, 3600), smoothed: holtWinters(values, 0.5, 0.5) };
}

/** The samples a 1-hour z-score band flags, and the rule file that pages on the same samples. */
export function signupBand(timestampsMs: number[], values: number[]) {
  const options = { windowMs: 3_600_000, k: 3, minSamples: 30 };
  const { flags } = zscoreDetector(timestampsMs, values, options);
  const group = zscoreRules({
    ...options,
    selector: 'signups:rate5m',
    record: 'signups:rate5m:zscore',
    alert: 'BusinessSignupAnomaly',
  });
  return { flagged: timestampsMs.filter((_, i) => flags[i]), yaml: emitRuleFile({ groups: [group] }) };
}
