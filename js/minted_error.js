// The SDK's error class and the few helpers the WebAssembly core imports. Kept tiny and dependency-free.

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

/** An async iterable over `next` (a function returning Promise<{ value, done }>); `stop` runs when a loop breaks. */
export function asyncIterable(next, stop) {
  return {
    [Symbol.asyncIterator]() {
      return {
        next,
        return() {
          stop();
          return Promise.resolve({ value: undefined, done: true });
        },
      };
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
