// The SDK's error class. The core builds every MintedError through this constructor, so `instanceof` works across
// `require` and `import`, and across two copies of the package.

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
