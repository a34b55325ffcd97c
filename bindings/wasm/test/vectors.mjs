// Reads the shared conformance vectors (tests/vectors/<operation>/<case>.json) exactly as the
// Rust runner does: the input, configuration and expected output are written back as compact
// JSON with sorted keys and numbers in serde_json's notation, so the package is sent the same
// bytes as the Rust engine and must answer the same bytes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const vectorsDir = fileURLToPath(new URL('../../../tests/vectors/', import.meta.url));

/**
 * Every vector, sorted by path: { file, operation, config, input, expected, error,
 * pinsFingerprint }. `pinsFingerprint` is whether the receipt's engine fingerprint is
 * compared (`"pins_fingerprint": true`); otherwise it is left out on both sides.
 */
export function loadVectors(dir = vectorsDir) {
  const files = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.json')) files.push(path);
    }
  };
  walk(dir);
  files.sort();
  return files.map((file) => {
    const tree = parse(readFileSync(file, 'utf8'));
    const field = (name) => tree.entries.get(name);
    const inputText = field('input_text');
    const error = field('error');
    return {
      file,
      operation: field('operation'),
      description: field('description'),
      config: field('config') === undefined ? undefined : write(field('config')),
      input: typeof inputText === 'string' ? inputText : write(field('input')),
      rawInput: typeof inputText === 'string',
      expected: field('expected') === undefined ? undefined : write(field('expected')),
      pinsFingerprint: field('pins_fingerprint') === true,
      error:
        error === undefined
          ? undefined
          : { code: error.entries.get('code'), path: error.entries.get('path') },
    };
  });
}

export const FINGERPRINT = 'engine_fingerprint';

/**
 * An answer (JSON text) as the vectors compare it: written as serde_json writes it, and
 * without the receipt's `engine_fingerprint` unless the vector pins it.
 */
export function compared(answer, pinned) {
  const tree = parse(answer);
  // An object is { entries: Map } (an array has an `entries` method of its own).
  const members = (node) => (node?.entries instanceof Map ? node.entries : undefined);
  const receipt = members(members(tree)?.get('receipt'));
  if (!pinned) receipt?.delete(FINGERPRINT);
  return write(tree);
}

/** The same for a decoded answer (a plain object): a copy without the fingerprint. */
export function withoutFingerprint(answer, pinned) {
  if (pinned || typeof answer?.receipt !== 'object' || answer.receipt === null) return answer;
  const { [FINGERPRINT]: _, ...receipt } = answer.receipt;
  return { ...answer, receipt };
}

// A JSON tree that keeps each number as written: objects are { entries: Map }, arrays are
// JS arrays, numbers are { number: 'lexeme' }, the rest are JS values.
export function parse(text) {
  let at = 0;
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at])) at += 1;
  };
  const fail = () => {
    throw new SyntaxError(`malformed JSON at offset ${at}`);
  };
  const value = () => {
    space();
    const c = text[at];
    if (c === '{') {
      at += 1;
      const entries = new Map();
      space();
      if (text[at] === '}') {
        at += 1;
        return { entries };
      }
      for (;;) {
        space();
        const key = string();
        space();
        if (text[at] !== ':') fail();
        at += 1;
        entries.set(key, value());
        space();
        if (text[at] === ',') at += 1;
        else if (text[at] === '}') {
          at += 1;
          return { entries };
        } else fail();
      }
    }
    if (c === '[') {
      at += 1;
      const items = [];
      space();
      if (text[at] === ']') {
        at += 1;
        return items;
      }
      for (;;) {
        items.push(value());
        space();
        if (text[at] === ',') at += 1;
        else if (text[at] === ']') {
          at += 1;
          return items;
        } else fail();
      }
    }
    if (c === '"') return string();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]]) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return v;
      }
    }
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(at));
    if (m === null) fail();
    at += m[0].length;
    return { number: m[0] };
  };
  const string = () => {
    if (text[at] !== '"') fail();
    let end = at + 1;
    while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
    const token = text.slice(at, end + 1);
    at = end + 1;
    return JSON.parse(token);
  };
  const result = value();
  space();
  if (at !== text.length) fail();
  return result;
}

const utf8 = (s) => Buffer.from(s, 'utf8');

/** Compact JSON with keys sorted by their UTF-8 bytes, as serde_json writes a Value. */
export function write(node) {
  if (node === null || typeof node === 'boolean') return String(node);
  if (typeof node === 'string') return JSON.stringify(node);
  if (Array.isArray(node)) return `[${node.map(write).join(',')}]`;
  if (node.number !== undefined) return serdeNumber(node.number);
  const keys = [...node.entries.keys()].sort((a, b) => Buffer.compare(utf8(a), utf8(b)));
  return `{${keys.map((k) => `${JSON.stringify(k)}:${write(node.entries.get(k))}`).join(',')}}`;
}

const U64_MAX = 18446744073709551615n;
const I64_MIN = -9223372036854775808n;

/** A number lexeme as serde_json writes it back: integers as written, others as f64 (ryu). */
export function serdeNumber(lexeme) {
  if (/^-?[0-9]+$/.test(lexeme) && lexeme !== '-0') {
    const n = BigInt(lexeme);
    if (n <= U64_MAX && n >= I64_MIN) return n.toString();
  }
  return ryu(Number(lexeme));
}

/** An f64 as serde_json writes it: shortest digits, `1.0`, `0.00001`, `1e-7`, `1.5e+300`. */
export function ryu(x) {
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const [mantissa, exponent] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const length = digits.length;
  const kk = Number(exponent) + 1;
  const k = kk - length;
  let body;
  if (k >= 0 && kk <= 16) body = `${digits}${'0'.repeat(k)}.0`;
  else if (kk > 0 && kk <= 16) body = `${digits.slice(0, kk)}.${digits.slice(kk)}`;
  else if (kk > -5 && kk <= 0) body = `0.${'0'.repeat(-kk)}${digits}`;
  else {
    const e = kk - 1;
    const tail = `e${e > 0 ? '+' : ''}${e}`;
    body = length === 1 ? `${digits}${tail}` : `${digits[0]}.${digits.slice(1)}${tail}`;
  }
  return sign + body;
}
