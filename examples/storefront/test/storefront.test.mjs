// The storefront page in Debian's Chromium, driven by playwright-core: a visitor picks a
// line, a reason and a condition, asks what they get back, and sees the amount, its
// breakdown, the timing, the explanation and the policy text in their language. A screenshot is saved in
// artifacts/ at the repository's root.
import { test } from 'node:test';
import assert from 'node:assert/strict';
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
const artifacts = fileURLToPath(new URL('../../../artifacts/', import.meta.url));
// Spaces in formatted money vary (NBSP, narrow NBSP); compare on plain spaces.
const plain = (s) => s.replace(/[\u00a0\u202f]/g, ' ').trim();

test('a visitor asks for a refund and sees the amount, timing and explanation', async (t) => {
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

  // `now` pinned, as a shop's backend would pass it; the order dates follow from it.
  await page.goto(`${server.url}?now=2026-03-06T17:00:00-03:00`);
  await page.waitForSelector('#submit:not([disabled])');
  assert.equal(await page.textContent('h2'), 'Return or refund this order');

  // The visitor switches to Portuguese and asks to return one of the two shirts.
  await page.selectOption('#locale', 'pt-BR');
  assert.equal(await page.textContent('h2'), 'Devolver ou reembolsar este pedido');
  await page.check('#pick-l1');
  await page.fill('#qty-l1', '1');
  await page.selectOption('#reason', 'changed_mind');
  await page.selectOption('#condition', 'unopened');
  await page.click('#submit');
  await page.waitForSelector('#decision:not([hidden])');

  assert.equal(await page.textContent('#outcome'), 'aprovado');
  // 59.90 for the shirt, less its share of the 10.00 discount (10.00 × 59.90 / 170.00 =
  // 3.52), plus its share of the 15.00 shipping (CDC art. 49: 5.29).
  assert.equal(plain(await page.textContent('#total')), 'R$ 61,67');
  const parts = Object.fromEntries(
    await page.$$eval('#breakdown tr', (rows) =>
      rows.map((r) => [r.dataset.part, r.querySelector('td').textContent]),
    ),
  );
  assert.deepEqual(
    Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, plain(v)])),
    { item: 'R$ 59,90', discount: '−R$ 3,52', shipping: 'R$ 5,29' },
  );
  assert.equal(await page.textContent('#timing'), 'Previsto em 5 a 10 dias úteis.');
  const reasons = (await page.$$eval('#reasons li', (li) => li.map((l) => l.textContent))).map(plain);
  // The name is said once, in the greeting; the reasons stand on their own.
  assert.equal(await page.textContent('#greeting'), 'Marina, esta é a resposta à sua solicitação.');
  assert.ok(
    reasons.includes('Vamos reembolsar R$ 61,67 no cartão usado na compra.'),
    reasons.join('\n'),
  );
  assert.ok(reasons.every((r) => !r.includes('Marina')), reasons.join('\n'));
  assert.ok(reasons.some((r) => r.includes('5 a 10 dias úteis')), reasons.join('\n'));
  assert.match(await page.textContent('#digest'), /^sha256:[0-9a-f]{64}$/);
  // The policy's own text, in Portuguese, from the same compiled policy.
  await page.click('#policy summary');
  assert.equal(await page.textContent('#policy-name'), 'casa_aurora_br');
  const clauses = await page.$$eval('#policy-text li', (li) => li.map((l) => l.textContent));
  assert.ok(
    clauses.some((c) => c.startsWith('Arrependimento: você pode solicitar em até 7 dias após o recebimento.')),
    clauses.join('\n'),
  );

  mkdirSync(artifacts, { recursive: true });
  const shot = join(artifacts, 'storefront-refund-pt-BR.png');
  await page.screenshot({ path: shot, fullPage: true });
  t.diagnostic(`screenshot: ${shot}`);

  // The same decision, explained in Greek.
  await page.selectOption('#locale', 'el');
  await page.waitForFunction(() =>
    document.querySelector('#reasons li')?.textContent.includes('εντός της προθεσμίας'),
  );
  assert.equal(plain(await page.textContent('#total')), '61,67 R$');
  const greek = (await page.$$eval('#reasons li', (li) => li.map((l) => l.textContent))).map(plain);
  assert.ok(greek.some((r) => r.includes('61,67 BRL στην κάρτα με την οποία πληρώσατε')), greek.join('\n'));
  const headings = await page.$$eval('#policy-text h6', (h) => h.map((x) => x.textContent));
  assert.equal(headings[0], 'Προθεσμίες επιστροφής');

  // Nothing picked: the page says so instead of asking the engine.
  await page.uncheck('#pick-l1');
  await page.click('#submit');
  assert.equal(await page.textContent('#error'), 'Επιλέξτε τουλάχιστον ένα είδος.');

  assert.deepEqual(problems, []);
});
