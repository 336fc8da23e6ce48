// createSandbox(): the Partner API sandbox inside this JavaScript process. The sandbox core (WebAssembly, see
// sandbox/wasm/src/lib.rs) answers whole requests; this file is its host, as sandbox/src/bridge.rs is over sockets:
// a standard `fetch` function in (url, init) → a real `Response` out, a closed connection as a rejected fetch, an
// injected delay as a timer on sandbox time (woken early when the clock is advanced), and the admin API as calls to
// the sandbox's own /__sandbox routes.
import { SandboxCore } from './minted_sandbox.js';

/** Where the in-process sandbox lives. `.invalid` is reserved: nothing on a network can ever answer for it. */
const DEFAULT_URL = 'http://sandbox.minted.invalid';
/** Methods fetch normalises to upper case (the Fetch standard); any other keeps its case. */
const NORMALISED = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);
/** Statuses whose Response must not have a body. */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** A random seed for tokens, nonces and ids (Node 18 has no global crypto without a flag: Math.random will do for a
 * sandbox). */
function entropy() {
  const words = new Uint32Array(2);
  if (globalThis.crypto?.getRandomValues) globalThis.crypto.getRandomValues(words);
  else for (let i = 0; i < 2; i++) words[i] = Math.floor(Math.random() * 2 ** 32);
  return words[0] * 2 ** 21 + (words[1] >>> 11);
}

function stateText(state) {
  if (state === undefined || state === null) return undefined;
  return typeof state === 'string' ? state : JSON.stringify(state);
}

/**
 * A fresh sandbox: seed data (or `options.state`), Digest credentials, fault injection, its own clock.
 * @param {import('./index.d.mts').SandboxOptions} [options]
 */
