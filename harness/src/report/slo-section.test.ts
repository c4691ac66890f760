import { describe, expect, it } from 'vitest';
import { sloSummaryLines } from '../cli/commands/replay-slo-lines.js';
import { buildResult } from '../result/build.js';
import type { ResultSlo, ResultVariant } from '../result/types.js';
import { fixtureResult, HOSTILE } from '../../test/report/fixture.js';
import { esc } from './escape.js';
import { renderReport } from './render.js';
import { sloBudgetTable, variantSection } from './slo-section.js';

const slo = (over: Partial<ResultSlo> = {}): ResultSlo => ({
  name: 'availability',
  service: 'maestro',
  objectivePercent: 99.9,
  period: '30d',
  periodSeconds: 2_592_000,
  windowSeconds: 6 * 3600,
  events: 120_000,
  errorRatio: 0.0025,
  errorBudgetRatio: 0.001,
  burnRate: { value: 2.5, unit: 'x' },
  budgetSpent: { value: 0.020833, unit: 'ratio of the period budget' },
  budgetRemaining: { value: -0.25, unit: 'ratio of the period budget' },
  ...over,
});

const side = (name: string, fp: number, detected: number, mttd: number | null) => ({
  name,
  phase: 'day8',
  firingAlerts: 5 + fp,
  falsePositives: fp,
  falsePositiveRate: fp / (5 + fp),
  incidentsRequired: 2,
  incidentsDetected: detected,
  detectionRate: detected / 2,
  mttdSeconds: mttd,
});

const variant: ResultVariant = {
  pack: 'maestro',
  phase: 'day8',
  variant: 'seed',
  description: `The seed's single-window rule ${HOSTILE}`,
  window: { start: '2025-09-01T06:00:00.000Z', end: '2025-09-01T12:00:00.000Z' },
  incidents: ['01-error-spike', '03-premium-tenant-outage'],
  comparison: [side('day8', 0, 2, 90), side('seed', 1, 1, 840)],
  detections: [
    {
      incident: '01-error-spike',
      kind: 'error-spike',
      withinSeconds: 1800,
      phase: { alertname: 'MaestroSLOErrorBudgetBurnPageFast', seconds: 90 },
      variant: { alertname: 'MaestroSLOErrorBudgetBurn', seconds: 840 },
    },
    {
      incident: '03-premium-tenant-outage',
      kind: 'premium-tenant-outage',
      withinSeconds: 1200,
      phase: { alertname: 'MaestroRevenueImpactingOutage', seconds: 330 },
      variant: null,
    },
  ],
};

describe('SLO budgets and variants in the report', () => {
  it('shows burn, budget spent and an overspent budget remaining per SLO', () => {
    const html = sloBudgetTable([
      slo(),
      slo({
        name: 'latency',
        objectivePercent: 98,
        budgetRemaining: { value: 0.7, unit: 'ratio of the period budget' },
      }),
    ]);
    expect(html).toContain('<td>maestro/availability</td><td class="num">99.9 %</td><td>30d</td>');
    expect(html).toContain('<td class="num">0.2500 %</td><td class="num">2.50×</td><td class="num">2.1 %</td>');
    expect(html).toContain('<strong>-25.0 %</strong> (overspent)');
    expect(html).toContain('<td class="num">70.0 %</td></tr>');
    expect(html).toContain('window (6h 0m)');
    expect(sloBudgetTable(undefined)).toBe('');
    expect(sloBudgetTable([slo({ events: null, errorRatio: null, burnRate: { value: null, unit: 'x' } })])).toContain(
      '<td class="num">–</td><td class="num">–</td><td class="num">–</td>',
    );
  });

  it('compares a variant with its phase per side and per incident, escaped', () => {
    const html = variantSection(variant);
    expect(html).toContain('<h3>Variant seed of day8</h3>');
    expect(html).toContain('<td>day8 (the phase)</td><td class="num">5</td><td class="num">0</td>');
    expect(html).toContain(
      '<td>seed (variant)</td><td class="num">6</td><td class="num">1</td><td class="num">16.7 %</td><td class="num">1/2</td><td class="num">14m 0s</td>',
    );
    expect(html).toContain(
      '<code>MaestroSLOErrorBudgetBurnPageFast</code> after 1m 30s</td><td><code>MaestroSLOErrorBudgetBurn</code> after 14m 0s',
    );
    expect(html).toContain('<code>MaestroRevenueImpactingOutage</code> after 5m 30s</td><td><strong>missed</strong>');
    expect(html).not.toContain(HOSTILE);
    expect(html).toContain(esc(HOSTILE));
  });

  it('renders both in the whole report: the variant in its pack, the budgets in their run', () => {
    const base = fixtureResult();
    const runs = base.runs.map((r) => (r.phase === 'day8' ? { ...r, slos: [slo()] } : r));
    const doc = { ...buildResult(runs, [], [variant]) };
    const html = renderReport(doc);
    const pack = html.indexOf('<section class="pack" id="pack-maestro">');
    expect(pack).toBeGreaterThan(0);
    expect(html.indexOf('<h3>Variant seed of day8</h3>')).toBeGreaterThan(pack);
    const day8Run = html.indexOf('<article class="run"', html.indexOf('day8', html.indexOf('<article class="run"')));
    expect(html.indexOf('<h4>SLO budgets</h4>')).toBeGreaterThan(day8Run);
    expect(html.match(/<h4>SLO budgets<\/h4>/g)).toHaveLength(1);
  });

  it('prints one line per SLO and per variant side in the CLI summary', () => {
    const base = fixtureResult();
    const runs = base.runs.map((r) => (r.phase === 'day8' ? { ...r, slos: [slo()] } : r));
    expect(sloSummaryLines(buildResult(runs, [], [variant]))).toEqual([
      "SLO budgets (burn over the run; budget remaining over the period ending at the run's end):",
      '  maestro day8 maestro/availability 99.9 % over 30d: burn 2.50x, budget spent 2.1 %, remaining -25.0 % (overspent)',
      'variant maestro day8 seed (not in the verdict):',
      '  day8: detected 2/2, MTTD 90 s, 0 false positives (0.0 %)',
      '  seed: detected 1/2, MTTD 840 s, 1 false positives (16.7 %)',
    ]);
    expect(sloSummaryLines(base)).toEqual([]);
  });
});
