// The report's dashboard previews in a real headless Chromium (Debian's /usr/bin/chromium driven by
// playwright-core): they render with no console errors and no network request, each panel type is
// drawn with a visible size, and the three broken panels are flagged on the page.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openInChromium } from '../../../test-support/headless-page.js';
import { needBinary } from '../../../test-support/requirements.js';
import { previewDashboard } from '../../src/report/dashboard-preview.js';
import { writeReport } from '../../src/report/write.js';
import { fixtureResult } from './fixture.js';
import { previewFixtureDashboard, previewStorage, window } from './preview-fixture.js';

const browser = needBinary('browser', ['chromium'], 'apt-get install -y chromium');
if (!browser.ok) console.log(`skipping dashboard preview browser test: ${browser.reason}`);

describe.skipIf(!browser.ok)('dashboard previews in headless Chromium', () => {
  let dir = '';
  let context: BrowserContext | undefined;
  let page: Page;
  let consoleErrors: string[] = [];
  let requests: string[] = [];
  let reportPath = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'alertcraft-preview-'));
    reportPath = join(dir, 'report.html');
    const preview = previewDashboard(previewFixtureDashboard(), previewStorage(), window, { stepMs: 60_000 });
    await writeReport(reportPath, fixtureResult(), { generatedAt: 'test', dashboards: [preview] });
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

  it('renders with no console errors and fetches nothing but the file', () => {
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(reportPath).href]);
  });

  it('draws each panel type with a visible size', async () => {
    const section = page.locator('#dashboards');
    expect(await section.locator('.panel-preview').count()).toBe(9);
    for (const selector of [
      'svg.preview.timeseries',
      'svg.preview.gauge',
      'svg.preview.heatmap',
      'table.preview-table',
    ]) {
      const box = await section.locator(selector).first().boundingBox();
      expect(box, selector).not.toBeNull();
      expect(box!.width).toBeGreaterThan(100);
      expect(box!.height).toBeGreaterThan(20);
    }
    expect(await section.locator('svg.preview.timeseries polyline').count()).toBe(3); // 2 codes + the stat's line
    expect(await section.locator('svg.preview.heatmap rect.heat-cell').count()).toBe(180); // 3 buckets × 60 columns
  });

  it('flags the broken panels on the page', async () => {
    const flagged = page.locator('#dashboards .panel-preview.flagged');
    expect(await flagged.count()).toBe(3);
    const text = await flagged.allInnerTexts();
    expect(text.join('\n')).toContain('unclosed left parenthesis');
    expect(text.join('\n')).toContain('the query returned no series over the replay');
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText() (visible text), not the DOM property
    expect(await page.locator('#dashboards .miss').innerText()).toBe(
      '3 of 9 panels flagged: Typo, Nothing there, Unresolved variable.',
    );
  });
});
