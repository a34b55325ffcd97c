// The Recourse engine for JavaScript: every operation of the core by name, JSON in and JSON
// out, over the WebAssembly module in ../pkg. The entry modules (node.js, browser.js) load
// the module before this one is used.
//
// Money travels as decimal strings ({ amount: "19.90", currency: "BRL" }), never as JS
// numbers, and `now` is always part of the request: nothing here reads a clock.

import {
  RawEngine,
  __wbg_reset_state as restartModule,
  check as rawCheck,
  operations as rawOperations,
  version as rawVersion,
} from '../pkg/recourse_wasm.js';

/** An error from Recourse: a stable code, the JSON path of the culprit and a message. */
export class RecourseError extends Error {
  /**
   * @param {string} code stable code such as `input.invalid_amount`
   * @param {string} path JSON path such as `total.amount`; `.` is the whole input
   * @param {string} message for developers; it never repeats the rejected value
   */
  constructor(code, path, message) {
    super(message);
    this.name = 'RecourseError';
    this.code = code;
    this.path = path;
  }

  toJSON() {
    return { code: this.code, path: this.path, message: this.message };
  }
}

/** Turns what the module throws (the error as JSON text) into a RecourseError. */
function translate(thrown) {
  if (typeof thrown === 'string') {
    let info = null;
    try {
      info = JSON.parse(thrown);
    } catch {
      info = null;
    }
    if (info !== null && typeof info === 'object' && typeof info.code === 'string') {
      return new RecourseError(info.code, info.path, info.message);
    }
  }
  return thrown;
}

/**
 * How many times the WebAssembly module has been started again after a trap. A trap (an
 * out-of-bounds access, `unreachable`: a defect, never a bad input) may leave the module's
 * memory inconsistent, so the module is instantiated afresh; each Engine notices the new
 * generation on its next call and rebuilds itself from its configuration.
 */
let generation = 0;

/** Runs `call` against the module: a trap restarts it and becomes `host.trapped`. */
function guarded(call) {
  try {
    return call();
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) {
      restartModule();
      generation += 1;
      throw new RecourseError(
        'host.trapped',
        '.',
        'the WebAssembly module stopped on this call (a defect, not the input) and was started again; the call was not answered',
      );
    }
    throw translate(e);
  }
}

function toJson(value, code) {
  let text;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  if (typeof text !== 'string') {
    throw new RecourseError(
      code,
      '.',
      'the value cannot be written as JSON (undefined, a function, a BigInt or a cycle)',
    );
  }
  return text;
}

function configText(config) {
  if (config === undefined || config === null) return undefined;
  if (typeof config === 'string') return config;
  if (typeof config === 'object' && !Array.isArray(config)) return toJson(config, 'config.invalid');
  throw new RecourseError(
    'config.invalid',
    '.',
    'expected a configuration object or JSON text',
  );
}

let operationList = null;

/**
 * Every operation: `[{ name: "money.allocate", summary: "..." }, ...]`.
 * @returns {{ name: string, summary: string }[]}
 */
export function operations() {
  if (operationList === null) {
    operationList = Object.freeze(
      JSON.parse(guarded(rawOperations)).map((op) => Object.freeze(op)),
    );
  }
  return operationList;
}

/** The library version recorded in receipts. */
export function version() {
  return guarded(rawVersion);
}

/** `money.allocate` gives `moneyAllocate`, `refund.check_policy` gives `refundCheckPolicy`. */
export function methodName(operation) {
  const words = operation.split(/[._-]/).filter((w) => w.length > 0);
  return words
    .map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() : w.charAt(0).toUpperCase()) + w.slice(1))
    .join('');
}

let methodsInstalled = false;

/** Gives Engine one typed method per registered operation (`engine.moneyAllocate(input)`). */
function installMethods() {
  methodsInstalled = true;
  for (const { name } of operations()) {
    const method = methodName(name);
    if (Object.prototype.hasOwnProperty.call(Engine.prototype, method)) continue;
    Object.defineProperty(Engine.prototype, method, {
      value: function (input) {
        return this.call(name, input);
      },
      writable: true,
      configurable: true,
    });
  }
}

