// The storefront's help panel in Debian's Chromium, driven by playwright-core: the FAQ the
// page renders from the package (`faq.export`) in the visitor's language is the one the
// package answers in Node, entry by entry, and it follows a change of language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from 'playwright-core';
import { serve } from '../serve.mjs';
import { Engine } from '../../../bindings/wasm/js/node.js';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'];
const engine = new Engine();

test('the help panel shows the store FAQ in the visitor language', async (t) => {
  const server = await serve(0);
  const profile = mkdtempSync(join(tmpdir(), 'recourse-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
  });
  t.after(async () => {
    await context.close();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));

  const shown = () =>
    page.$$eval('#faq details', (all) =>
      all.map((d) => [d.dataset.entry, d.querySelector('summary').textContent, d.querySelector('p').textContent]));
  const expected = (locale) =>
    engine.call('faq.export', { locale }).entries.map((e) => [e.id, e.question, e.answer]);

  await page.goto(`${server.url}?lang=pt-BR`);
  await page.waitForSelector('#help[aria-busy="false"]');
  assert.equal(await page.textContent('#help h2'), 'Ajuda');
  const pt = expected('pt-BR');
  assert.ok(pt.some(([id, , answer]) => id === 'return_window' && answer.includes('7 dias')));
  assert.deepEqual(await shown(), pt);

  await page.selectOption('#locale', 'el');
  await page.waitForFunction(() => document.querySelector('#help h2').textContent === 'Βοήθεια');
  assert.deepEqual(await shown(), expected('el'));
  assert.deepEqual(problems, []);
});
