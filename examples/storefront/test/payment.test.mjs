// The storefront's checkout payment step in Debian's Chromium, driven by playwright-core: a
// visitor pays with a test card that declines and reads why, what to do next and the other
// ways to pay, in their language. The sentences are checked against the package's answer
// in Node for the same request; a risk decline must read as a generic one. A screenshot is
// saved in artifacts/ at the repository's root.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';
import { serve } from '../serve.mjs';
import { Engine } from '../../../bindings/wasm/js/node.js';

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
const artifacts = fileURLToPath(new URL('../../../artifacts/', import.meta.url));
const NOW = '2026-03-06T17:00:00-03:00';
const engine = new Engine();

// The same requests the page builds from its test cards, answered in Node.
const FUNDS = {
  network: 'visa',
  response_code: '51',
  processor: { processor: 'stripe', decline_code: 'insufficient_funds' },
};
const BLOCKED = {
  network: 'visa',
  response_code: '59',
  processor: { processor: 'stripe', decline_code: 'fraudulent' },
};
const explain = (facts, locale) =>
  engine.call('payment.explain_decline', {
    declined_at: NOW,
    locale,
    customer_name: 'Marina',
    ...facts,
  });
// Words that would give a risk decline away, in every language of the page.
const RISK_WORDS = /fraud|απάτ|\brisk|riesgo|risco|κίνδυν|stolen|roubad|\brobad|κλεμμ/i;

test('a declined test card shows the customer sentence, the next step and the alternatives', async (t) => {
  const server = await serve(0);
  const profile = mkdtempSync(join(tmpdir(), 'recourse-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 900, height: 1100 },
  });
  t.after(async () => {
    await context.close();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));

  await page.goto(`${server.url}?now=${encodeURIComponent(NOW)}`);
  await page.waitForSelector('#pay:not([disabled])');
  assert.equal(await page.textContent('#checkout h2'), 'Checkout: payment');

  // The approved card goes through: no decline shown.
  await page.selectOption('#card', 'approved');
  await page.click('#pay');
  await page.waitForSelector('#payment:not([hidden])');
  assert.equal(await page.textContent('#payment-outcome'), 'Payment approved. Thank you!');
  assert.equal(await page.isVisible('#decline'), false);

  // Insufficient funds (Visa 51, Stripe insufficient_funds), in English.
  await page.selectOption('#card', 'funds');
  await page.click('#pay');
  await page.waitForSelector('#decline:not([hidden])');
  const en = explain(FUNDS, 'en');
  assert.equal(en.next_step, 'retry_later_or_another_method');
  assert.deepEqual(en.alternatives, ['pix', 'boleto', 'another_card', 'wallet']);
  assert.equal(await page.textContent('#payment-outcome'), 'Payment declined');
  assert.equal(await page.textContent('#decline-text'), en.customer_text);
  assert.match(en.customer_text, /^Marina, the card does not have enough funds/);
  assert.equal(await page.getAttribute('#next-step', 'data-step'), en.next_step);
  assert.equal(await page.textContent('#next-step'), 'Try again later, or pay another way.');
  const alternatives = () =>
    page.$$eval('#alternatives button', (b) => b.map((x) => [x.dataset.method, x.textContent]));
  assert.deepEqual(await alternatives(), [
    ['pix', 'Pix'],
    ['boleto', 'Boleto'],
    ['another_card', 'Another card'],
    ['wallet', 'Digital wallet'],
  ]);

  // The same decline re-rendered in Portuguese when the visitor switches language.
  await page.selectOption('#locale', 'pt-BR');
  const pt = explain(FUNDS, 'pt-BR');
  await page.waitForFunction((text) => document.querySelector('#decline-text').textContent === text, pt.customer_text);
  assert.match(pt.customer_text, /^Marina, o cartão não tem saldo ou limite suficiente/);
  assert.equal(await page.textContent('#payment-outcome'), 'Pagamento recusado');
  assert.equal(await page.textContent('#next-step'), 'Tente de novo mais tarde ou pague de outra forma.');
  assert.deepEqual(await alternatives(), [
    ['pix', 'Pix'],
    ['boleto', 'Boleto'],
    ['another_card', 'Outro cartão'],
    ['wallet', 'Carteira digital'],
  ]);
  await page.click('#alternatives button[data-method="pix"]');
  assert.equal(await page.textContent('#chosen'), 'Pix: vamos levar você até lá.');

  mkdirSync(artifacts, { recursive: true });
  const shot = join(artifacts, 'storefront-decline-pt-BR.png');
  await page.screenshot({ path: shot, fullPage: true });
  t.diagnostic(`screenshot: ${shot}`);

  // A risk decline (Visa 59, Stripe fraudulent) reads as a generic decline in every language.
  await page.selectOption('#card', 'blocked');
  for (const locale of ['pt-BR', 'en', 'es', 'el']) {
    await page.selectOption('#locale', locale);
    await page.click('#pay');
    const risk = explain(BLOCKED, locale);
    assert.equal(risk.risk, true);
    assert.equal(risk.disclosed, false);
    assert.doesNotMatch(risk.customer_text, RISK_WORDS);
    await page.waitForFunction((text) => document.querySelector('#decline-text').textContent === text, risk.customer_text);
    assert.equal(await page.getAttribute('#next-step', 'data-step'), risk.next_step);
    const shown = await page.innerText('#checkout');
    assert.doesNotMatch(shown, RISK_WORDS, `${locale}: ${shown}`);
    assert.doesNotMatch(await page.innerText('body'), RISK_WORDS, locale);
    assert.equal((await alternatives()).length, risk.alternatives.length);
  }
  // The generic sentence, the same one an unexplained issuer decline gives.
  assert.equal(
    await page.textContent('#decline-text'),
    explain({ network: 'visa', response_code: '05' }, 'el').customer_text,
  );

  // Mastercard 51 with advice code 24: retry later, not before an hour after the decline.
  await page.selectOption('#locale', 'en');
  await page.selectOption('#card', 'later');
  await page.click('#pay');
  const later = explain({ network: 'mastercard', response_code: '51', advice_code: '24' }, 'en');
  assert.equal(later.not_before, '2026-03-06T18:00:00-03:00');
  await page.waitForFunction((text) => document.querySelector('#decline-text').textContent === text, later.customer_text);
  assert.match(await page.textContent('#not-before'), /^\(not before .+\)$/);

  // An answer the engine refuses shows a clear message and its code, never a blank step.
  await page.selectOption('#card', 'unreadable');
  await page.click('#pay');
  await page.waitForSelector('#pay-error:not([hidden])');
  assert.equal(
    await page.textContent('#pay-error'),
    "We could not read the bank's answer. Please try again, or pay another way. payment.advice_code_not_mastercard at advice_code",
  );
  assert.equal(await page.isVisible('#payment'), false);
  // The page still works after the error.
  await page.selectOption('#card', 'funds');
  await page.click('#pay');
  await page.waitForSelector('#decline:not([hidden])');
  assert.equal(await page.isVisible('#pay-error'), false);
  assert.equal(await page.textContent('#decline-text'), en.customer_text);

  assert.deepEqual(problems, []);
});