/**
 * A compiled configuration that answers every operation. Build it once and reuse it; call
 * `free()` when done (or let the garbage collector do it).
 */
export class Engine {
  #raw;
  /** The configuration text it was built from, to rebuild it after a trap. */
  #config;
  /** The module generation `#raw` lives in. */
  #generation;

  /**
   * @param {object | string} [config] a configuration object, or JSON text; the embedded
   *   default store when omitted. TOML text is `config.unsupported_format`: the package
   *   leaves the TOML reader out to stay small (convert with `recourse config store.toml`).
   * @throws {RecourseError} `config.syntax`, `config.invalid` and the area codes, with paths
   */
  constructor(config) {
    if (!methodsInstalled) installMethods();
    this.#config = configText(config);
    this.#raw = guarded(() => new RawEngine(this.#config));
    this.#generation = generation;
  }

  /** Every operation, as `operations()`: the same as PHP's `Engine::operations()`. */
  static operations() {
    return operations();
  }

  /** The library version, as `version()`: the same as PHP's `Engine::version()`. */
  static version() {
    return version();
  }

  /** Every problem of a configuration, each `{ code, path, message }`; empty when valid. */
  static check(config) {
    const text = configText(config);
    return JSON.parse(guarded(() => rawCheck(text === undefined ? '' : text)));
  }

  /** `sha256:` and the hash of the configuration's canonical form. */
  get fingerprint() {
    return this.#live().fingerprint;
  }

  /**
   * Runs `operation` on a request object and returns the response with its receipt.
   * @throws {RecourseError}
   */
  call(operation, input) {
    return JSON.parse(this.callJson(operation, toJson(input, 'input.invalid')));
  }

  /**
   * Runs `operation` on JSON text or UTF-8 bytes and returns the canonical JSON text of the
   * response with its receipt: the same bytes every Recourse host gives.
   * @throws {RecourseError}
   */
  callJson(operation, input) {
    const raw = this.#live();
    checkOperation(operation);
    if (input instanceof Uint8Array) return guarded(() => raw.callBytes(operation, input));
    if (typeof input === 'string') return guarded(() => raw.callText(operation, input));
    throw new RecourseError('input.invalid', '.', 'expected JSON text or a Uint8Array of it');
  }

  /**
   * Runs `operation` on each request of an array; one bad request does not stop the others.
   * Returns, in order, `{ output }` or `{ error: { code, path, message } }` for each.
   * @throws {RecourseError} when the batch as a whole cannot be read
   */
  callBatch(operation, inputs) {
    const raw = this.#live();
    checkOperation(operation);
    if (!Array.isArray(inputs)) {
      throw new RecourseError('input.invalid', '.', 'expected an array of requests');
    }
    const text = toJson(inputs, 'input.invalid');
    return JSON.parse(guarded(() => raw.callBatchText(operation, text)));
  }

  /** Releases the engine's memory. Any later call throws `host.engine_released`. */
  free() {
    // An engine of an earlier module generation has nothing to free in this one.
    if (this.#raw !== undefined && this.#generation === generation) this.#raw.free();
    this.#raw = undefined;
  }

  #live() {
    if (this.#raw === undefined) {
      throw new RecourseError('host.engine_released', '.', 'the engine has been freed');
    }
    if (this.#generation !== generation) {
      // The module was started again after a trap: this engine's memory went with the old
      // one. Build it again from the same configuration (it built before, so it builds).
      this.#raw = guarded(() => new RawEngine(this.#config));
      this.#generation = generation;
    }
    return this.#raw;
  }
}

if (typeof Symbol.dispose === 'symbol') {
  Object.defineProperty(Engine.prototype, Symbol.dispose, {
    value: function () {
      this.free();
    },
    configurable: true,
  });
}

function checkOperation(operation) {
  if (typeof operation !== 'string') {
    throw new RecourseError(
      'input.unknown_operation',
      '.',
      'expected the operation name as a string, such as "money.allocate"',
    );
  }
}
