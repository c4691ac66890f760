// A real replay (maestro, launch-week, embedded engine) rendered with the zoom series and the
// simulated notifications `alertcraft replay --report` adds, opened in headless Chromium: no
// console errors, the summary's figures are the result document's, and every incident zoom draws
// the metric the engine evaluated.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openInChromium } from '../../../test-support/headless-page.js';
import { needBinary } from '../../../test-support/requirements.js';
import { getPack } from '../../src/pack-registry/registry.js';
import { replay } from '../../src/replay/replay.js';
import { incidentSamplesForReplay } from '../../src/report/incident-samples.js';
import { notificationsOfRun, type RunNotifications } from '../../src/report/notifications.js';
import { writeReport } from '../../src/report/write.js';
import type { ResultDocument } from '../../src/result/types.js';

const browser = needBinary('browser', ['chromium'], 'apt-get install -y chromium');
if (!browser.ok) console.log(`skipping replay report browser test: ${browser.reason}`);

describe.skipIf(!browser.ok)('a replay report in headless Chromium', () => {
  let dir = '';
  let context: BrowserContext | undefined;
  let page: Page;
  let consoleErrors: string[] = [];
  let doc: ResultDocument;
  let notifications: RunNotifications[];
  let zooms = 0;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'alertcraft-replay-report-'));
    const outcome = await replay({ packs: ['maestro'] });
    doc = outcome.document;
    notifications = doc.runs.map((r) => notificationsOfRun(r, getPack(r.pack).alertmanager(r.phase)));
    const samples = incidentSamplesForReplay(outcome, undefined);
    zooms = samples.length;
    const path = join(dir, 'report.html');
    await writeReport(path, doc, { samples, notifications });
    ({ context, page, consoleErrors } = await openInChromium(path, browser.value!, join(dir, 'profile')));
  }, 120_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('renders with no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });

  it('shows each run’s false positives, rate, pages/day and notifications as in the result', async () => {
    const rows = page.locator('#summary table.summary tr');
    expect(await rows.count()).toBe(doc.runs.length + 1);
    const headers = await rows.nth(0).locator('th').allInnerTexts();
    for (const [i, run] of doc.runs.entries()) {
      const cells = await rows
        .nth(i + 1)
        .locator('td')
        .allInnerTexts();
      expect(Number(cells[headers.indexOf('false positives')])).toBe(run.kpis.falsePositives);
      const rate = cells[headers.indexOf('false-positive rate')]!;
      if (run.kpis.falsePositiveRate === null) expect(rate).toBe('–');
      else expect(Number.parseFloat(rate) / 100).toBeCloseTo(run.kpis.falsePositiveRate, 3);
      expect(Number.parseFloat(cells[headers.indexOf('pages/day')]!)).toBeCloseTo(run.kpis.pagesPerDay, 2);
      const n = notifications[i]!;
      for (const [receiver, count] of Object.entries(n.perReceiver))
        expect(cells[headers.indexOf('notifications per receiver')]).toContain(`${receiver}: ${count}`);
    }
    console.log(
      `replay report: ${doc.runs.length} runs, notifications ${notifications.map((n) => `${n.phase} ${JSON.stringify(n.perReceiver)}`).join('; ')}`,
    );
  });

  it('draws an incident zoom per evaluated series, each with the metric and the threshold', async () => {
    const figs = page.locator('figure.incident-zoom');
    expect(zooms).toBeGreaterThan(0);
    expect(await figs.count()).toBe(zooms);
    for (let i = 0; i < (await figs.count()); i++) {
      expect(await figs.nth(i).locator('polyline').count()).toBeGreaterThan(0);
      expect(await figs.nth(i).locator('line.threshold').count()).toBe(1);
    }
    console.log(`replay report: ${zooms} incident zoom charts`);
  });
});
