/**
 * Acceptance of the seed packs: every pack × phase renders with its example baselines, the rule
 * file is accepted by the real `promtool check rules` (Debian Prometheus 2.42), the Alertmanager
 * configuration by the real `amtool check-config` (Alertmanager 0.25) and routes alerts to the
 * receivers the seeds name (`amtool config routes test`), the PrometheusRule CRD validates against
 * the prometheus-operator schema and its `spec` is itself a rule file promtool accepts, lint finds
 * nothing of error severity, and the rule counts and names are the seeds'.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  emitAlertmanagerConfig,
  emitRuleFile,
  isAlertingRule,
  lintFile,
  stableYaml,
  toPrometheusRule,
  validateAlertmanagerConfig,
  validateSilence,
  type RuleFile,
} from '@alertcraft/rule-dsl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERTMANAGER_HINT, needBinary, PROMTOOL_HINT } from '../../../test-support/requirements.js';
import {
  exampleInputs,
  renderPhase,
  ruleCounts,
  seedPacks,
  type AnySeedPack,
} from '../../src/pack-registry/registry.js';
import { amtoolCheckConfig, promtoolCheckRules, runTool } from './tools.js';

const promtool = needBinary('local', ['promtool'], PROMTOOL_HINT);
const amtool = needBinary('local', ['amtool'], ALERTMANAGER_HINT);

interface Case {
  pack: AnySeedPack;
  phase: string;
  file: RuleFile;
  rulesPath: string;
  crdSpecPath: string;
  amPath: string;
}

const cases: Case[] = [];
let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'alertcraft-packs-'));
  for (const pack of seedPacks) {
    for (const { id: phase } of pack.rules.phases) {
      const file = renderPhase(pack, phase, exampleInputs(pack));
      const base = join(dir, `${pack.name}-${phase}`);
      writeFileSync(`${base}.rules.yaml`, emitRuleFile(file));
      const crd = toPrometheusRule(file, { name: `alertcraft-${pack.name}-${phase}`, namespace: 'monitoring' });
      writeFileSync(`${base}.crd-spec.yaml`, stableYaml(crd.spec));
      writeFileSync(`${base}.alertmanager.yaml`, emitAlertmanagerConfig(pack.alertmanager(phase)));
      cases.push({
        pack,
        phase,
        file,
        rulesPath: `${base}.rules.yaml`,
        crdSpecPath: `${base}.crd-spec.yaml`,
        amPath: `${base}.alertmanager.yaml`,
      });
    }
  }
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Alert names and recording-rule names per group of a rendered file. */
function names(file: RuleFile): Record<string, string[]> {
  return Object.fromEntries(
    file.groups.map((g) => [g.name, g.rules.map((r) => (isAlertingRule(r) ? r.alert : r.record))]),
  );
}

const MAESTRO_RECORDS = [
  'maestro:success_rate:5m',
  'maestro:cost_per_success:5m',
  'maestro:tenant_utilization:1h',
  'maestro:safety_effectiveness:1h',
];

