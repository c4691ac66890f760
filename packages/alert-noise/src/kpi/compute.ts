/**
 * All KPIs of one run (one pack's rules for one phase) over its phase window.
 */
import { mean, quantile } from '@alertcraft/baseline-stats';
import { detectIncidents, detectionRate } from './detection.js';
import { falsePositives, violatesQuiet } from './false-positives.js';
import { firingIn, incidentsIn } from './match.js';
import { flappingCount, noisiestAlerts, pagesPerDay } from './noise.js';
import type { KpiInput, KpiOptions, Kpis } from './types.js';

/** `quantile`/`mean` of baseline-stats give NaN for an empty sample; a KPI says null. */
const orNull = (v: number): number | null => (Number.isNaN(v) ? null : v);

export function computeKpis(input: KpiInput, options: KpiOptions = {}): Kpis {
  const { window } = input;
  const incidents = incidentsIn(input.incidents, window);
  const detections = detectIncidents(incidents, input.alerts, input.pack, input.phase);
  const firing = firingIn(input.alerts, window);
  // Any incident of the scenario can explain an alert (one that started just before the window too).
  const fps = falsePositives(firing, input.incidents, window.end, input.pack);
  const ttd = detections.filter((d) => d.detected).map((d) => d.seconds!);
  return {
    detectionRate: detectionRate(detections),
    falsePositiveRate: firing.length ? fps.length / firing.length : null,
    mttdSeconds: orNull(mean(ttd)),
    ttdP50Seconds: orNull(quantile(ttd, 0.5)),
    ttdP95Seconds: orNull(quantile(ttd, 0.95)),
    pagesPerDay: pagesPerDay(firing, window, options.pagingSeverities),
    flapping: flappingCount(firing, options.flapWindowMs),
    quietViolations: firing.filter((a) => violatesQuiet(a, input.incidents, window.end)).length,
    firingAlerts: firing.length,
    falsePositives: fps.length,
    incidentsRequired: detections.filter((d) => d.required.length > 0).length,
    incidentsDetected: detections.filter((d) => d.detected).length,
    detections,
    noisiest: noisiestAlerts(firing, new Set(fps), window, options.noisiestLimit),
  };
}
