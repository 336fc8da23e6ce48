// The panel's defences proved where they matter, in Chromium: a page of another site (evil.example, resolved to
// 127.0.0.1) tries to read and write through the proxy (no-cors POST, form POST, fetch with custom headers, a
// script tag) and to frame the panel; a DNS-rebinding name points at the panel's server; a shared panel asks its
// operators to sign in. The sandbox's counter says whether anything reached the API. The panel's own pages run
// under its Content-Security-Policy with no violation (openPage reports any as a problem).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWww } from '../../www/serve.mjs';
import { addOperator } from '../../www/server/operators.mjs';
import { cannedServer, startSandbox } from './helpers.mjs';
import { launch, openPage, proxyPanel, sandboxCounters, shot } from './panel-kit.mjs';

let sandbox;
let www;
let evil;
let browser;
before(async () => {
  sandbox = await startSandbox();
  www = await proxyPanel(sandbox);
  evil = await cannedServer(() => ({ headers: { 'content-type': 'text/html' }, body: '<!doctype html><title>another site</title><h1>another site</h1>' }));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await www?.close();
  await evil?.close();
  await sandbox?.stop();
});

const forwarded = async (attempt) => {
  const before = (await sandboxCounters(sandbox)).partner_requests;
  const result = await attempt();
  return { result, forwarded: (await sandboxCounters(sandbox)).partner_requests - before };
};

describe('another site', () => {
  let context;
  let page;
  const messages = [];
  before(async () => {
    context = await browser.newContext();
    page = await context.newPage();
    page.on('console', (msg) => messages.push(msg.text()));
    await page.goto(`http://evil.example:${new URL(evil.url).port}/`);
  });
  after(() => context?.close());

  test('cannot write through the proxy: no-cors POST, cross-origin fetch with custom headers', async () => {
    const { result, forwarded: count } = await forwarded(() => page.evaluate(async (api) => {
      const body = JSON.stringify({ external_id: 'evil-0001', firstname: 'Eve', lastname: 'Attacker', email: 'eve@example.com', phone: '+905321112233', gender: 'F' });
      const noCors = await fetch(`${api}partner/customer`, { method: 'POST', mode: 'no-cors', body }).then((r) => r.type, (e) => e.name);
      const cors = await fetch(`${api}partner/customer`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-client-id': 'web', 'x-csrf-token': 'guessed' } })
        .then((r) => r.status, (e) => e.name);
      return { noCors, cors };
    }, `${www.url}api/`));
    // the no-cors POST reaches the panel's server, is refused there (403) and, being cross-origin, is not even handed
    // back opaque (Cross-Origin-Resource-Policy); the preflight of the other is refused, so its POST is never sent
    assert.deepEqual(result, { noCors: 'TypeError', cors: 'TypeError' });
    assert.equal(count, 0);
  });

  test('cannot read through the proxy: a cross-origin fetch, a no-cors fetch, a script tag', async () => {
    const { result, forwarded: count } = await forwarded(() => page.evaluate(async (api) => {
      const read = await fetch(`${api}partner/customer/MTD0018232`).then((r) => r.status, (e) => e.name);
      const opaque = await fetch(`${api}partner/customer/MTD0018232`, { mode: 'no-cors' }).then((r) => r.type, (e) => e.name);
      const script = await new Promise((resolve) => {
        const tag = Object.assign(document.createElement('script'), { src: `${api}partner/customer/MTD0018232` });
        tag.onload = () => resolve('loaded');
        tag.onerror = () => resolve('error');
        document.head.append(tag);
      });
      return { read, opaque, script };
    }, `${www.url}api/`));
    assert.deepEqual(result, { read: 'TypeError', opaque: 'TypeError', script: 'error' });
    assert.equal(count, 0);
  });

  test('cannot write with a form POST', async () => {
    const { result, forwarded: count } = await forwarded(async () => {
      const answer = page.waitForResponse((r) => r.url().startsWith(www.url));
      await page.evaluate((action) => {
        const form = Object.assign(document.createElement('form'), { method: 'POST', action, enctype: 'text/plain' });
        form.append(Object.assign(document.createElement('input'), { name: '{"external_id":"evil-0002","x":"', value: '"}' }));
        document.body.append(form);
        form.submit();
      }, `${www.url}api/partner/customer`);
      const response = await answer;
      await page.waitForLoadState();
      await shot(page, 'security-form-post');
      return { status: response.status(), text: await page.locator('body').textContent() };
    });
    assert.equal(result.status, 403);
    assert.match(result.text, /refused: Sec-Fetch-Site is cross-site/);
    assert.equal(count, 0);
    await page.goto(`http://evil.example:${new URL(evil.url).port}/`);
  });

  test('cannot frame the panel', async () => {
    await page.evaluate((src) => {
      document.body.append(Object.assign(document.createElement('iframe'), { src, id: 'panel', width: 600, height: 300 }));
    }, www.url);
    await page.waitForFunction(() => document.querySelector('#panel'));
    const refused = () => messages.some((m) => m.startsWith(`Framing '${www.url}' violates`) && m.includes("\"frame-ancestors 'none'\". The request has been blocked."));
    for (let i = 0; i < 100 && !refused(); i += 1) await page.waitForTimeout(50);
    await shot(page, 'security-iframe');
    assert.ok(refused(), messages.join('\n'));
    const frame = page.frames().find((f) => f !== page.mainFrame());
    assert.ok(!frame || !frame.url().startsWith(www.url) || (await frame.locator('main h1').count()) === 0, 'the panel did not render in the frame');
  });
});

test('a DNS-rebinding name pointing at the panel\'s server is refused: page, config.json and API', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    const origin = `http://rebind.example:${new URL(www.url).port}`;
    const { result, forwarded: count } = await forwarded(async () => {
      const response = await page.goto(`${origin}/`);
      await shot(page, 'security-rebinding');
      // same-origin now, in the browser's eyes: the attacker's script reads config.json and calls the API
      const calls = await page.evaluate(async () => ({
        config: (await fetch('/config.json')).status,
        api: (await fetch('/api/partner/customer/MTD0018232', { headers: { 'x-csrf-token': 'x' } })).status,
      }));
      return { page: response.status(), ...calls, text: await page.locator('body').textContent() };
    });
    assert.deepEqual({ page: result.page, config: result.config, api: result.api }, { page: 421, config: 421, api: 421 });
    assert.match(result.text, /this server answers to localhost, 127\.0\.0\.1, ::1 only/);
    assert.equal(count, 0);
  } finally {
    await context.close();
  }
});

