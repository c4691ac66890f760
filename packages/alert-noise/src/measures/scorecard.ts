/**
 * Seed 000's "Observability Maturity Scorecard": KPI targets per launch phase (day 0–3, day 4–7,
 * day 8–14), each measured from the phase's noise measures where a timeline can say it. KPIs a
 * timeline cannot measure (health score, baseline coverage, SLO tracking accuracy, business
 * metric visibility, predictive accuracy) are listed with `value: null` and say why, rather than
 * being left out or guessed.
 */
import type { NoiseMeasures } from './measure.js';

export interface KpiTarget {
  /** The seed's KPI key, e.g. `false_positive_rate`. */
  kpi: string;
  op: '<' | '>';
  /** The target as the seed writes it (rates as fractions, minutes as seconds, fatigue out of 10). */
  value: number;
  unit: 'ratio' | 'seconds' | 'score';
}

export interface PhaseTargets {
  /** Phase id of the pack's rules (maestro: day0, day4, day8). */
  phase: string;
  /** The seed's block name and days. */
  label: string;
  targets: readonly KpiTarget[];
}

/** Seed 000's targets, by phase. */
export const SEED_000_TARGETS: readonly PhaseTargets[] = [
  {
    phase: 'day0',
    label: 'launch_window_kpis (day 0-3)',
    targets: [
      { kpi: 'health_score', op: '>', value: 0.95, unit: 'ratio' },
      { kpi: 'alert_response_time', op: '<', value: 900, unit: 'seconds' },
      { kpi: 'incident_detection_rate', op: '>', value: 0.9, unit: 'ratio' },
      { kpi: 'false_positive_rate', op: '<', value: 0.2, unit: 'ratio' },
    ],
  },
  {
    phase: 'day4',
    label: 'pattern_learning_kpis (day 4-7)',
    targets: [
      { kpi: 'baseline_coverage', op: '>', value: 0.8, unit: 'ratio' },
      { kpi: 'alert_noise_reduction', op: '>', value: 0.3, unit: 'ratio' },
      { kpi: 'slo_tracking_accuracy', op: '>', value: 0.95, unit: 'ratio' },
      { kpi: 'business_metric_visibility', op: '>', value: 0.999, unit: 'ratio' },
    ],
  },
  {
    phase: 'day8',
    label: 'optimization_kpis (day 8-14)',
    targets: [
      { kpi: 'false_positive_rate', op: '<', value: 0.05, unit: 'ratio' },
      { kpi: 'alert_fatigue_score', op: '<', value: 3, unit: 'score' },
      { kpi: 'mttr_improvement', op: '>', value: 0.25, unit: 'ratio' },
      { kpi: 'predictive_accuracy', op: '>', value: 0.7, unit: 'ratio' },
    ],
  },
];

export interface ScorecardRow {
  phase: string;
  kpi: string;
  op: KpiTarget['op'];
  unit: KpiTarget['unit'];
  target: number;
  /** Measured value; null when the timeline cannot measure it (see `note`) or nothing was there to measure. */
  measured: number | null;
  /** True/false when measured; null otherwise. */
  met: boolean | null;
  /** How it was measured, or why it was not. */
  note: string;
}

const NOT_FROM_TIMELINES: Record<string, string> = {
  health_score: 'not measured from alert timelines: a health-score check (@alertcraft/health-score) says it',
  baseline_coverage: 'not measured from alert timelines: share of rules with a learned baseline (rule-dsl render)',
  slo_tracking_accuracy: 'not measured from alert timelines: SLO math (@alertcraft/slo-math) against recorded SLIs',
  business_metric_visibility: 'not measured from alert timelines: dashboard coverage (@alertcraft/grafana-json)',
  predictive_accuracy: 'not measured: the scenario has no ground truth for predictions (forecast vs later outcome)',
};

/** Day-0 pages per day reduced by this phase's, over day-0's; null without a day-0 phase or day-0 pages. */
function reduction(before: number | undefined, after: number): number | null {
  if (before === undefined || !(before > 0)) return null;
  return (before - after) / before;
}

/**
 * The scorecard over measured phases (`phase id → measures`); phases absent from `measured` are
 * left out. Relative KPIs compare with the first phase of `targets` (day 0): noise reduction in
 * pages per day, MTTR improvement in median time to resolve.
 */
export function kpiScorecard(
  measured: Readonly<Record<string, NoiseMeasures>>,
  targets: readonly PhaseTargets[] = SEED_000_TARGETS,
): ScorecardRow[] {
  const first = targets[0] ? measured[targets[0].phase] : undefined;
  const rows: ScorecardRow[] = [];
  for (const p of targets) {
    const m = measured[p.phase];
    if (!m) continue;
    for (const t of p.targets) {
      let value: number | null = null;
      let note = NOT_FROM_TIMELINES[t.kpi] ?? '';
      switch (t.kpi) {
        case 'alert_response_time':
          value = m.kpis.ttdP95Seconds;
          note = 'p95 seconds from incident start to the detecting alert firing';
          break;
        case 'incident_detection_rate':
          value = m.kpis.detectionRate;
          note = 'incidents caught in time / incidents the phase had to catch';
          break;
        case 'false_positive_rate':
          value = m.kpis.falsePositiveRate;
          note = 'firing alerts no incident explains / firing alerts';
          break;
        case 'alert_noise_reduction':
          value = first ? reduction(first.kpis.pagesPerDay, m.kpis.pagesPerDay) : null;
          note = 'pages per day, relative to day 0';
          break;
        case 'alert_fatigue_score':
          value = m.fatigue;
          note = 'fatigueScore (0-10)';
          break;
        case 'mttr_improvement': {
          const b = first?.ttrP50Seconds;
          value = b != null && b > 0 && m.ttrP50Seconds !== null ? (b - m.ttrP50Seconds) / b : null;
          note = 'median time to resolve, relative to day 0';
          break;
        }
      }
      const met = value === null ? null : t.op === '<' ? value < t.value : value > t.value;
      rows.push({ phase: p.phase, kpi: t.kpi, op: t.op, unit: t.unit, target: t.value, measured: value, met, note });
    }
  }
  return rows;
}
