// The Express endpoint answers the README's refund case over real HTTP, and a refused
// request with 422 and the stable code and path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { refundApp } from '../server.mjs';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const request = JSON.parse(/```json\n(\{\n  "now"[\s\S]*?)```/.exec(readme)[1]);

async function withServer(run) {
  const server = refundApp().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    await run(`http://127.0.0.1:${server.address().port}/refunds/decision`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

const post = (url, body) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

test("the README's refund case, decided over HTTP", async () => {
  await withServer(async (url) => {
    const res = await post(url, JSON.stringify(request));
    assert.equal(res.status, 200);
    const decision = await res.json();
    assert.equal(decision.outcome, 'approve');
    assert.deepEqual(decision.total, { amount: '291.25', currency: 'BRL' });
    assert.equal(decision.payments[0].destination, 'original_card');
    assert.equal(decision.receipt.operation, 'refund.evaluate');
  });
});

test('a refused request is 422 with the stable code and path', async () => {
  await withServer(async (url) => {
    const bad = structuredClone(request);
    bad.order.lines[0].quantity = 0;
    const res = await post(url, JSON.stringify(bad));
    assert.equal(res.status, 422);
    const { error } = await res.json();
    assert.equal(error.code, 'refund.invalid_quantity');
    assert.equal(error.path, 'order.lines[0].quantity');
  });
});
