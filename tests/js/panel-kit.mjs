// What the admin panel suites share: Chromium, pages that record console problems and Content-Security-Policy
// violations, screenshots saved as test artifacts (target/www-screenshots/, git-ignored), keyboard-only focus moves,
// the panel servers, and calls made the way the panel's page makes them (its origin, its anti-CSRF token).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startWww } from '../../www/serve.mjs';
import { root } from './helpers.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// Every name under .example resolves to 127.0.0.1, so a test can play a foreign site, or a DNS-rebinding attacker
// whose name points at the panel's server.
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--host-resolver-rules=MAP *.example 127.0.0.1'];
export const SHOTS = join(root, 'target', 'www-screenshots');

export async function launch() {
  assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM} (make test installs it with apt)`);
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

/** A panel served in direct mode against `sandbox` (credentials handed to the page by config.json, as tests do). */
export const directPanel = (sandbox, extra = {}) => startWww({
  config: { baseUrl: sandbox.url, username: sandbox.username, password: sandbox.password, language: 'en', priceRefreshSeconds: 1, ...extra },
});

/** A panel in proxy mode: the page gets no credentials, the server adds them. */
export const proxyPanel = (sandbox) => startWww({
  config: { language: 'en', priceRefreshSeconds: 1 },
  upstream: { url: sandbox.url, username: sandbox.username, password: sandbox.password },
});

/**
 * A fresh browser context (its own storage) and page. `problems` collects uncaught errors and console errors;
 * Chromium logs every non-2xx fetch, and the 401 of the Digest challenge (plus the 404/422 answers a test asks
 * for on purpose, when `expectStatus` lists them) are expected.
 */
export async function openPage(browser, url, { viewport = { width: 1200, height: 900 }, expectStatus = [] } = {}) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  // a violation of the page's Content-Security-Policy is a problem, whether or not Chromium logs it
  await context.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => {
    console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} in ${e.sourceFile}:${e.lineNumber}`);
  }));
  const allowed = new RegExp(`status of (${[401, ...expectStatus].join('|')})\\b`);
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !allowed.test(msg.text())) problems.push(`console: ${msg.text()}`);
  });
  await page.goto(url);
  await page.locator('main h1').first().waitFor({ timeout: 15000 });
  return { page, problems, close: () => context.close() };
}

export async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Presses Tab (at most `limit` times) until the element matching `selector` has the focus. */
export async function tabTo(page, selector, limit = 80) {
  for (let i = 0; i < limit; i += 1) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${selector}`);
}

/** Chooses "New card" in the order form `form` and types a card into it; returns the card's fieldset. */
export async function payByNewCard(form, { holder, number, expiry, cvv }) {
  await form.getByLabel('New card').check();
  const card = form.locator('fieldset[id^=new-card]');
  await card.getByLabel('Card holder', { exact: true }).fill(holder);
  await card.getByLabel('Card number').fill(number);
  await card.getByLabel('Expiry (MM/YY)').fill(expiry);
  await card.getByLabel('CVV').fill(cvv);
  return card;
}

/** On #/trade for a customer: fixes GBP prices and places a 0.1 g gold buy with the 3-D Secure test card. */
export async function buyWithThreeDsCard(page) {
  await page.getByLabel('Currency').selectOption('GBP');
  await page.getByRole('button', { name: 'Fix prices' }).click();
  const order = page.locator('#order-form');
  await order.getByLabel('Amount (g)').fill('0.1');
  await payByNewCard(order, { holder: 'MEHMET GULBILGE', number: '4000 0000 0000 3220', expiry: '11/29', cvv: '999' });
  await order.locator('.installments').waitFor();
  await order.getByRole('button', { name: 'Place order' }).click();
}

/** The text of the message shown next to the control named `name` inside `scope`. */
export const messageOf = (scope, name) => scope.locator(`[data-field="${name}"] > .msg`).first();

export async function sandboxCounters(sandbox) {
  return (await fetch(`${sandbox.url}/__sandbox/stats`)).json();
}

/** The panel's anti-CSRF token, read where the page reads it. */
export async function panelToken(www) {
  return (await (await fetch(`${www.url}config.json`)).json()).csrf;
}

/**
 * One HTTP request to a panel server with exactly the given headers (Host included: fetch cannot set it), as
 * { status, headers, body }.
 */
export function raw(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    // Node frames a DELETE body only when told its length
    const length = body === undefined || Object.keys(headers).some((h) => h.toLowerCase() === 'content-length') ? {} : { 'content-length': Buffer.byteLength(body) };
    const req = request(url, { method, headers: { ...headers, ...length }, setHost: !Object.keys(headers).some((h) => h.toLowerCase() === 'host') }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The headers the panel's page sends with an API call: its origin, JSON, the token (and the SDK's own). */
export const pageHeaders = (www, token) => ({
  origin: new URL(www.url).origin, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json', 'x-csrf-token': token,
  'x-client-id': 'web', 'api-version': '2', 'accept-language': 'en',
});
