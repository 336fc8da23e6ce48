// The admin panel's demo mode from a static host: www/ and pkg/ served as plain files (no config.json, no proxy, no
// sandbox process), the page opened with ?demo — or the connect page's button — runs against the sandbox created in
// the page (minted-connect/sandbox). Every request the page makes goes to the static host; the sandbox module is
// loaded only in demo mode. Screenshot: target/www-screenshots/demo-mode.png.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startWww } from '../../www/serve.mjs';
import { buyWithThreeDsCard, launch, shot } from './panel-kit.mjs';

let host;
let browser;
before(async () => {
  // www/ and pkg/ as plain files; the url without its trailing slash, as paths below start with one.
  const www = await startWww({ plain: true });
  host = { url: www.url.replace(/\/$/, ''), close: www.close };
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await host?.close();
});

/** A page in English that records every request and every error. */
async function open(path) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  await context.addInitScript(() => localStorage.setItem('minted-panel.language', 'en'));
  const page = await context.newPage();
  const requests = [];
  const problems = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    // config.json is absent on a static host: that 404 is expected.
    if (msg.type() === 'error' && !/status of 404/.test(msg.text())) problems.push(`console: ${msg.text()}`);
  });
  await page.goto(host.url + path);
  await page.locator('main h1').first().waitFor({ timeout: 15000 });
  return { page, requests, problems, close: () => context.close() };
}

describe('demo mode on a static host', () => {
  test('?demo: the dashboard, a customer and a 3-D Secure card buy, all in the page', async () => {
    const { page, requests, problems, close } = await open('/?demo#/');
    await page.locator('#partner-wallets .tiles').waitFor();
    assert.equal(await page.locator('#connection-state').textContent(), 'Demo · http://sandbox.minted.invalid · sandbox');
    await shot(page, 'demo-mode');

    await page.goto(`${host.url}/?demo#/customers/MTD0018232`);
    await page.locator('#profile-view', { hasText: 'Gülbilge' }).waitFor();

    await page.goto(`${host.url}/?demo#/trade?customer=MTD0018232`);
    await buyWithThreeDsCard(page);
    await page.locator('#three-ds-demo').waitFor(); // in place of the bank's link, which leads nowhere here
    await shot(page, 'demo-mode-3ds');
    await page.locator('#receipt-order-link').click();
    await page.locator('#order-status', { hasText: 'Pending' }).waitFor();
    await page.locator('#three-ds-demo').click();
    await page.locator('#three-ds-done').waitFor();
    await page.locator('#refresh-order').click();
    await page.locator('#order-detail', { hasText: /Payment statesuccess/ }).waitFor();

    const elsewhere = requests.filter((url) => !url.startsWith(host.url));
    assert.deepEqual(elsewhere, [], 'nothing but the static files was fetched');
    assert.ok(requests.some((url) => url.endsWith('/pkg/sandbox/minted_sandbox_bg.wasm')), 'the sandbox module was loaded');
    assert.deepEqual(problems, []);
    await close();
  });

  test('the connect page offers the demo; without it the sandbox module is never loaded', async () => {
    const { page, requests, problems, close } = await open('/#/connect');
    assert.equal(await page.locator('#connection-state').textContent(), 'Not connected');
    assert.ok(!requests.some((url) => url.includes('/pkg/sandbox/')), 'no sandbox download before demo mode');
    await page.getByRole('button', { name: 'Start the demo' }).click();
    await page.locator('#partner-wallets .tiles').waitFor();
    assert.match(await page.locator('#connection-state').textContent(), /^Demo · /);
    assert.deepEqual(problems, []);
    await close();
  });
});
