// The shared conformance vectors in Debian's Chromium: the page's own import of the package
// (its import map) runs every vector, and the answers are checked here as the Node runner
// checks them: the same bytes, the receipt's engine fingerprint left out unless the vector
// pins it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

import { chromium } from 'playwright-core';
import { serve } from '../serve.mjs';
import {
  FINGERPRINT,
  compared,
  loadVectors,
  parse,
  vectorsDir,
  write,
} from '../../../bindings/wasm/test/vectors.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'];

/** Runs `vectors` in the page: each gives { answer } or { code, path }. */
function runInPage(page, vectors) {
  return page.evaluate(async (vectors) => {
    const { Engine } = await import('recourse-payments');
    const engines = new Map();
    return vectors.map(({ operation, config, input }) => {
      try {
        const key = config ?? '';
        if (!engines.has(key)) engines.set(key, new Engine(config));
        return { answer: engines.get(key).callJson(operation, input) };
      } catch (e) {
        return { code: e.code, path: e.path, message: String(e) };
      }
    });
  }, vectors);
}

/** What differs between a vector and the page's result; undefined when nothing does. */
function difference(v, result) {
  if (v.expected === undefined) {
    if (result.code === v.error?.code && result.path === v.error?.path) return undefined;
    return `expected ${v.error?.code} at ${v.error?.path}, got ${JSON.stringify(result)}`;
  }
  if (result.answer === undefined) return `unexpected error ${result.message}`;
  if (write(parse(result.answer)) !== result.answer) return `not canonical: ${result.answer}`;
  const expected = compared(v.expected, v.pinsFingerprint);
  const actual = compared(result.answer, v.pinsFingerprint);
  return expected === actual ? undefined : `\n expected ${expected}\n   actual ${actual}`;
}

test('every conformance vector gives the same bytes in the browser', async (t) => {
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
  await page.goto(server.url);
  await page.waitForSelector('#submit:not([disabled])');

  const vectors = loadVectors();
  assert.ok(vectors.length > 0, 'no vectors found');
  const results = await runInPage(page, vectors);
  const failures = vectors
    .map((v, i) => [relative(vectorsDir, v.file), difference(v, results[i])])
    .filter(([, d]) => d !== undefined)
    .map(([name, d]) => `${name}: ${d}`);
  assert.deepEqual(failures, []);

  // A wrong fingerprint fails only a vector that pins it.
  const probe = vectors.find((v) => v.pinsFingerprint && v.config === undefined);
  assert.ok(probe, 'no vector pins the default store fingerprint');
  const [{ answer }] = await runInPage(page, [probe]);
  const fingerprint = JSON.parse(answer).receipt[FINGERPRINT];
  const wrong = answer.replace(fingerprint, `sha256:${'0'.repeat(64)}`);
  assert.notEqual(wrong, answer);
  assert.equal(difference({ ...probe, expected: wrong, pinsFingerprint: false }, { answer }), undefined);
  assert.equal(difference({ ...probe, expected: answer, pinsFingerprint: true }, { answer }), undefined);
  assert.ok(difference({ ...probe, expected: wrong, pinsFingerprint: true }, { answer }));
});
