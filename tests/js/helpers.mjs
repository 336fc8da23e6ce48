// Shared helpers for the Node suites: the sandbox (a process, or in this process), a throwaway HTTP server for canned
// answers, raw signed calls for the contract test, and the OpenAPI document.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { digestAuthorization, MintedClient } from 'minted-connect';
import { createSandbox } from 'minted-connect/sandbox';
import { root, startSandbox as startNative } from '../../scripts/sandbox-process.mjs';

export { root };

/** Where startSandbox() runs the sandbox: the native server (default), or `in-process` (createSandbox). */
export const SANDBOX_HOST = process.env.MINTED_SANDBOX_HOST === 'in-process' ? 'in-process' : 'native';

/**
 * A sandbox on the host SANDBOX_HOST names: `{ url, username, password, fetch?, stop }`. `fetch` is set for the
 * in-process host only (give it to the client and use it for /__sandbox calls); `args` are the native server's flags.
 */
export async function startSandbox(options = {}) {
  if (SANDBOX_HOST === 'native') return startNative(options);
  const sandbox = createSandbox(optionsFromFlags(options.args ?? []));
  const { username, password } = sandbox.credentials;
  return { url: sandbox.url, username, password, fetch: sandbox.fetch, admin: sandbox.admin, stop: async () => sandbox.close() };
}

/** `['--quote-ttl-secs', '1']` → `{ quoteTtlSecs: 1 }`. */
function optionsFromFlags(args) {
  const options = {};
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i].replace(/^--/, '').replace(/-(\w)/g, (_, c) => c.toUpperCase());
    options[name] = /^\d+$/.test(args[i + 1]) ? Number(args[i + 1]) : args[i + 1];
  }
  return options;
}

/** Path of the Partner API description (vendored in docs/spec/). */
export const OPENAPI_PATH = process.env.MINTED_OPENAPI || join(root, 'docs', 'spec', 'minted-connect-partner.openapi.yaml');

let openapi;
export function loadOpenApi() {
  openapi ??= parseYaml(readFileSync(OPENAPI_PATH, 'utf8'));
  return openapi;
}

/** A client for the given sandbox with its documented credentials. */
export function clientFor(sandbox, extra = {}) {
  return new MintedClient({ baseUrl: sandbox.url, username: sandbox.username, password: sandbox.password, language: 'en',
    ...(sandbox.fetch && { fetch: sandbox.fetch }), ...extra });
}

/** Traffic counters of a sandbox: { partner_requests, unauthorized }. */
export async function stats(sandbox) {
  return (await (sandbox.fetch ?? fetch)(`${sandbox.url}/__sandbox/stats`)).json();
}

/**
 * A real HTTP server on a free loopback port that answers every request with `respond(req, body)`'s
 * `{ status, headers, body }` and records what it received.
 */
export async function cannedServer(respond) {
  const requests = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method, url: req.url, headers: req.headers, body });
      const answer = respond(req, body) ?? {};
      res.writeHead(answer.status ?? 200, answer.headers ?? {});
      res.end(answer.body ?? '');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

let cnonceCounter = 0;

/** One signed request with plain fetch (challenge, then Digest via the package's digestAuthorization). */
export async function rawCall(sandbox, method, path, body, extraHeaders = {}) {
  const headers = { 'x-client-id': 'web', 'api-version': '2', 'Accept-Language': 'en', ...extraHeaders };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const init = { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
  const first = await fetch(sandbox.url + path, init);
  if (first.status !== 401) return first;
  await first.arrayBuffer();
  const challenge = first.headers.get('www-authenticate');
  const param = (name) => new RegExp(`${name}="?([^",]+)"?`).exec(challenge)?.[1];
  const authorization = digestAuthorization({
    username: sandbox.username, password: sandbox.password, realm: param('realm'), nonce: param('nonce'),
    uri: path, method, qop: 'auth', nc: 1, cnonce: `contract${++cnonceCounter}`, algorithm: param('algorithm') ?? 'MD5',
    opaque: param('opaque'),
  });
  return fetch(sandbox.url + path, { ...init, headers: { ...headers, Authorization: authorization } });
}

/** A unique, valid external id. */
export function uniqueId(prefix = 'test') {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
