// Who may talk to the panel's server, as pure functions of a request's headers (the table tests are in
// tests/js/panel-security-rules.test.mjs):
// - the Host allow-list: a page on an attacker's name that resolves to this machine (DNS rebinding) is
//   same-origin with the server in the browser's eyes; only the Host header tells it apart;
// - the caller check for the API and the sign-in: only the panel's own page may call them (Origin and
//   Sec-Fetch-Site, a JSON content type on any body, the anti-CSRF token the page got from config.json).
import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/** The names of this machine's loopback interface, always allowed in Host. */
export const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

/** The header carrying the anti-CSRF token on every API call and sign-in. */
export const CSRF_HEADER = 'x-csrf-token';

/** `127.0.0.0/8`, `::1` (and their IPv4-mapped forms), or the name `localhost`. */
export function isLoopback(address) {
  const bare = String(address ?? '').toLowerCase().replace(/^\[|\]$/g, '').replace(/^::ffff:/, '');
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

/** The host name of a Host header value (`Name.Example.:8080` → `name.example`, `[::1]:80` → `::1`); null if malformed. */
export function hostName(host) {
  const match = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9.-]+))(?::\d{1,5})?$/i.exec(String(host ?? '').trim());
  if (!match) return null;
  return (match[1] ?? match[2]).toLowerCase().replace(/\.$/, '');
}

/** Addresses that mean every interface: the server has no name of its own then. */
export const WILDCARDS = ['0.0.0.0', '::'];

/** The host names a server listening on `host` answers to: loopback, `host` itself, and each of `extra`. */
export function allowedNames(host, extra = []) {
  const own = WILDCARDS.includes(host) ? [] : [hostName(host.includes(':') ? `[${host}]` : host)];
  return [...new Set([...LOOPBACK_NAMES, ...own, ...extra.map((name) => hostName(name) ?? name.toLowerCase())])];
}

/** Whether a Host header names this server: one of `allowed` (host names, lower case), ports ignored. */
export function hostAllowed(host, allowed) {
  const name = hostName(host);
  return name !== null && allowed.includes(name);
}

/** `application/json`, with or without parameters (`; charset=utf-8`). */
export const isJson = (contentType) => /^application\/json\s*(;|$)/i.test(String(contentType ?? '').trim());

/** Compares two tokens in constant time. */
export function sameToken(given, expected) {
  const a = Buffer.from(String(given ?? ''));
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether a request has a body (a bodyless DELETE carries no content type). */
const hasBody = (headers) => headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;

/** Methods that only read: anything else changes something and must prove more. */
const READS = ['GET', 'HEAD'];

/**
 * Why a call to the API or the sign-in is refused, or null when it comes from the panel's own page. `origin` is
 * the panel's origin as the browser sees it (`http://127.0.0.1:8080`); `token` the anti-CSRF token of this start.
 * Browsers send Origin with every request that is not a GET or HEAD, and Sec-Fetch-Site with every request; a
 * no-cors fetch or a form can neither send a JSON content type nor a custom header, so they fail on those.
 */
export function refusal({ method, headers }, { origin, token }) {
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return `Sec-Fetch-Site is ${site}`;
  const from = headers.origin;
  const writes = !READS.includes(method);
  if (from !== undefined && from !== origin) return `Origin ${from} is not ${origin}`;
  if (writes && from === undefined) return 'a request that changes anything must carry Origin';
  if (writes && hasBody(headers) && !isJson(headers['content-type'])) return 'a request body must be application/json';
  if (!sameToken(headers[CSRF_HEADER], token)) return `no valid ${CSRF_HEADER}`;
  return null;
}