describe('seed counts and names', () => {
  const get = (pack: string, phase: string): RuleFile =>
    cases.find((c) => c.pack.name === pack && c.phase === phase)!.file;

  it('renders 4 packs and 6 pack phases', () => {
    expect(cases.map((c) => `${c.pack.name}/${c.phase}`)).toEqual([
      'maestro/day0',
      'maestro/day4',
      'maestro/day8',
      'aetherlink/production',
      'incident-runbook/production',
      'ga-launch/ga',
    ]);
  });

  it('maestro: day0 5 alerts, day4 3, day8 2 plus two generated SLO groups, recording group maestro.business with 4 rules (seed 000)', () => {
    expect(names(get('maestro', 'day0'))).toEqual({
      'maestro-day0-critical': [
        'MaestroErrorRateSpike',
        'MaestroLatencyRegression',
        'MaestroBudgetBurnSpike',
        'MaestroSagaCompensationStorm',
        'MaestroSafetyGuardianOverload',
      ],
      'maestro.business': MAESTRO_RECORDS,
    });
    expect(names(get('maestro', 'day4'))).toEqual({
      'maestro-day4-calibrated': ['MaestroErrorRateHigh', 'MaestroLatencyAnomaly', 'MaestroCostAnomalyDetection'],
      'maestro.business': MAESTRO_RECORDS,
    });
    const day8 = names(get('maestro', 'day8'));
    expect(Object.keys(day8)).toEqual([
      'maestro-mature-slos',
      'slo-maestro-availability',
      'slo-maestro-latency',
      'maestro.business',
    ]);
    expect(day8['maestro-mature-slos']).toEqual(['MaestroPredictiveCapacity', 'MaestroRevenueImpactingOutage']);
    expect(day8['maestro.business']).toEqual(MAESTRO_RECORDS);
    // The seed's two SLO alerts as slo-math's page and ticket tiers plus an absent-SLI alert each.
    for (const [group, prefix] of [
      ['slo-maestro-availability', 'MaestroSLOErrorBudgetBurn'],
      ['slo-maestro-latency', 'MaestroSLOLatencyBudgetBurn'],
    ] as const) {
      expect(day8[group]!.filter((n) => !n.includes(':'))).toEqual([
        `${prefix}PageFast`,
        `${prefix}PageSlow`,
        `${prefix}TicketFast`,
        `${prefix}TicketSlow`,
        `${prefix}SliAbsent`,
      ]);
      expect(day8[group]!.filter((n) => n.includes(':'))).toContain('slo:sli_error:ratio_rate5m');
    }
    expect(get('maestro', 'day8').groups.find((g) => g.name === 'maestro.business')?.interval).toBe('30s');
    // Seed severities and the labels its routing matches on.
    const labels = (file: RuleFile) =>
      Object.fromEntries(file.groups.flatMap((g) => g.rules.filter(isAlertingRule).map((r) => [r.alert, r.labels])));
    expect(labels(get('maestro', 'day0'))).toMatchObject({
      MaestroErrorRateSpike: { severity: 'page', phase: 'day0' },
      MaestroSagaCompensationStorm: { severity: 'critical', phase: 'day0' },
      MaestroSafetyGuardianOverload: { severity: 'warning', phase: 'day0' },
    });
    expect(labels(get('maestro', 'day8'))).toMatchObject({
      MaestroSLOErrorBudgetBurnPageFast: {
        severity: 'page',
        slo: 'availability',
        slo_tier: 'page-fast',
        phase: 'day8',
      },
      MaestroSLOLatencyBudgetBurnTicketSlow: { severity: 'ticket', slo: 'latency', slo_tier: 'ticket-slow' },
      MaestroPredictiveCapacity: { severity: 'warning', type: 'predictive', phase: 'day8' },
      MaestroRevenueImpactingOutage: { severity: 'critical', impact: 'revenue', phase: 'day8' },
    });
  });

  it('maestro day 4 thresholds are the baseline references of the seed; day 8 capacity is maxRunsPerDay × 0.8', () => {
    const b = {
      run_rate: { p50: 7 },
      error_rate: { p95: 0.002 },
      p95_latency: { p90: 1 },
      cost_burn: { p90: 0.01, max: 0.05 },
    };
    const day4 = renderPhase(seedPacks[0]!, 'day4', { baselines: b });
    const expr = Object.fromEntries(day4.groups[0]!.rules.filter(isAlertingRule).map((r) => [r.alert, r.expr]));
    expect(expr.MaestroErrorRateHigh).toContain('> 0.003)'); // 0.002 × 1.5
    expect(expr.MaestroLatencyAnomaly).toContain('> 1.3)'); // 1 × 1.3
    expect(expr.MaestroLatencyAnomaly).toContain('sum(rate(maestro_run_total[5m])) > 7'); // run_rate.p50
    expect(expr.MaestroCostAnomalyDetection).toContain('> 0.02)'); // 0.01 × 2
    expect(expr.MaestroCostAnomalyDetection).toContain('> 4.5)'); // 0.05 × 60 × 1.5
    const day8 = renderPhase(seedPacks[0]!, 'day8', { values: { capacity: { maxRunsPerDay: 1_000_000 } } });
    expect(
      day8.groups[0]!.rules.filter(isAlertingRule).find((r) => r.alert === 'MaestroPredictiveCapacity')!.expr,
    ).toMatch(/> 800000$/);
  });

  it('aetherlink: 8 aether:* recording rules, the 5 production alerts, 2 rerank guards (seed 001)', () => {
    expect(names(get('aetherlink', 'production'))).toEqual({
      'aether.recording': [
        'aether:cache_hit_ratio:5m',
        'aether:cache_hit_ratio:5m:all',
        'aether:rerank_utilization_pct:15m',
        'aether:rerank_utilization_pct:15m:all',
        'aether:lowconfidence_pct:15m',
        'aether:lowconfidence_pct:15m:all',
        'aether:estimated_cost_30d_usd',
        'aether:health_score:15m',
      ],
      'aether.alerts': [
        'CacheEffectivenessDrop',
        'LowConfidenceSpike',
        'LowConfidenceSpikeVIP',
        'CacheEffectivenessDropVIP',
        'HealthScoreDegradation',
      ],
      'aether.rerank-guards': ['RerankUtilizationHigh', 'RerankUtilizationCritical'],
    });
    const file = get('aetherlink', 'production');
    const rules = file.groups.flatMap((g) => g.rules);
    const byName = Object.fromEntries(rules.map((r) => [isAlertingRule(r) ? r.alert : r.record, r]));
    // Seed thresholds and fire times.
    const alert = (n: string) => byName[n] as { expr: string; for?: string; labels?: Record<string, string> };
    expect([alert('CacheEffectivenessDrop').expr, alert('CacheEffectivenessDrop').for]).toEqual([
      expect.stringContaining('< 0.3)'),
      '15m',
    ]);
    expect([alert('LowConfidenceSpike').expr, alert('LowConfidenceSpike').for]).toEqual([
      expect.stringContaining('> 30)'),
      '15m',
    ]);
    expect([
      alert('LowConfidenceSpikeVIP').expr,
      alert('LowConfidenceSpikeVIP').for,
      alert('LowConfidenceSpikeVIP').labels?.severity,
    ]).toEqual([expect.stringContaining('> 40)'), '10m', 'critical']);
    expect([
      alert('CacheEffectivenessDropVIP').expr,
      alert('CacheEffectivenessDropVIP').for,
      alert('CacheEffectivenessDropVIP').labels?.severity,
    ]).toEqual([expect.stringContaining('< 0.2)'), '10m', 'critical']);
    expect([alert('HealthScoreDegradation').expr, alert('HealthScoreDegradation').for]).toEqual([
      expect.stringContaining('< 60)'),
      '15m',
    ]);
    expect(alert('RerankUtilizationHigh').expr).toMatch(/> 50$/);
    expect(alert('RerankUtilizationCritical').expr).toMatch(/> 80$/);
    // Explicit VIP list, and every one of the 5 alerts carries a traffic guard.
    expect(alert('LowConfidenceSpikeVIP').expr).toContain('tenant_id=~"vip-customer-123|vip-customer-456"');
    for (const n of [
      'CacheEffectivenessDrop',
      'LowConfidenceSpike',
      'LowConfidenceSpikeVIP',
      'CacheEffectivenessDropVIP',
      'HealthScoreDegradation',
    ]) {
      expect(alert(n).expr, n).toMatch(
        / and on \((tenant_id)?\) \(sum(?: by \(tenant_id\) )?\(increase\(aether_\w+_total\[\w+\]\)\) >= \d+\)$/,
      );
    }
    // 40 / 40 / 20 health score (health-score's preset, renormalised over the components present).
    const health = alert('aether:health_score:15m').expr;
    expect(health).toMatch(/^100 \* sum without \(component\) /);
    expect(health).toContain('(clamp(aether:cache_hit_ratio:5m:all, 0, 1) >= 0) * 0.4, "component", "cache"');
    expect(health).toContain(
      '(clamp((aether:lowconfidence_pct:15m:all - 100) / -100, 0, 1) >= 0) * 0.4, "component", "quality"',
    );
    expect(health).toContain(
      '(clamp((aether:rerank_utilization_pct:15m:all - 100) / -100, 0, 1) >= 0) * 0.2, "component", "efficiency"',
    );
  });

  it('incident-runbook: the 7 alerts the runbook names, severities page/ticket (seed 002)', () => {
    const file = get('incident-runbook', 'production');
    const sev = Object.fromEntries(
      file.groups.flatMap((g) => g.rules.filter(isAlertingRule).map((r) => [r.alert, r.labels?.severity])),
    );
    expect(sev).toEqual({
      ApiLatencySLOBreach: 'page',
      ApiErrorBudgetBurn: 'page',
      BusinessSignupAnomaly: 'ticket',
      SignupZeroTraffic: 'ticket',
      RevenueRunRateShortfall: 'ticket',
      CapacityCPUForecastCritical: 'ticket',
      CapacityMemoryForecastCritical: 'ticket',
    });
    expect(ruleCounts(file)).toEqual({ alerts: 7, records: 0 });
  });

  it('ga-launch: availability > 99.9 %, p95 < 300 ms, error rate < 1 % as SLOs (seed 003)', () => {
    const file = get('ga-launch', 'ga');
    const alerts = Object.fromEntries(
      file.groups.flatMap((g) => g.rules.filter(isAlertingRule).map((r) => [r.alert, r])),
    );
    const tiers = (p: string) => ['PageFast', 'PageSlow', 'TicketFast', 'TicketSlow'].map((t) => `${p}${t}`);
    expect(Object.keys(alerts)).toEqual([
      ...tiers('GaAvailabilityBudgetBurn'),
      'GaAvailabilityBudgetBurnSliAbsent',
      ...tiers('GaLatencyBudgetBurn'),
      'GaLatencyBudgetBurnSliAbsent',
    ]);
    // 14.4x a 0.1 % budget, and 14.4x the 5 % of requests allowed over 300 ms.
    expect(alerts.GaAvailabilityBudgetBurnPageFast!.expr).toContain('> 0.0144)');
    expect(alerts.GaLatencyBudgetBurnPageFast!.expr).toContain('> 0.72)');
    // The error-rate target is recorded (for budget reports) but not alerted on.
    expect(file.groups.map((g) => g.name)).toEqual([
      'slo-maestro-api-availability',
      'slo-maestro-api-latency',
      'slo-maestro-api-errors',
    ]);
    expect(file.groups[2]!.rules.every((r) => !isAlertingRule(r))).toBe(true);
  });

  it('example baselines hold exactly what the baseline queries measure', () => {
    for (const pack of seedPacks) {
      const queries = pack.baselineQueries ?? {};
      const examples = pack.rules.exampleBaselines ?? {};
      expect(Object.keys(examples).sort(), pack.name).toEqual(Object.keys(queries).sort());
      for (const [name, q] of Object.entries(queries)) {
        expect(Object.keys(examples[name]!).sort(), `${pack.name} ${name}`).toEqual(
          [...(q.stats ?? ['p50', 'p90', 'p95', 'p99', 'max'])].sort(),
        );
      }
    }
  });

  it('every phase declares expectations naming alerts the phase renders', () => {
    for (const c of cases) {
      const expectations =
        (c.pack.rules.expectations as Record<string, { incident: string; alerts: string[] }[]> | undefined)?.[
          c.phase
        ] ?? [];
      expect(expectations.length, `${c.pack.name}/${c.phase}`).toBeGreaterThan(0);
      const alerts = new Set(c.file.groups.flatMap((g) => g.rules.filter(isAlertingRule).map((r) => r.alert)));
      for (const e of expectations)
        for (const a of e.alerts)
          expect(alerts.has(a), `${c.pack.name}/${c.phase} expects ${a} for ${e.incident}`).toBe(true);
    }
  });
});

