// The size of the gzipped .wasm. The budget is 300 KB (the goal 150 KB); the package does
// not meet it yet (326 KB), so what is enforced is a ceiling that stops further growth, and
// RECOURSE_WASM_ENFORCE_BUDGET=1 enforces the budget itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET = 300 * 1024;
const CEILING = 340 * 1024;

test('the gzipped .wasm stays under its ceiling (and reports the 300 KB budget)', (t) => {
  const wasm = readFileSync(new URL('../pkg/recourse_wasm_bg.wasm', import.meta.url));
  const gzipped = gzipSync(wasm, { level: 9 }).length;
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  t.diagnostic(`recourse_wasm_bg.wasm: ${kb(wasm.length)}, ${kb(gzipped)} gzipped (-9)`);
  t.diagnostic(
    gzipped < BUDGET
      ? `within the ${kb(BUDGET)} budget`
      : `over the ${kb(BUDGET)} budget by ${kb(gzipped - BUDGET)}`,
  );
  assert.ok(gzipped < CEILING, `${kb(gzipped)} gzipped is over the ceiling of ${kb(CEILING)}`);
  if (process.env.RECOURSE_WASM_ENFORCE_BUDGET === '1') {
    assert.ok(gzipped < BUDGET, `${kb(gzipped)} gzipped is over the budget of ${kb(BUDGET)}`);
  }
});
