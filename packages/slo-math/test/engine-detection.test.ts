/**
 * Closed-form detection and reset times against promql's rule evaluator: a 30-day 99.9 % SLO's
 * generated rules over synthetic counters (1m samples, 1m evaluations), a healthy lead-in longer
 * than every window, then a constant burn of 1×, 2×, 6×, 14.4× or 100 % errors, then healthy again.
 * Each tier must fire within one evaluation interval after its computed detection time (or never,
 * when the burn does not exceed its factor) and resolve within one interval after its reset time.
 */
import { metric, re } from '@alertcraft/rule-dsl';
import { createStorage, evaluateRulesRange, isAlertingRule, type RuleGroup } from '@alertcraft/promql';
import { describe, expect, it } from 'vitest';
import { alertName, defineSlo, detectionTime, errorBudget, generateRules, resetTime } from '../src/index.js';

const MIN = 60_000;
const slo = defineSlo({
  name: 'checkout',
  objective: 99.9,
  sli: {
    type: 'ratio',
    errors: metric('http_requests_total', { job: 'checkout', code: re('5..') }),
    total: metric('http_requests_total', { job: 'checkout' }),
  },
});
// Only what the burn alerts read: the windowed error ratios and the alerts themselves.
const group: RuleGroup = (() => {
  const g = generateRules([slo]).groups[0]!;
  return {
    ...g,
    rules: g.rules.filter((r) =>
      isAlertingRule(r) ? !r.alert.endsWith('SliAbsent') : r.record.startsWith('slo:sli_error:ratio_rate'),
    ),
  };
})();

const PER_MIN = 10_000;
const longest = Math.max(...slo.tiers.map((t) => t.longMs));
const shortest = Math.max(...slo.tiers.map((t) => t.shortMs));

function run(burn: number) {
  const frac = burn * errorBudget(slo.objective);
  const detections = slo.tiers.map((t) => detectionTime(t, burn, slo.objective)).filter(Number.isFinite);
  const start = longest + 60 * MIN;
  const stop = start + Math.ceil((Math.max(60 * MIN, ...detections) + 60 * MIN) / MIN) * MIN;
  const end = stop + shortest + 60 * MIN;
  const n = end / MIN + 1;
  const ts = new Float64Array(n);
  const bad = new Float64Array(n);
  const good = new Float64Array(n);
  let b = 1000;
  let g = 1_000_000;
  for (let i = 0; i < n; i++) {
    const t = i * MIN;
    ts[i] = t;
    if (i > 0) {
      const f = t > start && t <= stop ? frac : 0;
      b += PER_MIN * f;
      g += PER_MIN * (1 - f);
    }
    bad[i] = b;
    good[i] = g;
  }
  const storage = createStorage();
  storage.appendSeries({ __name__: 'http_requests_total', job: 'checkout', code: '500' }, ts, bad);
  storage.appendSeries({ __name__: 'http_requests_total', job: 'checkout', code: '200' }, ts, good);
  const result = evaluateRulesRange(storage, [group], { start: 0, end, defaultIntervalMs: MIN });
  expect(result.errors).toEqual([]);
  return { start, stop, timeline: result.timeline };
}

const BURNS: [string, number][] = [
  ['1x', 1],
  ['2x', 2],
  ['6x', 6],
  ['14.4x', 14.4],
  ['100 % errors', 1 / errorBudget(slo.objective)],
];

describe('detection and reset times in the engine', () => {
  for (const [label, burn] of BURNS) {
    it(`${label}: every tier fires and resolves within one evaluation interval of the computed times`, () => {
      const { start, stop, timeline } = run(burn);
      const rows: string[] = [];
      for (const tier of slo.tiers) {
        const alerts = timeline.filter((a) => a.alertname === alertName(slo, tier) && a.firedAt !== undefined);
        const detect = detectionTime(tier, burn, slo.objective);
        if (!Number.isFinite(detect)) {
          expect(alerts, `${tier.name} must stay quiet at ${label}`).toEqual([]);
          rows.push(`${tier.name}: quiet`);
          continue;
        }
        expect(alerts, `${tier.name} fires once at ${label}`).toHaveLength(1);
        const fired = alerts[0]!.firedAt! - start;
        expect(fired - detect).toBeGreaterThanOrEqual(-1);
        expect(fired - detect).toBeLessThanOrEqual(MIN);
        const resolved = alerts[0]!.resolvedAt! - stop;
        const reset = resetTime(tier, burn);
        expect(resolved - reset).toBeGreaterThanOrEqual(-1);
        expect(resolved - reset).toBeLessThanOrEqual(MIN);
        rows.push(
          `${tier.name}: detect ${detect / 1000}s measured ${fired / 1000}s, reset ${reset / 1000}s measured ${resolved / 1000}s`,
        );
      }
      console.log(`burn ${label}\n  ${rows.join('\n  ')}`);
    }, 120_000);
  }
});
