/**
 * Tuning recommendations as data: each names what to change in the rule file or the Alertmanager
 * configuration, and why, so that it can be applied (`applyRecommendations`) and re-simulated
 * before anyone pages on it.
 */

interface Base {
  /** Stable id, e.g. `raise-for:MaestroErrorRateSpike`. */
  id: string;
  /** Why, with the figures that led to it. */
  why: string;
  /** Firing alerts (or notifications, for Alertmanager changes) it should remove, as measured on the timeline. */
  expectedFewer: number;
}

export type Recommendation =
  | (Base & { kind: 'raise-for'; alert: string; from: string | null; to: string })
  | (Base & { kind: 'keep-firing-for'; alert: string; from: string | null; to: string })
  | (Base & { kind: 'raise-threshold'; alert: string; from: number; to: number; quantile: number })
  | (Base & { kind: 'traffic-guard'; alert: string; guard: string })
  | (Base & { kind: 'merge-duplicate'; keep: string; drop: string })
  | (Base & { kind: 'downgrade-to-ticket'; alert: string; from: string })
  | (Base & { kind: 'inhibit'; source: string; target: string; equal: string[] })
  | (Base & { kind: 'group-by'; route: number[]; from: string[]; to: string[] });

export type RecommendationKind = Recommendation['kind'];
