// The connection: one MintedClient per connection, so the Digest nonce of the first call is reused by every later
// one (one round trip per call). Credentials live only in this module's memory, never in storage or the DOM after
// connecting; proxy mode has none at all (the panel's server adds them; the page sends its anti-CSRF token). Demo
// mode connects to a sandbox running in this page (minted-connect/sandbox, loaded only then): no server at all.
import { MintedClient, MintedError } from 'minted-connect';
import { language, t } from './i18n.js';

/**
 * Defaults from the panel's server (config.json): the operator's address for card payments, the price refresh, the
 * proxy's path, the APIs direct mode may call, the anti-CSRF token, whether operators sign in and who did.
 */
const DEFAULTS = { clientIp: '', priceRefreshSeconds: 10, proxy: null, apis: null, csrf: null, signIn: false, operator: null };
export const settings = { ...DEFAULTS };

let onSignedOut = () => {};
/** `handler` runs when the server says the operator's session has ended. */
export const whenSignedOut = (handler) => { onSignedOut = handler; };

/** fetch for the panel's own server: with the anti-CSRF token; a 401 asking for sign-in ends the session here too. */
export async function panelFetch(url, init = {}) {
  const response = await fetch(url, { ...init, headers: { ...init.headers, 'x-csrf-token': settings.csrf ?? '' } });
  if (response.status === 401 && response.headers.get('x-sign-in') === 'required' && settings.operator) {
    settings.operator = null;
    disconnect();
    queueMicrotask(() => onSignedOut());
  }
  return response;
}

/** Reads the server's defaults into `settings` and returns them (none from a static host). */
export async function loadSettings() {
  const config = await fetch('config.json', { cache: 'no-store' }).then((r) => (r.ok ? r.json() : {}), () => ({}));
  for (const key of Object.keys(DEFAULTS)) settings[key] = config[key] ?? DEFAULTS[key];
  return config;
}

let current = null; // { mode: 'direct' | 'proxy' | 'demo', baseUrl, username?, password?, fetch? }
let demo = null; // the in-page sandbox, once demo mode was chosen
let client = null;
let statuses = [];
let legal = new Map(); // language → legal texts, fetched once

function build() {
  const { mode, baseUrl, username, password, fetch } = current;
  const through = mode === 'proxy' ? panelFetch : fetch;
  return new MintedClient({ baseUrl, username: username || undefined, password: password || undefined, language: language(), ...(through && { fetch: through }) });
}

/** The client of the current connection; a `config` MintedError when there is none. */
export function api() {
  if (!client) throw new MintedError(t('connect.required'), { kind: 'config', field: 'baseUrl' });
  return client;
}

export const isConnected = () => client !== null;

/** What may be shown about the connection: never the password. */
export const connection = () => (current ? { mode: current.mode, baseUrl: current.baseUrl, username: current.username || null } : null);

/** The order statuses the API knows (read when connecting; it also checks the credentials and primes the nonce). */
export const orderStatuses = () => statuses;

/**
 * Connects: builds the client and makes one call with it (`getOrderStatuses`), so bad credentials or an
 * unreachable server show at once. The previous connection stays in place when this one fails.
 */
export async function connect(next) {
  const previous = current;
  current = next;
  try {
    const candidate = build();
    statuses = await candidate.getOrderStatuses();
    client = candidate;
    legal = new Map();
  } catch (err) {
    current = previous;
    throw err;
  }
}

/** Demo mode: connects to a sandbox created in this page (the same one for the whole visit). */
export async function connectDemo() {
  if (!demo) {
    const { createSandbox } = await import('minted-connect/sandbox');
    demo = createSandbox();
  }
  await connect({ mode: 'demo', baseUrl: demo.url, ...demo.credentials, fetch: demo.fetch });
  // Card payments name the card holder's address; a static host has no server to tell it (a documentation address).
  settings.clientIp ||= '192.0.2.10';
}

/** The in-page sandbox while in demo mode (its admin API stands in for the bank's 3-D Secure page), else null. */
export const demoSandbox = () => (current?.mode === 'demo' ? demo : null);

export function disconnect() {
  current = null;
  client = null;
  statuses = [];
}

/** The language changed: the same connection with a client that speaks it (messages and Accept-Language). */
export function relanguage() {
  if (current) client = build();
}

/** The partner's legal texts in the current language, fetched once per connection and language. */
export async function legalTexts() {
  const lang = language();
  if (!legal.has(lang)) legal.set(lang, await api().getPartnerLegal());
  return legal.get(lang);
}

/** Shows the current route again (after connecting or disconnecting). */
export const rerender = () => window.dispatchEvent(new HashChangeEvent('hashchange'));
