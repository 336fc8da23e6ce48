#!/usr/bin/env node
// Serves the admin panel: www/ at /, the built package at /pkg/, config.json with the page's defaults, and, with an
// upstream, the credential-adding proxy at /api/ (proxy mode: the page holds no credentials). Every answer carries
// the security headers (www/server/headers.mjs); a Host that is not this server's is refused before routing; the API
// and the sign-in answer the panel's own page only (www/server/guard.mjs). With --operators, operators sign in first
// (www/server/sessions.mjs); listening on anything but loopback requires it. docs/panel.md says how to run it.
//
//   MINTED_USERNAME=… MINTED_PASSWORD=… node www/serve.mjs --upstream https://api.example.com [--port 8080]
//   node www/serve.mjs [--port N] [--api URL]   (direct mode: the operator types the API URL and credentials)
//   node www/serve.mjs add-operator --operators FILE NAME   (the password is read from the terminal or stdin)
import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { createProxy, nodePackage } from './proxy.mjs';
import { openAudit } from './server/audit.mjs';
import { contentSecurityPolicy, inlineScriptHashes, originOf, securityHeaders } from './server/headers.mjs';
import { allowedNames, hostAllowed, isLoopback, refusal, WILDCARDS } from './server/guard.mjs';
import { addOperator, checkOperator, MIN_PASSWORD, readOperators } from './server/operators.mjs';
import { COOKIE, createSessions, createThrottle, parseCookies, sessionCookie } from './server/sessions.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm', '.ts': 'text/plain', '.svg': 'image/svg+xml' };
const PROXY_PREFIX = '/api';
/** The API direct mode may call when the server is told of none: the only one Minted's docs name. */
const DEFAULT_APIS = ['https://api.staging.mintedconnect.com'];
const MAX_SIGN_IN_BODY = 4096;
const gzipped = new Map(); // file → { etag, body }

/** Sends a file; `policy(html)` gives an HTML page its Content-Security-Policy (its own inline scripts by hash). */
async function sendFile(req, res, file, policy) {
  const info = await stat(file);
  if (!info.isFile()) throw new Error('not a file');
  const etag = `W/"${info.size}-${Math.trunc(info.mtimeMs)}"`;
  const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache', etag, 'x-content-type-options': 'nosniff', vary: 'Accept-Encoding' };
  if (policy && extname(file) === '.html') headers['content-security-policy'] = policy(await readFile(file, 'utf8'));
  if (req.headers['if-none-match'] === etag) { res.writeHead(304, headers).end(); return; }
  if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
    let cached = gzipped.get(file);
    if (cached?.etag !== etag) gzipped.set(file, cached = { etag, body: gzipSync(await readFile(file), { level: 9 }) });
    res.writeHead(200, { ...headers, 'content-encoding': 'gzip', 'content-length': cached.body.length }).end(cached.body);
    return;
  }
  const body = await readFile(file);
  res.writeHead(200, { ...headers, 'content-length': body.length }).end(body);
}

const text = (res, status, message, headers = {}) => res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers }).end(`${message}\n`);
const json = (res, status, value, headers = {}) => res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers }).end(JSON.stringify(value));

/** A request body of at most `limit` bytes, or null when longer. */
async function smallBody(req, limit) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The one-line refusal of a server that would be reachable from other machines without sign-in. */
export const exposedWithoutOperators = (host) => `refusing to listen on ${host} without --operators FILE: anyone who reaches `
  + 'this address could use the panel (and, in proxy mode, the partner\'s credentials). Add operators with '
  + '`node www/serve.mjs add-operator --operators FILE NAME` and start with --operators FILE, or listen on 127.0.0.1.';

/**
 * Starts the server; resolves to { url, close }. `config` is merged into config.json (the page's defaults);
 * `upstream` ({ url, username, password }) turns on proxy mode; `mounts` adds [urlPrefix, directory] pairs (tests);
 * `plain` serves files only, like any static host (no config.json). `host` is the address to listen on: anything
 * but loopback needs `operators` (a file of `add-operator`). `allowedHosts` are the names (besides loopback and
 * `host`) the Host header may carry; `apis` the API URLs direct mode may connect to (Content-Security-Policy);
 * `audit` a file for the JSON Lines audit log of proxy mode; `trustProxy` takes the client's address, scheme and
 * host from X-Forwarded-For/-Proto/-Host (behind a TLS-terminating reverse proxy). `now`, `sessionIdleMs`,
 * `sessionMaxMs`: the sessions' clock and lifetimes (tests move the clock).
 */
