// Seed 001's 40 / 40 / 20 health score: in-process, with a missing component, and as rules.
import { aetherlinkHealthSpec, computeScore, explainChange, healthScoreRules } from '@alertcraft/health-score';
import { defineGroup, definePack, emitRuleFile, render } from '@alertcraft/rule-dsl';

const spec = aetherlinkHealthSpec(); // missing: 'renormalize' (the default)

/** The score with the reranker's reading missing: 100 × (0.4 × 0.8 + 0.4 × 0.75) / 0.8. */
export function scoreWithoutEfficiency() {
  const r = computeScore(spec, { cache: 0.8, quality: 25, efficiency: null });
  // { value: 77.5 (to 1e-12), coverage: 0.8, missing: ['efficiency'] }
  return { value: r.value, coverage: r.coverage, missing: r.missing };
}

/** Which component drove a drop: "… 88.0 → 63.2 (−24.8): driven by cache 0.90 → 0.30 (−24.0)". */
export function explainDrop(): string {
  const before = computeScore(spec, { cache: 0.9, quality: 10, efficiency: 20 });
  const after = computeScore(spec, { cache: 0.3, quality: 12, efficiency: 20 });
  return explainChange(before, after).text;
}

/** The score as Prometheus recording rules (per-component series, coverage, score). */
export function healthRuleFile(): string {
  const pack = definePack({
    name: 'aether-health',
    description: 'AetherLink health score',
    scrapeInterval: '30s',
    phases: [{ id: 'production', days: [0, 90] }],
    groups: [defineGroup({ name: 'aether.health', rules: healthScoreRules(spec) })],
  });
  return emitRuleFile(render(pack, 'production'));
}
