// Differential check against the real Prometheus engine: `promtool test rules` evaluates the
// emitted rules over the same input series and must produce the in-process scores.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SeriesData } from '@alertcraft/promql';
import { defineGroup, definePack, emitRuleFile, formatNumber, render, stableYaml } from '@alertcraft/rule-dsl';
import { describe, expect, it } from 'vitest';
import { needBinary, PROMTOOL_HINT } from '../../../test-support/requirements.js';
import { healthScoreRules } from './emit.js';
import { aetherlinkHealthSpec, maestroPenaltySpec } from './presets.js';
import { evaluateScoreOverSeries } from './series.js';
import type { HealthScoreSpec, MissingPolicy } from './spec.js';

const promtool = needBinary('local', ['promtool'], PROMTOOL_HINT);
const MIN = 60_000;

/** Gauge values one per minute from t=0 (promtool's input_series notation and SeriesData). */
const input = (metric: string, values: number[]) => ({
  series: metric,
  text: values.map((v) => formatNumber(v)).join(' '),
  data: {
    labels: { __name__: metric },
    timestamps: Float64Array.from(values.map((_, i) => i * MIN)),
    values: Float64Array.from(values),
  } as SeriesData,
});

async function promtoolAgrees(
  spec: HealthScoreSpec,
  inputs: Record<string, ReturnType<typeof input>>,
  inline: boolean,
  evalMinutes: number[],
) {
  const dir = await mkdtemp(join(tmpdir(), 'health-promtool-'));
  try {
    const pack = definePack({
      name: 'h',
      description: 'h',
      scrapeInterval: '1m',
      evaluationInterval: '1m',
      phases: [{ id: 'p', days: [0, 1] }],
      groups: [defineGroup({ name: 'health', rules: healthScoreRules(spec, { inline }) })],
    });
    await writeFile(join(dir, 'rules.yaml'), emitRuleFile(render(pack, 'p')));
    const local = evaluateScoreOverSeries(
      spec,
      Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, [v.data]])),
      {
        start: 0,
        end: Math.max(...evalMinutes) * MIN,
        stepMs: MIN,
      },
    )[0]!;
    const tests = evalMinutes.map((m) => {
      const p = local.points.find((x) => x.t === m * MIN);
      return {
        expr: spec.name,
        eval_time: `${m}m`,
        exp_samples: p ? [{ labels: spec.name, value: p.result.value }] : [],
      };
    });
    expect(tests.filter((t) => t.exp_samples.length).length).toBeGreaterThan(2);
    const unit = {
      rule_files: ['rules.yaml'],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          input_series: Object.values(inputs).map((i) => ({ series: i.series, values: i.text })),
          promql_expr_test: tests,
        },
      ],
    };
    await writeFile(join(dir, 'unit.yaml'), stableYaml(unit));
    const r = await promisify(execFile)(promtool.value!, ['test', 'rules', 'unit.yaml'], { cwd: dir }).catch(
      (e: { stdout: string; stderr: string }) => e,
    );
    expect(`${r.stdout}\n${r.stderr}`).toContain('SUCCESS');
    return local;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe.skipIf(!promtool.ok)('promtool test rules gives the in-process scores', () => {
  const cache = input(
    'cache_ratio',
    [
      0.8, 0.75, 0.9, 0.6, 0.3, 0.95, 0.5, 0.42, 0.88, 0.7, 0.1, 0.99, 0.65, 0.81, 0.77, 0.2, 0.55, 0.66, 0.91, 0.73,
      0.6, 0.5,
    ],
  );
  const lowconf = input(
    'lowconf_pct',
    [10, 25, 5, 40, 60, 12, 33, 70, 8, 20, 90, 3, 45, 17, 22, 80, 35, 28, 9, 15, 30, 40],
  );
  // the reranker reading stops after minute 9 (and reads above 100 % at minute 4): missing from minute 15
  const rerank = input('rerank_pct', [20, 50, 80, 100, 130, 10, 60, 40, 90, 30]);
  const at = [2, 4, 7, 9, 12, 16, 18, 21];
  for (const missing of ['renormalize', 'zero', 'fail'] as MissingPolicy[]) {
    for (const inline of [false, true]) {
      it(`seed 001 40/40/20, missing=${missing}${inline ? ', inline' : ''}`, async () => {
        const spec = aetherlinkHealthSpec({
          missing,
          inputs: { cache: 'cache_ratio', quality: 'lowconf_pct', efficiency: 'rerank_pct' },
        });
        const local = await promtoolAgrees(spec, { cache, quality: lowconf, efficiency: rerank }, inline, at);
        const last = local.points.find((p) => p.t === 21 * MIN);
        if (missing === 'fail') expect(last).toBeUndefined();
        else expect(last!.result.missing).toEqual(['efficiency']);
      }, 60_000);
    }
  }
  it('seed 000 penalty checker', async () => {
    const spec: HealthScoreSpec = {
      ...maestroPenaltySpec(),
      components: maestroPenaltySpec().components.map((c) => ({
        ...c,
        input: { availability: 'avail', latency: 'p95', cost: 'cost_per_min' }[c.name]!,
      })),
    };
    await promtoolAgrees(
      spec,
      {
        availability: input('avail', [0.9995, 0.998, 0.999, 0.9989, 1, 0.97, 0.9999, 0.999, 0.99, 1]),
        latency: input('p95', [1.2, 1.6, 1.5, 2, 0.4, 3, 1.49, 1.51, 1, 2]),
        cost: input('cost_per_min', [0.5, 1.5, 1, 2, 0.2, 1.01, 0.99, 3, 0.1, 1]),
      },
      false,
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    );
  }, 60_000);
});
