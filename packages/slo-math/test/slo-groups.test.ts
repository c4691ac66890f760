/**
 * `sloGroups` puts generated SLO rules into a rule pack beside hand-written groups: restricted to
 * the given phases, rendered with the pack's phase label, and accepted by promtool.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  defineAlert,
  defineGroup,
  definePack,
  emitRuleFile,
  gt,
  isAlertingRule,
  metric,
  render,
} from '@alertcraft/rule-dsl';
import { describe, expect, it } from 'vitest';
import { needBinary, PROMTOOL_HINT } from '../../../test-support/requirements.js';
import { defineSlo, sloGroups } from '../src/index.js';

const promtool = needBinary('local', ['promtool'], PROMTOOL_HINT);

const requests = metric('http_requests_total', { job: 'api' });
const availability = defineSlo({
  name: 'availability',
  service: 'api',
  objective: 99.9,
  sli: { type: 'ratio', errors: requests.where({ code: { op: '=~', value: '5..' } }), total: requests },
  alerting: { minEvents: 100 },
});

const pack = definePack({
  name: 'p',
  description: 'test pack',
  scrapeInterval: '30s',
  phaseLabel: 'phase',
  phases: [
    { id: 'early', days: [0, 3] },
    { id: 'mature', days: [4, 9] },
  ],
  groups: [
    defineGroup({
      name: 'hand-written',
      rules: [defineAlert({ alert: 'Up', expr: gt(metric('up'), 0), severity: 'page' })],
    }),
    ...sloGroups([availability], { phases: ['mature'] }),
  ],
});

describe('sloGroups in a rule pack', () => {
  it('joins only the given phases, with the page and ticket tiers and the pack phase label', () => {
    expect(render(pack, 'early').groups.map((g) => g.name)).toEqual(['hand-written']);
    const mature = render(pack, 'mature');
    expect(mature.groups.map((g) => g.name)).toEqual(['hand-written', 'slo-api-availability']);
    const alerts = mature.groups[1]!.rules.filter(isAlertingRule);
    expect(alerts.map((a) => [a.alert, a.labels?.severity, a.labels?.slo_tier, a.labels?.phase])).toEqual([
      ['AvailabilityBudgetBurnPageFast', 'page', 'page-fast', 'mature'],
      ['AvailabilityBudgetBurnPageSlow', 'page', 'page-slow', 'mature'],
      ['AvailabilityBudgetBurnTicketFast', 'ticket', 'ticket-fast', 'mature'],
      ['AvailabilityBudgetBurnTicketSlow', 'ticket', 'ticket-slow', 'mature'],
      ['AvailabilitySliAbsent', 'ticket', undefined, 'mature'],
    ]);
  });

  it.skipIf(!promtool.ok)('promtool check rules accepts the rendered pack', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slo-groups-'));
    try {
      writeFileSync(join(dir, 'rules.yaml'), emitRuleFile(render(pack, 'mature')));
      const out = execFileSync(promtool.value!, ['check', 'rules', 'rules.yaml'], { cwd: dir, encoding: 'utf8' });
      expect(out).toMatch(/SUCCESS: 1\d rules found/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
