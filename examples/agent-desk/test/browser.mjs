// What the agent desk's tests share: Debian's Chromium driven by playwright-core (which never
// downloads a browser of its own), the page served from the repository, a guard that no
// request leaves the loopback server, and the output directory for screenshots.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';
import { serve } from '../serve.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Screenshots go here (gitignored). */
export const output = fileURLToPath(new URL('./output/', import.meta.url));

/**
 * Opens the desk on `caseId` in a fresh browser profile at `width` px; the test's `t.after`
 * closes everything. Resolves to { page, server, context, problems, external }.
 */
export async function openDesk(t, { caseId = 'pix-double-charge', width = 1280, height = 1000 } = {}) {
  const server = await serve(0);
  const profile = mkdtempSync(join(tmpdir(), 'recourse-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width, height },
  });
  t.after(async () => {
    await context.close();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  const external = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('request', (r) => {
    if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) external.push(r.url());
  });
  await page.goto(`${server.url}?case=${caseId}`);
  await page.waitForSelector('#desk[aria-busy="false"]');
  return { page, server, context, problems, external };
}

/** Saves a screenshot under test/output/ and names it in the test's diagnostics. */
export async function screenshot(t, page, name, options = {}) {
  mkdirSync(output, { recursive: true });
  const path = join(output, `${name}.png`);
  await page.screenshot({ path, ...options });
  t.diagnostic(`screenshot: ${path}`);
  return path;
}

/** Moves the desk's `now` as an agent types it, and waits for the page to redraw. */
export async function moveNow(page, at) {
  await page.fill('#now-at', at);
  await page.press('#now-at', 'Enter');
  await page.waitForFunction((at) => document.documentElement.dataset.now === at, at);
  await page.evaluate(() => document.activeElement?.blur());
}

/** The text of a description-list value by its id, spaces normalized. */
export const text = async (page, selector) =>
  (await page.textContent(selector)).replace(/\s+/g, ' ').trim();