describe('the panel under its policy', () => {
  test('every page in proxy mode, with no violation; an injected inline script is blocked and reported', async () => {
    const { page, problems, close } = await openPage(browser, `${www.url}#/`);
    const csp = (await page.request.get(www.url)).headers()['content-security-policy'];
    assert.match(csp, /^default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-[^']+'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'$/);
    await page.locator('#partner-wallets .tiles').waitFor();
    for (const [route, ready] of [['#/customers/MTD0018232', '#profile-view'], ['#/trade?customer=MTD0018232', '#pricefix-form'], ['#/orders', '#orders-table'],
      ['#/orders/HYAQA01714rqz', '#order-detail'], ['#/delivery?customer=MTD0018232', '#delivery-owner'], ['#/customers', '#create-individual'], ['#/connect', '#connected-as']]) {
      await page.goto(`${www.url}${route}`);
      await page.locator(ready).first().waitFor();
    }
    await page.getByRole('link', { name: 'Trade' }).click();
    await page.locator('#pricefix-form').getByLabel('Customer external id').fill('MTD0018232');
    await page.getByRole('button', { name: 'Fix prices' }).click();
    await page.locator('#order-form').waitFor();
    await shot(page, 'security-proxy-trade');
    assert.deepEqual(problems, [], 'no CSP violation, no error');
    await page.evaluate(() => document.body.append(Object.assign(document.createElement('script'), { textContent: 'window.injected = true' })));
    await page.waitForFunction(() => true);
    for (let i = 0; i < 40 && !problems.length; i += 1) await page.waitForTimeout(25);
    assert.equal(await page.evaluate(() => window.injected ?? false), false);
    assert.match(problems.join('\n'), /CSP violation: script-src-elem blocked inline/);
    await close();
  });
});

describe('a shared panel (operators sign in)', () => {
  let dir;
  let shared;
  let now = Date.now();
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'minted-shared-ui-'));
    await addOperator(join(dir, 'operators'), 'ayse', 'ayse-long-password');
    shared = await startWww({ config: { language: 'en', priceRefreshSeconds: 1 }, operators: join(dir, 'operators'), now: () => now,
      upstream: { url: sandbox.url, username: sandbox.username, password: sandbox.password } });
  });
  after(async () => {
    await shared?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('401 before sign-in, works after, expiry and sign-out end it', async () => {
    const { page, problems, close } = await openPage(browser, `${shared.url}#/customers/MTD0018232`, { expectStatus: [429] });
    await page.locator('main h1', { hasText: 'Sign in' }).waitFor();
    const apiStatus = () => page.evaluate(async () => {
      const { csrf } = await (await fetch('config.json')).json();
      return (await fetch('api/partner/balance', { headers: { 'x-csrf-token': csrf, 'x-client-id': 'web', 'api-version': '2' } })).status;
    });
    assert.equal(await apiStatus(), 401);
    const form = page.locator('#sign-in-form');
    await form.getByLabel('Operator').fill('ayse');
    await form.getByLabel('Password').fill('not-her-password');
    await form.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#sign-in-result [role=alert]', { hasText: 'Wrong name or password.' }).waitFor();
    await shot(page, 'security-sign-in-refused');
    await form.getByLabel('Password').fill('ayse-long-password');
    await form.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#sign-in-result [role=alert]', { hasText: /Too many failed sign-ins: try again in 1 s\./ }).waitFor();
    now += 1000; // the server's clock: the delay after one failure has passed
    await form.getByLabel('Password').fill('ayse-long-password');
    await form.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#profile-view').waitFor();
    assert.equal(await page.locator('#operator').textContent(), 'ayse');
    assert.equal(await apiStatus(), 200);
    assert.equal(await page.evaluate(() => document.cookie.includes('panel_session')), false, 'the session cookie is HttpOnly');
    const [cookie] = await page.context().cookies();
    assert.deepEqual([cookie.name, cookie.httpOnly, cookie.sameSite, cookie.secure], ['panel_session', true, 'Strict', false]);
    await shot(page, 'security-signed-in');
    now += 31 * 60_000; // half an hour without a request: the server ends the session, the page notices at its next call
    await page.getByRole('link', { name: 'Orders', exact: true }).click();
    await page.locator('main h1', { hasText: 'Sign in' }).waitFor();
    assert.equal(await page.locator('#operator').count(), 0);
    await form.getByLabel('Operator').fill('ayse');
    await form.getByLabel('Password').fill('ayse-long-password');
    await form.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#orders-table').waitFor();
    await page.locator('#sign-out').click();
    await page.locator('main h1', { hasText: 'Sign in' }).waitFor();
    assert.equal(await apiStatus(), 401);
    assert.deepEqual(await page.context().cookies(), [], 'the cookie is gone');
    await shot(page, 'security-signed-out');
    assert.deepEqual(problems, []);
    await close();
  });
});
