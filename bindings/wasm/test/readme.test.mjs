// The README's JavaScript example runs as written against the package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

test("the README's JavaScript example runs", async () => {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const block = /```js\n([\s\S]*?)```/.exec(readme);
  assert.ok(block, 'the README has no js example');
  // Written inside the package so that `import ... from 'recourse-payments'` resolves to it.
  const file = new URL('./readme-example.tmp.mjs', import.meta.url);
  writeFileSync(file, block[1]);
  try {
    await import(file.href);
  } finally {
    rmSync(file);
  }
});