export function createSandbox(options = {}) {
  const { state, ...settings } = options ?? {};
  const initial = stateText(state);
  let core = new SandboxCore(JSON.stringify(settings), initial, entropy());
  const origin = DEFAULT_URL;
  const host = new URL(origin).host;
  const credentials = Object.freeze({ username: core.username, password: core.password });
  /** Requests an injected delay holds back: { untilMs, id, timer, settle }. */
  const waiters = new Set();
  let closed = false;

  /** Runs one step of the core; wakes the waiters when it moved the clock. The reply as a plain object. */
  function run(step) {
    const generation = core.clockGeneration();
    const reply = plain(step());
    if (core.clockGeneration() !== generation) for (const waiter of [...waiters]) schedule(waiter);
    return reply;
  }

  /** Resumes `waiter` once sandbox time reaches its moment: as time passes, or when a test moves the clock. */
  function schedule(waiter) {
    if (!waiters.has(waiter)) return; // already resumed (or dropped)
    clearTimeout(waiter.timer);
    waiter.timer = undefined;
    const left = waiter.untilMs - core.nowMs();
    if (left <= 0) {
      waiters.delete(waiter);
      waiter.settle(run(() => core.resume(waiter.id)));
    } else if (!core.clockFrozen()) {
      waiter.timer = setTimeout(() => schedule(waiter), Math.min(left, 2 ** 31 - 1));
    }
  }

  function dropWaiters() {
    for (const waiter of waiters) {
      clearTimeout(waiter.timer);
      waiter.settle(undefined);
    }
    waiters.clear();
  }

  /** One request as the core takes it → the reply to send, or undefined when the connection closes without one. */
  async function serve({ method, target, headers, body, signal, served = false }) {
    if (closed) return undefined;
    if (signal?.aborted) throw abortReason(signal);
    let reply = run(() => core.handle(method, target, headers, body, served));
    if (reply.kind === 'wait') reply = await waitFor(reply, signal);
    return reply?.kind === 'respond' ? reply : undefined;
  }

  /** A standard fetch: (RequestInfo | URL, RequestInit) → Promise<Response>, served by this sandbox. */
  async function fetch(input, init = undefined) {
    const request = await readRequest(input, init ?? {}, origin, host);
    const reply = await serve(request);
    if (reply === undefined) {
      throw new TypeError('fetch failed', {
        cause: new Error(closed ? 'this sandbox was closed'
          : 'the sandbox closed the connection without a response (an injected fault, or a reset)'),
      });
    }
    return toResponse(reply, request.method, request.url);
  }

  /**
   * For hosts that serve the sandbox over real HTTP (`minted sandbox`): { method, target, headers: [name, value][],
   * body?: Uint8Array, signal? } → { status, headers: [name, value][] (repeated names kept apart), body } or null
   * when the connection is to be closed without a response.
   */
  async function exchange({ method, target, headers = [], body = new Uint8Array(), signal = undefined }) {
    const reply = await serve({ method, target, headers: headers.flat(), body, signal, served: true });
    if (reply === undefined) return null;
    const pairs = [];
    for (let i = 0; i + 1 < reply.headers.length; i += 2) pairs.push([reply.headers[i], reply.headers[i + 1]]);
    return { status: reply.status, headers: pairs, body: reply.body };
  }

  /** Until the delayed request is processed; an abort rejects at once, but the request still runs (as on a server). */
  function waitFor(reply, signal) {
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(abortReason(signal));
      signal?.addEventListener('abort', onAbort, { once: true });
      const waiter = {
        untilMs: reply.untilMs,
        id: reply.waitId,
        timer: undefined,
        settle(result) {
          signal?.removeEventListener('abort', onAbort);
          resolve(result);
        },
      };
      waiters.add(waiter);
      schedule(waiter);
    });
  }

  /** The admin routes, through this sandbox's own fetch; resolves with the JSON answer, throws on an error status. */
  async function admin(method, path, body) {
    const init = body === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
    const response = await fetch(origin + path, init);
    const text = await response.text();
    const value = text ? JSON.parse(text) : null;
    if (!response.ok) {
      throw new Error(`sandbox ${method} ${path}: HTTP ${response.status}: ${value?.message ?? text}`);
    }
    return value;
  }

  const save = () => JSON.parse(core.save());
  const sandbox = {
    url: origin,
    credentials,
    fetch,
    exchange,
    admin: Object.freeze({
      /** Every wallet, order, the ledger and KYC records (GET /__sandbox/state). */
      state: () => admin('GET', '/__sandbox/state'),
      /** Request and 401 counters (GET /__sandbox/stats). */
      stats: () => admin('GET', '/__sandbox/stats'),
      /** Without a plan: the current plan and counters; with one: replaces it; `null`: back to normal service. */
      faults: (plan) => plan === undefined ? admin('GET', '/__sandbox/faults')
        : plan === null ? admin('DELETE', '/__sandbox/faults') : admin('PUT', '/__sandbox/faults', plan),
      /** The clock: { now, now_ms, frozen, advanced_ms }. */
      clock: () => admin('GET', '/__sandbox/clock'),
      /** Makes `seconds` of sandbox time pass at once (quotes expire, deliveries move on, delays end). */
      advanceClock: (seconds) => admin('POST', '/__sandbox/clock', { advance_ms: Math.round(seconds * 1000) }),
      /** Stops sandbox time (it then moves only when advanced), or lets it run on with `false`. */
      freezeClock: (frozen = true) => admin('POST', '/__sandbox/clock', { freeze: frozen }),
      /** Completes a card payment waiting for 3-D Secure: its token or its `redirect_url`. */
      complete3ds: (tokenOrUrl) => {
        const token = String(tokenOrUrl).split('/__sandbox/3ds/').pop();
        return admin('POST', `/__sandbox/3ds/${token}`);
      },
      /** Adds `count` completed 0.01 g gold buys (for paging and export tests). */
      generateOrders: (count, customer_external_id) =>
        admin('POST', '/__sandbox/orders/generate', customer_external_id === undefined ? { count } : { count, customer_external_id }),
      /** Back to the state it was created with; calls waiting on a delay fail like a dropped connection. */
      reset() {
        dropWaiters();
        core.reset(entropy());
      },
    }),
    /** The API data as a JSON value: `createSandbox({ state })` continues from it. */
    save,
    toJSON: save,
    /** Frees the WebAssembly memory; later calls fail like a refused connection. */
    close() {
      if (closed) return;
      closed = true;
      dropWaiters();
      core.free();
    },
  };
  if (typeof Symbol.dispose === 'symbol') sandbox[Symbol.dispose] = sandbox.close;
  return Object.freeze(sandbox);
}

