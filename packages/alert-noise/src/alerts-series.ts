/**
 * Alert instances from Prometheus' own history of its alerts: the `ALERTS` series
 * (`{alertname, alertstate="pending"|"firing", ...labels} 1` at every evaluation while active)
 * and `ALERTS_FOR_STATE` (`{alertname, ...labels}` whose value is the instance's `activeAt` in
 * whole Unix seconds: Prometheus stores `ActiveAt.Unix()`), both as range-query results at one
 * step.
 *
 * An instance is a run of samples of one label set (without `alertstate`) no more than one step
 * apart (plus `gapToleranceMs`): it became active at `ALERTS_FOR_STATE`'s value at its first
 * sample (else that sample's time), fired at its first `firing` sample and was resolved one
 * step after its last sample, unless that is past `endMs` (still active). Times are as precise
 * as the step: query at the rule group's evaluation interval or finer.
 */
import { labelsKey, type Labels, type SeriesData, type TimelineAlert } from '@alertcraft/promql';
import { AlertNoiseError } from './errors.js';

export interface AlertsSeriesOptions {
  /** The range-query step, ms. */
  stepMs: number;
  /** End of the queried range, Unix ms: an instance with a sample in its last step is still active. */
  endMs: number;
  /** Extra slack before two samples count as a gap (default: half a step). */
  gapToleranceMs?: number;
}

function identity(labels: Labels): Labels {
  const out: Record<string, string> = {};
  for (const k of Object.keys(labels).sort()) if (k !== '__name__' && k !== 'alertstate') out[k] = labels[k]!;
  return out;
}

/** `ALERTS` and `ALERTS_FOR_STATE` range results → alert instances, ordered by activeAt then labels. */
export function timelineFromAlertsSeries(
  alerts: readonly SeriesData[],
  forState: readonly SeriesData[],
  options: AlertsSeriesOptions,
): TimelineAlert[] {
  const { stepMs, endMs } = options;
  if (!(stepMs > 0)) throw new AlertNoiseError('alert-noise/bad-step', `stepMs must be positive, got ${stepMs}`);
  const gap = stepMs + (options.gapToleranceMs ?? stepMs / 2);
  // Per identity: sample time → state (firing wins over pending at the same time).
  const byId = new Map<string, { labels: Labels; points: Map<number, 'pending' | 'firing'> }>();
  alerts.forEach((s, i) => {
    const state = s.labels.alertstate;
    if (state !== 'pending' && state !== 'firing')
      throw new AlertNoiseError(
        'alert-noise/bad-alerts-series',
        `ALERTS series [${i}] ${labelsKey(s.labels)}: alertstate must be "pending" or "firing"`,
      );
    if (!s.labels.alertname)
      throw new AlertNoiseError('alert-noise/bad-alerts-series', `ALERTS series [${i}] has no alertname label`);
    const labels = identity(s.labels);
    const id = labelsKey(labels);
    let e = byId.get(id);
    if (!e) byId.set(id, (e = { labels, points: new Map() }));
    for (let j = 0; j < s.timestamps.length; j++) {
      const t = s.timestamps[j]!;
      if (state === 'firing' || !e.points.has(t)) e.points.set(t, state);
    }
  });
  const activeAtOf = new Map<string, SeriesData>();
  for (const s of forState) activeAtOf.set(labelsKey(identity(s.labels)), s);
  const valueAt = (s: SeriesData | undefined, t: number): number | undefined => {
    if (!s) return undefined;
    for (let j = 0; j < s.timestamps.length; j++) if (s.timestamps[j] === t) return s.values[j];
    return undefined;
  };

  const out: TimelineAlert[] = [];
  for (const [id, { labels, points }] of byId) {
    const times = [...points.keys()].sort((a, b) => a - b);
    const { alertname, ...rest } = labels;
    let i = 0;
    while (i < times.length) {
      let j = i;
      while (j + 1 < times.length && times[j + 1]! - times[j]! <= gap) j++;
      const first = times[i]!;
      const last = times[j]!;
      const v = valueAt(activeAtOf.get(id), first);
      const activeAt = v !== undefined && Number.isFinite(v) && v * 1000 <= first ? Math.round(v * 1000) : first;
      let firedAt: number | undefined;
      for (let k = i; k <= j; k++)
        if (points.get(times[k]!) === 'firing') {
          firedAt = times[k]!;
          break;
        }
      const resolvedAt = last + stepMs <= endMs ? last + stepMs : undefined;
      out.push({
        alertname: alertname!,
        labels: rest,
        state: resolvedAt !== undefined ? 'inactive' : points.get(last)!,
        activeAt,
        ...(firedAt !== undefined ? { firedAt } : {}),
        ...(resolvedAt !== undefined ? { resolvedAt } : {}),
      });
      i = j + 1;
    }
  }
  return out.sort(
    (a, b) =>
      a.activeAt - b.activeAt ||
      (labelsKey({ ...a.labels, alertname: a.alertname }) < labelsKey({ ...b.labels, alertname: b.alertname })
        ? -1
        : 1),
  );
}
