// The admin panel in Chromium: validation while typing in both languages (and the Accept-Language that follows),
// an expired quote refused locally with a one-click refresh, 3-D Secure, the live price chart, typed errors, and a
// task done with the keyboard alone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, uniqueId } from './helpers.mjs';
import { buyWithThreeDsCard, directPanel, launch, messageOf, openPage, sandboxCounters, shot, tabTo } from './panel-kit.mjs';

let sandbox;
let shortQuotes;
let www;
let wwwShort;
let browser;

before(async () => {
  sandbox = await startSandbox();
  shortQuotes = await startSandbox({ args: ['--quote-ttl-secs', '3'] }); // 2.7 s once the SDK's margin is taken off
  www = await directPanel(sandbox);
  wwwShort = await directPanel(shortQuotes);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await Promise.all([www?.close(), wwwShort?.close()]);
  await Promise.all([sandbox?.stop(), shortQuotes?.stop()]);
});

describe('admin panel behaviour', () => {
  test('validates while typing, and the language switch changes labels, messages and Accept-Language', async () => {
    const { page, problems, close } = await openPage(browser, `${www.url}#/customers`, { expectStatus: [404] });
    const form = page.locator('#create-individual');
    await form.getByLabel('Customer external id').fill('a');
    await form.getByLabel('Phone').fill('0532');
    await form.getByLabel('T.C. identity number').fill('12345678901');
    assert.equal(await messageOf(form, 'external_id').textContent(), 'must be at least 3 characters long');
    assert.match(await messageOf(form, 'phone').textContent(), /phone number in international format/);
    assert.match(await messageOf(form, 'identity_number').textContent(), /^Warning: /, 'a checksum is a warning, not an error');
    assert.equal(await messageOf(form, 'email').textContent(), '', 'untouched fields wait for the first submit');
    assert.equal(await form.getByLabel('Customer external id').getAttribute('aria-invalid'), 'true');
    await shot(page, 'validation-en');

    const sent = [];
    page.on('request', (request) => { if (request.url().startsWith(sandbox.url)) sent.push(request); });
    await form.getByRole('button', { name: 'Create individual customer' }).click();
    assert.equal(await page.evaluate(() => document.activeElement.name), 'external_id', 'the first invalid field gets the focus');
    assert.deepEqual(sent.filter((r) => r.method() === 'POST'), [], 'nothing is sent while a field is invalid');

    await page.selectOption('#language', 'tr');
    const tr = page.locator('#create-individual');
    await tr.getByLabel('Müşteri dış kimliği').waitFor();
    assert.equal(await tr.getByLabel('Müşteri dış kimliği').inputValue(), 'a', 'typed values survive the switch');
    assert.equal(await messageOf(tr, 'external_id').textContent(), 'en az 3 karakter olmalıdır');
    assert.equal(await page.locator('main h1').textContent(), 'Müşteriler');
    await shot(page, 'validation-tr');
    await page.locator('#open-customer').getByLabel('Müşteri dış kimliği').fill('nobody-here');
    await page.locator('#open-customer').getByRole('button', { name: 'Aç' }).click();
    const alert = page.locator('#profile [role=alert]');
    await alert.waitFor();
    assert.match(await alert.textContent(), /API reddetti \(api\) HTTP 404 · kod 1004.*Müşteri bulunamadı/s);
    const asked = sent.find((r) => r.url().includes('/partner/customer/nobody-here') && r.headers().authorization);
    assert.equal(asked.headers()['accept-language'], 'tr');
    await shot(page, 'error-tr');

    await page.selectOption('#language', 'en');
    await page.locator('#profile [role=alert]', { hasText: 'Customer not found' }).waitFor();
    assert.equal(sent.filter((r) => r.url().includes('nobody-here')).at(-1).headers()['accept-language'], 'en');
    assert.deepEqual(problems, []);
    await close();
  });

  test('creates a business customer, its tax number checked while typing', async () => {
    const { page, problems, close } = await openPage(browser, `${www.url}#/customers`);
    await page.getByRole('link', { name: 'Business' }).click();
    const form = page.locator('#create-business');
    const id = uniqueId('biz');
    await form.getByLabel('Customer external id').fill(id);
    await form.getByLabel('Company name').fill('Altın Ticaret A.Ş.');
    await form.getByLabel('Tax number (VKN)').fill('12345');
    assert.equal(await messageOf(form, 'identity_number').textContent(), 'must be a tax number (VKN): 10 digits');
    await form.getByLabel('Tax number (VKN)').fill('1234567890');
    await form.getByLabel('Tax office').fill('Kadıköy');
    await form.getByRole('button', { name: 'Create business customer' }).click();
    await page.waitForURL(`**/#/customers/${id}`);
    await page.locator('#profile-view').waitFor();
    assert.deepEqual(problems, []);
    await close();
  });

  test('an expired quote is refused locally, with a clear message and a one-click refresh', async () => {
    const { page, problems, close } = await openPage(browser, `${wwwShort.url}#/trade?partner`);
    await page.getByLabel('The partner (B2B)').check();
    assert.ok(await page.locator('#pricefix-form').getByLabel('Customer external id').isDisabled());
    await page.getByRole('button', { name: 'Fix prices' }).click();
    await page.locator('#quote-countdown', { hasText: 'The quote has expired.' }).waitFor({ timeout: 10000 });
    const order = page.locator('#order-form');
    await order.getByLabel('Amount (g)').fill('1');
    await page.locator('#preview-expired').waitFor();
    const before = (await sandboxCounters(shortQuotes)).partner_requests;
    await order.getByRole('button', { name: 'Place order' }).click();
    const refused = page.locator('#order-expired');
    await refused.waitFor();
    assert.match(await refused.textContent(), /The quote has expired\. Its prices are no longer guaranteed, so nothing was sent/);
    assert.equal((await sandboxCounters(shortQuotes)).partner_requests, before, 'no request left the page');
    await shot(page, 'trade-expired');
    await page.locator('#order-refresh').click();
    await page.locator('#order-result', { hasText: 'New quote fixed.' }).waitFor();
    await page.locator('#legal-terms summary').click();
    await page.locator('#legal-terms', { hasText: 'These terms govern the use' }).waitFor();
    assert.ok((await sandboxCounters(shortQuotes)).partner_requests > before, 'the refresh fixed prices again');
    assert.deepEqual(problems, []);
    await close();
  });

  test('a card that needs 3-D Secure leaves the order pending and shows the bank redirect', async () => {
    const { page, problems, close } = await openPage(browser, `${www.url}#/trade?customer=MTD0018232`);
    await buyWithThreeDsCard(page);
    const link = page.locator('#three-ds-link');
    await link.waitFor();
    const redirect = await link.getAttribute('href');
    assert.ok(redirect.startsWith(`${sandbox.url}/__sandbox/3ds/`), redirect);
    await shot(page, 'trade-3ds');
    const externalId = await page.locator('#receipt-external-id').textContent();
    await page.locator('#receipt-order-link').click();
    await page.locator('#order-status', { hasText: 'Pending' }).waitFor();
    // The card holder confirms on the bank's page (the sandbox's), opened from the link in a new tab.
    const bank = await page.context().newPage();
    await bank.goto(redirect);
    await shot(bank, 'trade-3ds-bank');
    await bank.getByRole('button', { name: 'Confirm the payment' }).click();
    await bank.getByRole('heading', { name: 'Payment confirmed' }).waitFor();
    await bank.close();
    await page.locator('#refresh-order').click();
    await page.locator('#order-detail', { hasText: /Payment statesuccess/ }).waitFor();
    assert.match(await page.locator('#order-detail').textContent(), new RegExp(externalId));
    assert.deepEqual(problems, []);
    await close();
  });

  test('the dashboard shows the partner balance and stats, and the price chart grows while the page is open', async () => {
    const { page, problems, close } = await openPage(browser, `${www.url}#/`);
    await page.locator('#partner-wallets .tiles li', { hasText: 'GBP' }).first().waitFor();
    await page.locator('#balance-stats dl', { hasText: 'Buys' }).waitFor();
    const chart = page.locator('#price-chart');
    await chart.locator('svg polyline.buy').waitFor({ state: 'attached' }); // a flat line has no height: attached, not visible
    const first = Number(await chart.getAttribute('data-points'));
    await page.waitForFunction((n) => Number(document.querySelector('#price-chart').dataset.points) >= n + 2, first, { timeout: 10000 });
    assert.equal(await page.locator('#price-table tbody tr').count(), 6);
    await page.selectOption('#price-currency', 'EUR');
    await page.locator('#price-table', { hasText: 'EUR' }).first().waitFor();
    await page.selectOption('#price-currency', 'GBP');
    await page.selectOption('#chart-sku', 'GAG');
    assert.match(await chart.locator('svg').getAttribute('aria-label'), /GAG buy and sell prices in GBP\. \d+ readings/);
    await page.selectOption('#chart-sku', 'GAU');
    await shot(page, 'dashboard');
    assert.deepEqual(problems, []);
    await close();
  });

  test('keyboard only: open a customer and deposit cash without the mouse', async () => {
    const { page, problems, close } = await openPage(browser, `${www.url}#/`);
    await page.locator('#partner-wallets .tiles').waitFor();
    await tabTo(page, 'header a[href="#/customers"]');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/#/customers');
    // The URL changes before the page's hashchange handler renders the new page and focuses its heading.
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1', null, { timeout: 5000 }).catch(() => {});
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1', 'focus moves to the new page');
    await tabTo(page, '#open-customer input[name=external_id]');
    await page.keyboard.type('MTD0018232');
    await page.keyboard.press('Enter');
    await page.locator('#profile-view').waitFor();
    await tabTo(page, '#cash-form input[name=amount]');
    await page.keyboard.type('25');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('ArrowDown'); // the radio group: Deposit → Withdraw
    assert.equal(await page.evaluate(() => document.activeElement.value), 'withdraw');
    await page.keyboard.press('ArrowUp');
    await tabTo(page, '#cash-form button[type=submit]');
    await shot(page, 'keyboard');
    await page.keyboard.press('Enter');
    await page.locator('#cash-result .ok', { hasText: 'Deposit of 25.00 GBP done' }).waitFor();
    assert.deepEqual(problems, []);
    await close();
  });

  test('errors show the MintedError kind, message and field issues', async () => {
    const { page, problems, close } = await openPage(browser, `${www.url}#/customers/MTD0018232`, { expectStatus: [422] });
    await page.locator('#profile-view').waitFor();
    const form = page.locator('#cash-form');
    await form.getByLabel('Withdraw').check();
    await form.getByLabel('Amount').fill('99999999');
    await form.getByRole('button', { name: 'Adjust balance' }).click();
    const alert = page.locator('#cash-result [role=alert]');
    await alert.waitFor();
    assert.match(await alert.textContent(), /The API refused \(api\) HTTP 422 · code 2002.*insufficient balance/s);
    const id = uniqueId('dup');
    await page.goto(`${www.url}#/customers`);
    const create = page.locator('#create-individual');
    for (let round = 0; round < 2; round += 1) {
      await page.goto(`${www.url}#/customers?kind=individual&n=${round}`);
      await create.getByLabel('Customer external id').fill(id);
      await create.getByRole('button', { name: 'Create individual customer' }).click();
      if (round === 0) await page.waitForURL(`**/#/customers/${id}`);
    }
    await page.locator('#create-result [role=alert]', { hasText: /code 1002/ }).waitFor();
    assert.deepEqual(problems, []);
    await close();
  });
});
