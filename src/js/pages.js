// Listings: what `listOrders` returns, over the pages the core fetches. The core's `nextPage()` resolves to a page
// (`{ orders, page, lastPage, perPage, total, requestId }`), or null when there are no more; `stop` runs when the
// walk ends or a loop breaks. Async generators, so every consumer (for await, Readable.from, Array.fromAsync) drives
// them the way the language defines.
import { MintedError } from './errors.js';

/** An async iterable over the orders of every page, with `pages()` (page by page) and `toArray({ limit })`. */
export function listing(nextPage, stop) {
  async function* pages() {
    try {
      for (let page = await nextPage(); page; page = await nextPage()) yield page;
    } finally {
      stop();
    }
  }
  return {
    async *[Symbol.asyncIterator]() {
      for await (const page of pages()) yield* page.orders;
    },
    pages,
    async toArray(options) {
      const limit = options?.limit ?? Infinity;
      if (limit !== Infinity && !(Number.isInteger(limit) && limit >= 0)) {
        throw new MintedError('listOrders: invalid options.limit: must be a whole number from 0',
          { kind: 'config', field: 'limit', code: 'invalid_options', operation: 'listOrders' });
      }
      const orders = [];
      if (limit === 0) {
        stop();
        return orders;
      }
      for await (const page of pages()) {
        for (const order of page.orders) {
          orders.push(order);
          if (orders.length >= limit) return orders;
        }
      }
      return orders;
    },
  };
}
