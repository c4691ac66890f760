/**
 * promtool unit tests for generated SLO rules: per burn tier, a healthy lead-in, a constant burn
 * (twice the tier's factor, or 100 % errors when that is above 100 %), quiet before the computed
 * detection time and firing after it, resolving after the computed reset time once the burn stops;
 * a 1× burn that fires nothing; and the absent-metric alert with no series.
 */
import { stableYaml } from '@alertcraft/rule-dsl';
import { errorBudget } from './budget.js';
import { durationText } from './durations.js';
import {
  ABSENT_FOR,
  absentAlertName,
  absentAnnotations,
  absentLabels,
  alertName,
  sloLabels,
  tierAlertLabels,
  tierAnnotations,
} from './generate-rules.js';
import { parseDuration } from '@alertcraft/rule-dsl';
import { SloInputError } from './errors.js';
import type { SloSpec } from './spec.js';
import {
  counterValues,
  seriesText,
  testSeriesFor,
  type Labels,
  type TestSeries,
  type TrafficPhase,
} from './test-series.js';
import { detectionTime, resetTime, type BurnTier } from './windows.js';

const MINUTE = 60_000;

export interface ExpAlert {
  exp_labels: Labels;
  exp_annotations?: Labels;
}
export interface AlertRuleTest {
  eval_time: string;
  alertname: string;
  exp_alerts: ExpAlert[];
}
export interface UnitTestCase {
  name: string;
  interval: string;
  input_series: { series: string; values: string }[];
  alert_rule_test: AlertRuleTest[];
}
export interface UnitTestFileData {
  rule_files: string[];
  evaluation_interval: string;
  tests: UnitTestCase[];
}

/** Scrape interval of a tier's test: 1m for windows up to 6h, 5m for longer ones. */
export function testInterval(tier: BurnTier): number {
  return tier.longMs > 6 * 3600_000 ? 5 * MINUTE : MINUTE;
}

/** The burn a tier's test uses: twice its factor, capped at 100 % errors. */
export function testBurn(tier: BurnTier, objective: number): number {
  const full = 1 / errorBudget(objective);
  return Math.min(2 * tier.factor, full);
}

function inputSeries(series: TestSeries[], phases: TrafficPhase[]): UnitTestCase['input_series'] {
  return series.map((s) => ({ series: seriesText(s.labels), values: counterValues(phases, s.counts) }));
}

const ceilTo = (ms: number, step: number): number => Math.ceil(ms / step) * step;
const floorTo = (ms: number, step: number): number => Math.floor(ms / step) * step;

function firingLabels(spec: SloSpec, tier: BurnTier, series: TestSeries[]): Labels {
  const group: Labels = {};
  for (const g of spec.groupBy ?? []) group[g] = series[0]!.labels[g]!;
  return { ...group, ...sloLabels(spec), ...tierAlertLabels(spec, tier) };
}

/** The test of one tier, with the times it asserts (ms from the start of the series). */
export function tierTest(
  spec: SloSpec,
  tier: BurnTier,
  evalMs: number,
): { test: UnitTestCase; detectAt: number; stopAt: number; resetAt: number } {
  const series = testSeriesFor(spec, `${spec.name}.sli`);
  const interval = testInterval(tier);
  const burn = testBurn(tier, spec.objective);
  const fraction = burn * errorBudget(spec.objective);
  const detect = detectionTime(tier, burn, spec.objective);
  const reset = resetTime(tier, burn);
  const tol = interval + evalMs;
  const start = ceilTo(tier.longMs + interval, interval);
  const stop = ceilTo(start + detect + tol, interval);
  const end = ceilTo(stop + reset + tol + interval, interval);
  const phases: TrafficPhase[] = [
    { samples: start / interval, errorFraction: 0 },
    { samples: (stop - start) / interval, errorFraction: fraction },
    { samples: (end - stop) / interval, errorFraction: 0 },
  ];
  const name = alertName(spec, tier);
  const firing: ExpAlert = {
    exp_labels: firingLabels(spec, tier, series),
    exp_annotations: tierAnnotations(spec, tier),
  };
  const at = (ms: number, alerts: ExpAlert[]): AlertRuleTest => ({
    eval_time: durationText(ms),
    alertname: name,
    exp_alerts: alerts,
  });
  const checks: AlertRuleTest[] = [at(floorTo(start - evalMs, evalMs), [])];
  const before = floorTo(start + detect - tol, evalMs);
  if (before > start) checks.push(at(before, []));
  checks.push(at(ceilTo(start + detect + tol, evalMs), [firing]));
  const stillFiring = floorTo(stop + reset - tol, evalMs);
  if (stillFiring > stop) checks.push(at(stillFiring, [firing]));
  checks.push(at(ceilTo(stop + reset + tol, evalMs), []));
  return {
    test: {
      name: `${spec.name} ${tier.name}: a ${+burn.toFixed(4)}x burn fires within ${durationText(ceilTo(detect, 1000))} and resets ${durationText(ceilTo(reset, 1000))} after it stops`,
      interval: durationText(interval),
      input_series: inputSeries(series, phases),
      alert_rule_test: checks,
    },
    detectAt: start + detect,
    stopAt: stop,
    resetAt: stop + reset,
  };
}

