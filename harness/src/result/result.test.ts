import { describe, expect, it } from 'vitest';
import { computeKpis } from '@alertcraft/alert-noise';
import type { TimelineAlert } from '@alertcraft/promql';
import type { Incident } from '../scenario/types.js';
import { readFileSync } from 'node:fs';
import { buildResult, buildRun, timelineOf } from './build.js';
import { alertCounts } from './verdict.js';
import { ResultFormatError } from './errors.js';
import { readResult, stringifyResult, validateResult } from './io.js';

const T = Date.UTC(2025, 8, 1, 6);
const MIN = 60_000;
const window = { start: T, end: T + 6 * 60 * MIN };
const incidents: Incident[] = [
  {
    id: '01-error-spike',
    kind: 'error-spike',
    start: T + 60 * MIN,
    end: T + 80 * MIN,
    labels: { job: 'maestro' },
    magnitude: 0.08,
    description: 'x',
    expected: [{ alertname: 'MaestroErrorRateSpike', pack: 'maestro', phases: ['day0'], within: 600 }],
  },
  {
    id: '02-maintenance-window',
    kind: 'maintenance-window',
    start: T + 200 * MIN,
    end: T + 230 * MIN,
    labels: { job: 'maestro' },
    magnitude: 1,
    description: 'y',
    expected: [],
  },
];
const alerts: TimelineAlert[] = [
  {
    alertname: 'MaestroSafetyGuardianOverload',
    labels: { severity: 'warning', phase: 'day0' },
    state: 'firing',
    activeAt: T + 300 * MIN,
    firedAt: T + 301 * MIN,
  },
  {
    alertname: 'MaestroErrorRateSpike',
    labels: { severity: 'page', phase: 'day0' },
    state: 'inactive',
    activeAt: T + 62 * MIN,
    firedAt: T + 64 * MIN,
    resolvedAt: T + 90 * MIN,
  },
  {
    alertname: 'MaestroBudgetBurnSpike',
    labels: { severity: 'page' },
    state: 'inactive',
    activeAt: T + 62 * MIN,
    resolvedAt: T + 63 * MIN,
  },
];
const base = {
  pack: 'maestro',
  phase: 'day0',
  scenario: 'maestro-smoke',
  runtime: 'embedded',
  seed: 1,
  window,
  alerts,
  incidents,
  // One of the two firings is unexplained (50 %): a budget that allows it, so the verdict tests below judge detection.
  budget: { maxFalsePositiveRate: 0.5 },
};