export async function startWww({
  port = 0, host = '127.0.0.1', config = null, mounts = [], upstream = null, plain = false, allowedHosts = [], apis = [],
  operators = null, audit = null, trustProxy = false, now = Date.now, sessionIdleMs = undefined, sessionMaxMs = undefined,
} = {}) {
  if (!isLoopback(host) && !operators) throw new Error(exposedWithoutOperators(host));
  if (operators && readOperators(operators).size === 0) throw new Error(`${operators} names no operator: add one with \`node www/serve.mjs add-operator --operators ${operators} NAME\``);
  if (audit && !upstream) throw new Error('--audit records the calls of proxy mode: it needs --upstream');
  const sdk = upstream ? nodePackage() : null;
  const log = audit ? openAudit(audit) : null;
  const proxy = upstream ? createProxy({ upstream: upstream.url, username: upstream.username, password: upstream.password, sdk, audit: log }) : null;
  const roots = [...mounts, ['/pkg/', join(here, '..', 'pkg')], ['/', here]];
  const names = allowedNames(host, allowedHosts);
  const directApis = upstream ? [] : [...new Set([...(apis.length ? apis : DEFAULT_APIS), ...(config?.baseUrl ? [config.baseUrl] : [])].map(originOf))];
  const policyOf = (html = '') => contentSecurityPolicy({ scriptHashes: inlineScriptHashes(html), connect: directApis });
  const policy = policyOf();
  const token = randomBytes(32).toString('base64url'); // the anti-CSRF token of this start
  const sessions = operators ? createSessions({ now, idleMs: sessionIdleMs, maxMs: sessionMaxMs }) : null;
  const throttle = createThrottle({ now });
  let verifying = Promise.resolve(); // one scrypt at a time: parallel guesses wait in line

  /**
   * What this request says about itself, trusting a reverse proxy's X-Forwarded-* only with `trustProxy`: the last
   * value of each, the one the nearest proxy (the operator's own) wrote; earlier ones are a client's claims.
   */
  const whoIs = (req) => {
    const forwarded = (name) => (trustProxy ? String(req.headers[`x-forwarded-${name}`] ?? '').split(',').at(-1).trim() : '');
    const hostHeader = forwarded('host') || req.headers.host;
    const scheme = forwarded('proto') === 'https' ? 'https' : 'http';
    const address = forwarded('for') || (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
    let origin = null;
    try { origin = new URL(`${scheme}://${hostHeader}`).origin; } catch { /* refused by the Host check */ }
    return { hostHeader, secure: scheme === 'https', address, origin };
  };

  const signIn = async (req, res, who) => {
    const keys = (name) => [`name:${String(name).toLowerCase()}`, `address:${who.address}`];
    const body = await smallBody(req, MAX_SIGN_IN_BODY);
    let input = null;
    try { input = JSON.parse(body); } catch { /* answered below */ }
    if (typeof input?.name !== 'string' || typeof input?.password !== 'string') return json(res, 400, { error: 'send {"name": …, "password": …}' });
    const wait = throttle.wait(keys(input.name));
    if (wait > 0) return json(res, 429, { error: 'too many failed sign-ins: wait', retryAfter: Math.ceil(wait / 1000) }, { 'retry-after': String(Math.ceil(wait / 1000)) });
    const check = verifying.then(() => checkOperator(operators, input.name, input.password));
    verifying = check.catch(() => {});
    const ok = await check;
    const known = readOperators(operators).has(input.name);
    await log?.write({ event: ok ? 'sign-in' : 'sign-in refused', operator: known ? input.name : null, address: who.address });
    if (!ok) {
      throttle.failed(keys(input.name));
      return json(res, 401, { error: 'wrong name or password' });
    }
    throttle.succeeded(keys(input.name));
    const id = sessions.start(input.name);
    return json(res, 200, { operator: input.name }, { 'set-cookie': sessionCookie(id, { secure: who.secure, maxAgeSeconds: sessions.maxAgeSeconds }) });
  };

  const signOut = async (req, res, who, id) => {
    await log?.write({ event: 'sign-out', operator: sessions.find(id), address: who.address });
    sessions.end(id);
    res.writeHead(204, { 'cache-control': 'no-store', 'set-cookie': sessionCookie(null, { secure: who.secure }) }).end();
  };

  const handle = async (req, res) => {
    const who = whoIs(req);
    // a plain static host has no policy of its own: what it serves (the consumer projects' builds) brings theirs
    if (!plain) for (const [name, value] of Object.entries(securityHeaders({ policy, secure: who.secure }))) res.setHeader(name, value);
    if (!who.origin || !hostAllowed(who.hostHeader, names)) {
      return text(res, 421, `this server answers to ${names.join(', ')} only (start it with --allowed-host NAME for another name)`);
    }
    const url = new URL(req.url, 'http://x');
    let path;
    try { path = decodeURIComponent(url.pathname); } catch { return text(res, 400, 'malformed path'); }
    const sessionId = parseCookies(req.headers.cookie).get(COOKIE) ?? null;
    const operator = sessions?.find(sessionId) ?? null;
    const caller = { origin: who.origin, token };
    if (proxy && url.pathname.startsWith(`${PROXY_PREFIX}/`)) {
      const why = refusal(req, caller);
      if (why) return text(res, 403, `refused: ${why}`);
      if (sessions && !operator) return text(res, 401, 'sign in first', { 'x-sign-in': 'required' });
      return proxy(req, res, url.pathname.slice(PROXY_PREFIX.length) + url.search, { operator, address: who.address });
    }
    if (sessions && path === '/session') {
      const why = refusal(req, caller);
      if (why) return text(res, 403, `refused: ${why}`);
      if (req.method === 'POST') return signIn(req, res, who);
      if (req.method === 'DELETE') return signOut(req, res, who, sessionId);
      return text(res, 405, 'POST signs in, DELETE signs out', { allow: 'POST, DELETE' });
    }
    if (!['GET', 'HEAD'].includes(req.method)) return text(res, 405, `${req.method} is not served here`, { allow: 'GET, HEAD' });
    if (path === '/config.json' && !plain) {
      const site = req.headers['sec-fetch-site'];
      if (site && !['same-origin', 'none'].includes(site)) return text(res, 403, `refused: Sec-Fetch-Site is ${site}`);
      const shared = sessions ? { signIn: true, operator } : {};
      const open = !sessions || operator;
      const defaults = open
        ? { ...config, clientIp: who.address, ...(proxy ? { proxy: `${PROXY_PREFIX.slice(1)}/` } : {}), apis: directApis, csrf: token, ...shared }
        : { ...(config?.language ? { language: config.language } : {}), apis: [], csrf: token, ...shared };
      return json(res, 200, defaults);
    }
    const [prefix, dir] = roots.find(([p]) => path.startsWith(p));
    const file = normalize(join(dir, path.slice(prefix.length) || 'index.html'));
    if (!file.startsWith(dir + sep) && file !== dir) return text(res, 403, 'outside the served folders');
    try {
      await sendFile(req, res, file, plain ? null : policyOf);
    } catch {
      text(res, 404, 'not found');
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (res.headersSent) res.destroy();
      else text(res, 500, `internal error: ${err.message}`);
    });
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  const shown = WILDCARDS.includes(host) ? (allowedHosts[0] ?? '127.0.0.1') : host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${server.address().port}/`,
    close: () => { server.closeAllConnections(); return new Promise((resolve) => server.close(resolve)); },
  };
}

/** A password typed at the terminal (not echoed), or the first line of stdin when it is not a terminal. */
async function readPassword(prompt) {
  if (!process.stdin.isTTY) {
    let input = '';
    for await (const chunk of process.stdin) input += chunk;
    return input.split('\n')[0].replace(/\r$/, '');
  }
  process.stderr.write(prompt);
  process.stdin.setRawMode(true);
  let typed = '';
  try {
    for await (const chunk of process.stdin) {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return typed;
        if (char === '\u0003') process.exit(130);
        typed = char === '\u007f' ? typed.slice(0, -1) : typed + char;
      }
    }
    return typed;
  } finally {
    process.stdin.setRawMode(false);
    process.stdin.pause();
    process.stderr.write('\n');
  }
}

async function main(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string' }, host: { type: 'string' }, upstream: { type: 'string' }, config: { type: 'string' },
      language: { type: 'string' }, 'allowed-host': { type: 'string', multiple: true }, api: { type: 'string', multiple: true },
      operators: { type: 'string' }, audit: { type: 'string' }, 'trust-proxy': { type: 'boolean' },
    },
  });
  if (positionals[0] === 'add-operator') {
    const name = positionals[1];
    if (!values.operators || !name) throw new Error('usage: node www/serve.mjs add-operator --operators FILE NAME');
    const password = await readPassword(`password for ${name} (at least ${MIN_PASSWORD} characters): `);
    if (process.stdin.isTTY && (await readPassword('again: ')) !== password) throw new Error('the two passwords differ');
    await addOperator(values.operators, name, password);
    console.log(`operator ${name} saved in ${values.operators}`);
    return;
  }
  if (positionals.length) throw new Error(`unknown command ${positionals[0]} (the one command is add-operator)`);
  const upstream = values.upstream ? { url: values.upstream, username: process.env.MINTED_USERNAME, password: process.env.MINTED_PASSWORD } : null;
  if (upstream && !(upstream.username && upstream.password)) throw new Error('--upstream needs MINTED_USERNAME and MINTED_PASSWORD in the environment');
  const config = { ...(values.config ? JSON.parse(values.config) : {}), ...(values.language ? { language: values.language } : {}) };
  const www = await startWww({
    port: Number(values.port ?? 0), host: values.host ?? '127.0.0.1', config, upstream, allowedHosts: values['allowed-host'] ?? [],
    apis: values.api ?? [], operators: values.operators ?? null, audit: values.audit ?? null, trustProxy: values['trust-proxy'] ?? false,
  });
  console.log(`admin panel ${www.url}${upstream ? `  (proxy mode: ${upstream.url} as ${upstream.username})` : ''}${values.operators ? '  (operators sign in)' : ''}`);
  const stop = () => www.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((err) => {
    console.error(err.message);
    process.exit(2);
  });
}
