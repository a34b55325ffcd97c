// Per-call time of the npm package in Node.
//
//   node bench/bench.mjs            times money.allocate through callJson() and call()
//   node bench/bench.mjs --serve    serves the criterion bench `benches/wasm.rs`: reads one
//                                   line {operation, input}, then for each line N answers the
//                                   nanoseconds N calls of callJson() took, so native Rust and
//                                   the package are measured in one run.
import { createInterface } from 'node:readline';
import { Engine } from 'recourse-payments';

const engine = new Engine();

function time(fn, n) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i += 1) fn();
  return process.hrtime.bigint() - start;
}

if (process.argv[2] === '--serve') {
  let job = null;
  for await (const line of createInterface({ input: process.stdin })) {
    if (job === null) {
      const { operation, input } = JSON.parse(line);
      job = () => engine.callJson(operation, input);
      job(); // fail here, before any timing, if the request is refused
      process.stdout.write('ready\n');
    } else {
      process.stdout.write(`${time(job, Number(line))}\n`);
    }
  }
} else {
  const request = { total: { amount: '1234.57', currency: 'BRL' }, ratios: [3, 5, 7, 11, 13] };
  const text = JSON.stringify(request);
  const n = 100_000;
  for (const [name, fn] of [
    ['callJson (text in, text out)', () => engine.callJson('money.allocate', text)],
    ['call (object in, object out)', () => engine.call('money.allocate', request)],
  ]) {
    time(fn, n / 10);
    const ns = Number(time(fn, n)) / n;
    console.log(`money.allocate ${name}: ${(ns / 1000).toFixed(2)} µs per call`);
  }
}
