// Node entry: loads the WebAssembly module synchronously from the package's files.
import { readFileSync } from 'node:fs';
import { initSync } from '../pkg/recourse_wasm.js';

initSync({ module: readFileSync(new URL('../pkg/recourse_wasm_bg.wasm', import.meta.url)) });

export { Engine, RecourseError, methodName, operations, version } from './engine.js';
