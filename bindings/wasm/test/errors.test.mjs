// Every error path of the package: configuration, operation names, inputs that cannot be
// written as JSON, bytes, batches, freed engines; and the engine still answers afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { Engine, RecourseError, operations } from 'recourse-payments';

const ALLOCATE = { total: { amount: '100.00', currency: 'BRL' }, ratios: [1, 1, 1] };

/** Asserts that `fn` throws a RecourseError with `code` and `path`; returns it. */
function throwsRecourse(fn, code, path = '.') {
  let caught;
  assert.throws(fn, (e) => {
    caught = e;
    return true;
  });
  assert.ok(caught instanceof RecourseError, `expected a RecourseError, got ${caught}`);
  assert.ok(caught instanceof Error);
  assert.equal(caught.name, 'RecourseError');
  assert.equal(caught.code, code);
  assert.equal(caught.path, path);
  assert.equal(typeof caught.message, 'string');
  assert.ok(caught.message.length > 0);
  return caught;
}

test('configuration errors name their code and path', () => {
  throwsRecourse(() => new Engine('[store\n'), 'config.unsupported_format');
  throwsRecourse(() => new Engine('{"store": '), 'config.syntax');
  // Keys the configuration does not define are not repeated: their object is named.
  throwsRecourse(() => new Engine({ store: { name: 'Loja' }, extra: 1 }), 'config.invalid', '.');
  throwsRecourse(
    () => new Engine({ store: { name: 'Loja' }, limits: { max_depth: -3 } }),
    'config.invalid',
    'limits.max_depth',
  );
  throwsRecourse(() => new Engine({ store: { name: ' ' } }), 'config.invalid', 'store.name');
  throwsRecourse(
    () => new Engine({ store: { name: 'x' }, currencies: { processors: { stripe: { HUX: 0 } } } }),
    'input.unknown_currency',
    'currencies.processors.stripe',
  );
  throwsRecourse(() => new Engine([1, 2]), 'config.invalid');
  throwsRecourse(() => new Engine(42), 'config.invalid');
  const cyclic = { store: { name: 'x' } };
  cyclic.self = cyclic;
  throwsRecourse(() => new Engine(cyclic), 'config.invalid');
  throwsRecourse(() => new Engine({ store: { name: 'x', budget: 10n } }), 'config.invalid');
});

test('a configuration as an object or JSON text gives the same engine', () => {
  const a = new Engine({ store: { name: 'Loja' } });
  const c = new Engine('{"store": {"name": "Loja"}}');
  assert.equal(a.fingerprint, c.fingerprint);
  assert.match(a.fingerprint, /^sha256:[0-9a-f]{64}$/);
  assert.notEqual(a.fingerprint, new Engine().fingerprint);
  for (const e of [a, c]) e.free();
});

test('TOML text is refused with its own code: the package reads objects and JSON', () => {
  throwsRecourse(() => new Engine('[store]\nname = "Loja"\n'), 'config.unsupported_format', '.');
  assert.equal(Engine.check('[store]\nname = "Loja"\n').at(0).code, 'config.unsupported_format');
  throwsRecourse(
    () => new Engine('{"store": {"name": "Loja", "name": "Outra"}}'),
    'config.invalid',
    'store',
  );
});

test('Engine.check lists every problem', () => {
  const problems = Engine.check({ store: { name: ' ' }, limits: { max_bytes: 0, max_list: 0 } });
  assert.deepEqual(
    problems.map((p) => p.path),
    ['store.name', 'limits.max_bytes', 'limits.max_list'],
  );
  for (const p of problems) assert.equal(typeof p.message, 'string');
  assert.deepEqual(Engine.check({ store: { name: 'Loja' } }), []);
  assert.equal(Engine.check('{"store"').at(0).code, 'config.syntax');
  throwsRecourse(() => Engine.check(7), 'config.invalid');
});

test('operation names', () => {
  const engine = new Engine();
  throwsRecourse(() => engine.call('money.nothing', ALLOCATE), 'input.unknown_operation');
  throwsRecourse(() => engine.callJson('', '{}'), 'input.unknown_operation');
  throwsRecourse(() => engine.call(42, ALLOCATE), 'input.unknown_operation');
  throwsRecourse(() => engine.callJson(undefined, '{}'), 'input.unknown_operation');
  throwsRecourse(() => engine.callBatch(null, []), 'input.unknown_operation');
});

test('inputs that cannot be written as JSON', () => {
  const engine = new Engine();
  throwsRecourse(() => engine.call('money.allocate', undefined), 'input.invalid');
  throwsRecourse(() => engine.call('money.allocate', () => 1), 'input.invalid');
  throwsRecourse(() => engine.call('money.allocate', { ...ALLOCATE, n: 1n }), 'input.invalid');
  const cyclic = { ...ALLOCATE };
  cyclic.self = cyclic;
  throwsRecourse(() => engine.call('money.allocate', cyclic), 'input.invalid');
  throwsRecourse(() => engine.callJson('money.allocate', 42), 'input.invalid');
  throwsRecourse(() => engine.callJson('money.allocate', ALLOCATE), 'input.invalid');
  throwsRecourse(() => engine.callJson('money.allocate', null), 'input.invalid');
});

