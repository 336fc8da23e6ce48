// What the core's HTTP exchange needs from JavaScript: a timer that an AbortSignal cuts short, and the client's
// `fetch` option called with the standard signature (the platform's fetch goes through gloo-net in the core).

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

/** The body of a response the `fetch` option returned (an ArrayBuffer); rejects as soon as `signal` aborts. */
export function readBody(response, signal) {
  return untilAborted(() => response.arrayBuffer(), signal);
}
