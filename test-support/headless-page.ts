/**
 * A local HTML file opened in a real headless Chromium (Debian's /usr/bin/chromium driven by
 * playwright-core), with a fresh profile in `profileDir` (passed as --user-data-dir) and the flags
 * Chromium needs on this kind of machine. Records console errors, page errors and every request,
 * so a test can assert the page renders cleanly and fetches nothing but itself. Close `context`
 * in afterAll.
 */
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface HeadlessPage {
  context: BrowserContext;
  page: Page;
  consoleErrors: string[];
  requests: string[];
}

export async function openInChromium(file: string, executablePath: string, profileDir: string): Promise<HeadlessPage> {
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
  });
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return { context, page, consoleErrors, requests };
  } catch (err) {
    await context.close().catch(() => undefined);
    throw err;
  }
}
