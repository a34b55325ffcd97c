// Browser (and default) entry: fetches and compiles the WebAssembly module next to the
// package's files before the module's exports can be used (top-level await).
import init from '../pkg/recourse_wasm.js';

await init({ module_or_path: new URL('../pkg/recourse_wasm_bg.wasm', import.meta.url) });

export { Engine, RecourseError, methodName, operations, version } from './engine.js';
