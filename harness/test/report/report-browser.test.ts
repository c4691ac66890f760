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
import { writeReport } from '../../src/report/write.js';
import { fixtureResult, fixtureSamples, HOSTILE } from './fixture.js';

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
    await writeReport(reportPath, fixtureResult(), { samples: fixtureSamples(), generatedAt: 'test' });
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

  it('summarises pass/fail at the top', async () => {
    const summary = page.locator('#summary');
    await expect(summary.locator('.badge.pass').count()).resolves.toBe(1);
    await expect(summary.locator('.badge.fail').count()).resolves.toBe(1);
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText() (visible text), not the DOM property
    expect(await summary.innerText()).toContain('03-premium-tenant-outage');
  });

  it('keeps hostile label text inert: shown as text, never run', async () => {
    // Expressions run in the page (strings: the test's tsconfig has no DOM types).
    expect(await page.evaluate('document.querySelectorAll("script").length')).toBe(0);
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText() (visible text), not the DOM property
    expect(await page.locator('table.incidents').first().innerText()).toContain(HOSTILE);
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
