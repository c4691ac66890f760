import type { TimelineAlert } from '@alertcraft/promql';
import type { AlertmanagerConfig, RuleFile } from '@alertcraft/rule-dsl';
import { describe, expect, it } from 'vitest';
import type { GroundTruthIncident } from '../kpi/types.js';
import { measureNoise } from '../measures/measure.js';
import { applyRecommendations } from './apply.js';
import { formatDuration, recommend } from './recommend.js';

const T = Date.UTC(2025, 8, 1);
const MIN = 60_000;
const H = 60 * MIN;
const window = { start: T, end: T + 24 * H };

const rules: RuleFile = {
  groups: [
    {
      name: 'g',
      rules: [
        { alert: 'Spike', expr: 'rate(errors[5m]) > 0.05', for: '2m', labels: { severity: 'page' } },
        { alert: 'SpikeTwin', expr: 'rate(errors[5m]) > 0.04', labels: { severity: 'warning' } },
        { alert: 'Chatty', expr: 'queue > 10', labels: { severity: 'critical' } },
        { record: 'x:rate', expr: 'rate(x[5m])' },
      ],
    },
  ],
};
const am: AlertmanagerConfig = {
  route: { receiver: 'team', group_by: ['alertname'] },
  receivers: [{ name: 'team' }],
};
const incidents: GroundTruthIncident[] = [
  {
    id: 'I',
    kind: 'error-spike',
    start: T + 10 * H,
    end: T + 10 * H + 30 * MIN,
    labels: {},
    expected: [{ alertname: 'Spike', within: 600 }],
  },
];
const fire = (alertname: string, sev: string, fired: number, resolved: number): TimelineAlert => ({
  alertname,
  labels: { severity: sev },
  state: 'inactive',
  activeAt: fired - 2 * MIN,
  firedAt: fired,
  resolvedAt: resolved,
});
const alerts: TimelineAlert[] = [
  fire('Spike', 'page', T + 10 * H + 3 * MIN, T + 10 * H + 40 * MIN), // detects I after 180 s (deadline 600 s)
  fire('SpikeTwin', 'warning', T + 10 * H + 2 * MIN, T + 10 * H + 40 * MIN),
  fire('Spike', 'page', T + 2 * H, T + 2 * H + 3 * MIN), // false, 3 min
  fire('Spike', 'page', T + 4 * H, T + 4 * H + 6 * MIN), // false, 6 min: within the 7-minute slack Spike left before its deadline
  fire('Chatty', 'critical', T + 6 * H, T + 6 * H + 20 * MIN),
  fire('Chatty', 'critical', T + 6 * H + 30 * MIN, T + 6 * H + 50 * MIN), // re-fires 10 min later
];

describe('recommend', () => {
  const measures = measureNoise({ source: 'replay', window, alerts, incidents });
  const recs = recommend({ measures, alerts, deadlines: { I: 600_000 }, rules, alertmanager: am });
  const byId = Object.fromEntries(recs.map((r) => [r.id, r]));

  it('raise for: Spike met its deadline with 420 s to spare, so for grows by the 6-minute false positive', () => {
    expect(byId['raise-for:Spike']).toMatchObject({ from: '2m', to: '8m', expectedFewer: 2 });
  });

  it('keep_firing_for across the 10-minute re-fire of Chatty; Chatty pages, detected nothing, all false: a ticket', () => {
    expect(byId['keep-firing-for:Chatty']).toMatchObject({ from: null, to: '10m' });
    expect(byId['downgrade-to-ticket:Chatty']).toMatchObject({ from: 'critical' });
    expect(byId['downgrade-to-ticket:Spike']).toBeUndefined(); // it detected I
  });

  it('SpikeTwin duplicates Spike (all its firing overlaps): merge it, and inhibit it by the page', () => {
    expect(byId['merge-duplicate:SpikeTwin']).toMatchObject({ keep: 'Spike', drop: 'SpikeTwin' });
    expect(byId['inhibit:Spike->SpikeTwin']).toMatchObject({ equal: [] });
    expect(byId['group-by:root']).toMatchObject({ from: ['alertname'], to: [] });
  });

  it('threshold and traffic guard only from caller-measured inputs', () => {
    const more = recommend({
      measures,
      alerts,
      deadlines: { I: 600_000 },
      rules,
      thresholdQuantiles: { Spike: { quantile: 0.99, value: 0.08 } },
      lowTraffic: { Chatty: { guard: 'sum(rate(requests[5m])) > 1', falsePositives: 2 } },
    });
    expect(more.find((r) => r.kind === 'raise-threshold')).toMatchObject({ alert: 'Spike', from: 0.05, to: 0.08 });
    expect(more.find((r) => r.kind === 'traffic-guard')).toMatchObject({ alert: 'Chatty' });
  });

  it('applies each kind to a copy of the rules and the Alertmanager config', () => {
    const t = applyRecommendations({ rules, alertmanager: am }, recs);
    const alerting = t.rules.groups[0]!.rules as {
      alert?: string;
      for?: string;
      keep_firing_for?: string;
      labels?: Record<string, string>;
    }[];
    expect(alerting.map((r) => r.alert ?? 'record')).toEqual(['Spike', 'Chatty', 'record']);
    expect(alerting[0]!.for).toBe('8m');
    expect(alerting[1]).toMatchObject({ keep_firing_for: '10m', labels: { severity: 'ticket' } });
    expect(t.alertmanager!.inhibit_rules).toEqual([
      { source_matchers: ['alertname="Spike"'], target_matchers: ['alertname="SpikeTwin"'] },
    ]);
    expect(t.alertmanager!.route.group_by).toEqual([]);
    // the inputs are unchanged
    expect(rules.groups[0]!.rules).toHaveLength(4);
    expect(am.inhibit_rules).toBeUndefined();
    const thr = applyRecommendations({ rules }, [
      {
        id: 'x',
        why: '',
        expectedFewer: 1,
        kind: 'raise-threshold',
        alert: 'Spike',
        from: 0.05,
        to: 0.08,
        quantile: 0.99,
      },
      { id: 'y', why: '', expectedFewer: 1, kind: 'traffic-guard', alert: 'Chatty', guard: 'up > 0' },
    ]);
    expect((thr.rules.groups[0]!.rules[0] as { expr: string }).expr).toBe('rate(errors[5m]) > 0.08');
    expect((thr.rules.groups[0]!.rules[2] as { expr: string }).expr).toBe('(queue > 10) and on() (up > 0)');
  });

  it('formats durations as Prometheus writes them', () => {
    expect([0, 90_000, 3_600_000, 3_930_000].map(formatDuration)).toEqual(['0s', '1m30s', '1h', '1h5m30s']);
  });
});