describe('lint', () => {
  it('finds nothing of error severity in any pack phase', () => {
    const summary: Record<string, Record<string, number>> = {};
    for (const c of cases) {
      const diags = lintFile(emitRuleFile(c.file), `${c.pack.name}-${c.phase}.rules.yaml`, {
        scrapeInterval: c.pack.rules.scrapeInterval,
        evaluationInterval: c.pack.rules.evaluationInterval,
      });
      const errors = diags.filter((d) => d.severity === 'error');
      expect(
        errors.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`),
        `${c.pack.name}/${c.phase}`,
      ).toEqual([]);
      summary[`${c.pack.name}/${c.phase}`] = {
        error: 0,
        warning: diags.filter((d) => d.severity === 'warning').length,
        info: diags.filter((d) => d.severity === 'info').length,
      };
    }
    console.log('lint per pack phase:', JSON.stringify(summary));
  });
});

describe('Alertmanager configuration and silences', () => {
  it('validates with the rule DSL and uses matchers, not the deprecated match', () => {
    for (const c of cases) {
      const config = c.pack.alertmanager(c.phase);
      expect(
        validateAlertmanagerConfig(config).filter((d) => d.severity === 'error'),
        `${c.pack.name}/${c.phase}`,
      ).toEqual([]);
      expect(JSON.stringify(config)).not.toMatch(/"match(_re)?"/);
    }
  });

  it('maestro day-0 snooze reproduces the seed window as a v2 payload', () => {
    const s = seedPacks[0]!.silences!.find((x) => x.name === 'day0-minor-snooze')!;
    const payload = s.build({ now: '2025-01-15T00:00:00Z' });
    expect(payload).toEqual({
      matchers: [
        { name: 'alertname', value: 'MaestroMinorLatencyFluctuation', isRegex: false, isEqual: true },
        { name: 'severity', value: 'info', isRegex: false, isEqual: true },
      ],
      startsAt: '2025-01-15T00:00:00Z',
      endsAt: '2025-01-18T23:59:59Z',
      createdBy: 'sre-team',
      comment: 'Day 0-3 launch window - snoozing minor alerts',
    });
    expect(validateSilence(payload).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('aetherlink maintenance mode silences every alert and expires after the duration', () => {
    const s = seedPacks.find((p) => p.name === 'aetherlink')!.silences!.find((x) => x.name === 'maintenance-mode')!;
    const payload = s.build({ now: '2025-03-01T10:00:00Z', durationMinutes: 30, comment: 'Rolling deploy v2.3.0' });
    expect(payload.matchers).toEqual([{ name: 'alertname', value: '.+', isRegex: true, isEqual: true }]);
    expect([payload.startsAt, payload.endsAt, payload.comment]).toEqual([
      '2025-03-01T10:00:00Z',
      '2025-03-01T10:30:00Z',
      'Rolling deploy v2.3.0',
    ]);
    expect(s.build({ now: '2025-03-01T10:00:00Z' }).endsAt).toBe('2025-03-01T11:00:00Z');
    expect(validateSilence(payload).filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe.skipIf(!promtool.ok)('promtool check rules (Prometheus 2.42)', () => {
  if (!promtool.ok) console.log(`skipped: ${promtool.reason}`);
  it('accepts the rule file of every pack phase', async () => {
    for (const c of cases) {
      const r = await promtoolCheckRules(promtool.value!, [c.rulesPath]);
      expect(r.ok, `${c.pack.name}/${c.phase}: ${r.output}`).toBe(true);
      const { alerts, records } = ruleCounts(c.file);
      expect(r.output).toContain(`SUCCESS: ${alerts + records} rules found`);
    }
  });

  it('accepts the spec of every PrometheusRule CRD as a rule file', async () => {
    const r = await promtoolCheckRules(
      promtool.value!,
      cases.map((c) => c.crdSpecPath),
    );
    expect(r.ok, r.output).toBe(true);
    expect(r.output.match(/SUCCESS/g)).toHaveLength(cases.length);
  });
});

describe.skipIf(!amtool.ok)('amtool (Alertmanager 0.25)', () => {
  if (!amtool.ok) console.log(`skipped: ${amtool.reason}`);
  it('check-config accepts the Alertmanager configuration of every pack phase', async () => {
    for (const c of cases) {
      const r = await amtoolCheckConfig(amtool.value!, c.amPath);
      expect(r.ok, `${c.pack.name}/${c.phase}: ${r.output}`).toBe(true);
      expect(r.output).toContain('SUCCESS');
    }
  });

  it('routes alerts to the receivers the seeds name', async () => {
    const route = async (pack: string, phase: string, labels: string[]): Promise<string> => {
      const c = cases.find((x) => x.pack.name === pack && x.phase === phase)!;
      const r = await runTool(amtool.value!, ['config', 'routes', 'test', `--config.file=${c.amPath}`, ...labels]);
      expect(r.ok, r.output).toBe(true);
      return r.stdout.trim();
    };
    // Seed 000: premium support for critical revenue impact, capacity planning for predictive
    // alerts (every phase), pager for page/critical, tickets for warnings.
    expect(
      await route('maestro', 'day8', [
        'alertname=MaestroRevenueImpactingOutage',
        'severity=critical',
        'impact=revenue',
        'tenant=acme',
      ]),
    ).toBe('premium-support');
    expect(
      await route('maestro', 'day8', [
        'alertname=MaestroPredictiveCapacity',
        'severity=warning',
        'type=predictive',
        'phase=day8',
      ]),
    ).toBe('capacity-planning');
    expect(await route('maestro', 'day0', ['alertname=MaestroErrorRateSpike', 'severity=page', 'phase=day0'])).toBe(
      'paging',
    );
    expect(
      await route('maestro', 'day8', ['alertname=MaestroSLOErrorBudgetBurnPageFast', 'severity=page', 'phase=day8']),
    ).toBe('paging');
    expect(
      await route('maestro', 'day8', [
        'alertname=MaestroSLOErrorBudgetBurnTicketSlow',
        'severity=ticket',
        'phase=day8',
      ]),
    ).toBe('ticket');
    expect(await route('maestro', 'day4', ['alertname=MaestroErrorRateHigh', 'severity=warning', 'phase=day4'])).toBe(
      'ticket',
    );
    expect(await route('maestro', 'day0', ['alertname=MaestroMinorLatencyFluctuation', 'severity=info'])).toBe(
      'default',
    );
    // Seed 001: VIP criticals page on-call, the rest to #aether-ops.
    expect(
      await route('aetherlink', 'production', [
        'alertname=CacheEffectivenessDropVIP',
        'severity=critical',
        'vip=true',
        'tenant_id=vip-customer-123',
      ]),
    ).toBe('oncall-pager');
    expect(
      await route('aetherlink', 'production', ['alertname=CacheEffectivenessDrop', 'severity=warning', 'tenant_id=t1']),
    ).toBe('aether-ops');
    // Seed 002: page → P1, ticket → P2, capacity forecasts → planning.
    expect(await route('incident-runbook', 'production', ['alertname=ApiErrorBudgetBurn', 'severity=page'])).toBe(
      'pagerduty-p1',
    );
    expect(await route('incident-runbook', 'production', ['alertname=SignupZeroTraffic', 'severity=ticket'])).toBe(
      'jira-p2',
    );
    expect(
      await route('incident-runbook', 'production', [
        'alertname=CapacityCPUForecastCritical',
        'severity=ticket',
        'type=capacity',
      ]),
    ).toBe('capacity-planning');
    // Seed 003: pages go to PagerDuty and Slack.
    expect(
      await route('ga-launch', 'ga', ['alertname=GaAvailabilityBudgetBurnPageFast', 'severity=page', 'phase=ga']),
    ).toBe('pagerduty-maestro-conductor-prod,slack-maestro-alerts');
    expect(
      await route('ga-launch', 'ga', ['alertname=GaLatencyBudgetBurnTicketSlow', 'severity=ticket', 'phase=ga']),
    ).toBe('slack-maestro-alerts');
  });
});