/** A 1× burn (exactly on budget) for longer than every tier's long window: no tier fires. */
export function quietTest(spec: SloSpec, evalMs: number): UnitTestCase {
  const series = testSeriesFor(spec, `${spec.name}.sli`);
  const longest = Math.max(...spec.tiers.map((t) => t.longMs));
  const interval = Math.max(...spec.tiers.map(testInterval));
  const start = ceilTo(longest + interval, interval);
  const end = ceilTo(start + longest + 2 * interval, interval);
  const fraction = errorBudget(spec.objective);
  const phases: TrafficPhase[] = [
    { samples: start / interval, errorFraction: 0 },
    { samples: (end - start) / interval, errorFraction: fraction },
  ];
  const checks: AlertRuleTest[] = [];
  for (const t of spec.tiers) {
    for (const ms of [start + t.longMs / 2, start + t.longMs, end])
      checks.push({ eval_time: durationText(floorTo(ms, evalMs)), alertname: alertName(spec, t), exp_alerts: [] });
  }
  return {
    name: `${spec.name}: a 1x burn (exactly on budget) fires no tier`,
    interval: durationText(interval),
    input_series: inputSeries(series, phases),
    alert_rule_test: checks,
  };
}

/** No series at all: the absent-metric alert fires after its `for`. */
export function absentTest(spec: SloSpec, evalMs: number): UnitTestCase {
  const forMs = parseDuration(ABSENT_FOR);
  const name = absentAlertName(spec);
  const exp: ExpAlert = { exp_labels: absentLabels(spec), exp_annotations: absentAnnotations(spec) };
  return {
    name: `${spec.name}: no SLI series fires ${name} after ${ABSENT_FOR}`,
    interval: '1m',
    input_series: [{ series: 'unrelated_metric{job="other"}', values: '1+0x60' }],
    alert_rule_test: [
      { eval_time: durationText(floorTo(forMs - evalMs, evalMs)), alertname: name, exp_alerts: [] },
      { eval_time: durationText(forMs + evalMs), alertname: name, exp_alerts: [exp] },
    ],
  };
}

/**
 * The unit-test files for SLO rules in `ruleFile` (a path relative to the test files): `fast` holds
 * the tiers tested at a 1m scrape with a 1m evaluation interval and the absent-metric tests; `slow`
 * the tiers with windows over 6h, and the 1× test, at 5m (a 3-day window at 1m steps takes promtool minutes).
 */
export function generateUnitTests(
  specs: readonly SloSpec[],
  ruleFile: string,
  opts: { onSkip?: (spec: SloSpec, reason: SloInputError) => void } = {},
): { name: 'fast' | 'slow'; data: UnitTestFileData }[] {
  const fast: UnitTestCase[] = [];
  const slow: UnitTestCase[] = [];
  for (const spec of specs) {
    if (opts.onSkip) {
      try {
        testSeriesFor(spec, `${spec.name}.sli`);
      } catch (err) {
        if (!(err instanceof SloInputError)) throw err;
        opts.onSkip(spec, err);
        continue;
      }
    }
    for (const t of spec.tiers) {
      if (testInterval(t) === MINUTE) fast.push(tierTest(spec, t, MINUTE).test);
      else slow.push(tierTest(spec, t, 5 * MINUTE).test);
    }
    if (spec.tiers.length) slow.push(quietTest(spec, 5 * MINUTE));
    if (spec.alerting?.absent !== false) fast.push(absentTest(spec, MINUTE));
  }
  const out: { name: 'fast' | 'slow'; data: UnitTestFileData }[] = [];
  if (fast.length) out.push({ name: 'fast', data: { rule_files: [ruleFile], evaluation_interval: '1m', tests: fast } });
  if (slow.length) out.push({ name: 'slow', data: { rule_files: [ruleFile], evaluation_interval: '5m', tests: slow } });
  return out;
}

/** YAML text of a unit-test file (exp_annotations left out when empty). */
export function emitUnitTests(data: UnitTestFileData): string {
  const clean = {
    ...data,
    tests: data.tests.map((t) => ({
      ...t,
      alert_rule_test: t.alert_rule_test.map((a) => ({
        ...a,
        exp_alerts: a.exp_alerts.map((e) => (e.exp_annotations ? e : { exp_labels: e.exp_labels })),
      })),
    })),
  };
  // A fresh copy: shared objects would be written as YAML anchors and aliases.
  return stableYaml(JSON.parse(JSON.stringify(clean)));
}
