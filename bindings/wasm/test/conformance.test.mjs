// The shared conformance vectors, through the npm package: the same input bytes as the Rust
// runner, the same output bytes expected, the same error codes and paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { relative } from 'node:path';

import { Engine, RecourseError } from 'recourse-payments';
import {
  FINGERPRINT,
  compared,
  loadVectors,
  parse,
  ryu,
  serdeNumber,
  vectorsDir,
  withoutFingerprint,
  write,
} from './vectors.mjs';

const vectors = loadVectors();
const engines = new Map();
const engineFor = (config) => {
  const key = config ?? '';
  if (!engines.has(key)) engines.set(key, new Engine(config));
  return engines.get(key);
};

// A request every engine answers, to show an engine still works after an error.
const PROBE = '{"ratios":[1,1,1],"total":{"amount":"100.00","currency":"BRL"}}';

test('there are vectors for every operation', async () => {
  assert.ok(vectors.length > 0, 'no vectors found');
  const { operations } = await import('recourse-payments');
  for (const { name } of operations()) {
    assert.ok(
      vectors.some((v) => v.operation === name),
      `no conformance vector for ${name}`,
    );
  }
});

/**
 * Checks an answer against a vector's `expected`: canonical bytes, equal to the expected ones
 * with the receipt's fingerprint left out on both sides unless the vector pins it.
 */
function checkAnswer(v, actual, message) {
  assert.equal(write(parse(actual)), actual, `not canonical: ${message}`);
  assert.equal(compared(actual, v.pinsFingerprint), compared(v.expected, v.pinsFingerprint), message);
}

/** Runs a success vector through every call path of the package. */
function checkSuccess(v) {
  const engine = engineFor(v.config);
  checkAnswer(v, engine.callJson(v.operation, v.input), v.description);
  // The same bytes when sent as UTF-8 bytes instead of text.
  checkAnswer(v, engine.callJson(v.operation, Buffer.from(v.input, 'utf8')), v.description);
  // And the typed path gives the same value.
  if (!v.rawInput) {
    assert.deepEqual(
      withoutFingerprint(engine.call(v.operation, JSON.parse(v.input)), v.pinsFingerprint),
      withoutFingerprint(JSON.parse(v.expected), v.pinsFingerprint),
    );
  }
}

for (const v of vectors) {
  const name = relative(vectorsDir, v.file);
  test(name, () => {
    if (v.expected !== undefined) {
      checkSuccess(v);
      return;
    }
    assert.ok(v.error, `${name} has neither expected nor error`);
    // A vector whose configuration is invalid expects the configuration's error.
    assert.throws(
      () => engineFor(v.config).callJson(v.operation, v.input),
      (e) => {
        assert.ok(e instanceof RecourseError, `not a RecourseError: ${e}`);
        assert.equal(e.code, v.error.code, v.description);
        assert.equal(e.path, v.error.path, v.description);
        assert.ok(e.message.length > 0);
        return true;
      },
    );
    // A bad input leaves the engine as it was (the default store's engine answers on).
    if (v.config === undefined) {
      const probe = engineFor(undefined).callJson('money.allocate', PROBE);
      assert.ok(probe.startsWith('{"parts":[{"amount":"33.34","currency":"BRL"}'));
    }
  });
}

test('a wrong fingerprint fails only a vector that pins it', () => {
  const answer = engineFor(undefined).callJson('money.allocate', PROBE);
  const fingerprint = JSON.parse(answer).receipt[FINGERPRINT];
  assert.match(fingerprint, /^sha256:[0-9a-f]{64}$/);
  const wrong = answer.replace(fingerprint, `sha256:${'0'.repeat(64)}`);
  const without = compared(answer, false);
  assert.ok(wrong !== answer && !without.includes(FINGERPRINT));
  const digest = wrong.replace(/"input_digest":"sha256:./, '"input_digest":"sha256:x');
  assert.notEqual(digest, wrong);
  const vector = (expected, pinsFingerprint) => ({
    operation: 'money.allocate',
    input: PROBE,
    rawInput: false,
    expected,
    pinsFingerprint,
  });
  checkSuccess(vector(wrong, false));
  checkSuccess(vector(without, false));
  checkSuccess(vector(answer, true));
  for (const [expected, pins] of [[wrong, true], [without, true], [digest, false]]) {
    assert.throws(() => checkSuccess(vector(expected, pins)), assert.AssertionError);
  }
  // Only the top-level receipt's fingerprint is left out.
  assert.equal(
    compared('{"b":{"receipt":{"engine_fingerprint":"x"}},"receipt":{"engine_fingerprint":"y","z":1}}', false),
    '{"b":{"receipt":{"engine_fingerprint":"x"}},"receipt":{"z":1}}',
  );
  assert.equal(compared('[{"receipt":{"engine_fingerprint":"y"}}]', false), '[{"receipt":{"engine_fingerprint":"y"}}]');
});

test('vector reading writes JSON as serde_json does', () => {
  const cases = [
    ['{"b":1,"a":[true,null,"x\\u0001"]}', '{"a":[true,null,"x\\u0001"],"b":1}'],
    ['{"é":1,"z":2,"Z":3}', '{"Z":3,"z":2,"é":1}'],
    // What serde_json 1.0.154 prints for the same text.
    ['[1.0, 0.5, 1e2, -0, 2.50, 1e-7, 1.5e300, 1e16, 1234567890123456, 0.00001, 1e-6]',
      '[1.0,0.5,100.0,-0.0,2.5,1e-7,1.5e+300,1e+16,1234567890123456,0.00001,1e-6]'],
    ['[1.2e16, 0.30000000000000004, 5e-324, 9007199254740993.5, 1.5e15]',
      '[1.2e+16,0.30000000000000004,5e-324,9007199254740994.0,1500000000000000.0]'],
    ['[18446744073709551615, -9223372036854775808]', '[18446744073709551615,-9223372036854775808]'],
  ];
  for (const [input, output] of cases) assert.equal(write(parse(input)), output);
  assert.equal(ryu(1234567890123456), '1234567890123456.0');
  assert.equal(ryu(-0.0001), '-0.0001');
  assert.equal(serdeNumber('7'), '7');
  assert.throws(() => parse('{"a":1,}'), SyntaxError);
  assert.throws(() => parse('[1] x'), SyntaxError);
});
