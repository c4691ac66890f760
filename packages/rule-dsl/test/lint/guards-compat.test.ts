/**
 * Rules built with rule-dsl's own guard helpers pass lint: the traffic guard, the minimum-volume
 * guard and the zero-traffic / absent companions are recognised as what they are.
 */
import { describe, expect, it } from 'vitest';
import { gt, ratio } from '../../src/builders.js';
import { absentAlert, minVolumeGuard, trafficGuard, zeroTrafficAlert } from '../../src/guards.js';
import { lint } from '../../src/lint/lint.js';
import type { RuleGroup } from '../../src/model.js';
import { exprText, type AlertDefinition } from '../../src/pack.js';
import { metric } from '../../src/selectors.js';

const errors = metric('maestro_run_errors_total');
const runs = metric('maestro_run_total');
const cond = gt(ratio(errors, runs, '5m'), 0.02);
const alert = (expr: string) => ({
  alert: 'MaestroErrorRateSpike',
  expr,
  for: '5m',
  labels: { severity: 'warning' },
});

describe('lint and the guard helpers', () => {
  it('the unguarded ratio is reported, trafficGuard and minVolumeGuard satisfy it', () => {
    const codes = (expr: string) => lint([{ name: 'g', rules: [alert(expr)] }]).map((d) => d.code);
    expect(codes(cond.text())).toEqual(['lint/ratio-without-traffic-guard']);
    expect(codes(trafficGuard(cond, { metric: runs }).text())).toEqual([]);
    expect(codes(minVolumeGuard(cond, { metric: runs, min: 20 }).text())).toEqual([]);
    expect(
      codes(
        trafficGuard(gt(ratio(errors, runs, '5m', { by: ['tenant'] }), 0.02), { metric: runs, by: ['tenant'] }).text(),
      ),
    ).toEqual([]);
  });

  it('zeroTrafficAlert and absentAlert count as companions of a paging alert', () => {
    const paging = {
      ...alert(trafficGuard(cond, { metric: runs }).text()),
      labels: { severity: 'page' },
      annotations: { summary: 's', runbook_url: 'https://r' },
    };
    const zero = zeroTrafficAlert({
      alert: 'MaestroZeroTraffic',
      metric: runs,
      for: '10m',
      labels: { severity: 'warning' },
    });
    const gone = absentAlert({
      alert: 'MaestroRunsAbsent',
      selector: runs,
      window: '10m',
      for: '5m',
      labels: { severity: 'warning' },
    });
    const companion = (c: AlertDefinition): RuleGroup[] => {
      const expr = c.spec.expr;
      if (typeof expr === 'function') throw new Error('companion expr is phase-dependent');
      return [
        {
          name: 'g',
          rules: [paging, { alert: c.spec.alert, expr: exprText(expr), for: '10m', labels: { severity: 'warning' } }],
        },
      ];
    };
    expect(lint([{ name: 'g', rules: [paging] }]).map((d) => d.code)).toEqual(['lint/no-absent-companion']);
    expect(lint(companion(zero))).toEqual([]);
    expect(lint(companion(gone))).toEqual([]);
  });
});
