import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LoadError } from '../errors.js';
import { launchConfig } from '../../test/fixtures/launch-alertmanager.js';
import type { AlertmanagerConfig } from './config.js';
import { emitAlertmanagerConfig } from './emit.js';
import { loadAlertmanagerConfig, parseAlertmanagerConfig } from './load.js';
import { matcher, parseMatcher } from './matchers.js';
import { validateAlertmanagerConfig } from './validate.js';

describe('Alertmanager config', () => {
  it('emits stable YAML that loads back into the same typed config', () => {
    const text = emitAlertmanagerConfig(launchConfig);
    const loaded = loadAlertmanagerConfig(text);
    expect(loaded).toEqual(launchConfig);
    expect(emitAlertmanagerConfig(loaded)).toBe(text);
    expect(validateAlertmanagerConfig(launchConfig)).toEqual([]);
    expect(text.split('\n').slice(0, 24).join('\n')).toMatchInlineSnapshot(`
      "global:
        resolve_timeout: 5m
        slack_api_url: https://hooks.slack.com/services/T000/B000/XXXX
        smtp_from: alerts@example.com
        smtp_smarthost: smtp.example.com:587
      route:
        receiver: default
        group_by:
          - alertname
          - severity
          - tenant
        group_wait: 30s
        group_interval: 5m
        repeat_interval: 24h
        routes:
          - receiver: premium-support
            continue: true
            matchers:
              - impact="revenue"
              - severity="critical"
            group_wait: 10s
            repeat_interval: 1h
          - receiver: sre-slack
            matchers:"
    `);
  });

  it('flags seed 000 routing: deprecated match (with the matchers fix) and undefined receivers, at their lines', () => {
    const text = readFileSync(new URL('../../test/fixtures/seed-000-alertmanager.yml', import.meta.url), 'utf8');
    const res = parseAlertmanagerConfig(text);
    expect(res.value).toBeUndefined();
    expect(res.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code} ${d.path}`)).toEqual([
      '6:13 error alertmanager/undefined-receiver route.receiver',
      '11:15 error alertmanager/undefined-receiver route.routes[0].receiver',
      '8:5 warning alertmanager/deprecated-match route.routes[0].match',
      '17:15 error alertmanager/undefined-receiver route.routes[1].receiver',
      '14:5 warning alertmanager/deprecated-match route.routes[1].match',
    ]);
    const fix = res.diagnostics.find((d) => d.code === 'alertmanager/deprecated-match')?.fix;
    expect(JSON.parse(fix!.replacement!)).toEqual(['impact="revenue"', 'severity="critical"']);
    expect(() => loadAlertmanagerConfig(text, { file: 'alertmanager.yml' })).toThrow(LoadError);
    expect(() => loadAlertmanagerConfig(text, { file: 'alertmanager.yml' })).toThrow(
      /alertmanager\.yml:6:13: route\.receiver: undefined receiver "default" used in route/,
    );
  });

  it('checks what Alertmanager checks on load', () => {
    const bad: AlertmanagerConfig = {
      route: {
        matchers: ['a="b"'],
        continue: true,
        routes: [{ receiver: 'r', matchers: ['not a matcher'], group_interval: '0s', mute_time_intervals: ['nope'] }],
      },
      receivers: [
        { name: 'r', webhook_configs: [{}] },
        { name: 'r', email_configs: [{ to: 'x@y' }] },
        { name: 's', slack_configs: [{ channel: '#c' }] },
      ],
    };
    expect(validateAlertmanagerConfig(bad).map((d) => `${d.code} ${d.path}`)).toEqual([
      'alertmanager/missing-field receivers[0].webhook_configs[0]',
      'alertmanager/duplicate-receiver receivers[1].name',
      'alertmanager/missing-field receivers[1].email_configs[0]',
      'alertmanager/missing-field receivers[1].email_configs[0]',
      'alertmanager/missing-field receivers[2].slack_configs[0]',
      'alertmanager/missing-field route.receiver',
      'alertmanager/root-matchers route',
      'alertmanager/root-continue route.continue',
      'alertmanager/invalid-matcher route.routes[0].matchers[0]',
      'alertmanager/invalid-duration route.routes[0].group_interval',
      'alertmanager/undefined-time-interval route.routes[0].mute_time_intervals[0]',
    ]);
  });

  it('quotes matcher values so any value survives', () => {
    for (const v of ['critical', 'a"b', 'x\\y', 'with space', '', 'a,b}']) {
      expect(parseMatcher(matcher('l', '=', v))).toEqual({ name: 'l', op: '=', value: v });
    }
    expect(parseMatcher('severity=~critical|page')).toEqual({ name: 'severity', op: '=~', value: 'critical|page' });
    expect(parseMatcher('no operator')).toBeUndefined();
  });
});
