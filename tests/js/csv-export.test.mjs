// The admin panel's CSV export in Chromium, written by minted-connect/csv (the module the `minted` command writes
// with): for an English Excel (BOM, `,`, CRLF) or a Turkish one (BOM, `;`, decimal commas; the default in Turkish),
// and a cell a spreadsheet would run as a formula made inert.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MintedClient } from 'minted-connect';
import { DIALECTS, formatCsv } from 'minted-connect/csv';
import { root, startSandbox } from './helpers.mjs';
import { directPanel, launch, openPage, shot } from './panel-kit.mjs';

const CUSTOMER = 'MTD0018232';
let sandbox;
let www;
let browser;
let order;

before(async () => {
  sandbox = await startSandbox();
  [www, browser] = await Promise.all([directPanel(sandbox), launch()]);
  // An order whose external id a spreadsheet would compute (-1 minus a number): the worst the API's external id
  // characters (A-Z a-z 0-9 _ . -) allow; the neutralisation is the same for =, + and @ (tests/cli/csv.test.mjs).
  const client = new MintedClient({ baseUrl: sandbox.url, username: sandbox.username, password: sandbox.password, language: 'en' });
  const customer = await client.getCustomer(CUSTOMER);
  const quote = await client.priceFix({ type: 'digital', customer_external_id: CUSTOMER });
  const externalId = `-1-${Date.now()}`;
  await client.buyDigital({
    price_token: quote.token, external_id: externalId, items: [{ sku: 'GAU', amount: 0.01 }], currency_code: quote.currency, payment_type: 'cash',
    customer: Object.fromEntries(['external_id', 'identity_number', 'firstname', 'lastname', 'email', 'phone', 'gender', 'birthdate']
      .filter((field) => customer[field]).map((field) => [field, customer[field]])),
  });
  order = await client.getOrder(externalId);
});
after(async () => {
  await browser?.close();
  await www?.close();
  await sandbox?.stop();
});

/** Clicks "Export CSV" and returns the downloaded file's text. */
async function download(page) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
  return readFileSync(await file.path(), 'utf8');
}

describe('the panel\'s CSV export', () => {
  test('the import map names the package\'s csv entry', () => {
    const html = readFileSync(join(root, 'www', 'index.html'), 'utf8');
    const map = JSON.parse(/<script type="importmap">(.*?)<\/script>/s.exec(html)[1]);
    const pkg = JSON.parse(readFileSync(join(root, 'pkg', 'package.json'), 'utf8'));
    assert.equal(map.imports['minted-connect/csv'], pkg.exports['./csv'].import.default.replace(/^\.\//, './pkg/'));
  });

  test('for an English Excel: BOM, `,` and CRLF; for a Turkish one: `;` and decimal commas; the formula made inert', async () => {
    const { page, problems, close } = await openPage(browser, `${www.url}#/orders?customer_external_id=${CUSTOMER}`);
    const loaded = [];
    page.on('request', (r) => loaded.push(new URL(r.url()).pathname));
    await page.reload();
    await page.locator('#orders-table').waitFor();
    assert.ok(!loaded.includes('/pkg/csv.js'), 'the CSV module is not loaded with the page');
    assert.equal(await page.locator('#export-dialect').inputValue(), 'excelPoint', 'English: the decimal-point Excel');
    await shot(page, 'orders-export-en');

    const english = await download(page);
    assert.ok(loaded.includes('/pkg/csv.js'), 'the export is written by the package\'s module, loaded on the first export');
    const lines = english.split('\r\n');
    assert.ok(english.startsWith('\ufefforder_code,external_id,guid,order_at,'), 'BOM, then the header with ,');
    const row = lines.find((l) => l.startsWith(`${order.order_code},`));
    const inert = `'${order.external_id}`;
    assert.ok(row.startsWith(`${order.order_code},${inert},`), row);
    assert.ok(row.includes(`,${order.total},`), `the total ${order.total} with a decimal point`);

    await page.locator('#export-dialect').selectOption('excelComma');
    const turkish = await download(page);
    assert.ok(turkish.startsWith('\ufefforder_code;external_id;guid;order_at;'), 'BOM, then the header with ;');
    const cells = turkish.split('\r\n').find((l) => l.startsWith(`${order.order_code};`)).split(';');
    assert.equal(cells[1], inert);
    assert.equal(cells[12], String(order.total).replace('.', ','), 'total with a decimal comma');
    assert.ok(String(order.total).includes('.'));
    assert.equal(turkish.split('\r\n').length, english.split('\r\n').length, 'the same rows');
    // The bytes are the module's: the same rows through formatCsv in Node give the same first lines.
    const header = turkish.split('\r\n')[0].replace(/^\ufeff/, '').split(';');
    assert.equal(formatCsv([header], DIALECTS.excelComma), `${turkish.split('\r\n')[0]}\r\n`);

    await page.locator('#language').selectOption('tr');
    await page.locator('#export-dialect').waitFor();
    assert.equal(await page.locator('#export-dialect').inputValue(), 'excelComma', 'Turkish: the decimal-comma Excel by default');
    await shot(page, 'orders-export-tr');
    assert.deepEqual(problems, []);
    await close();
  });
});
