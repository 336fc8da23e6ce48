// What the core's HTTP exchange needs from JavaScript: one exchange (fetch with a timeout and the caller's signal,
// its body read), and a timer that an AbortSignal cuts short. The exchange runs here, not step by step from the
// core: every step taken from WebAssembly would cross the boundary and allocate a closure.

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
  let stop;
  const aborted = new Promise((_, reject) => {
    stop = () => reject(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
  });
  return Promise.race([Promise.resolve().then(start), aborted]).finally(() => signal.removeEventListener('abort', stop));
}

/** Whether `response` has what the core reads of a Response: `status`, `headers.get()` and `arrayBuffer()`. */
function isResponse(response) {
  return Boolean(response) && typeof response.status === 'number' && typeof response.arrayBuffer === 'function'
    && Boolean(response.headers) && typeof response.headers.get === 'function';
}

/**
 * One HTTP exchange: `fetchFn(url, init)` (the client's `fetch` option; the global `fetch` when it is undefined) with
 * `headers` and, for a signed request, `authorization`; bounded by `timeoutMs` and the caller's `signal`. Resolves to
 * `{ status, requestId, headers, body }` (`body` a Uint8Array); rejects with `{ stage, error }`, `stage` being
 * `timeout` or `aborted` when the exchange's own controller fired, `fetch` when fetch rejected (or resolved to
 * something that is not a Response), `read` when the body could not be read.
 *
 * fetch sees only the exchange's own signal, aborted with an Error reason. The platform's fetch stops by itself when
 * it aborts; a custom fetch (or its body) that ignores the signal is raced against it.
 */
export async function exchange(fetchFn, url, method, headers, authorization, body, timeoutMs, signal) {
  const controller = new AbortController();
  let stage = 'fetch';
  const stop = (why) => {
    if (stage === 'timeout' || stage === 'aborted') return;
    stage = why;
    controller.abort(new Error(why));
  };
  const timer = setTimeout(stop, timeoutMs, 'timeout');
  const onAbort = () => stop('aborted');
  signal?.addEventListener('abort', onAbort, { once: true });
  const init = {
    method,
    // A copy: the core shares `headers` between calls, and a fetch function may change what it is given.
    headers: authorization === undefined ? { ...headers } : { ...headers, Authorization: authorization },
    signal: controller.signal,
  };
  if (body !== undefined) init.body = body;
  try {
    let response;
    try {
      response = fetchFn === undefined
        ? await fetch(url, init)
        : await untilAborted(() => fetchFn(url, init), controller.signal);
      if (!isResponse(response)) throw new TypeError('fetch resolved to something that is not a Response');
    } catch (error) {
      throw { stage, error };
    }
    let bytes;
    try {
      bytes = fetchFn === undefined
        ? await response.arrayBuffer()
        : await untilAborted(() => response.arrayBuffer(), controller.signal);
    } catch (error) {
      throw { stage: stage === 'fetch' ? 'read' : stage, error };
    }
    return {
      status: response.status,
      requestId: response.headers.get('x-request-id') ?? undefined,
      headers: response.headers,
      body: new Uint8Array(bytes),
    };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** A header of an exchange's response, or undefined. */
export function headerOf(exchanged, name) {
  return exchanged.headers.get(name) ?? undefined;
}
