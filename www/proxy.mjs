// The panel's backend proxy: forwards the page's API calls to the real API with the partner's Digest credentials
// added on the server, so the page in the browser never holds them. Only the operations of the package's route table
// pass (`operations()`: method and path template), so nothing else of the upstream is reachable and methods the API
// does not use are answered 405. The signing is the package's own: each call goes out through a MintedClient of the
// package's Node build (`client.request`, the raw call, no retries), whose `fetch` option sends the page's exact body
// and headers and keeps the upstream's answer for the page; Digest (challenges, the strongest algorithm, nonce
// counts, stale nonces) is the client's, with no second implementation here. The clients form a pool with one call in
// flight each, so each keeps a nonce of its own that later calls reuse: steady traffic costs one upstream round trip
// per call, and the `nc` values of a nonce reach the server in order even when the page makes several calls at once
// (servers that check `nc` strictly, like Apache's `AuthDigestNcCheck On`, refuse them otherwise). Status, body and
// the headers the SDK reads are passed back untouched, and the browser's client does its usual decoding, retries and
// error mapping. Every call that changes anything is written to the audit log, when there is one, with the external
// ids read from the client's redacted copy of the body (its `onRequest` hook: the package's redaction).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bodyIds } from './server/audit.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const MAX_BODY = 1 << 20;
const FORWARDED = ['accept', 'accept-language', 'api-version', 'content-type', 'x-client-id'];
const RETURNED = ['content-type', 'date', 'retry-after', 'x-request-id'];

/** The package's Node build, by its public name (a self-reference from the package's own directory, pkg/). */
export function nodePackage(dir = process.env.MINTED_PKG_DIR || join(here, '..', 'pkg')) {
  return createRequire(join(dir, 'package.json'))('minted-connect');
}

/**
 * The route table as matchers: `(method, path)` → `{ operation, params }`, `{ allow }` (the path exists with other
 * methods: 405) or null (no such path: 404). A path parameter never holds a slash or a dot segment.
 */
export function routeTable(operations) {
  const routes = operations.map((op) => ({
    operation: op.operationId,
    method: op.method,
    names: [...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name),
    pattern: new RegExp(`^${op.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{\w+\\?\}/g, '([^/]+)')}$`),
  }));
  const decode = (value) => {
    try {
      const text = decodeURIComponent(value);
      return /[/\\]/.test(text) || text === '.' || text === '..' ? null : text;
    } catch {
      return null;
    }
  };
  return (method, path) => {
    const allow = new Set();
    for (const route of routes) {
      const match = route.pattern.exec(path);
      const values = match?.slice(1).map(decode);
      if (!values || values.includes(null)) continue;
      if (route.method !== method) { allow.add(route.method); continue; }
      return { operation: route.operation, params: Object.fromEntries(route.names.map((name, i) => [name, values[i]])) };
    }
    return allow.size ? { allow: [...allow].sort() } : null;
  };
}

/** The request body; past MAX_BODY the rest is read and dropped, so the client still gets its 413. */
function readRequestBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => (size > MAX_BODY ? reject(Object.assign(new Error('request body too large'), { status: 413 })) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

const plain = (res, status, text, headers = {}) => res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers }).end(text);
/** Statuses whose answer has no body (a Response with one cannot be built). */
const BODILESS = [101, 204, 205, 304];

/**
 * One client of the pool and the call it carries (`slot.call`: the page's body and headers going out, the upstream's
 * answer and the redacted body coming back).
 */
