// The package's API. The domain types (every operation's input and output, and `Config`)
// are generated from the core's JSON Schemas into ../pkg/operations.d.ts at build time.
import type { Config, OperationMethods, OperationName, Operations } from '../pkg/operations.js';

export * from '../pkg/operations.js';

/** What an error says: a stable code, a JSON path and a message. */
export interface ErrorInfo {
  /** Stable code such as `input.invalid_amount`, the same in every Recourse host. */
  code: string;
  /** JSON path of the culprit such as `total.amount`; `.` is the whole input. */
  path: string;
  /** For developers; it never repeats the rejected value. */
  message: string;
}

/** An error from Recourse. */
export declare class RecourseError extends Error implements ErrorInfo {
  constructor(code: string, path: string, message: string);
  readonly name: 'RecourseError';
  readonly code: string;
  readonly path: string;
  toJSON(): ErrorInfo;
}

/** One answer of a batch: the output or the error, never both. */
export type BatchResult<T> = { output: T; error?: never } | { error: ErrorInfo; output?: never };

/** A compiled configuration that answers every operation. */
export declare class Engine {
  /**
   * @param config a configuration object, or JSON text; the embedded default store when
   *   omitted. TOML text is `config.unsupported_format` (convert with `recourse config store.toml`).
   * @throws {RecourseError} `config.syntax`, `config.invalid` and the area codes, with paths
   */
  constructor(config?: Config | string);
  /** Every problem of a configuration; empty when it is valid. */
  static check(config: Config | string): ErrorInfo[];
  /** Every operation, as `operations()` (PHP: `Engine::operations()`). */
  static operations(): readonly { readonly name: OperationName; readonly summary: string }[];
  /** The library version recorded in receipts, as `version()` (PHP: `Engine::version()`). */
  static version(): string;
  /** `sha256:` and the hash of the configuration's canonical form. */
  readonly fingerprint: string;
  /** Runs an operation on a request and returns the response with its receipt. */
  call<K extends OperationName>(operation: K, input: Operations[K]['input']): Operations[K]['output'];
  /** Runs an operation on JSON text or bytes and returns the canonical JSON text. */
  callJson(operation: OperationName | (string & {}), input: string | Uint8Array): string;
  /** Runs an operation on each request; one bad request does not stop the others. */
  callBatch<K extends OperationName>(
    operation: K,
    inputs: Operations[K]['input'][],
  ): BatchResult<Operations[K]['output']>[];
  /** Releases the engine; later calls throw `host.engine_released`. */
  free(): void;
}

// One typed method per operation, such as `moneyAllocate(input)`.
export interface Engine extends OperationMethods {}

/** Every operation with its one-line summary. */
export declare function operations(): readonly { readonly name: OperationName; readonly summary: string }[];

/** The method name of an operation: `money.allocate` gives `moneyAllocate`. */
export declare function methodName(operation: string): string;

/** The library version recorded in receipts. */
export declare function version(): string;