describe('result JSON', () => {
  const run = buildRun(base);
  const doc = buildResult([run]);
  const text = stringifyResult(doc);

  it('records times as RFC 3339, alerts by activeAt then name, pending-only alerts with firedAt null', () => {
    expect(run.window).toEqual({ start: '2025-09-01T06:00:00.000Z', end: '2025-09-01T12:00:00.000Z' });
    expect(run.alerts.map((a) => a.alertname)).toEqual([
      'MaestroBudgetBurnSpike',
      'MaestroErrorRateSpike',
      'MaestroSafetyGuardianOverload',
    ]);
    expect(run.alerts[0]).toEqual({
      alertname: 'MaestroBudgetBurnSpike',
      labels: { severity: 'page' },
      activeAt: '2025-09-01T07:02:00.000Z',
      firedAt: null,
      resolvedAt: '2025-09-01T07:03:00.000Z',
    });
    expect(run.alerts[2]!.resolvedAt).toBeNull();
  });

  it('records the detection of each incident and the KPIs: 1 of 1 detected in 240 s; the 11:01 alert is unexplained', () => {
    expect(run.incidents[0]!.detection).toEqual({
      alertname: 'MaestroErrorRateSpike',
      firedAt: '2025-09-01T07:04:00.000Z',
      seconds: 240,
    });
    expect(run.incidents[1]).toMatchObject({ required: [], detection: null, expected: [] });
    expect(run.kpis).toMatchObject({
      detectionRate: 1,
      mttdSeconds: 240,
      firingAlerts: 2,
      falsePositives: 1,
      falsePositiveRate: 0.5,
    });
    // 1 paging alert fired in a quarter day.
    expect(run.kpis.pagesPerDay).toBe(4);
  });

  it('is byte-stable: same input in another order gives the same text, with keys sorted', () => {
    const again = stringifyResult(
      buildResult([buildRun({ ...base, alerts: [...alerts].reverse(), incidents: [...incidents].reverse() })]),
    );
    expect(again).toBe(text);
    expect(text.endsWith('\n')).toBe(true);
    const keys = Object.keys(JSON.parse(text).runs[0]);
    expect(keys).toEqual([...keys].sort());
  });

  it('orders runs by pack, phase, scenario, runtime, seed', () => {
    const r = (pack: string, phase: string) => buildRun({ ...base, pack, phase });
    const sorted = buildResult([r('maestro', 'day8'), r('aetherlink', 'default'), r('maestro', 'day0')]);
    expect(sorted.runs.map((x) => `${x.pack}/${x.phase}`)).toEqual([
      'aetherlink/default',
      'maestro/day0',
      'maestro/day8',
    ]);
  });

  it('reads back what it writes, and the timeline round-trips to the same KPIs', () => {
    const read = readResult(text);
    expect(read).toEqual(doc);
    const timeline = timelineOf(read.runs[0]!);
    const k1 = computeKpis({ alerts, incidents, window, pack: 'maestro', phase: 'day0' });
    const k2 = computeKpis({ alerts: timeline, incidents, window, pack: 'maestro', phase: 'day0' });
    expect(k2).toEqual(k1);
  });

  it('rejects bad documents with JSON paths', () => {
    const bad = JSON.parse(text);
    bad.runs[0].alerts[1].firedAt = '07:04';
    delete bad.runs[0].kpis.pagesPerDay;
    bad.runs[0].extra = true;
    const issues = validateResult(bad);
    expect(issues).toEqual(
      expect.arrayContaining([
        {
          path: '$.runs[0].alerts[1].firedAt',
          message: 'expected an RFC 3339 time like 2025-09-01T06:00:00.000Z, got "07:04"',
        },
        { path: '$.runs[0].kpis.pagesPerDay', message: 'is required but missing' },
        { path: '$.runs[0].extra', message: 'is not a known property' },
      ]),
    );
    expect(() => readResult(bad, 'out/result.json')).toThrow(
      /out\/result\.json: not a valid alertcraft result: .*\$\.runs\[0\]\.alerts\[1\]\.firedAt/,
    );
  });

  it('v2: names the tool and its version, gives a top-level verdict, and puts units on durations', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(doc.format).toBe('alertcraft-result/v2');
    expect(doc.tool).toEqual({ name: 'alertcraft', version: pkg.version });
    // The one required incident was caught and nothing fired in the maintenance window: pass.
    expect(doc.verdict).toEqual({ result: 'pass', runs: 1, failing: 0 });
    expect(run.incidents[0]!.expected).toEqual([
      { alertname: 'MaestroErrorRateSpike', pack: 'maestro', phases: ['day0'], withinSeconds: 600 },
    ]);
    expect(text).not.toMatch(/"within"/);
    const missed = buildRun({ ...base, alerts: alerts.filter((a) => a.alertname !== 'MaestroErrorRateSpike') });
    expect(buildResult([run, missed]).verdict).toEqual({ result: 'fail', runs: 2, failing: 1 });
    expect(buildResult([]).verdict).toEqual({ result: 'pass', runs: 0, failing: 0 });
  });

  it('a run carries its noise budget: under the default budget (20 % false positives) the same run fails', () => {
    expect(run.noise!.budget).toEqual({ maxFalsePositiveRate: 0.5 });
    const strict = buildRun({ ...base, budget: undefined });
    expect(strict.noise!.budget).toEqual({ maxFalsePositiveRate: 0.2, maxPagesPerDay: 4, maxFlapping: 3 });
    expect(strict.kpis.falsePositiveRate).toBe(0.5);
    expect(buildResult([strict]).verdict).toEqual({ result: 'fail', runs: 1, failing: 1 });
    // Read back, the budget and verdict survive; a result without `noise` (written before budgets) still reads.
    const back = readResult(stringifyResult(buildResult([strict])), 'r.json');
    expect(back.runs[0]!.noise!.budget.maxFalsePositiveRate).toBe(0.2);
    const old = JSON.parse(text);
    delete old.runs[0].noise;
    expect(validateResult(old)).toEqual([]);
  });

  it('rejects a v1 document by name, and a verdict that does not follow from the runs', () => {
    expect(validateResult({ format: 'alertcraft-result/v1', runs: [] })).toEqual([
      {
        path: '$.format',
        message:
          'alertcraft-result/v1 is another version of the result format; this reader takes alertcraft-result/v2 (re-run the replay to write one)',
      },
    ]);
    const lying = JSON.parse(text);
    lying.verdict = { result: 'fail', runs: 1, failing: 1 };
    expect(validateResult(lying)).toEqual([
      { path: '$.verdict', message: 'says fail with 1 failing, but the runs give pass with 0 failing' },
    ]);
  });

  it('counts alerts one way: 2 firing (one resolved, one still firing), 1 pending only', () => {
    expect(alertCounts(run)).toEqual({ firing: 2, pendingOnly: 1 });
  });

  it('rejects time order errors, wrong format tags, and non-JSON', () => {
    const bad = JSON.parse(text);
    bad.runs[0].alerts[1].resolvedAt = '2025-09-01T05:00:00.000Z';
    expect(validateResult(bad)).toEqual([
      { path: '$.runs[0].alerts[1].resolvedAt', message: 'is before activeAt (2025-09-01T07:02:00.000Z)' },
    ]);
    expect(validateResult({ format: 'v0', runs: [] })).toContainEqual({
      path: '$.format',
      message: 'expected "alertcraft-result/v2", got "v0"',
    });
    let err: unknown;
    try {
      readResult('{"runs": [', 'r.json');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ResultFormatError);
    expect((err as ResultFormatError).code).toBe('result/invalid');
    expect((err as Error).message).toMatch(/^r\.json: not valid JSON/);
  });
});
