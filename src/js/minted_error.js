// The SDK's error class and the few helpers the WebAssembly core imports (errors, parsing, timers, fetch). Kept tiny
// and dependency-free.

const BRAND = Symbol.for('minted-connect.MintedError');

/**
 * Every failure of minted-connect: bad config, invalid request, auth, API, HTTP, network, timeout, abort, decode.
 * `instanceof MintedError` works even when two copies of the package are loaded.
 */
export class MintedError extends Error {
  constructor(message, details) {
    super(message);
    Object.defineProperty(this, 'name', { value: 'MintedError', writable: true, configurable: true });
    Object.defineProperty(this, BRAND, { value: true });
    if (details) {
      for (const key of Object.keys(details)) {
        const value = details[key];
        if (value !== undefined && value !== null) this[key] = value;
      }
    }
  }

  static [Symbol.hasInstance](value) {
    return value != null && value[BRAND] === true;
  }

  /** A plain object with the message, for `JSON.stringify` and structured logs. */
  toJSON() {
    const out = { name: this.name, message: this.message };
    for (const key of Object.keys(this)) out[key] = this[key];
    return out;
  }
}

/**
 * A value as JSON text: `null` for `undefined`, nothing (`undefined`) for what JSON cannot write (a BigInt, a cycle,
 * a function).
 */
export function jsonText(value) {
  try {
    return value === undefined ? 'null' : JSON.stringify(value);
  } catch {
    return undefined;
  }
}

/**
 * An async iterable over pages: `nextPage()` resolves to an array of items, or null when there are no more; `stop`
 * runs when the iteration ends or a loop breaks. An async generator, so every consumer (for await, Readable.from,
 * Array.fromAsync) drives it the way the language defines.
 */
export function asyncIterable(nextPage, stop) {
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for (let items = await nextPage(); items; items = await nextPage()) yield* items;
      } finally {
        stop();
      }
    },
  };
}

/** Resolves after `ms` milliseconds, or at once when `signal` aborts (the timer is cleared either way). */
export function sleep(ms, signal) {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => { clearTimeout(timer); signal?.removeEventListener('abort', done); resolve(); };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Settles like `start()`, or rejects with `signal.reason` as soon as `signal` aborts: a fetch function or a body
 * that ignores the signal cannot hold a call past its timeout. */
function untilAborted(start, signal) {
  if (signal.aborted) return Promise.reject(signal.reason);
  let stop;
  const aborted = new Promise((_, reject) => {
    stop = () => reject(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
  });
  return Promise.race([Promise.resolve().then(start), aborted]).finally(() => signal.removeEventListener('abort', stop));
}

/**
 * Calls the client's `fetch` option with the standard `fetch(url, init)` signature (the platform's fetch goes through
 * gloo-net in the core). Anything that is not Response-like is refused here, so the core only reads what a Response
 * has: `status`, `headers.get()` and `arrayBuffer()`.
 */
export async function callFetch(fetchFn, url, method, headers, body, signal) {
  const init = body === undefined ? { method, headers, signal } : { method, headers, body, signal };
  const response = await untilAborted(() => fetchFn(url, init), signal);
  if (!response || typeof response.status !== 'number' || typeof response.arrayBuffer !== 'function'
    || !response.headers || typeof response.headers.get !== 'function') {
    throw new TypeError('fetch resolved to something that is not a Response');
  }
  return response;
}

/** The body of a response, as bytes. */
export async function readBody(response, signal) {
  return new Uint8Array(await untilAborted(() => response.arrayBuffer(), signal));
}
