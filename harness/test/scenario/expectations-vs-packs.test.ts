// Ground truth and packs must agree: every alert a scenario incident expects exists in the named
// pack's rendered rules for the named phases, and is one the pack itself declares for that
// incident kind in that phase (the packs' `expectations`).
import { describe, expect, it } from 'vitest';
import { isAlertingRule } from '@alertcraft/rule-dsl';
import { exampleInputs, getPack, packNames, phaseIds, renderPhase } from '../../src/pack-registry/registry.js';
import { scenarios } from '../../src/scenario/registry.js';

type Declared = { incident: string; alerts: string[]; within: string };

describe('scenario expectations vs seed packs', () => {
  const alertsOf = new Map<string, Set<string>>();
  for (const name of packNames()) {
    const pack = getPack(name);
    for (const phase of phaseIds(pack)) {
      const file = renderPhase(pack, phase, exampleInputs(pack), { fillFromExamples: true });
      alertsOf.set(
        `${name}/${phase}`,
        new Set(file.groups.flatMap((g) => g.rules.filter(isAlertingRule).map((r) => r.alert))),
      );
    }
  }

  for (const entry of scenarios) {
    it(`${entry.name}: every expected alert exists and is declared by its pack for the incident kind`, () => {
      const sc = entry.build({ stepMs: 3_600_000 });
      let checked = 0;
      for (const inc of sc.incidents) {
        for (const e of inc.expected) {
          expect(e.pack, `${inc.id} ${e.alertname}`).toBeDefined();
          const pack = getPack(e.pack!);
          const phases = e.phases ?? phaseIds(pack);
          for (const phase of phases) {
            expect(phaseIds(pack), `${inc.id}: pack ${e.pack} has no phase ${phase}`).toContain(phase);
            expect(
              [...alertsOf.get(`${e.pack}/${phase}`)!],
              `${inc.id}: ${e.pack}/${phase} has no alert ${e.alertname}`,
            ).toContain(e.alertname);
            const declared = ((pack.rules.expectations?.[phase] ?? []) as Declared[])
              .filter((d) => d.incident === inc.kind)
              .flatMap((d) => d.alerts);
            expect(declared, `${inc.id}: ${e.pack}/${phase} does not declare ${e.alertname} for ${inc.kind}`).toContain(
              e.alertname,
            );
            checked++;
          }
        }
      }
      expect(checked).toBeGreaterThan(0);
    });
  }
});