test('bytes, shapes and money', () => {
  const engine = new Engine();
  throwsRecourse(
    () => engine.callJson('money.allocate', new Uint8Array([0x7b, 0xff, 0x7d])),
    'input.invalid_utf8',
  );
  throwsRecourse(() => engine.callJson('money.allocate', '{"total":'), 'input.malformed_json');
  throwsRecourse(() => engine.call('money.allocate', 'a string'), 'input.invalid');
  throwsRecourse(() => engine.call('money.allocate', { ratios: [1] }), 'input.invalid');
  // Money is a decimal string, never a JS number.
  const e = throwsRecourse(
    () => engine.call('money.allocate', { ...ALLOCATE, total: { amount: 4111111111111111, currency: 'BRL' } }),
    'input.invalid_amount',
    'total.amount',
  );
  assert.ok(!e.message.includes('4111'), 'an error message must not echo the input');
  throwsRecourse(
    () => engine.call('money.allocate', { ...ALLOCATE, total: { amount: '1.001', currency: 'BRL' } }),
    'input.amount_too_precise',
    'total',
  );
});

test('batches answer each request on its own', () => {
  const engine = new Engine();
  const results = engine.callBatch('money.allocate', [
    ALLOCATE,
    { ...ALLOCATE, total: { amount: 1, currency: 'BRL' } },
  ]);
  assert.equal(results.length, 2);
  assert.deepEqual(results[0].output, engine.call('money.allocate', ALLOCATE));
  assert.equal(results[1].error.code, 'input.invalid_amount');
  assert.equal(results[1].error.path, '[1].total.amount');
  throwsRecourse(() => engine.callBatch('money.allocate', ALLOCATE), 'input.invalid');
  throwsRecourse(() => engine.callBatch('money.allocate', [1n]), 'input.invalid');
  throwsRecourse(() => engine.callBatch('money.nothing', []), 'input.unknown_operation');
  const tiny = new Engine({ store: { name: 'Tiny' }, limits: { max_list: 2 } });
  throwsRecourse(() => tiny.callBatch('money.allocate', [1, 2, 3]), 'input.list_too_long', '[2]');
});

test('a freed engine says so, and freeing twice is harmless', () => {
  const engine = new Engine();
  engine.free();
  engine.free();
  throwsRecourse(() => engine.call('money.allocate', ALLOCATE), 'host.engine_released');
  throwsRecourse(() => engine.callJson('money.allocate', '{}'), 'host.engine_released');
  throwsRecourse(() => engine.callBatch('money.allocate', []), 'host.engine_released');
  throwsRecourse(() => engine.fingerprint, 'host.engine_released');
  if (typeof Symbol.dispose === 'symbol') {
    const other = new Engine();
    other[Symbol.dispose]();
    throwsRecourse(() => other.moneyAllocate(ALLOCATE), 'host.engine_released');
  }
});

test('no bad input leaves the engine unusable', () => {
  const engine = new Engine();
  const good = engine.callJson('money.allocate', JSON.stringify(ALLOCATE));
  const bad = [
    () => engine.callJson('money.allocate', new Uint8Array([0xff])),
    () => engine.callJson('money.allocate', '['.repeat(10_000)),
    () => engine.callJson('money.allocate', `{"ratios":[${'1,'.repeat(200_000)}1]}`),
    () => engine.callJson('money.allocate', 'x'.repeat(5 * 1024 * 1024)),
    () => engine.call('money.allocate', { total: { amount: '1e9', currency: 'BRL' }, ratios: [1] }),
    () => engine.call('money.allocate', { total: { amount: '1.00', currency: 'XXX' }, ratios: [1] }),
    () => engine.call('money.allocate', { total: { amount: '1.00', currency: 'BRL' }, ratios: [] }),
    () => engine.call('money.allocate', { total: { amount: '1.00', currency: 'BRL' }, ratios: [0.5] }),
    () => engine.call('money.allocate', { ...ALLOCATE, caps: [{ amount: '1.00', currency: 'BRL' }] }),
    () => engine.call('money.nothing', ALLOCATE),
  ];
  for (let round = 0; round < 50; round += 1) {
    for (const fn of bad) assert.throws(fn, RecourseError);
  }
  assert.equal(engine.callJson('money.allocate', JSON.stringify(ALLOCATE)), good);
});

test('every operation has a typed method that answers as call() does', () => {
  const engine = new Engine();
  const list = operations();
  assert.ok(list.length > 0);
  for (const { name, summary } of list) {
    assert.match(name, /^[a-z_]+\.[a-z_]+$/);
    assert.ok(summary.length > 0);
  }
  assert.equal(typeof engine.moneyAllocate, 'function');
  assert.deepEqual(engine.moneyAllocate(ALLOCATE), engine.call('money.allocate', ALLOCATE));
  throwsRecourse(() => engine.moneyAllocate({ ratios: [1] }), 'input.invalid');
});

test('RecourseError serializes to code, path and message', () => {
  const e = new RecourseError('input.invalid', 'total', 'expected an object');
  assert.deepEqual(JSON.parse(JSON.stringify(e)), {
    code: 'input.invalid',
    path: 'total',
    message: 'expected an object',
  });
});
