// Dashboard previews: each panel's PromQL evaluated by the embedded engine over replayed series;
// failing and empty panels flagged with the reason; the HTML draws each panel type.
import { aetherlinkDashboard } from '@alertcraft/grafana-json';
import { runRangeQuery } from '@alertcraft/promql';
import { describe, expect, it } from 'vitest';
import { previewFixtureDashboard, previewStorage, window } from '../../test/report/preview-fixture.js';
import { dashboardPreviewsHtml } from './dashboard-preview-html.js';
import { flaggedPanels, interpolate, previewDashboard } from './dashboard-preview.js';
import { renderReport } from './render.js';

describe('dashboard previews', () => {
  const storage = previewStorage();
  const preview = previewDashboard(previewFixtureDashboard(), storage, window, { stepMs: 60_000 });
  const by = Object.fromEntries(preview.panels.map((p) => [p.title, p]));

  it('evaluates every query panel (rows flattened) with the engine; text is skipped', () => {
    expect(preview.panels.map((p) => `${p.type}:${p.title}:${p.status}`)).toEqual([
      'timeseries:Requests/s by code:ok',
      'stat:Queue depth:ok',
      'gauge:Error ratio:ok',
      'table:Requests by code:ok',
      'heatmap:Latency buckets:ok',
      'timeseries:Typo:error',
      'stat:Nothing there:empty',
      'stat:Unresolved variable:error',
      'text:Notes:skipped',
    ]);
    // variables substituted as Grafana would ($job's first option, $__rate_interval = 4 × step)
    expect(by['Requests/s by code']!.queries).toEqual(['sum by (code) (rate(http_requests_total{job="maestro"}[4m]))']);
    // what the panel holds is the engine's range query, series for series
    const direct = runRangeQuery(
      storage,
      by['Requests/s by code']!.queries[0]!,
      window.start,
      window.end,
      60_000,
    ).value;
    expect(direct.type).toBe('matrix');
    if (direct.type !== 'matrix') return;
    expect(by['Requests/s by code']!.series.map((s) => [s.label, Array.from(s.values)])).toEqual(
      direct.series.map((s) => [s.labels.code, Array.from(s.values)]),
    );
    expect(Array.from(by['Queue depth']!.series[0]!.values).every((v) => v === 7)).toBe(true);
    expect(by['Latency buckets']!.series.map((s) => s.label).sort()).toEqual(['+Inf', '0.1', '0.5']);
  });

  it('flags a failing query and one that returns nothing, with the reason', () => {
    expect(flaggedPanels(preview).map((p) => [p.title, p.status, p.message])).toEqual([
      ['Typo', 'error', expect.stringMatching(/^A: .*(unclosed|expected|unexpected)/i)],
      ['Nothing there', 'empty', 'the query returned no series over the replay'],
      ['Unresolved variable', 'error', 'A: variable $tenant has no concrete value to preview with'],
    ]);
    expect(() => interpolate('up{x="$nope"}', new Map(), 60_000, 3_600_000)).toThrow('unknown variable $nope');
  });

  it('draws each panel type and flags broken panels in the HTML', () => {
    const html = dashboardPreviewsHtml([preview]);
    expect(html).toContain('3 of 9 panels flagged: Typo, Nothing there, Unresolved variable.');
    expect((html.match(/class="preview timeseries"/g) ?? []).length).toBe(2); // timeseries + stat sparkline
    expect(html).toContain('class="preview gauge"');
    expect(html).toContain('class="preview heatmap"');
    expect(html).toContain('class="preview-table"');
    expect((html.match(/data-status="error"/g) ?? []).length).toBe(2);
    expect(html).toContain('<div class="stat-value" style="color:#2b8a3e">7</div>');
    // the hook: renderReport places the section after the packs
    const page = renderReport({ format: 'alertcraft-result/v1', runs: [] } as never, { dashboards: [preview] });
    expect(page).toContain('<section class="dash-previews" id="dashboards">');
  });

  it('previews a generated dashboard (AetherLink): its recording rules are absent here, so every panel is flagged empty', () => {
    const p = previewDashboard(aetherlinkDashboard(), storage, window);
    expect(p.panels.length).toBeGreaterThan(0);
    expect(p.panels.filter((x) => x.status === 'empty').length).toBe(p.panels.filter((x) => x.queries.length).length);
  });
});
