/**
 * The packs carry corrected forms of wrong seed rules. For each correction that lint can see, the
 * seed's ORIGINAL text (the lint engineer's fixtures in packages/rule-dsl/test/fixtures/seeds/,
 * copied from the seed documents) is linted and must show the finding on that rule, and the
 * pack's corrected rule must not. Seed text with Helm placeholders (`{{ .Values.baselines.x.p95 *
 * 1.5 }}`) is rendered first with the pack's example baselines, exactly as `helm --set-file` would.
 */
import { readFileSync } from 'node:fs';
import { emitRuleFile, isAlertingRule, lintFile, type LintDiagnostic, type RuleFile } from '@alertcraft/rule-dsl';
import { describe, expect, it } from 'vitest';
import { exampleInputs, getPack, renderPhase, seedPacks, type AnySeedPack } from '../../src/pack-registry/registry.js';
import { SEED_FIXTURES as FIXTURES, seedFixture } from './seed-fixtures.js';

/** `groups[i].rules[j]` of the rule named `name` in YAML rule-file text. */
function rulePaths(text: string, name: string): string[] {
  // Locate by scanning the YAML for `alert: name` / `record: name` in order.
  const paths: string[] = [];
  let gi = -1;
  let ri = -1;
  for (const line of text.split('\n')) {
    if (/^\s*-\s+name:/.test(line)) {
      gi++;
      ri = -1;
    } else if (/^\s*-\s+(alert|record):/.test(line)) {
      ri++;
      const m = /^\s*-\s+(?:alert|record):\s*(\S+)/.exec(line);
      if (m && m[1] === name) paths.push(`groups[${gi}].rules[${ri}]`);
    }
  }
  return paths;
}

function findingsFor(diags: readonly LintDiagnostic[], text: string, rule: string, code: string): LintDiagnostic[] {
  const paths = rulePaths(text, rule);
  return diags.filter((d) => d.code === code && paths.some((p) => d.path === p || d.path.startsWith(`${p}.`)));
}

function renderedText(pack: AnySeedPack, rule: string): { text: string; phase: string } {
  for (const { id } of pack.rules.phases) {
    const file: RuleFile = renderPhase(pack, id, exampleInputs(pack));
    if (file.groups.some((g) => g.rules.some((r) => (isAlertingRule(r) ? r.alert : r.record) === rule)))
      return { text: emitRuleFile(file), phase: id };
  }
  throw new Error(`pack ${pack.name} has no rule ${rule}`);
}

const linted = seedPacks.flatMap((pack) =>
  pack.corrections.filter((c) => c.lintCode && c.fixture).map((c) => ({ pack, c })),
);

describe('lint catches the seed rules the packs correct', () => {
  it('has corrections to check', () => {
    expect(linted.length).toBeGreaterThanOrEqual(10);
  });

  it.each(linted.map(({ pack, c }) => [`${pack.name}: ${c.rule} (${c.lintCode})`, pack, c] as const))(
    '%s',
    (_title, pack, c) => {
      const ex = exampleInputs(pack);
      const original = seedFixture(c.fixture!, { baselines: ex.baselines ?? {}, ...(ex.values ?? {}) });
      const scrapeInterval = pack.rules.scrapeInterval;
      const before = lintFile(original, c.fixture!, { scrapeInterval });
      expect(
        before.filter((d) => d.code === 'promql/parse'),
        'the rendered seed text parses',
      ).toEqual([]);
      expect(
        findingsFor(before, original, c.rule, c.lintCode!).length,
        `seed ${c.fixture}: ${c.rule} should show ${c.lintCode}`,
      ).toBeGreaterThan(0);

      // A seed rule replaced by generated ones (slo-math's burn tiers) is checked on each of them.
      for (const rule of c.replacedBy ?? [c.rule]) {
        const { text, phase } = renderedText(pack, rule);
        const after = lintFile(text, `${pack.name}-${phase}.rules.yaml`, {
          scrapeInterval,
          evaluationInterval: pack.rules.evaluationInterval,
        });
        expect(
          findingsFor(after, text, rule, c.lintCode!).map((d) => d.message),
          `pack ${pack.name}/${phase}: ${rule} (for the seed's ${c.rule})`,
        ).toEqual([]);
      }
    },
  );

  it("aetherlink: the seed's guard pattern on a per-tenant condition can never match; the pack's guard can", () => {
    const pack = getPack('aetherlink');
    const { text } = renderedText(pack, 'CacheEffectivenessDrop');
    // Seed 001's pattern, `(condition) and sum(rate(metric[window])) > 0`, filled in with the
    // per-tenant cache condition. The condition is written with the recording rule's own
    // expression (the series `aether:cache_hit_ratio:5m` holds), because lint infers the labels of
    // an expression, not yet those of a recorded series.
    const recorded = /record: aether:cache_hit_ratio:5m\n\s+expr: (.*)$/m.exec(text)![1]!;
    expect(recorded).toMatch(/^sum by \(tenant_id\) /);
    const pattern = /expr:\s*(.*)$/m.exec(readFileSync(`${FIXTURES}001-aetherlink-traffic-guard.yaml`, 'utf8'))![1]!;
    const seedExpr = pattern
      .replace('condition', `${recorded} < 0.3`)
      .replace('metric', 'aether_cache_requests_total')
      .replace('window', '5m');
    expect(seedExpr).toMatch(
      /^\(sum by \(tenant_id\) .* < 0\.3\) and sum\(rate\(aether_cache_requests_total\[5m\]\)\) > 0$/,
    );
    const seedFile = `groups:\n  - name: seed-pattern\n    rules:\n      - alert: CacheEffectivenessDrop\n        expr: ${seedExpr}\n        for: 15m\n        labels:\n          severity: warning\n`;
    const before = lintFile(seedFile, 'seed-001-pattern.yaml', { scrapeInterval: '30s' });
    expect(
      findingsFor(before, seedFile, 'CacheEffectivenessDrop', 'lint/vector-match-impossible').length,
    ).toBeGreaterThan(0);
    const after = lintFile(text, 'aetherlink-production.rules.yaml', { scrapeInterval: '30s' });
    expect(after.filter((d) => d.code === 'lint/vector-match-impossible')).toEqual([]);
  });
});
