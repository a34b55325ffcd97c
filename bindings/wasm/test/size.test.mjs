// The size of the gzipped .wasm with every capability: a budget guards against growth
// nobody meant; the goal, 300 KB for the full package, is reported until it is met.
// The budget was 300 KB until disputes, payment diagnostics and holiday rules came in
// (421 KB with the refund policy choice and checks), and 430 KB until goodwill schemes came
// in (470.0 KB with `compensation`: its operations, checks and sentences added 42 KB), and
// 471 KB until monitoring and the FAQ came in (516.1 KB with every capability), and 520 KB
// until the configuration check learned to read past every problem and redaction to read
// every script's digits (522.0 KB), and 525 KB until triage read messages with a trained
// model (545.5 KB measured: the model's terms and weights are about 10.4 KB gzipped, the
// normalizer, the store's triage vocabulary and the clarifying questions the rest), and 546 KB
// until errors learned to mask long runs of digits (546.1 KB), and 548 KB until tickets became
// data (556.4 KB: a desk's categories and questions as maps of ids, their checks with a "did
// you mean", the warnings, and triage over a desk's categories) and triage's model learned
// from three times the messages (560.6 KB measured with both: a logistic regression of 1,474
// terms and 2,662 weights, 4.4 KB more), and 561 KB until triage's corpus grew by a quarter
// and its regularisation was chosen by cross-validation (567.4 KB measured: 1,807 terms and
// 5,328 weights, 6.8 KB more); bringing the full package back under 300 KB is open work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET = 568 * 1024;
const GOAL = 300 * 1024;

test('the gzipped .wasm stays within its 568 KB budget', (t) => {
  const wasm = readFileSync(new URL('../pkg/recourse_wasm_bg.wasm', import.meta.url));
  const gzipped = gzipSync(wasm, { level: 9 }).length;
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  t.diagnostic(`recourse_wasm_bg.wasm: ${kb(wasm.length)}, ${kb(gzipped)} gzipped (-9)`);
  t.diagnostic(
    gzipped < GOAL
      ? `within the ${kb(GOAL)} goal`
      : `${kb(gzipped - GOAL)} over the ${kb(GOAL)} goal`,
  );
  assert.ok(gzipped < BUDGET, `${kb(gzipped)} gzipped is over the budget of ${kb(BUDGET)}`);
});
