/**
 * Where `init` loads the WebAssembly module from: its URL (fetched and compiled while it downloads), a `Response` or a
 * promise of one, the bytes, or an already compiled `WebAssembly.Module`.
 */
export type WasmSource = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/**
 * Loads the WebAssembly module; call it once before anything else from `minted-connect/slim` (later calls return at
 * once). Without `source` it fetches `minted_connect_bg.wasm` from beside the package's files (browsers and bundlers
 * that emit it as an asset). Rejects with a `MintedError` of kind `config` and code `wasm_load_failed`.
 */
export declare function init(source?: WasmSource | Promise<WasmSource>): Promise<void>;

/**
 * Loads the WebAssembly module synchronously from its bytes or a compiled `WebAssembly.Module` (workerd and other
 * runtimes that hand you a module). Throws a `MintedError` of kind `config` and code `wasm_load_failed`.
 */
export declare function initSync(source: BufferSource | WebAssembly.Module): void;
