// Calibrate one alert's threshold and `for` from a week of its compared value (one sample per
// rule evaluation) and the incidents labelled in that week, within 0.5 false pages per day.
import { calibrate, type CalibrationIncident, type CalibrationResult } from '@alertcraft/baseline-stats';

export function calibrateErrorRate(
  timestamps: readonly number[],
  errorRatio: readonly number[],
  incidents: readonly CalibrationIncident[],
): CalibrationResult {
  return calibrate({
    name: 'CheckoutErrorRateHigh',
    timestamps,
    values: errorRatio,
    evalIntervalMs: 60_000,
    incidents,
    maxFalsePositivesPerDay: 0.5,
    // Thresholds tried: these statistics of the normal history × seed 000's 0.8 / 1.2 / 1.5.
    policy: { stats: ['p95', 'p99', 'max'] },
    forMs: [0, 300_000, 600_000],
  });
}
