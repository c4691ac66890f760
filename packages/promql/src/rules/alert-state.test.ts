import { describe, expect, it } from 'vitest';
import { alertTimelineFromVectors, createAlertStateMachine, RESOLVED_RETENTION_MS } from './alert-state.js';
import type { VectorSample } from '../values.js';

const MIN = 60_000;
const v = (value: number, labels: Record<string, string> = { __name__: 'up', job: 'api' }): VectorSample[] => [
  { labels, t: 0, v: value },
];
const none: VectorSample[] = [];

/** Expected behaviour below follows rules/alerting.go of Prometheus v2.54.1, step by step. */
describe('alert state machine (Prometheus v2.54.1 semantics)', () => {
  it('goes pending at the first evaluation and firing once `for` has elapsed since activeAt', () => {
    const sm = createAlertStateMachine({ alert: 'Down', expr: 'up == 0', for: '2m' });
    expect(sm.step(0, v(0)).alerts[0]).toMatchObject({ state: 'pending', activeAt: 0 });
    expect(sm.step(MIN, v(0)).alerts[0]!.state).toBe('pending');
    const at2 = sm.step(2 * MIN, v(0));
    expect(at2.alerts[0]).toMatchObject({ state: 'firing', activeAt: 0, firedAt: 2 * MIN });
    expect(at2.alerts[0]!.labels).toEqual({ alertname: 'Down', job: 'api' });
  });

  it('fires at the first evaluation when `for` is absent', () => {
    const sm = createAlertStateMachine({ alert: 'A', expr: 'x' });
    expect(sm.step(0, v(1)).alerts[0]!.state).toBe('firing');
  });

  it('drops a pending alert that disappears and restarts activeAt when it returns', () => {
    const { timeline } = alertTimelineFromVectors({ alert: 'A', expr: 'x', for: '5m' }, [
      { t: 0, vector: v(1) },
      { t: MIN, vector: none },
      { t: 2 * MIN, vector: v(1) },
    ]);
    expect(timeline).toEqual([
      {
        alertname: 'A',
        labels: { alertname: 'A', job: 'api' },
        annotations: {},
        state: 'inactive',
        activeAt: 0,
        resolvedAt: MIN,
      },
      { alertname: 'A', labels: { alertname: 'A', job: 'api' }, annotations: {}, state: 'pending', activeAt: 2 * MIN },
    ]);
  });

  it('keeps a resolved alert for 15 minutes (retention), then forgets it', () => {
    const sm = createAlertStateMachine({ alert: 'A', expr: 'x' });
    sm.step(0, v(1));
    const r = sm.step(MIN, none);
    expect(r.alerts[0]).toMatchObject({ state: 'inactive', resolvedAt: MIN });
    expect(sm.activeAlerts()).toEqual([]);
    expect(sm.step(MIN + RESOLVED_RETENTION_MS, none).alerts).toHaveLength(1); // not strictly more than 15m yet
    expect(sm.step(MIN + RESOLVED_RETENTION_MS + 1, none).alerts).toHaveLength(0);
  });

  it('keep_firing_for keeps a firing alert firing after the condition clears, measured from the first miss', () => {
    const sm = createAlertStateMachine({ alert: 'A', expr: 'x', keep_firing_for: '2m' });
    sm.step(0, v(1));
    expect(sm.step(MIN, none).alerts[0]).toMatchObject({ state: 'firing', keepFiringSince: MIN });
    expect(sm.step(2 * MIN, none).alerts[0]!.state).toBe('firing');
    expect(sm.step(3 * MIN, none).alerts[0]).toMatchObject({ state: 'inactive', resolvedAt: 3 * MIN });
  });

  it('keep_firing_for does not apply to pending alerts', () => {
    const sm = createAlertStateMachine({ alert: 'A', expr: 'x', for: '5m', keep_firing_for: '10m' });
    sm.step(0, v(1));
    expect(sm.step(MIN, none).alerts).toEqual([]);
  });

  it('rule labels override series labels, empty expansions drop the label, __name__ is removed', () => {
    const sm = createAlertStateMachine({
      alert: 'A',
      expr: 'x',
      labels: { job: 'override', severity: 'page', empty: '{{ $labels.nothing }}', inst: '{{ $labels.instance }}' },
    });
    const r = sm.step(0, v(1, { __name__: 'x', job: 'api', instance: 'i1' }));
    expect(r.alerts[0]!.labels).toEqual({
      alertname: 'A',
      inst: 'i1',
      instance: 'i1',
      job: 'override',
      severity: 'page',
    });
  });

  it('templates annotations with $value and $labels and updates them at every evaluation', () => {
    const sm = createAlertStateMachine({
      alert: 'A',
      expr: 'x',
      for: '1m',
      annotations: { summary: '{{ $labels.job }} at {{ $value }}' },
    });
    sm.step(0, v(1.5));
    const r = sm.step(MIN, v(2.5));
    expect(r.alerts[0]!.annotations).toEqual({ summary: 'api at 2.5' });
    expect(sm.timeline()[0]!.annotations).toEqual({ summary: 'api at 2.5' });
  });

  it('a template error becomes the annotation text instead of throwing', () => {
    const sm = createAlertStateMachine({ alert: 'A', expr: 'x', annotations: { s: '{{ humanize "abc" }}' } });
    const s = sm.step(0, v(1)).alerts[0]!.annotations.s!;
    expect(s.startsWith('<error expanding template: error executing template __alert_A:')).toBe(true);
    expect(s).toContain('error calling humanize');
  });

  it('reports duplicate label sets after applying rule labels as an evaluation error and keeps state', () => {
    const sm = createAlertStateMachine({ alert: 'A', expr: 'x', labels: { job: 'same' } });
    const r = sm.step(0, [
      { labels: { job: 'a' }, t: 0, v: 1 },
      { labels: { job: 'b' }, t: 0, v: 1 },
    ]);
    expect(r.error).toBe('vector contains metrics with the same labelset after applying alert labels');
    expect(r.alerts).toEqual([]);
  });

  it('writes ALERTS and ALERTS_FOR_STATE samples at t - query_offset while pending or firing', () => {
    const sm = createAlertStateMachine(
      { alert: 'A', expr: 'x', for: '1m', labels: { severity: 'page' } },
      { queryOffsetMs: 30_000 },
    );
    const r = sm.step(2 * MIN, v(1));
    expect(r.samples).toEqual([
      {
        labels: { __name__: 'ALERTS', alertname: 'A', alertstate: 'pending', job: 'api', severity: 'page' },
        t: 2 * MIN - 30_000,
        v: 1,
      },
      {
        labels: { __name__: 'ALERTS_FOR_STATE', alertname: 'A', job: 'api', severity: 'page' },
        t: 2 * MIN - 30_000,
        v: 120,
      },
    ]);
    expect(sm.step(3 * MIN, none).samples).toEqual([]);
  });

  it('limit: more active alerts than the limit clears every alert and reports an error', () => {
    const sm = createAlertStateMachine({ alert: 'A', expr: 'x' }, { limit: 1 });
    const r = sm.step(0, [
      { labels: { i: '1' }, t: 0, v: 1 },
      { labels: { i: '2' }, t: 0, v: 1 },
    ]);
    expect(r.error).toBe('exceeded limit of 1 with 2 alerts');
    expect(sm.activeAlerts()).toEqual([]);
  });

  it('an evaluation error leaves the state untouched', () => {
    const sm = createAlertStateMachine({ alert: 'A', expr: 'x', for: '1m' });
    sm.step(0, v(1));
    const r = sm.step(MIN, { error: 'boom' });
    expect(r.error).toBe('boom');
    expect(r.alerts[0]!.state).toBe('pending');
  });
});
