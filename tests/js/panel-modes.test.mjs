// The admin panel's ways in: proxy mode (no credentials in the page), the connect form (only the APIs the server's
// policy allows), one client per connection, deep links, the orders list (filters in the link, sorting, paging,
// CSV), a 375 px wide screen, and the one line that ties the page to the package.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startWww } from '../../www/serve.mjs';
import { root, startSandbox } from './helpers.mjs';
import { directPanel, launch, messageOf, openPage, pageHeaders, panelToken, proxyPanel, raw, sandboxCounters, shot } from './panel-kit.mjs';

let sandbox;
let proxied;
let www;
let wwwProxy;
let wwwBare;
let browser;

before(async () => {
  [sandbox, proxied] = await Promise.all([startSandbox(), startSandbox()]);
  [www, wwwProxy, wwwBare] = await Promise.all([directPanel(sandbox), proxyPanel(proxied), startWww({ apis: [sandbox.url] })]);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await Promise.all([www?.close(), wwwProxy?.close(), wwwBare?.close()]);
  await Promise.all([sandbox?.stop(), proxied?.stop()]);
});

const waitIdle = (page) => page.waitForFunction(() => !document.querySelector('[aria-busy=true]') && !/Loading/.test(document.querySelector('main').textContent));

describe('connecting', () => {
  test('the import map names the package\'s browser entry', () => {
    const html = readFileSync(join(root, 'www', 'index.html'), 'utf8');
    const map = JSON.parse(/<script type="importmap">(.*?)<\/script>/s.exec(html)[1]);
    const pkg = JSON.parse(readFileSync(join(root, 'pkg', 'package.json'), 'utf8'));
    const entry = pkg.exports['.'].import.browser.production.replace(/^\.\//, './pkg/');
    assert.equal(map.imports['minted-connect'], entry, 'update the import map in www/index.html when the package moves its browser entry');
    // minted-connect/sandbox is the package in pkg/sandbox/ (minted-connect-sandbox), which the client's re-exports.
    const sandbox = JSON.parse(readFileSync(join(root, 'pkg', 'sandbox', 'package.json'), 'utf8'));
    const sandboxEntry = sandbox.exports['.'].import.browser.production.replace(/^\.\//, './pkg/sandbox/');
    assert.equal(map.imports['minted-connect/sandbox'], sandboxEntry, 'and its sandbox entry');
  });

  test('proxy mode: the page holds no credentials, and the proxy reuses its Digest nonces', async () => {
    const { page, problems, close } = await openPage(browser, `${wwwProxy.url}#/`);
    const requests = [];
    page.on('request', (r) => requests.push({ url: r.url(), headers: r.headers() }));
    await page.locator('#partner-wallets .tiles').waitFor();
    assert.match(await page.locator('#connection-state').textContent(), /^Proxy · http:\/\/127\.0\.0\.1:\d+\/api$/);
    await page.goto(`${wwwProxy.url}#/customers/MTD0018232`);
    await page.locator('#profile-view').waitFor();
    await page.goto(`${wwwProxy.url}#/orders?status=Completed`);
    await page.locator('#orders-table').waitFor();
    await page.goto(`${wwwProxy.url}#/connect`);
    await page.locator('#connected-as').waitFor();
    await shot(page, 'connect-proxy');
    assert.ok(requests.length >= 5, `${requests.length} requests`);
    assert.deepEqual(requests.filter((r) => !r.url.startsWith(wwwProxy.url)), [], 'the page talks to its own origin only');
    assert.deepEqual(requests.filter((r) => r.headers.authorization), [], 'no Authorization header leaves the page');
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }) + document.documentElement.outerHTML);
    assert.ok(!stored.includes(proxied.password), 'the password is nowhere in the page or its storage');
    // one nonce per call in flight at the same time (the pages make at most 3 at once), then reused: visiting the
    // pages again costs no challenge at all
    const warm = await sandboxCounters(proxied);
    assert.ok(warm.unauthorized >= 1 && warm.unauthorized <= 4, `${warm.unauthorized} challenges`);
    for (const route of ['#/', '#/customers/MTD0018232', '#/orders']) {
      await page.goto(`${wwwProxy.url}${route}`);
      await waitIdle(page);
    }
    const again = await sandboxCounters(proxied);
    assert.ok(again.partner_requests > warm.partner_requests + 5);
    assert.equal(again.unauthorized, warm.unauthorized, 'no new challenge once the nonces exist');
    assert.equal((await raw(`${wwwProxy.url}api/__sandbox/state`, { headers: pageHeaders(wwwProxy, await panelToken(wwwProxy)) })).status, 404,
      'only the API\'s operations pass the proxy');
    assert.deepEqual(problems, []);
    await close();
  });

  test('direct mode: the connect form checks the URL as it is typed, refuses a wrong password, then opens the deep link', async () => {
    const { page, problems, close } = await openPage(browser, `${wwwBare.url}#/orders/ALS8HEVP`);
    await page.locator('.notice', { hasText: 'Önce bağlanın' }).waitFor(); // no server default: the API's own, Turkish
    await page.selectOption('#language', 'en');
    await page.locator('.notice', { hasText: 'Connect first' }).waitFor();
    const form = page.locator('#connect-form');
    await form.getByLabel('API base URL').fill('not a url');
    assert.match(await messageOf(form, 'baseUrl').textContent(), /baseUrl/);
    await form.getByLabel('API base URL').fill('https://api.other.example');
    assert.equal(await messageOf(form, 'baseUrl').textContent(),
      `This panel's server lets direct mode call ${new URL(sandbox.url).origin} only (start it with --api URL for another API).`);
    await form.getByLabel('API base URL').fill(sandbox.url);
    assert.equal(await messageOf(form, 'baseUrl').textContent(), '');
    await form.getByLabel('Username').fill(sandbox.username);
    await form.getByLabel('Password').fill('wrong-password');
    await form.getByRole('button', { name: 'Connect' }).click();
    await page.locator('#connect-result [role=alert]', { hasText: /Authentication refused \(auth\)/ }).waitFor();
    await shot(page, 'connect');
    await form.getByLabel('Password').fill(sandbox.password);
    await form.getByRole('button', { name: 'Connect' }).click();
    await page.locator('#order-code', { hasText: 'ALS8HEVP' }).waitFor();
    assert.match(await page.locator('#connection-state').textContent(), new RegExp(`^Direct · ${sandbox.url} · sandbox$`));
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }) + document.documentElement.outerHTML);
    assert.ok(!stored.includes(sandbox.password), 'the password is kept in memory only');
    assert.deepEqual(problems, []);
    await close();
  });

  test('one client per connection: the nonce is reused, a second visit of the pages costs no challenge', async () => {
    const { page, problems, close } = await openPage(browser, `${www.url}#/`);
    await page.locator('#partner-wallets .tiles').waitFor();
    const visit = async () => {
      for (const route of ['#/', '#/customers/MTD0018232', '#/orders', '#/delivery?customer=MTD0018232']) {
        await page.goto(`${www.url}${route}`);
        await waitIdle(page);
      }
    };
    await visit();
    const warm = await sandboxCounters(sandbox);
    await visit();
    const again = await sandboxCounters(sandbox);
    assert.ok(again.partner_requests - warm.partner_requests >= 8, `${again.partner_requests - warm.partner_requests} calls`);
    assert.equal(again.unauthorized, warm.unauthorized);
    assert.deepEqual(problems, []);
    await close();
  });
});

