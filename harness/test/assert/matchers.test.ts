import { describe, expect, it, beforeAll } from 'vitest';
import '../../src/vitest.js';
import { startRuntime } from '../../src/runtime/start-runtime.js';
import { checkFires, checkQuietDuring } from '../../src/assert/index.js';
import type { TimelineAlert } from '@alertcraft/promql';

// A gauge at 1, raised to 10 from minute 20 to minute 40; `errors > 5 for 3m` evaluated every
// minute: pending at 20m (first evaluation seeing 10), firing at 23m, resolved at 40m.
const MIN = 60_000;
const t0 = Date.UTC(2026, 0, 1);
const n = 61;
const timestamps = Float64Array.from({ length: n }, (_, i) => t0 + i * MIN);
const values = Float64Array.from({ length: n }, (_, i) => (i >= 20 && i < 40 ? 10 : 1));

let alerts: TimelineAlert[];
beforeAll(async () => {
  await using rt = await startRuntime('embedded');
  const result = await rt.backtest({
    series: [{ labels: { __name__: 'errors', job: 'api' }, timestamps, values }],
    rules: [
      {
        name: 'g',
        interval: '1m',
        rules: [{ alert: 'TooManyErrors', expr: 'errors > 5', for: '3m', labels: { severity: 'page' } }],
      },
    ],
    start: t0,
    end: t0 + 60 * MIN,
  });
  alerts = result.alerts;
});

describe('timeline assertions on a real backtest', () => {
  it('the timeline is what the rule implies', () => {
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      alertname: 'TooManyErrors',
      activeAt: t0 + 20 * MIN,
      firedAt: t0 + 23 * MIN,
      resolvedAt: t0 + 40 * MIN,
    });
  });

  it('toFire passes within the deadline and fails, saying why, when the deadline is too short', () => {
    const incident = { start: t0 + 20 * MIN, end: t0 + 40 * MIN, labels: { job: 'api' } };
    expect({ alerts }).toFire('TooManyErrors', { for: incident, within: '5m' });
    expect(() => expect(alerts).toFire('TooManyErrors', { for: incident, within: '2m' })).toThrow(
      /expected TooManyErrors to fire between .* but it did not\. Seen: TooManyErrors\{.*fired 2026-01-01T00:23:00\.000Z/,
    );
    expect(() => expect(alerts).toFire('TooManyErrors', { for: { ...incident, labels: { job: 'web' } } })).toThrow(
      /did not/,
    );
    expect(alerts).not.toFire('SomethingElse');
  });

  it('toFireDuring / not.toFireDuring', () => {
    expect(alerts).not.toFireDuring({ start: t0, end: t0 + 22 * MIN });
    expect(alerts).toFireDuring({ start: t0 + 30 * MIN, end: t0 + 31 * MIN });
    expect(alerts).not.toFireDuring({ start: t0 + 40 * MIN, end: t0 + 60 * MIN });
    expect(() => expect(alerts).not.toFireDuring({ start: t0 + 39 * MIN, end: t0 + 45 * MIN })).toThrow(
      /stay quiet .* but 1 fired: TooManyErrors/,
    );
  });

  it('plain functions give the same verdicts', () => {
    expect(checkFires(alerts, 'TooManyErrors').pass).toBe(true);
    expect(checkQuietDuring(alerts, { start: t0, end: t0 + 10 * MIN }).pass).toBe(true);
  });

  it('toRouteTo follows the routing tree', () => {
    const config = { route: { receiver: 'default', routes: [{ matchers: ['severity="page"'], receiver: 'pager' }] } };
    expect(alerts[0]).toRouteTo('pager', config);
    expect(() => expect({ severity: 'info' }).toRouteTo('pager', config)).toThrow(/routes to default/);
  });
});
