/**
 * Calibrating a pack's phase from history: each alert of `pack.calibration` has its compared value
 * (`signal`) evaluated over the history at the rule evaluation interval with the embedded engine,
 * and `@alertcraft/baseline-stats` `calibrate` proposes its threshold and `for` against the pack's
 * false-positive budget, the pack's labelled incidents of the alert's kinds as ground truth. The
 * result is render `overrides` plus, per alert, what was tried and why.
 */
import { calibrate, type CalibrationResult } from '@alertcraft/baseline-stats';
import { rangeQuery, type Storage } from '@alertcraft/promql';
import { formatDuration, parseDuration, type Baselines } from '@alertcraft/rule-dsl';
import type { AnySeedPack, PackCalibration } from '../../packs/types.js';
import type { Incident } from '../scenario/types.js';

export interface CalibratedAlert {
  alertname: string;
  /** The alert parameter replaced. */
  param: string;
  signal: string;
  result: CalibrationResult;
  /** Evaluations of the history where the signal had no finite value (not firing there). */
  droppedSamples: number;
}

export interface PhaseCalibration {
  pack: string;
  phase: string;
  comparedWith: string;
  from: number;
  to: number;
  maxFalsePositivesPerDay: number;
  alerts: CalibratedAlert[];
  /** Render overrides: `{ alert: { threshold, for } }`. */
  overrides: Record<string, Record<string, number | string>>;
}

/** The pack's calibration spec, or a clear error when it has none. */
export function packCalibration(pack: AnySeedPack): PackCalibration {
  if (!pack.calibration)
    throw new Error(`pack '${pack.name}' declares no calibration (no alert has a calibrated threshold)`);
  return pack.calibration;
}

/** Calibrate `pack.calibration`'s alerts from `storage` over [from, to). Deterministic. */
export function calibratePhase(
  storage: Storage,
  pack: AnySeedPack,
  opts: {
    baselines: Baselines;
    from: number;
    to: number;
    evalIntervalMs: number;
    /** Ground truth; only incidents of this pack (an `expected` entry names it) and the alert's kinds count. */
    incidents?: readonly Incident[];
  },
): PhaseCalibration {
  const spec = packCalibration(pack);
  const alerts: CalibratedAlert[] = [];
  const overrides: PhaseCalibration['overrides'] = {};
  for (const [alertname, a] of Object.entries(spec.alerts)) {
    const signal = typeof a.signal === 'function' ? a.signal(opts.baselines) : a.signal;
    const value = rangeQuery(storage, signal, opts.from, opts.to - 1, opts.evalIntervalMs);
    // Per evaluation the highest (for `below`: lowest) value over the series the signal returns.
    const above = (a.direction ?? 'above') === 'above';
    const byT = new Map<number, number>();
    let dropped = 0;
    const series = value.type === 'matrix' ? value.series : [];
    for (const s of series) {
      for (let i = 0; i < s.timestamps.length; i++) {
        const t = s.timestamps[i]!;
        const v = s.values[i]!;
        if (!Number.isFinite(v)) {
          dropped++;
          continue;
        }
        const prev = byT.get(t);
        byT.set(t, prev === undefined ? v : above ? Math.max(prev, v) : Math.min(prev, v));
      }
    }
    const ts = [...byT.keys()].sort((x, y) => x - y);
    const incidents = (opts.incidents ?? [])
      .filter(
        (i) =>
          i.start >= opts.from &&
          i.start < opts.to &&
          a.incidentKinds.includes(i.kind) &&
          i.expected.some((e) => e.pack === pack.name),
      )
      .map((i) => ({ id: i.id, start: i.start, end: i.end }));
    const result = calibrate({
      name: alertname,
      timestamps: ts,
      values: ts.map((t) => byT.get(t)!),
      evalIntervalMs: opts.evalIntervalMs,
      direction: a.direction,
      window: { start: opts.from, end: opts.to },
      incidents,
      maxFalsePositivesPerDay: spec.maxFalsePositivesPerDay,
      forMs: a.for?.map(parseDuration),
    });
    const param = a.param ?? 'threshold';
    overrides[alertname] = { [param]: result.threshold, for: formatDuration(result.forMs) };
    alerts.push({ alertname, param, signal, result, droppedSamples: dropped });
  }
  return {
    pack: pack.name,
    phase: spec.phase,
    comparedWith: spec.comparedWith,
    from: opts.from,
    to: opts.to,
    maxFalsePositivesPerDay: spec.maxFalsePositivesPerDay,
    alerts,
    overrides,
  };
}
