// The npm package's shape: ES modules, `exports` with `types` first and node, browser and
// default conditions, no side effects declared, and every file it names present.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import * as recourse from 'recourse-payments';

const root = new URL('../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));

test('package.json exports types first, then node, browser and default', () => {
  assert.equal(manifest.type, 'module');
  assert.equal(manifest.sideEffects, false);
  const conditions = manifest.exports['.'];
  assert.deepEqual(Object.keys(conditions), ['types', 'node', 'browser', 'default']);
  for (const target of Object.values(conditions)) {
    assert.ok(existsSync(new URL(target, root)), `${target} is missing`);
  }
  for (const file of ['pkg/recourse_wasm.js', 'pkg/recourse_wasm_bg.wasm', 'pkg/operations.d.ts']) {
    assert.ok(existsSync(new URL(file, root)), `${file} is missing; run scripts/wasm.sh`);
    assert.ok(manifest.files.includes(file), `${file} is not in "files"`);
  }
});

test('the package exports its API and its version matches the receipts', () => {
  assert.deepEqual(Object.keys(recourse).sort(), [
    'Engine',
    'RecourseError',
    'methodName',
    'operations',
    'version',
  ]);
  const cargo = readFileSync(new URL('../../Cargo.toml', root), 'utf8');
  const workspaceVersion = /\[workspace\.package\][^[]*?version = "([^"]+)"/.exec(cargo)[1];
  assert.equal(recourse.version(), workspaceVersion);
  assert.equal(manifest.version, workspaceVersion);
  const engine = new recourse.Engine();
  const out = engine.call('money.allocate', {
    total: { amount: '10', currency: 'JPY' },
    ratios: [1, 1, 1],
  });
  assert.equal(out.receipt.library_version, workspaceVersion);
});

test('the generated declarations cover every operation', () => {
  const dts = readFileSync(new URL('pkg/operations.d.ts', root), 'utf8');
  for (const { name } of recourse.operations()) {
    const method = recourse.methodName(name);
    assert.ok(dts.includes(`${JSON.stringify(name)}: {`), `${name} is not in Operations`);
    assert.ok(dts.includes(`  ${method}(input: `), `${method} is not in OperationMethods`);
  }
});

test('the packed package has its README, LICENSE, modules, WebAssembly and types', () => {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: fileURLToPath(root),
    encoding: 'utf8',
  });
  const files = JSON.parse(out)[0].files.map((f) => f.path);
  for (const file of ['README.md', 'LICENSE', 'package.json', 'js/node.js', 'js/browser.js',
    'js/index.d.ts', 'pkg/recourse_wasm_bg.wasm', 'pkg/operations.d.ts']) {
    assert.ok(files.includes(file), `${file} is not packed: ${files.join(', ')}`);
  }
  assert.ok(!files.some((f) => f.startsWith('test/')), 'tests are packed');
});

test('version() and operations() are reachable from Engine too, as in PHP', () => {
  assert.equal(recourse.Engine.version(), recourse.version());
  assert.equal(recourse.Engine.operations(), recourse.operations());
  assert.ok(recourse.Engine.operations().some((op) => op.name === 'refund.evaluate'));
});

test('method names are camelCase of the operation name', () => {
  assert.equal(recourse.methodName('money.allocate'), 'moneyAllocate');
  assert.equal(recourse.methodName('refund.check_policy'), 'refundCheckPolicy');
});
