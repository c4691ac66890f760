/**
 * The documentation embeds these example files verbatim (`<<< @/../packages/.../examples/x.ts`);
 * this test runs them so that the docs show code that works.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { launchDayKpis } from '../packages/alert-noise/examples/kpis.js';
import {
  explainDrop,
  healthRuleFile,
  scoreWithoutEfficiency,
} from '../packages/health-score/examples/aetherlink-score.js';
import { checkExpression } from '../packages/promql/examples/check-expression.js';
import { errorRatioAt } from '../packages/promql/examples/evaluate.js';
import { renderCheckout } from '../packages/rule-dsl/examples/launch-pack.js';
import { lintSeedRule } from '../packages/rule-dsl/examples/lint-seed-rule.js';
import { maintenanceSilence } from '../packages/rule-dsl/examples/maintenance-silence.js';
import { needBinary, PROMTOOL_HINT } from '../test-support/requirements.js';
import { calibrateErrorRate } from '../packages/baseline-stats/examples/calibrate-threshold.js';

const promtool = needBinary('local', ['promtool'], PROMTOOL_HINT);

describe('documentation examples', () => {
  it('calibrate-threshold: within the budget, the incident detected, every candidate listed', () => {
    const t0 = Date.UTC(2025, 8, 1);
    const ts = Array.from({ length: 7 * 1440 }, (_, i) => t0 + i * 60_000);
    // 0.1 % errors with a 0.3 % blip every 6 hours (noise), and a 2 % incident on day 3.
    const incident = { id: 'day3', start: t0 + 3 * 86_400_000, end: t0 + 3 * 86_400_000 + 1_800_000 };
    const vs = ts.map((t, i) => (t >= incident.start && t < incident.end ? 0.02 : i % 360 === 0 ? 0.003 : 0.001));
    const r = calibrateErrorRate(ts, vs, [incident]);
    expect(r.met).toBe(true);
    expect(r.chosen.detected).toBe(1);
    expect(r.chosen.falsePositives).toBe(0);
    // p95 = p99 = 0.001 here: the thresholds they give are tried once (6 thresholds × 3 for).
    expect(r.candidates).toHaveLength(6 * 3);
    expect(r.threshold).toBeGreaterThan(0.003 * 0.8);
  });

  it('check-expression: formats a valid expression, reports a type error with its position', () => {
    expect(checkExpression('sum by(le)(rate(x_bucket[5m]))')).toEqual(['sum by (le) (rate(x_bucket[5m]))']);
    expect(checkExpression('rate(x[5m]) and 1')[0]).toMatch(/^1:1 error promql\/type: set operator "and" not allowed/);
  });

  it('evaluate: 5 failing out of 105 per minute after minute 10', () => {
    expect(errorRatioAt(5)).toBe(0);
    expect(errorRatioAt(20)).toBeCloseTo(5 / 105, 12);
  });

  it('launch-pack: day 4 threshold is the baseline p95 × 1.5', () => {
    const day4 = renderCheckout('day4');
    expect(day4).toContain('> 0.006)');
    expect(day4).toContain('for: 10m');
    expect(renderCheckout('day8')).toContain('[1h]');
  });

  it.skipIf(!promtool.ok)('launch-pack: promtool accepts every phase', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'alertcraft-docs-'));
    try {
      for (const phase of ['day0', 'day4', 'day8'] as const) {
        const file = join(dir, `${phase}.yaml`);
        await writeFile(file, renderCheckout(phase));
        const { stdout } = await promisify(execFile)(promtool.value!, ['check', 'rules', file]);
        expect(stdout).toContain('SUCCESS: 1 rules found');
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('aetherlink-score: renormalised without efficiency, the driver of a drop', () => {
    const r = scoreWithoutEfficiency();
    expect(r.value).toBeCloseTo(77.5, 12);
    expect(r.coverage).toBeCloseTo(0.8, 12);
    expect(r.missing).toEqual(['efficiency']);
    expect(explainDrop()).toBe('aether:health_score:15m 88.0 → 63.2 (−24.8): driven by cache 0.90 → 0.30 (−24.0)');
  });

  it.skipIf(!promtool.ok)('aetherlink-score: promtool accepts the health-score rules', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'alertcraft-docs-'));
    try {
      const file = join(dir, 'health.yaml');
      await writeFile(file, healthRuleFile());
      const { stdout } = await promisify(execFile)(promtool.value!, ['check', 'rules', file]);
      expect(stdout).toContain('SUCCESS: 8 rules found');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('lint-seed-rule: the per-second vs per-minute mix-up and the short window are found', () => {
    const lines = lintSeedRule();
    expect(lines).toContain('day0-hair-trigger.yaml:5:55 warning lint/per-second-vs-per-minute');
    expect(lines.some((l) => l.endsWith('lint/range-too-short'))).toBe(true);
  });

  it('kpis: the spike is caught in 240 s; the page inside the maintenance window is a false positive and a quiet violation', () => {
    const k = launchDayKpis();
    expect(k).toMatchObject({
      detectionRate: 1,
      mttdSeconds: 240,
      firingAlerts: 2,
      falsePositives: 1,
      quietViolations: 1,
      pagesPerDay: 2,
      flapping: 0,
    });
  });

  it('maintenance-silence: a valid v2 payload ending 30 minutes after it starts', () => {
    const { path, payload, problems } = maintenanceSilence('2026-01-15T10:00:00Z');
    expect(path).toBe('/api/v2/silences');
    expect(problems).toEqual([]);
    expect(Date.parse(payload.endsAt) - Date.parse(payload.startsAt)).toBe(30 * 60_000);
  });
});
