// A typed use of the package, checked by `tsc --noEmit`: the declarations must accept what
// the engine accepts and refuse what it refuses.
import {
  Engine,
  RecourseError,
  operations,
  type Config,
  type ErrorInfo,
  type Money,
  type MoneyAllocateInput,
  type MoneyAllocateOutput,
  type OperationName,
} from 'recourse-payments';

const config: Config = { store: { name: 'Loja', default_locale: 'pt-BR' } };
const engine = new Engine(config);
const fromJson = new Engine('{"store": {"name": "Loja"}}');
const byDefault = new Engine();

const request: MoneyAllocateInput = {
  total: { amount: '10.00', currency: 'BRL' },
  ratios: [1, '0.5'],
  caps: [null, { amount: '2.00', currency: 'BRL' }],
};
const out: MoneyAllocateOutput = engine.call('money.allocate', request);
const parts: Money[] = out.parts;
const amount: string = parts[0].amount;
const digest: string = out.receipt.input_digest;
const typed: MoneyAllocateOutput = engine.moneyAllocate(request);
const text: string = engine.callJson('money.allocate', JSON.stringify(request));
const libraryVersion: string = Engine.version();
const firstOperation: OperationName = Engine.operations()[0].name;
const batch = engine.callBatch('money.allocate', [request]);
for (const item of batch) {
  if (item.error) {
    const info: ErrorInfo = item.error;
    console.log(info.code, info.path);
  } else {
    const ok: MoneyAllocateOutput = item.output;
    console.log(ok.parts.length);
  }
}
const names: OperationName[] = operations().map((o) => o.name);

try {
  engine.call('money.allocate', request);
} catch (e) {
  if (e instanceof RecourseError) {
    const where: string = `${e.code} at ${e.path}: ${e.message}`;
    console.log(where);
  }
}

// @ts-expect-error money is a decimal string, never a JS number
engine.call('money.allocate', { total: { amount: 10, currency: 'BRL' }, ratios: [1] });
// @ts-expect-error the total is required
engine.moneyAllocate({ ratios: [1] });
// @ts-expect-error unknown operations are not in the map
engine.call('money.nothing', request);
// @ts-expect-error the output has no such field
console.log(out.total);
// @ts-expect-error locales are the four the engine speaks
new Engine({ store: { name: 'Loja', default_locale: 'fr' } });

console.log(amount, digest, typed, text, names, fromJson.fingerprint, byDefault.fingerprint);
engine.free();
