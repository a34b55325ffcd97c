// The agent desk's accessibility in Debian's Chromium: axe-core (from npm, injected as a
// file: no network) finds no serious or critical violation on any case, with the paste
// form and a receipt open; the desk works from the keyboard (`now` moves with the arrow
// keys, a sentence is copied with Enter); at tablet width nothing runs off the side.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

import { openDesk, screenshot } from './browser.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const CASES = ['pix-double-charge', 'chargeback-delivered', 'declined-card', 'boleto-holiday', 'late-refund'];

/** axe-core's serious and critical violations on the page as it is, one line each. */
async function violations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

test('axe-core finds no serious or critical violation on any case', async (t) => {
  const { page, problems, external } = await openDesk(t);
  await page.click('#paste summary');
  await page.click('#refund details.receipt summary');
  for (const [i, id] of CASES.entries()) {
    await page.selectOption('#case-pick', String(i));
    await page.waitForFunction((i) => document.querySelector('#case-pick').value === String(i), i);
    assert.deepEqual(await violations(page), [], id);
  }
  // Later in a case, with the log long enough to scroll and a clock breached.
  await page.selectOption('#case-pick', '0');
  await page.fill('#now-at', '2026-11-17T11:30:00-03:00');
  await page.press('#now-at', 'Enter');
  await page.waitForFunction(() => document.querySelector('#log').scrollHeight > document.querySelector('#log').clientHeight);
  assert.deepEqual(await violations(page), [], 'pix-double-charge at 11:30');
  assert.deepEqual(problems, []);
  assert.deepEqual(external, []);
});

test('the desk works from the keyboard', async (t) => {
  const { page, context, server, problems } = await openDesk(t);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
  // `now` is a slider: a step of 15 minutes per arrow key.
  await page.focus('#now-range');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.documentElement.dataset.now === '2026-11-17T14:00:00Z');
  assert.equal(await page.inputValue('#now-at'), '2026-11-17T11:00:00-03:00');
  // Tab order reaches the copy buttons; Enter copies the sentence next to it.
  const first = page.locator('#sentences li').first();
  const sentence = await first.locator('p').textContent();
  await first.locator('button').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#copied').textContent === 'Copied to the clipboard.');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), sentence);
  // A receipt opens from the keyboard.
  await page.focus('#sla-receipt summary');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('#sla-receipt details', 'open'), '');
  assert.deepEqual(problems, []);
});

test('readable at tablet width: one column, nothing off the side', async (t) => {
  const { page, problems } = await openDesk(t, { caseId: 'chargeback-delivered', width: 820, height: 1180 });
  for (const [i] of CASES.entries()) {
    await page.selectOption('#case-pick', String(i));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, CASES[i]);
  }
  await page.selectOption('#case-pick', '1');
  await screenshot(t, page, 'tablet-chargeback-delivered', { fullPage: true });
  assert.deepEqual(problems, []);
});
