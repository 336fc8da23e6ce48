// Listings: the async iterable `listOrders` returns, over pages the core fetches.

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
