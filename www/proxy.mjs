// The panel's backend proxy: forwards /partner/* calls to the real API and adds the partner's Digest credentials on
// the server, so the page in the browser never holds them. The Authorization values come from the package's Node
// build (`digestAuthorization`). Each request in flight has a Digest session of its own (nonce and `nc`) that later
// requests reuse, so steady traffic costs one upstream round trip per call and the `nc` values of a nonce reach the
// server in order even when the page makes several calls at once (servers that check `nc` strictly, like Apache's
// `AuthDigestNcCheck On`, refuse them otherwise). Status, body and the headers the SDK reads are passed back
// untouched, and the browser's client does its usual decoding, retries and error mapping.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const MAX_BODY = 1 << 20;
const FORWARDED = ['accept', 'accept-language', 'api-version', 'content-type', 'x-client-id'];
const RETURNED = ['content-type', 'date', 'retry-after', 'x-request-id'];
const STRENGTH = ['SHA-256-sess', 'SHA-256', 'MD5-sess', 'MD5'];

/** The package's Node build, by its public name (a self-reference from the package's own directory, pkg/). */
export function nodePackage(dir = process.env.MINTED_PKG_DIR || join(here, '..', 'pkg')) {
  return createRequire(join(dir, 'package.json'))('minted-connect');
}

/** The Digest challenges of a WWW-Authenticate value (fetch joins several headers with commas). */
export function parseDigestChallenges(header) {
  const challenges = [];
  let current = null;
  for (const [, name, quoted, bare] of String(header ?? '').matchAll(/([A-Za-z][\w-]*)(?:\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,"]*)))?/g)) {
    if (quoted === undefined && bare === undefined) {
      current = { scheme: name.toLowerCase(), params: {} };
      challenges.push(current);
    } else if (current) {
      current.params[name.toLowerCase()] = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : bare;
    }
  }
  return challenges.filter((c) => c.scheme === 'digest').map((c) => c.params);
}

/** The challenge to answer: the strongest algorithm we can compute, with qop=auth when offered. */
export function strongest(challenges) {
  const rank = (c) => STRENGTH.indexOf((c.algorithm ?? 'MD5').toUpperCase().replace('SHA256', 'SHA-256'));
  return challenges.filter((c) => c.nonce && c.realm !== undefined && rank(c) >= 0).sort((a, b) => rank(a) - rank(b))[0] ?? null;
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

/**
 * A request handler `(req, res, path)` forwarding `path` (`/partner/…?query`) to `upstream` with Digest
 * credentials. Only /partner/ paths pass; nothing else of the upstream (e.g. a sandbox's admin routes) is reachable.
 */
export function createProxy({ upstream, username, password, sdk = nodePackage() }) {
  if (!upstream || !username || !password) throw new Error('the proxy needs an upstream URL, a username and a password');
  const base = new URL(upstream);
  const prefix = base.pathname.replace(/\/$/, '');
  const idle = []; // Digest sessions { challenge, nc } not in use by a request

  const sign = (session, method, uri) => {
    const { challenge } = session;
    session.nc += 1;
    return sdk.digestAuthorization({
      username, password, realm: challenge.realm, nonce: challenge.nonce, uri, method,
      qop: /(^|,)\s*auth\s*(,|$)/.test(challenge.qop ?? '') ? 'auth' : undefined,
      nc: session.nc, cnonce: randomBytes(12).toString('hex'), algorithm: (challenge.algorithm ?? 'MD5').toUpperCase().replace('SHA256', 'SHA-256'),
      opaque: challenge.opaque, userhash: challenge.userhash === 'true',
    });
  };

  return async function proxy(req, res, path) {
    if (!/^\/partner\//.test(path)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('only /partner/ paths are proxied');
      return;
    }
    const aborted = new AbortController();
    res.on('close', () => aborted.abort());
    const session = idle.pop() ?? { challenge: null, nc: 0 };
    try {
      const body = ['GET', 'HEAD'].includes(req.method) ? undefined : await readRequestBody(req);
      const headers = Object.fromEntries(FORWARDED.filter((name) => req.headers[name]).map((name) => [name, req.headers[name]]));
      const target = new URL(prefix + path, base);
      const uri = target.pathname + target.search;
      let response;
      for (let round = 0; round < 3; round += 1) {
        const authorization = session.challenge ? sign(session, req.method, uri) : undefined;
        response = await fetch(target, { method: req.method, headers: authorization ? { ...headers, authorization } : headers, body, signal: aborted.signal, redirect: 'manual' });
        if (response.status !== 401) break;
        const offered = strongest(parseDigestChallenges(response.headers.get('www-authenticate')));
        // a fresh challenge refused again (and not merely stale) means the credentials are wrong: pass the 401 on
        if (!offered || (round > 0 && offered.stale !== 'true')) break;
        Object.assign(session, { challenge: offered, nc: 0 });
        await response.arrayBuffer();
      }
      const out = { 'cache-control': 'no-store' };
      for (const name of RETURNED) if (response.headers.has(name)) out[name] = response.headers.get(name);
      // no WWW-Authenticate: the page has no credentials, and a browser would pop its own login dialog
      res.writeHead(response.status, out).end(Buffer.from(await response.arrayBuffer()));
    } catch (err) {
      if (res.headersSent || aborted.signal.aborted) { res.destroy(); return; }
      res.writeHead(err.status ?? 502, { 'content-type': 'text/plain' }).end(err.status ? err.message : `bad gateway: ${err.cause?.code ?? err.message}`);
    } finally {
      idle.push(session);
    }
  };
}
