/**
 * The launch replay calibrates maestro's day 4 thresholds from days 0–3 and compares day 0's rules
 * with the calibrated day 4 rules on days 4–7 (the same incidents); the result JSON and the HTML
 * report carry both. The figures are the embedded engine's replay and alert-noise's KPIs; the
 * false positives are the scenario's benign disturbances (harness/src/scenario/disturbances.ts).
 */
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/report/render.js';
import { readResult, stringifyResult } from '../../src/result/io.js';
import { replay, type ReplayOutcome } from '../../src/replay/replay.js';

describe('launch replay with calibrated day 4', { timeout: 300_000 }, () => {
  let outcome: ReplayOutcome;
  it('calibrates day 4 from days 0–3 and compares it with day 0 on the same incidents', async () => {
    outcome = await replay({ packs: ['maestro'] });
    const cals = outcome.document.calibrations!;
    expect(cals).toHaveLength(1);
    const c = cals[0]!;
    expect(c).toMatchObject({ pack: 'maestro', phase: 'day4', comparedWith: 'day0' });
    const day4 = outcome.document.runs.find((r) => r.phase === 'day4')!;
    expect(c.window).toEqual(day4.window);
    expect(c.learnedFrom.end).toBe(day4.window.start);
    expect(c.incidents).toEqual(day4.incidents.map((i) => i.id));
    expect(c.alerts.map((a) => a.alertname)).toEqual(['MaestroErrorRateHigh', 'MaestroLatencyAnomaly']);
    for (const a of c.alerts) {
      expect(Number.isFinite(a.threshold)).toBe(true);
      expect(a.met).toBe(true);
      expect(a.candidatesTried).toBeGreaterThan(1);
      expect(a.explanation.length).toBeGreaterThanOrEqual(2);
    }
    // The rendered day 4 rules read the calibrated thresholds and for durations.
    const run = outcome.runs.find((r) => r.window.phase === 'day4')!;
    expect(run.calibration!.overrides.MaestroErrorRateHigh!.threshold).toBe(c.alerts[0]!.threshold);
    const [before, after] = c.comparison;
    expect(before!.phase).toBe('day0');
    expect(after!.phase).toBe('day4');
    // Days 4–7 have benign disturbances (a deploy blip, a retry storm, an announcement surge):
    // day 0's hair-trigger rules page on them, the rules calibrated on days 0–3 (which had the same
    // kinds) do not, and detect at least as many incidents.
    expect(c.disturbances!.map((d) => d.split(':')[0])).toEqual([
      'd04-deploy-blip',
      'd05-retry-storm',
      'd06-traffic-surge',
    ]);
    expect(before!.falsePositives).toBeGreaterThan(0);
    expect(after!.falsePositiveRate!).toBeLessThan(before!.falsePositiveRate!);
    expect(after!.falsePositives).toBeLessThan(before!.falsePositives);
    expect(after!.incidentsDetected).toBeGreaterThanOrEqual(before!.incidentsDetected);
    // Day 0's own run (days 0–3) has false positives too: the hair trigger pages on launch noise.
    const day0 = outcome.document.runs.find((r) => r.phase === 'day0')!;
    expect(day0.kpis.falsePositives).toBeGreaterThan(0);
    expect(day0.kpis.incidentsDetected).toBe(day0.kpis.incidentsRequired);
    expect(after!).toEqual({
      phase: 'day4',
      firingAlerts: day4.kpis.firingAlerts,
      falsePositives: day4.kpis.falsePositives,
      falsePositiveRate: day4.kpis.falsePositiveRate,
      incidentsRequired: day4.kpis.incidentsRequired,
      incidentsDetected: day4.kpis.incidentsDetected,
      detectionRate: day4.kpis.detectionRate,
      mttdSeconds: day4.kpis.mttdSeconds,
    });
    console.log(`calibrated launch: ${JSON.stringify(c.comparison)}`);
  });

  it('the result JSON round-trips through the schema; the report shows the comparison', () => {
    const text = stringifyResult(outcome.document);
    expect(readResult(text).calibrations).toEqual(outcome.document.calibrations);
    const html = renderReport(outcome.document);
    expect(html).toContain('<h3>Calibrated day4 vs day0</h3>');
    expect(html.match(/<table class="comparison">/g)).toHaveLength(1);
    expect(html).toContain('<td>day4 (calibrated)</td>');
    expect(html).toContain('Benign disturbances in the window');
    expect(html).toContain('d04-deploy-blip: tuning rolling deploy');
    // Day 8's seed variant (the seed's single-window SLO rule) beside the generated tiers.
    expect(outcome.document.variants?.map((v) => `${v.phase}/${v.variant}`)).toEqual(['day8/seed']);
    expect(readResult(text).variants).toEqual(outcome.document.variants);
    expect(html).toContain('<h3>Variant seed of day8</h3>');
    expect(html.match(/<h4>SLO budgets<\/h4>/g)).toHaveLength(1);
  });

  it('same seed, same bytes', async () => {
    const again = await replay({ packs: ['maestro'] });
    expect(stringifyResult(again.document)).toBe(stringifyResult(outcome.document));
  });
});