/** A core Reply read out and freed at once (its memory is in the WebAssembly instance). */
function plain(reply) {
  if (reply === undefined) return undefined;
  const kind = reply.kind;
  const out = kind === 'respond' ? { kind, status: reply.status, headers: reply.headers, body: reply.body }
    : { kind, untilMs: reply.untilMs, waitId: reply.waitId };
  reply.free();
  return out;
}

function abortReason(signal) {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

const isPlain = (value) => {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/** The parts the core takes, from whatever a fetch call may be given. */
async function readRequest(input, init, origin, host) {
  const fromRequest = typeof input === 'object' && input !== null && !(input instanceof URL) && 'url' in input;
  const url = new URL(fromRequest ? input.url : String(input), origin);
  if (url.origin !== origin) {
    throw new TypeError('fetch failed', { cause: new Error(`this sandbox serves ${origin} only, not ${url.origin}`) });
  }
  const rawMethod = init.method ?? (fromRequest ? input.method : 'GET');
  const method = NORMALISED.has(rawMethod.toUpperCase()) ? rawMethod.toUpperCase() : rawMethod;
  const headerSource = init.headers ?? (fromRequest ? input.headers : undefined);
  const headers = [];
  if (headerSource && isPlain(headerSource)) {
    for (const [name, value] of Object.entries(headerSource)) headers.push(name.toLowerCase(), String(value));
  } else if (headerSource) {
    for (const [name, value] of new Headers(headerSource)) headers.push(name, value);
  }
  let body;
  let bodyType = null;
  const source = init.body ?? null;
  if (source === null) {
    body = fromRequest && init.body === undefined && input.body ? new Uint8Array(await input.arrayBuffer()) : new Uint8Array();
  } else if (typeof source === 'string') {
    body = new TextEncoder().encode(source);
    bodyType = 'text/plain;charset=UTF-8';
  } else if (source instanceof ArrayBuffer) {
    body = new Uint8Array(source);
  } else if (ArrayBuffer.isView(source)) {
    body = new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  } else {
    // Blob, FormData, URLSearchParams, ReadableStream: as the platform encodes them.
    const encoded = new Response(source);
    body = new Uint8Array(await encoded.arrayBuffer());
    bodyType = encoded.headers.get('content-type');
  }
  if ((method === 'GET' || method === 'HEAD') && body.length > 0) {
    throw new TypeError(`Request with ${method} method cannot have body.`);
  }
  const has = (name) => headers.some((value, i) => i % 2 === 0 && value === name);
  if (bodyType && !has('content-type')) headers.push('content-type', bodyType);
  if (!has('host')) headers.push('host', host);
  return { url: url.href, method, target: url.pathname + url.search, headers, body, signal: init.signal ?? (fromRequest ? input.signal : undefined) };
}

function toResponse(reply, method, url) {
  const headers = new Headers();
  const pairs = reply.headers;
  for (let i = 0; i + 1 < pairs.length; i += 2) headers.append(pairs[i], pairs[i + 1]);
  const { status } = reply;
  const response = new Response(NULL_BODY.has(status) || method === 'HEAD' ? null : reply.body, { status, headers });
  Object.defineProperty(response, 'url', { value: url });
  return response;
}