function pooledClient(sdk, { upstream, username, password }) {
  const slot = { call: null };
  const client = new sdk.MintedClient({
    baseUrl: upstream, username, password, maxRetries: 0, // the page's client retries, not the proxy
    async fetch(url, init) {
      const { call } = slot;
      const headers = new Headers(init.headers); // Authorization and the body's content type are the client's
      for (const [name, value] of Object.entries(call.headers)) headers.set(name, value);
      const response = await fetch(url, { method: init.method, headers, body: init.body === undefined ? undefined : call.body, signal: init.signal, redirect: 'manual' });
      const body = Buffer.from(await response.arrayBuffer());
      call.answer = { status: response.status, headers: response.headers, body };
      return new Response(BODILESS.includes(response.status) ? null : body, { status: response.status, headers: response.headers });
    },
    onRequest(event) {
      if (slot.call) slot.call.redactedBody = event.body ?? null;
    },
  });
  return { client, slot };
}

/**
 * A request handler `(req, res, path, who)` forwarding `path` (`/partner/…?query`) to `upstream` with Digest
 * credentials; `who` ({ operator, address }) is what the audit log records. `audit` ({ write(record) }) is optional.
 */
export function createProxy({ upstream, username, password, sdk = nodePackage(), audit = null }) {
  if (!upstream || !username || !password) throw new Error('the proxy needs an upstream URL, a username and a password');
  const base = new URL(upstream);
  const prefix = base.pathname.replace(/\/$/, '');
  const route = routeTable(sdk.operations());
  const idle = []; // pooled clients with no call in flight

  return async function proxy(req, res, path, who = {}) {
    const target = new URL(prefix + path, base);
    const found = route(req.method, target.pathname.slice(prefix.length));
    if (!found) return plain(res, 404, 'not an operation of the Partner API');
    if (found.allow) return plain(res, 405, `${req.method} is not a method of this operation`, { allow: found.allow.join(', ') });
    const aborted = new AbortController();
    res.on('close', () => aborted.abort());
    const pooled = idle.pop() ?? pooledClient(sdk, { upstream, username, password });
    const call = { body: undefined, headers: {}, answer: null, redactedBody: null };
    pooled.slot.call = call;
    try {
      call.body = req.method === 'GET' ? undefined : await readRequestBody(req);
      call.headers = Object.fromEntries(FORWARDED.filter((name) => req.headers[name]).map((name) => [name, req.headers[name]]));
      let body;
      if (call.body?.length) {
        try {
          body = JSON.parse(call.body.toString('utf8'));
        } catch {
          throw Object.assign(new Error('the body is not JSON'), { status: 400 });
        }
      }
      const query = Object.fromEntries(target.searchParams);
      // the page's api-version goes out as it came, with the page's other headers (call.headers)
      const outcome = await pooled.client.request({ method: req.method, path: target.pathname.slice(prefix.length), query, body, signal: aborted.signal })
        .then(() => null, (err) => err);
      if (!call.answer) {
        const unsendable = outcome?.kind === 'validation' || outcome?.kind === 'config'; // refused before any I/O
        throw unsendable ? Object.assign(new Error(outcome.message), { status: 400 }) : outcome ?? new Error('no answer');
      }
      const { status, headers, body: answer } = call.answer;
      await record(status, headers.get('x-request-id'));
      const out = { 'cache-control': 'no-store' };
      for (const name of RETURNED) if (headers.has(name)) out[name] = headers.get(name);
      // no WWW-Authenticate: the page has no credentials, and a browser would pop its own login dialog
      res.writeHead(status, out).end(answer);
    } catch (err) {
      const status = err.status ?? (err.kind === 'timeout' ? 504 : 502);
      await record(status, null);
      if (res.headersSent || aborted.signal.aborted) { res.destroy(); return; }
      plain(res, status, err.status ? err.message : `bad gateway: ${err.message}`);
    } finally {
      pooled.slot.call = null;
      idle.push(pooled);
    }

    /** The audit line of a call that changes anything, once its outcome is known. */
    async function record(status, requestId) {
      if (!audit || req.method === 'GET') return;
      const ids = { ...found.params, ...(call.redactedBody ? bodyIds(call.redactedBody) : {}) };
      await audit.write({ operator: who.operator ?? null, address: who.address ?? null, operation: found.operation,
        method: req.method, path: target.pathname + target.search, ids, status, requestId });
    }
  };
}
