import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildResult } from '../result/build.js';
import { fixtureResult, fixtureSamples, HOSTILE } from '../../test/report/fixture.js';
import { esc } from './escape.js';
import { renderReport, runVerdict } from './render.js';
import { TIMELINE_ZOOM_JS } from './timeline-zoom.js';

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

  it('is self-contained: one inline script admitted by its hash, no external resource, a CSP that forbids fetching', () => {
    expect(html).not.toMatch(/<link|<img|<iframe|\ssrc=|url\(/i);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain(`<script>${TIMELINE_ZOOM_JS}</script>`);
    const hash = createHash('sha256').update(TIMELINE_ZOOM_JS).digest('base64');
    expect(html).toContain(
      `content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${hash}'"`,
    );
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

describe('noise in the report', () => {
  const doc = fixtureResult();

  it('lists every firing no incident explains, one row each, per run', () => {
    const html = renderReport(doc);
    const tables = html.match(/<table class="unexplained">.*?<\/table>/gs) ?? [];
    const rows = tables.reduce((s, t) => s + (t.match(/<tr><td>/g) ?? []).length, 0);
    expect(rows).toBe(doc.runs.reduce((s, r) => s + r.kpis.falsePositives, 0));
    expect(html).toContain('<th>over noise budget</th>');
  });

  it('shows re-simulated recommendations with before and after figures in their pack section', () => {
    const figures = {
      falsePositiveRate: 0.5,
      pagesPerDay: 2,
      flapping: 1,
      firingAlerts: 4,
      detected: 1,
      required: 1,
      detectedIds: ['a'],
      notifications: { team: 6 },
      notificationsPerDay: 6,
    };
    const pack = doc.runs[0]!.pack;
    const html = renderReport(doc, {
      resimulations: [
        {
          pack,
          phase: doc.runs[0]!.phase,
          scenario: 's',
          seed: 1,
          before: figures,
          effects: [
            {
              recommendation: {
                id: 'raise-for:X',
                kind: 'raise-for',
                alert: 'X',
                from: null,
                to: '5m',
                why: 'short <FPs>',
                expectedFewer: 2,
              },
              after: { ...figures, falsePositiveRate: 0, notificationsPerDay: 3 },
              helps: true,
            },
          ],
          top: {
            recommendations: ['raise-for:X'],
            after: { ...figures, falsePositiveRate: 0, notificationsPerDay: 3 },
          },
        },
      ],
    });
    expect(html).toContain('<code>raise-for:X</code>');
    expect(html).toContain('short &lt;FPs&gt;');
    expect(html).toMatch(/top together.*0\.0 %/s);
  });
});

describe('incidents up close', () => {
  const html = renderReport(fixtureResult(), { samples: fixtureSamples() });
  const figures = html.match(/<figure class="incident-zoom".*?<\/figure>/gs) ?? [];

  it('zooms the day0 error spike: one chart, 06:50 → 07:30 (incident 07:00–07:20 ± 10 min)', () => {
    expect(figures).toHaveLength(1);
    expect(figures[0]).toContain('data-incident="01-error-spike"');
    expect(figures[0]).toContain('>2025-09-01 06:50<');
    expect(figures[0]).toContain('>2025-09-01 07:30<');
  });

  it('draws the spike above the threshold line and the quiet level below it, pending then firing shaded', () => {
    const fig = figures[0]!;
    const ty = Number(fig.match(/<line class="threshold" x1="[\d.]+" y1="([\d.]+)"/)![1]);
    const ys = [...fig.matchAll(/points="([^"]+)"/g)].flatMap((m) =>
      m[1]!.split(' ').map((p) => Number(p.split(',')[1])),
    );
    // SVG y grows downwards: 0.08 plots above (smaller y than) 0.05, 0.0005 below.
    expect(ys.filter((y) => y < ty).length).toBeGreaterThan(10);
    expect(ys.filter((y) => y > ty).length).toBeGreaterThan(10);
    const x = (cls: string) => Number(fig.match(new RegExp(`<rect class="${cls}" x="([\\d.]+)"`))![1]);
    // 40-minute view over 720 - 56 - 8 = 656 px from x=56: pending from 07:02, firing from 07:04.
    expect(x('zoom-pending')).toBeCloseTo(56 + (12 / 40) * 656, 0);
    expect(x('zoom-firing')).toBeCloseTo(56 + (14 / 40) * 656, 0);
  });
});
