import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AlertmanagerConfig, Route } from './config.js';
import { emitAlertmanagerConfig } from './emit.js';
import { loadAlertmanagerConfig } from './load.js';
import { matcher, type AmMatchOp } from './matchers.js';

const tricky = fc.constantFrom(
  'yes',
  'on',
  'null',
  '123',
  '',
  ' x ',
  'a"b',
  'back\\slash',
  'c,d}',
  'é😀',
  'multi\nline',
  '#x',
  'a: b',
);
const value = fc.oneof(tricky, fc.string({ maxLength: 12 }));
const labelName = fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/);
const op = fc.constantFrom<AmMatchOp>('=', '!=', '=~', '!~');
const matcherStr = fc
  .tuple(labelName, op, value)
  .map(([n, o, v]) => matcher(n, o, o.includes('~') ? v.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&') : v));
const duration = fc.constantFrom('10s', '30s', '5m', '1h', '4h', '24h');

function routeArb(receivers: string[], depth: number): fc.Arbitrary<Route> {
  const base = {
    receiver: fc.constantFrom(...receivers),
    group_by: fc.uniqueArray(labelName, { maxLength: 3 }),
    continue: fc.boolean(),
    matchers: fc.array(matcherStr, { minLength: 1, maxLength: 3 }),
    group_wait: duration,
    group_interval: duration,
    repeat_interval: duration,
  };
  const routes = depth > 0 ? { routes: fc.array(routeArb(receivers, depth - 1), { minLength: 1, maxLength: 2 }) } : {};
  return fc.record({ ...base, ...routes }, { requiredKeys: [] }).map((r) => ({ ...r }) as Route);
}

const config: fc.Arbitrary<AlertmanagerConfig> = fc
  .uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), { minLength: 1, maxLength: 4 })
  .chain((names) =>
    fc
      .record({
        routes: fc.array(routeArb(names, 1), { maxLength: 3 }),
        group_by: fc.uniqueArray(labelName, { maxLength: 3 }),
        sendResolved: fc.array(fc.boolean(), { minLength: names.length, maxLength: names.length }),
        inhibit: fc.array(
          fc
            .record({
              source_matchers: fc.array(matcherStr, { minLength: 1, maxLength: 2 }),
              target_matchers: fc.array(matcherStr, { minLength: 1, maxLength: 2 }),
              equal: fc.uniqueArray(labelName, { maxLength: 2 }),
            })
            .map((r) => ({ ...r })),
          { maxLength: 2 },
        ),
      })
      .map(({ routes, group_by, sendResolved, inhibit }) => {
        const c: AlertmanagerConfig = {
          route: { receiver: names[0]!, group_by, ...(routes.length ? { routes } : {}) },
          receivers: names.map((name, i) => ({
            name,
            webhook_configs: [{ url: `http://127.0.0.1:9095/alerts/${name}`, send_resolved: sendResolved[i]! }],
          })),
        };
        if (inhibit.length) c.inhibit_rules = inhibit;
        return c;
      }),
  );

describe('Alertmanager config emit/load', () => {
  it('load(emit(x)) deep-equals x and emit is stable on a second pass', () => {
    fc.assert(
      fc.property(config, (c) => {
        const text = emitAlertmanagerConfig(c);
        const loaded = loadAlertmanagerConfig(text);
        expect(loaded).toStrictEqual(c);
        expect(emitAlertmanagerConfig(loaded)).toBe(text);
      }),
      { numRuns: 40 },
    );
  });
});
