// Load series in promtool's input_series notation and evaluate PromQL in-process.
import { createStorage, instantQuery, loadSeriesDescriptions } from '@alertcraft/promql';

export function errorRatioAt(minute: number): number | undefined {
  const storage = createStorage();
  // One sample a minute from t=0: 100 requests/min, 5 of them failing from minute 10 on.
  loadSeriesDescriptions(
    storage,
    ['http_requests_total{code="200"} 0+100x30', 'http_requests_total{code="500"} 0x10 0+5x20'],
    60_000,
  );
  const value = instantQuery(
    storage,
    'sum(rate(http_requests_total{code="500"}[5m])) / sum(rate(http_requests_total[5m]))',
    minute * 60_000,
  );
  return value.type === 'vector' ? value.samples[0]?.v : undefined;
}

console.log(errorRatioAt(5), errorRatioAt(20));
