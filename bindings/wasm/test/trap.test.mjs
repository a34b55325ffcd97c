// A trap inside the WebAssembly module (a defect such as an out-of-bounds access, never a
// bad input) does not leave the package poisoned: the call fails with `host.trapped`, the
// module is started again, and every engine answers the next call, rebuilt from its own
// configuration. The trap is forced for real: the glue's call is made to pass the module a
// handle that points outside its memory, as a memory-corrupting defect would.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { Engine, RecourseError, operations } from 'recourse-payments';
import { RawEngine } from '../pkg/recourse_wasm.js';

const ALLOCATE = { total: { amount: '100.00', currency: 'BRL' }, ratios: [1, 1, 1] };
const OWN_STORE = { store: { name: 'Loja' }, limits: { max_list: 2 } };

/** Runs `fn` with the module's next call given a handle outside its memory. */
function withCorruptHandle(fn) {
  const original = RawEngine.prototype.callText;
  RawEngine.prototype.callText = function (...args) {
    RawEngine.prototype.callText = original;
    this.__wbg_ptr = 0x7ffffff0;
    return original.apply(this, args);
  };
  try {
    return fn();
  } finally {
    RawEngine.prototype.callText = original;
  }
}

test('a trap is host.trapped, and every engine answers again afterwards', () => {
  const shop = new Engine();
  const own = new Engine(OWN_STORE);
  const before = shop.call('money.allocate', ALLOCATE);
  // The raw call traps for real: a WebAssembly.RuntimeError from the instance.
  assert.throws(
    () => withCorruptHandle(() => new RawEngine(undefined).callText('money.allocate', '{}')),
    WebAssembly.RuntimeError,
  );
  let caught;
  try {
    withCorruptHandle(() => shop.call('money.allocate', ALLOCATE));
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof RecourseError, `expected a RecourseError, got ${caught}`);
  assert.equal(caught.code, 'host.trapped');
  assert.equal(caught.path, '.');
  // The engine that trapped answers the same bytes as before; so does one built earlier,
  // with its own configuration (its list limit still applies), and a new one.
  assert.deepEqual(shop.call('money.allocate', ALLOCATE), before);
  assert.equal(own.call('money.allocate', { ...ALLOCATE, ratios: [1, 1] }).parts.length, 2);
  assert.throws(
    () => own.call('money.allocate', ALLOCATE),
    (e) => e instanceof RecourseError && /limit of 2 items/.test(e.message),
  );
  assert.deepEqual(new Engine().call('money.allocate', ALLOCATE), before);
  assert.ok(operations().length > 30);
  assert.deepEqual(Engine.check(OWN_STORE), []);
  // Freeing an engine of the earlier module frees nothing of the new one.
  const stale = new Engine();
  try {
    withCorruptHandle(() => stale.call('money.allocate', ALLOCATE));
  } catch (e) {
    assert.equal(e.code, 'host.trapped');
  }
  own.free();
  assert.deepEqual(shop.call('money.allocate', ALLOCATE), before);
  shop.free();
  stale.free();
});
