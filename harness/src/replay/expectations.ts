/**
 * A pack's own expectations (`rules.expectations[phase]`: which incident kinds the phase must
 * catch, with which alerts, how fast), checked against a replay's alert timeline. Detection uses
 * the KPI rules: a named alert with labels compatible with the incident's scope went firing in
 * [start, start + within].
 */
import { detectIncident } from '@alertcraft/alert-noise';
import type { TimelineAlert } from '@alertcraft/promql';
import { parseDuration } from '@alertcraft/rule-dsl';
import type { AnySeedPack } from '../pack-registry/registry.js';
import type { Incident } from '../scenario/types.js';
import type { PhaseRunWindow } from './windows.js';

/** Deadline used when an expectation gives no `within`. */
export const DEFAULT_EXPECTATION_WITHIN_S = 3600;

export interface ExpectationOutcome {
  pack: string;
  phase: string;
  incidentId: string;
  incidentKind: string;
  incidentStart: number;
  alerts: string[];
  withinSeconds: number;
  met: boolean;
  /** The alert that caught it and how long it took. */
  alertname?: string;
  seconds?: number;
}

interface Expectation {
  incident: string;
  labels?: Readonly<Record<string, string>>;
  alerts: readonly string[];
  within?: string;
}

/** Every (incident in the window × expectation of its kind) of the phase, with its outcome. */
export function checkExpectations(
  pack: AnySeedPack,
  window: PhaseRunWindow,
  incidents: readonly Incident[],
  alerts: readonly TimelineAlert[],
): ExpectationOutcome[] {
  const list =
    ((pack.rules.expectations ?? {}) as Record<string, readonly Expectation[] | undefined>)[window.phase] ?? [];
  const out: ExpectationOutcome[] = [];
  for (const exp of list) {
    const withinSeconds = exp.within ? parseDuration(exp.within) / 1000 : DEFAULT_EXPECTATION_WITHIN_S;
    for (const inc of incidents) {
      if (inc.kind !== exp.incident || inc.start < window.start || inc.start >= window.end) continue;
      if (exp.labels && Object.entries(exp.labels).some(([k, v]) => inc.labels[k] !== v)) continue;
      const probe: Incident = {
        ...inc,
        expected: exp.alerts.map((alertname) => ({ alertname, within: withinSeconds })),
      };
      const d = detectIncident(probe, alerts);
      out.push({
        pack: pack.name,
        phase: window.phase,
        incidentId: inc.id,
        incidentKind: inc.kind,
        incidentStart: inc.start,
        alerts: [...exp.alerts],
        withinSeconds,
        met: d.detected,
        ...(d.detected ? { alertname: d.alertname, seconds: d.seconds } : {}),
      });
    }
  }
  return out;
}
