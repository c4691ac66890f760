/**
 * `transformRules` (how `--recommend` re-simulates a tuning) changes only the run's own rules: not
 * the phase a calibration is compared with, nor a variant; `variants: false` skips the variants.
 */
import { describe, expect, it } from 'vitest';
import { replay } from '../../src/replay/replay.js';

describe('replay transformRules and variants', () => {
  it('transforms only the calibrated phase, not the phase it is compared with', { timeout: 120_000 }, async () => {
    const calls: string[] = [];
    const out = await replay({
      packs: ['maestro'],
      onlyPhase: 'day4',
      transformRules: (pack, phase, rules) => {
        calls.push(`${pack}/${phase}:${rules.groups.map((g) => g.name).join(',')}`);
        return rules;
      },
    });
    expect(out.document.calibrations?.map((c) => `${c.phase} vs ${c.comparedWith}`)).toEqual(['day4 vs day0']);
    expect(calls).toEqual(['maestro/day4:maestro-day4-calibrated,maestro.business']);
  });

  it('transforms day 8 but not its seed variant; variants: false replays none', { timeout: 120_000 }, async () => {
    const calls: string[] = [];
    const transformRules = (pack: string, phase: string, rules: { groups: { name: string }[] }) => {
      calls.push(`${pack}/${phase}:${rules.groups.map((g) => g.name).join(',')}`);
      return rules as never;
    };
    const withVariant = await replay({ packs: ['maestro'], onlyPhase: 'day8', transformRules });
    expect(withVariant.document.variants?.map((v) => v.variant)).toEqual(['seed']);
    expect(calls).toEqual([
      'maestro/day8:maestro-mature-slos,slo-maestro-availability,slo-maestro-latency,maestro.business',
    ]);
    const without = await replay({ packs: ['maestro'], onlyPhase: 'day8', variants: false });
    expect(without.document.variants).toBeUndefined();
    expect(without.document.runs.map((r) => r.alerts)).toEqual(withVariant.document.runs.map((r) => r.alerts));
  });
});
