/**
 * The repo's import graph: no import cycle between the files of one package (or of the harness,
 * `src/` and `packs/` together), and no package imports a package above it in the layers that
 * docs/architecture.md draws (promql → rule-dsl → slo-math · baseline-stats → grafana-json ·
 * alert-noise · health-score → harness; packages of one layer may use each other only in the one
 * direction listed in ALLOWED_SIDEWAYS).
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCycles, importsOf, sourceFiles } from '../test-support/import-graph.js';

const ROOT = resolve(import.meta.dirname, '..');
const LAYER: Record<string, number> = {
  promql: 0,
  'rule-dsl': 1,
  'slo-math': 2,
  'baseline-stats': 2,
  'grafana-json': 3,
  'alert-noise': 3,
  'health-score': 3,
  harness: 4,
};
/** Same-layer imports the architecture allows (importer → imported). */
const ALLOWED_SIDEWAYS = new Set([
  'health-score → slo-math',
  'health-score → baseline-stats',
  'grafana-json → health-score',
]);

const units = Object.keys(LAYER).map((name) => {
  const dir = name === 'harness' ? join(ROOT, 'harness') : join(ROOT, 'packages', name);
  const roots = ['src', 'packs'].map((d) => join(dir, d)).filter(existsSync);
  const files = roots.flatMap(sourceFiles);
  const known = new Set(files);
  const graph = new Map(files.map((f) => [f, importsOf(f, known, ROOT)]));
  return { name, files, graph };
});

describe('import graph', () => {
  it('is read: promql’s evaluator imports its operators and function table', () => {
    const promql = units.find((u) => u.name === 'promql')!;
    const engine = promql.graph.get(join(ROOT, 'packages/promql/src/eval/engine.ts'))!.local;
    expect(engine.map((f) => relative(join(ROOT, 'packages/promql/src'), f))).toEqual(
      expect.arrayContaining(['eval/aggregate.ts', 'eval/binary.ts', 'eval/function-calls.ts']),
    );
  });

  it('finds a cycle when there is one', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(findCycles(g)).toEqual([['a', 'b', 'c', 'a']]);
  });

  for (const u of units) {
    it(`${u.name}: no import cycle between its files (${u.files.length} files)`, () => {
      const local = new Map([...u.graph].map(([f, i]) => [f, i.local]));
      expect(findCycles(local).map((c) => c.map((f) => relative(ROOT, f)).join(' > '))).toEqual([]);
    });

    it(`${u.name}: imports no package above it`, () => {
      const wrong: string[] = [];
      for (const [file, { bare }] of u.graph) {
        for (const spec of bare) {
          const m = /^@alertcraft\/([^/]+)/.exec(spec);
          if (!m) continue;
          const target = m[1]!;
          const sideways = LAYER[target] === LAYER[u.name] && ALLOWED_SIDEWAYS.has(`${u.name} → ${target}`);
          if (target === u.name || (LAYER[target]! >= LAYER[u.name]! && !sideways))
            wrong.push(`${relative(ROOT, file)} imports ${spec}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }
});
