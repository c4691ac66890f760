/**
 * The packs keep their promises: each pack's declared expectations (which incident kinds a phase
 * must catch, and how fast) are met when its built-in scenario is replayed through the rendered
 * rules on the embedded runtime, with no false positives and nothing firing in the windows that
 * must stay quiet (zero-traffic hours, maintenance windows).
 */
import { describe, expect, it } from 'vitest';
import { replay } from '../../src/replay/index.js';
import { runVerdict } from '../../src/result/verdict.js';

const CASES = [
  { scenario: 'maestro-smoke', pack: 'maestro', phase: 'day0', incidents: 3 },
  { scenario: 'aetherlink-day', pack: 'aetherlink', phase: 'production', incidents: 4 },
  { scenario: 'runbook-day', pack: 'incident-runbook', phase: 'production', incidents: 4 },
  { scenario: 'ga-launch-30m', pack: 'ga-launch', phase: 'ga', incidents: 2 },
] as const;

describe('pack expectations on their scenarios (embedded runtime)', () => {
  it.each(CASES)(
    '$pack/$phase on $scenario',
    async ({ scenario, pack, phase, incidents }) => {
      const out = await replay({ scenario, packs: [pack], phase, runtime: 'embedded' });
      const missed = out.expectations
        .filter((e) => !e.met)
        .map((e) => `${e.incidentId}: none of ${e.alerts.join(', ')} within ${e.withinSeconds}s`);
      expect(missed).toEqual([]);
      expect(out.expectations).toHaveLength(incidents);
      const kpis = (
        out.document.runs[0] as unknown as {
          kpis: { falsePositives: number; quietViolations: number; detectionRate: number };
        }
      ).kpis;
      expect({ falsePositives: kpis.falsePositives, quietViolations: kpis.quietViolations }).toEqual({
        falsePositives: 0,
        quietViolations: 0,
      });
      // Within the noise budget's false-positive and flapping limits. Pages per day are not judged here:
      // these scenarios pack a day with incidents (aetherlink-day pages 10 times, every page real).
      expect(
        runVerdict(out.document.runs[0]!)
          .overBudget.filter((b) => b.key !== 'maxPagesPerDay')
          .map((b) => b.message),
      ).toEqual([]);
    },
    300_000,
  );
});