describe('pages', () => {
  test('deep links load directly', async () => {
    const { page, problems, close } = await openPage(browser, `${www.url}#/orders/HYAQA01714rqz`);
    await page.locator('#order-detail').waitFor();
    assert.match(await page.locator('#order-detail').textContent(), /404809\*{6}7528/);
    assert.ok(!(await page.content()).includes('mLPKxKnNbj0AYMcEMAd5e72z'), 'the payment token the API echoes is not shown');
    await shot(page, 'order-card-payment');
    const links = [
      ['#/orders/ALS8HEVP', '#order-code', 'ALS8HEVP'],
      ['#/orders/1699255128879-05ee3052-47fe-4747-adff-2cde45d8d9ec', '#order-code', 'ALS8HEVP'],
      ['#/customers/MTD0018232', 'main h1', 'Mehmet Gülbilge'],
      ['#/orders?status=Completed&customer_external_id=MTD0018232', '#orders-table tbody', 'MTD0018232'],
      ['#/trade?customer=MTD0018232', '#pricefix-form', ''],
      ['#/delivery?customer=MTD0018232', '#delivery-owner', ''],
      ['#/customers?kind=business', '#create-business', ''],
      ['#/no-such-page', 'main h1', 'Page not found'],
    ];
    const unlabelled = () => page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
      .filter((el) => !el.labels?.length && !el.getAttribute('aria-label')).map((el) => el.name || el.id));
    for (const [link, selector, text] of links) {
      await page.goto(`${www.url}${link}`);
      await page.locator(selector, { hasText: text }).first().waitFor();
      await waitIdle(page);
      assert.deepEqual(await unlabelled(), [], `every control of ${link} has a label`);
    }
    assert.equal(await page.locator('#orders-filter').count(), 0);
    await page.goto(`${www.url}#/trade?customer=MTD0018232`);
    assert.equal(await page.locator('#pricefix-form').getByLabel('Customer external id').inputValue(), 'MTD0018232');
    assert.deepEqual(problems, []);
    await close();
  });

  test('orders: filters live in the link, sorting and paging go through the API, CSV exports every match', async () => {
    const { page, problems, close } = await openPage(browser, `${www.url}#/orders?customer_external_id=MTD0018232&total=5`);
    await page.locator('#orders-table').waitFor();
    const info = await page.locator('#page-info').textContent();
    const [, last, total] = /Page 1 of (\d+) · (\d+) orders/.exec(info).map(Number);
    assert.ok(last >= 2, info);
    await page.locator('#page-next').click();
    await page.locator('#page-info', { hasText: `Page 2 of ${last}` }).waitFor();
    await page.locator('#sort-total').click();
    await page.waitForURL(/sortBy=total&sortType=desc/);
    await page.locator('#page-info', { hasText: 'Page 1 of' }).waitFor();
    const amount = (s) => Number(s.replace(/[^\d.]/g, ''));
    const totals = (await page.locator('#orders-table td.number').allTextContents()).map(amount);
    assert.deepEqual(totals, [...totals].sort((a, b) => b - a), 'highest total first');
    assert.equal(await page.locator('th[aria-sort=descending]').textContent(), 'Total ↓');
    await page.locator('#sort-total').click();
    await page.waitForURL(/sortType=asc/);
    assert.equal(await page.locator('#orders-filter').getByLabel('Customer').inputValue(), 'MTD0018232');
    await shot(page, 'orders-sorted');
    const filter = page.locator('#orders-filter');
    const since = new Date(Date.now() - 3 * 86400000).toISOString().slice(0, 10);
    await filter.getByLabel('Product').selectOption('GAG');
    await filter.getByLabel('From').fill(since);
    await filter.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/sku=GAG/);
    await page.locator('#page-info').waitFor();
    assert.equal(await page.locator('#orders-table td.empty').count(), 0, 'seeded silver orders of the last days match');
    const rows = page.locator('#orders-table tbody tr');
    for (const row of await rows.all()) {
      const [date, items] = await Promise.all([row.locator('td').nth(0).textContent(), row.locator('td').nth(5).textContent()]);
      const [d, m, y] = date.split(/[- ]/);
      assert.ok(`${y}-${m}-${d}` >= since && items.includes('GAG'), `${date} ${items}`);
    }
    await page.goBack();
    await page.locator('#page-info').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
    const csv = readFileSync(await download.path(), 'utf8').replace(/^\ufeff/, '').trim().split('\r\n');
    assert.equal(csv[0], 'order_code,external_id,guid,order_at,type,status,customer_external_id,customer_name,items,price,tax,payment_cost,total,currency,payment_type');
    assert.equal(csv.length - 1, total, 'every matching order, across pages');
    assert.ok(csv.some((line) => line.startsWith('NYL8KIGJ,SEED-015,')), 'a known order is in it');
    assert.ok(csv.slice(1).every((line) => line.includes(',MTD0018232,')), 'only the filtered customer');
    await page.locator('#export-status', { hasText: `Exported ${total} orders.` }).waitFor();
    assert.deepEqual(problems, []);
    await close();
  });

  test('375 px wide: every page fits the screen (tables scroll inside their box)', async () => {
    const { page, problems, close } = await openPage(browser, `${www.url}#/`, { viewport: { width: 375, height: 812 } });
    const routes = [['dashboard', '#/'], ['customers', '#/customers'], ['customer', '#/customers/MTD0018232'], ['trade', '#/trade?customer=MTD0018232'],
      ['orders', '#/orders'], ['order', '#/orders/HYAQA01714rqz'], ['delivery', '#/delivery?customer=MTD0018232'], ['connect', '#/connect']];
    for (const [name, route] of routes) {
      await page.goto(`${www.url}${route}`);
      await waitIdle(page);
      if (name === 'trade') {
        await page.getByRole('button', { name: 'Fix prices' }).click();
        await page.locator('#order-form').getByLabel('New card').check();
      }
      if (name === 'delivery') {
        await page.getByRole('button', { name: 'Show wallets' }).click();
        await page.locator('#delivery-form').waitFor();
      }
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 375, `${name} is ${width} px wide`);
      await shot(page, `mobile-${name}`);
    }
    assert.deepEqual(problems, []);
    await close();
  });
});
