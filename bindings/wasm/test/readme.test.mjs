// The README's JavaScript examples run as written against the package, and print what their
// comments say: a line `console.log(...);  // approve 291.25` must print `approve 291.25`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);

test('the README has JavaScript examples', () => {
  assert.ok(blocks.length >= 2, `the README has ${blocks.length} js examples`);
});

blocks.forEach((block, i) => {
  test(`the README's JavaScript example ${i + 1} runs and prints what it says`, () => {
    // Written inside the package so that `import ... from 'recourse-payments'` resolves to it.
    const file = new URL(`./readme-example-${i}.tmp.mjs`, import.meta.url);
    writeFileSync(file, block);
    try {
      const out = execFileSync(process.execPath, [fileURLToPath(file)], { encoding: 'utf8' });
      const expected = [...block.matchAll(/^\s*console\.log\(.*\);\s*\/\/\s*(.*)$/gm)].map(
        (m) => m[1].trim(),
      );
      assert.deepEqual(out.trim().split('\n').filter(Boolean), expected);
    } finally {
      rmSync(file);
    }
  });
});
