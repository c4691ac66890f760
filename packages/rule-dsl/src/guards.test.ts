import { describe, expect, it } from 'vitest';
import { ast } from '../test/ast.js';
import { gt, rate, sum } from './builders.js';
import { allowList, absentAlert, minVolumeGuard, tierGuard, trafficGuard, zeroTrafficAlert } from './guards.js';
import { metric } from './selectors.js';

// Behaviour in the real engine is covered by test/promtool.test.ts; here, the shapes.
describe('guards', () => {
  const runs = metric('aether_requests_total');
  const cond = gt(sum(rate(metric('aether_low_confidence_total'), '15m')), 0.3);

  it('trafficGuard matches on() the guarded labels', () => {
    expect(ast(trafficGuard(cond, { metric: runs }).text())).toEqual(
      ast('(sum(rate(aether_low_confidence_total[15m])) > 0.3) and on () (sum(rate(aether_requests_total[5m])) > 0)'),
    );
    expect(ast(trafficGuard(cond, { metric: runs, by: ['tenant_id'], window: '15m' }).text())).toEqual(
      ast(
        '(sum(rate(aether_low_confidence_total[15m])) > 0.3) and on (tenant_id) (sum by (tenant_id) (rate(aether_requests_total[15m])) > 0)',
      ),
    );
  });

  it('minVolumeGuard requires a minimum count of events', () => {
    expect(ast(minVolumeGuard(cond, { metric: runs, min: 100, window: '10m' }).text())).toEqual(
      ast(
        '(sum(rate(aether_low_confidence_total[15m])) > 0.3) and on () (sum(increase(aether_requests_total[10m])) >= 100)',
      ),
    );
    expect(() => minVolumeGuard(cond, { metric: runs, min: -1 })).toThrow(/non-negative/);
  });

  it('tierGuard and allowList restrict tenants (seed 000 tier metric, seed 001 explicit VIP list)', () => {
    expect(ast(tierGuard(cond, { tierMetric: 'maestro_tenant_tier', tier: 'premium' }).text())).toEqual(
      ast('(sum(rate(aether_low_confidence_total[15m])) > 0.3) and on (tenant) maestro_tenant_tier{tier="premium"}'),
    );
    expect(ast(tierGuard(cond, { tierMetric: 't', tier: ['gold', 'platinum'], on: 'tenant_id' }).text())).toEqual(
      ast('(sum(rate(aether_low_confidence_total[15m])) > 0.3) and on (tenant_id) t{tier=~"gold|platinum"}'),
    );
    expect(allowList(runs, 'tenant_id', ['vip-customer-123', 'vip-customer-456']).toPromQL()).toBe(
      'aether_requests_total{tenant_id=~"vip-customer-123|vip-customer-456"}',
    );
  });

  it('companion alerts are alert definitions with parsed expressions', () => {
    const z = zeroTrafficAlert({
      alert: 'SignupZeroTraffic',
      metric: metric('signups_total'),
      window: '30m',
      for: '10m',
      severity: 'ticket',
    });
    expect(z.spec.alert).toBe('SignupZeroTraffic');
    expect(ast((z.spec.expr as { text(): string }).text())).toEqual(
      ast('(sum(rate(signups_total[30m])) or on () vector(0)) == 0'),
    );
    const a = absentAlert({ alert: 'NoSignups', selector: metric('signups_total'), window: '10m' });
    expect(ast((a.spec.expr as { text(): string }).text())).toEqual(ast('absent_over_time(signups_total[10m])'));
  });
});
