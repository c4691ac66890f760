import { describe, expect, it } from 'vitest';
import { buildResult } from '../result/build.js';
import { fixtureResult, fixtureSamples, HOSTILE } from '../../test/report/fixture.js';
import { esc } from './escape.js';
import { renderReport, runVerdict } from './render.js';

describe('renderReport', () => {
  const doc = fixtureResult();
  const html = renderReport(doc, { samples: fixtureSamples(), generatedAt: '2025-09-02T00:00:00Z' });

  it('verdicts: day0 caught its one required incident; day8 missed the outage and fired in the maintenance window', () => {
    const day0 = runVerdict(doc.runs.find((r) => r.phase === 'day0')!);
    const day8 = runVerdict(doc.runs.find((r) => r.phase === 'day8')!);
    expect(day0).toMatchObject({ pass: true, required: 1, detected: 1, quietViolations: 0 });
    // day8 must catch 01 (SLO burn, fired after 15 min ≤ 30) and 03 (revenue alert fired after 65 min > 20): 1 of 2.
    expect(day8).toMatchObject({ pass: false, required: 2, detected: 1, quietViolations: 1 });
    expect(day8.missed.map((m) => m.id)).toEqual(['03-premium-tenant-outage']);
  });

  it('is self-contained: no script, no external resource, a CSP that forbids fetching', () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|url\(/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    // The only absolute URLs are SVG namespace declarations.
    expect(html.match(/https?:\/\/[^"\s]+/g)!.every((u) => u === 'http://www.w3.org/2000/svg')).toBe(true);
  });

  it('escapes every text: a hostile label value shows up escaped, never raw', () => {
    expect(html).not.toContain(HOSTILE);
    expect(html).not.toContain('<script>window.__pwned');
    expect(html).toContain(esc(HOSTILE));
  });

  it('has the summary first, then one KPI table and one timeline per run', () => {
    expect(html.indexOf('id="summary"')).toBeLessThan(html.indexOf('class="pack"'));
    expect(html.match(/<svg class="timeline"/g)).toHaveLength(2);
    expect(html.match(/<table class="kpis">/g)).toHaveLength(1);
    expect(html.match(/<svg class="sparkline"/g)).toHaveLength(1);
    expect(html).toContain('<span class="badge fail">FAIL</span>');
    expect(html).toContain('<span class="badge pass">PASS</span>');
  });

  it('is deterministic', () => {
    expect(renderReport(fixtureResult(), { samples: fixtureSamples(), generatedAt: '2025-09-02T00:00:00Z' })).toBe(
      html,
    );
  });

  it('renders an empty result', () => {
    expect(renderReport(buildResult([]))).toContain('The result holds no runs.');
  });
});
