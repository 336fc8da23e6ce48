// The admin panel in headless Chromium: the page imports the web build (no bundler, no init call) and looks a
// customer and an order up from the sandbox across origins (Digest + CORS).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startWww } from '../../www/serve.mjs';
import { startSandbox } from './helpers.mjs';
import { flows } from './flows.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

let sandbox;
let shortQuotes;
let www;
let browser;
let profile;
before(async () => {
  assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM} (make test installs it with apt)`);
  sandbox = await startSandbox();
  shortQuotes = await startSandbox({ args: ['--quote-ttl-secs', '1'] });
  www = await startWww({
    config: { baseUrl: sandbox.url, username: sandbox.username, password: sandbox.password, language: 'en' },
    mounts: [['/tests/', join(import.meta.dirname, '.')]],
  });
  profile = mkdtempSync(join(tmpdir(), 'minted-chromium-'));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
});
after(async () => {
  await browser?.close();
  await www?.close();
  await sandbox?.stop();
  await shortQuotes?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('admin panel (www/)', () => {
  test('looks a customer up from the sandbox and shows the wallets', async () => {
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (err) => problems.push(err.message));
    // Chromium logs every non-2xx fetch; the 401 of the first Digest challenge is expected, anything else is not.
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !/status of 401/.test(msg.text())) problems.push(msg.text());
    });
    await page.goto(www.url);
    await page.waitForFunction(() => document.querySelector('#connection [name=baseUrl]').value !== '');
    await page.fill('#customer-lookup [name=id]', 'MTD0018232');
    await page.click('#customer-lookup button');
    const card = page.locator('#customer-card');
    await card.waitFor({ timeout: 10000 });
    assert.match(await card.textContent(), /Mehmet Gülbilge/);
    const currencies = await page.locator('#customer-card tbody td:nth-child(2)').allTextContents();
    assert.deepEqual(currencies, ['MAU', 'MAG', 'GBP']);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('shows an order by code, and a typed error for an unknown customer', async () => {
    const page = await browser.newPage();
    await page.goto(www.url);
    await page.waitForFunction(() => document.querySelector('#connection [name=baseUrl]').value !== '');
    await page.fill('#order-lookup [name=id]', 'ALS8HEVP');
    await page.click('#order-lookup button');
    await page.locator('#order-card').waitFor({ timeout: 10000 });
    assert.match(await page.locator('#order-card').textContent(), /Completed/);

    await page.fill('#customer-lookup [name=id]', 'nobody-here');
    await page.click('#customer-lookup button');
    const alert = page.locator('#customer-result [role=alert]');
    await alert.waitFor({ timeout: 10000 });
    assert.match(await alert.textContent(), /^api \(HTTP 404\): getCustomer: /);

    // Validation runs in the browser too: nothing is sent for an id of spaces.
    await page.fill('#customer-lookup [name=id]', '   ');
    await page.evaluate(() => document.querySelector('#customer-lookup').requestSubmit());
    await page.locator('#customer-result [role=alert]').waitFor();
    assert.match(await page.locator('#customer-result').textContent(), /validation/);
    await page.close();
  });
});

describe('main flows in Chromium (web build, cross-origin to the sandbox)', () => {
  let page;
  before(async () => {
    page = await browser.newPage();
    await page.goto(www.url);
  });
  after(() => page?.close());

  const run = (name, sandboxUrl) => page.evaluate(async ({ name, sandboxUrl, credentials }) => {
    const sdk = await import('/pkg/browser.js');
    const { flows, expiredQuoteRefusedLocally } = await import('/tests/flows.mjs');
    const config = { baseUrl: sandboxUrl, ...credentials, language: 'en' };
    const client = new sdk.MintedClient(config);
    const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    try {
      if (name === 'expiredQuoteRefusedLocally') await expiredQuoteRefusedLocally(client, { sandboxUrl, wait });
      else await flows[name](client, { MintedClient: sdk.MintedClient, config, sandboxUrl });
      return 'ok';
    } catch (err) {
      return `${err.name}: ${err.message}`;
    }
  }, { name, sandboxUrl, credentials: { username: sandbox.username, password: sandbox.password } });

  for (const name of Object.keys(flows)) {
    test(name, async () => assert.equal(await run(name, sandbox.url), 'ok'));
  }
  test('expiredQuoteRefusedLocally', async () => assert.equal(await run('expiredQuoteRefusedLocally', shortQuotes.url), 'ok'));
});
