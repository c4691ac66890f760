/**
 * The alert fatigue score, 0 (quiet, every page real) to 10 (worn out), as seed 000's KPI table
 * asks for it ("alert_fatigue_score < 3/10"). A weighted sum of four loads, each capped at 1:
 *
 *     fatigue = 10 × (0.4 × min(1, maxPagesPerShift / 2)
 *                   + 0.3 × falsePositiveRate
 *                   + 0.2 × min(1, pagesPerNight / 1)
 *                   + 0.1 × min(1, flapping / firingAlerts))
 *
 * - shift load: Google's SRE book holds an on-call shift to at most two incidents per 12 hours;
 *   the busiest shift at or above that counts fully;
 * - false positives: the share of pages-to-be that no incident explains;
 * - night pages: one page a night on average counts fully (sleep is the scarce resource);
 * - flapping: re-fires over firing alerts.
 */

export interface FatigueInput {
  maxPagesPerShift: number;
  falsePositiveRate: number | null;
  pagesPerNight: number | null;
  flapping: number;
  firingAlerts: number;
}

export const FATIGUE_WEIGHTS = { shift: 0.4, falsePositives: 0.3, night: 0.2, flapping: 0.1 } as const;
/** Pages per 12-hour shift the SRE book holds as the most an on-call can handle well. */
export const SHIFT_PAGE_LIMIT = 2;

export function fatigueScore(input: FatigueInput): number {
  const shift = Math.min(1, input.maxPagesPerShift / SHIFT_PAGE_LIMIT);
  const fp = input.falsePositiveRate ?? 0;
  const night = Math.min(1, input.pagesPerNight ?? 0);
  const flap = input.firingAlerts > 0 ? Math.min(1, input.flapping / input.firingAlerts) : 0;
  const w = FATIGUE_WEIGHTS;
  return 10 * (w.shift * shift + w.falsePositives * fp + w.night * night + w.flapping * flap);
}
