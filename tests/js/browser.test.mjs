// The SDK's main flows in headless Chromium: a page served by www/serve.mjs imports the package by its name through
// the panel's import map (no bundler, no init call) and runs tests/js/flows.mjs against the sandbox across origins
// (Digest + CORS), then the same flows against the in-process sandbox created in the page ('minted-connect/sandbox',
// its browser entry, through the same import map). The admin panel itself is tested in panel*.test.mjs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startWww } from '../../www/serve.mjs';
import { startSandbox } from './helpers.mjs';
import { flows } from './flows.mjs';
import { launch } from './panel-kit.mjs';

let sandbox;
let shortQuotes;
let www;
let browser;
before(async () => {
  sandbox = await startSandbox();
  shortQuotes = await startSandbox({ args: ['--quote-ttl-secs', '1'] });
  // no config: the panel waits on its connect page and makes no calls of its own
  // the panel's Content-Security-Policy lets the page call the sandboxes (`apis`)
  www = await startWww({ mounts: [['/tests/', join(import.meta.dirname, '.')]], apis: [sandbox.url, shortQuotes.url] });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await www?.close();
  await sandbox?.stop();
  await shortQuotes?.stop();
});

describe('main flows in Chromium (web build, cross-origin to the sandbox)', () => {
  let page;
  before(async () => {
    page = await browser.newPage();
    await page.goto(www.url);
  });
  after(() => page?.close());

  const run = (name, sandboxUrl) => page.evaluate(async ({ name, sandboxUrl, credentials }) => {
    const sdk = await import('minted-connect'); // resolved by the page's import map
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

  test('identifies itself with x-minted-sdk (browsers forbid setting User-Agent); withResponse gives the request id', async () => {
    const seen = [];
    const listener = (request) => {
      if (request.url().startsWith(sandbox.url) && request.method() !== 'OPTIONS') seen.push(request.headers());
    };
    page.on('request', listener);
    const answer = await page.evaluate(async ({ sandboxUrl, credentials }) => {
      const sdk = await import('minted-connect');
      const client = new sdk.MintedClient({ baseUrl: sandboxUrl, ...credentials, appName: 'panel-test/1' });
      const { status, requestId, data } = await client.getCustomer('MTD0018232', { withResponse: true });
      return { status, requestId, id: data.external_id };
    }, { sandboxUrl: sandbox.url, credentials: { username: sandbox.username, password: sandbox.password } });
    page.off('request', listener);
    assert.equal(answer.status, 200);
    assert.equal(answer.id, 'MTD0018232');
    assert.match(answer.requestId, /^[0-9a-f-]{36}$/, 'the sandbox exposes x-request-id to the page');
    assert.ok(seen.length >= 2, 'the challenge and the signed request');
    for (const headers of seen) {
      assert.match(headers['x-minted-sdk'], /^minted-connect\/\d+\.\d+\.\d+\S* \(browser\) panel-test\/1$/);
      assert.doesNotMatch(headers['user-agent'] ?? '', /minted-connect/);
    }
  });
});

describe('main flows in Chromium against the in-process sandbox (createSandbox in the page, no server)', () => {
  let page;
  before(async () => {
    page = await browser.newPage();
    await page.goto(www.url);
  });
  after(() => page?.close());

  const run = (name) => page.evaluate(async ({ name }) => {
    const sdk = await import('minted-connect');
    const { createSandbox } = await import('minted-connect/sandbox');
    const { flows, expiredQuoteRefusedLocally } = await import('/tests/flows.mjs');
    const short = name === 'expiredQuoteRefusedLocally';
    globalThis.sandboxes ??= { main: createSandbox(), short: createSandbox({ quoteTtlSecs: 1 }) };
    const sandbox = short ? globalThis.sandboxes.short : globalThis.sandboxes.main;
    const config = { baseUrl: sandbox.url, ...sandbox.credentials, fetch: sandbox.fetch, language: 'en' };
    const client = new sdk.MintedClient(config);
    const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    try {
      if (short) await expiredQuoteRefusedLocally(client, { sandboxUrl: sandbox.url, wait, fetch: sandbox.fetch });
      else await flows[name](client, { MintedClient: sdk.MintedClient, config, sandboxUrl: sandbox.url });
      return 'ok';
    } catch (err) {
      return `${err.name}: ${err.message}`;
    }
  }, { name });

  for (const name of [...Object.keys(flows), 'expiredQuoteRefusedLocally']) {
    test(name, async () => assert.equal(await run(name), 'ok'));
  }
  test('no request left the page', async () => {
    const requests = [];
    page.on('request', (request) => requests.push(request.url()));
    assert.equal(await run('buyFromAmount'), 'ok');
    assert.deepEqual(requests, []);
  });
});
