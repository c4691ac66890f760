// Renders a report and opens it in a real headless Chromium (Debian's /usr/bin/chromium driven
// by playwright-core): it must render with no console errors and no network request, show the
// SVG timelines, keep hostile label text inert, and produce a non-trivial screenshot PNG.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { openInChromium } from '../../../test-support/headless-page.js';
import { needBinary } from '../../../test-support/requirements.js';
import { notificationsOfRun } from '../../src/report/notifications.js';
import { TIMELINE_ZOOM_JS } from '../../src/report/timeline-zoom.js';
import { writeReport } from '../../src/report/write.js';
import { fixtureAlertmanager, fixtureResult, fixtureSamples, HOSTILE } from './fixture.js';

const browser = needBinary('browser', ['chromium'], 'apt-get install -y chromium');
if (!browser.ok) console.log(`skipping report browser test: ${browser.reason}`);

describe.skipIf(!browser.ok)('HTML report in headless Chromium', () => {
  let dir = '';
  let context: BrowserContext | undefined;
  let page: Page;
  let consoleErrors: string[] = [];
  let requests: string[] = [];
  let reportPath = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'alertcraft-report-'));
    reportPath = join(dir, 'report.html');
    const doc = fixtureResult();
    await writeReport(reportPath, doc, {
      samples: fixtureSamples(),
      generatedAt: 'test',
      notifications: doc.runs.map((r) => notificationsOfRun(r, fixtureAlertmanager())),
    });
    ({ context, page, consoleErrors, requests } = await openInChromium(
      reportPath,
      browser.value!,
      join(dir, 'profile'),
    ));
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('renders with no console errors and fetches nothing but the file itself', async () => {
    expect(await page.title()).toBe('alertcraft replay report');
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(reportPath).href]);
  });

  it('shows one SVG timeline per run with firing and pending spans over incident bands', async () => {
    expect(await page.locator('svg.timeline').count()).toBe(2);
    expect(await page.locator('svg.timeline rect.firing').count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('svg.timeline rect.pending').count()).toBeGreaterThanOrEqual(5);
    expect(await page.locator('svg.timeline rect.band-incident').count()).toBeGreaterThan(0);
    expect(await page.locator('svg.timeline rect.band-quiet').count()).toBe(2);
    const box = await page.locator('svg.timeline').first().boundingBox();
    expect(box!.width).toBeGreaterThan(500);
    expect(box!.height).toBeGreaterThan(50);
    expect(await page.locator('svg.sparkline polyline').count()).toBeGreaterThanOrEqual(2); // split by the NaN gap
  });

  it('fills the page width: the plot grows with the viewport', async () => {
    const plot = page.locator('svg.timeline').first();
    const wide = (await plot.boundingBox())!.width;
    await page.setViewportSize({ width: 1900, height: 900 });
    const wider = (await plot.boundingBox())!.width;
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(wide).toBeGreaterThan(1280 - 280 - 100);
    expect(wider - wide).toBeGreaterThan(500);
  });

  it('zooms: buttons, wheel, drag-select and incident links change the visible range', async () => {
    const tl = page.locator('.tl').first();
    const plot = tl.locator('svg.timeline');
    const viewBox = async () => ((await plot.getAttribute('viewBox')) ?? '').split(' ').map(Number);
    const view = async () => ((await tl.getAttribute('data-view')) ?? '').split(',').map(Number);
    const start = Number(await tl.getAttribute('data-start'));
    const end = Number(await tl.getAttribute('data-end'));
    expect(await view()).toEqual([start, end]);
    expect((await viewBox())[2]).toBeCloseTo(1000, 3);

    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText() (visible text), not the DOM property
    const wholeRange = await tl.locator('.tl-range').innerText();
    await tl.locator('button[data-zoom="in"]').click();
    const [a, b] = await view();
    expect(b! - a!).toBeCloseTo((end - start) / 2, -1);
    expect((await viewBox())[2]).toBeCloseTo(500, 1);
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText() (visible text), not the DOM property
    expect(await tl.locator('.tl-range').innerText()).not.toBe(wholeRange);

    await tl.locator('button[data-zoom="reset"]').click();
    expect(await view()).toEqual([start, end]);

    const box = (await plot.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -100);
    const [c, d] = await view();
    expect(d! - c!).toBeCloseTo((end - start) * 0.8, -1);

    await tl.locator('button[data-zoom="reset"]').click();
    await page.mouse.move(box.x + box.width * 0.25, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    const [e, f] = await view();
    expect(e!).toBeCloseTo(start + (end - start) * 0.25, -5);
    expect(f!).toBeCloseTo(start + (end - start) * 0.5, -5);
    expect((await viewBox())[2]).toBeCloseTo(250, 0);

    // An incident's zoom link narrows the timeline to the incident ± margin.
    const link = page.locator('a[data-zoom-range]').first();
    const [r0, r1] = ((await link.getAttribute('data-zoom-range')) ?? '').split(',').map(Number);
    const target = page.locator(`#${await link.getAttribute('data-zoom-target')}`);
    await link.click();
    expect(((await target.getAttribute('data-view')) ?? '').split(',').map(Number)).toEqual([r0, r1]);
    expect(consoleErrors).toEqual([]);
  });

  it('shows per run the false positives (count and rate) and pages/day of result.json, and notifications per receiver', async () => {
    const doc = fixtureResult();
    const rows = page.locator('#summary table.summary tr');
    expect(await rows.count()).toBe(doc.runs.length + 1);
    const headers = await rows.nth(0).locator('th').allInnerTexts();
    const col = (name: string) => headers.indexOf(name);
    for (const [i, run] of doc.runs.entries()) {
      const cells = await rows
        .nth(i + 1)
        .locator('td')
        .allInnerTexts();
      expect(Number(cells[col('false positives')])).toBe(run.kpis.falsePositives);
      expect(Number.parseFloat(cells[col('false-positive rate')]!) / 100).toBeCloseTo(
        run.kpis.falsePositiveRate ?? NaN,
        3,
      );
      expect(Number.parseFloat(cells[col('pages/day')]!)).toBeCloseTo(run.kpis.pagesPerDay, 2);
      // Hand-derived in notifications.test.ts: day0 pages `pager` twice, day8 notifies `oncall` three times.
      expect(cells[col('notifications per receiver')]).toContain(run.phase === 'day0' ? 'pager: 2' : 'oncall: 3');
    }
  });

  it('shows the per-incident zoom with the threshold line inside the plot', async () => {
    const fig = page.locator('figure.incident-zoom');
    expect(await fig.count()).toBe(1);
    const chart = (await fig.locator('svg').boundingBox())!;
    const line = (await fig.locator('line.threshold').boundingBox())!;
    expect(chart.width).toBeGreaterThan(600);
    expect(line.y).toBeGreaterThan(chart.y);
    expect(line.y).toBeLessThan(chart.y + chart.height);
    expect(await fig.locator('rect.zoom-firing').count()).toBe(1);
  });

  it('collapses other packs’ incidents in a closed details element', async () => {
    const details = page.locator('details.other-incidents');
    const n = await details.count();
    // The fixture's day0 run: 03-premium-tenant-outage belongs to day8.
    expect(n).toBeGreaterThanOrEqual(1);
    expect(await details.first().getAttribute('open')).toBeNull();
    expect(await details.first().locator('table').isVisible()).toBe(false);
    await details.first().locator('summary').click();
    expect(await details.first().locator('table').isVisible()).toBe(true);
  });

  it('summarises pass/fail at the top', async () => {
    const summary = page.locator('#summary');
    await expect(summary.locator('.badge.pass').count()).resolves.toBe(1);
    await expect(summary.locator('.badge.fail').count()).resolves.toBe(1);
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText() (visible text), not the DOM property
    expect(await summary.innerText()).toContain('03-premium-tenant-outage');
  });

  it('keeps hostile label text inert: shown as text, never run', async () => {
    // Expressions run in the page (strings: the test's tsconfig has no DOM types).
    // The one script is the report's own zoom script.
    expect(await page.evaluate('document.querySelectorAll("script").length')).toBe(1);
    expect(await page.evaluate('document.querySelector("script").textContent')).toBe(TIMELINE_ZOOM_JS);
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect((await page.locator('table.incidents').allTextContents()).join('\n')).toContain(HOSTILE);
  });

  it('produces a non-trivial screenshot PNG', async () => {
    const png = join(dir, 'report.png');
    await page.screenshot({ path: png, fullPage: true });
    const bytes = await readFile(png);
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const width = bytes.readUInt32BE(16);
    const height = bytes.readUInt32BE(20);
    expect(width).toBe(1280);
    expect(height).toBeGreaterThan(900);
    expect(bytes.length).toBeGreaterThan(30_000);
    console.log(`report screenshot: ${width}x${height}, ${bytes.length} bytes`);
  });
});
