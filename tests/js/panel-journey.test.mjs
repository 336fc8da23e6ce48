// The admin panel in Chromium, an operator's day against the sandbox: create a customer → KYC → deposit → store a
// card → price fix → buy by card with installments → the order in the orders table and its detail → delivery →
// its status moves on. One page, step after step, as an operator would click through it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { clientFor, startSandbox, uniqueId } from './helpers.mjs';
import { directPanel, launch, openPage, payByNewCard, shot } from './panel-kit.mjs';

let sandbox;
let www;
let browser;
let session;
let page;
const customerId = uniqueId('panel');
let orderExternalId;

before(async () => {
  sandbox = await startSandbox({ args: ['--delivery-step-secs', '1'] });
  www = await directPanel(sandbox);
  browser = await launch();
  session = await openPage(browser, `${www.url}#/customers`);
  page = session.page;
});
after(async () => {
  await session?.close();
  await browser?.close();
  await www?.close();
  await sandbox?.stop();
});

describe('operator journey (direct mode, cross-origin to the sandbox)', () => {
  test('creates an individual customer and lands on its page', async () => {
    const form = page.locator('#create-individual');
    await form.getByLabel('Customer external id').fill(customerId);
    await form.getByLabel('First name').fill('Ayşe');
    await form.getByLabel('Last name').fill('Yılmaz');
    await form.getByLabel('E-mail').fill('ayse.yilmaz@example.com');
    await form.getByLabel('Phone').fill('0532 111 22 33');
    await form.getByLabel('Gender').selectOption('F');
    await form.getByLabel('T.C. identity number').fill('10000000146');
    await form.getByLabel('Date of birth').fill('1990-05-01');
    await shot(page, 'customers-create');
    await form.getByRole('button', { name: 'Create individual customer' }).click();
    await page.waitForURL(`**/#/customers/${customerId}`);
    await page.locator('#profile-view').waitFor();
    assert.match(await page.locator('main h1').textContent(), /Ayşe Yılmaz/);
    assert.match(await page.locator('#profile-view').textContent(), /\+905321112233/, 'the phone came back normalised');
    assert.deepEqual(await page.locator('#wallet-table tbody td:nth-child(2)').allTextContents(), ['MAU', 'MAG', 'GBP']);
  });

  test('edits the profile', async () => {
    await page.locator('#edit-profile').click();
    const form = page.locator('#edit-profile-form');
    assert.equal(await form.getByLabel('First name').inputValue(), 'Ayşe');
    await form.getByLabel('E-mail').fill('ayse@');
    assert.match(await form.locator('[data-field=email] > .msg').textContent(), /e-mail/);
    await form.getByLabel('E-mail').fill('ayse.kaya@example.com');
    await form.getByLabel('Last name').fill('Kaya');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.locator('#profile-view', { hasText: 'ayse.kaya@example.com' }).waitFor();
    assert.match(await page.locator('main h1').textContent(), /Ayşe Kaya/);
  });

  test('records a verified wallet KYC', async () => {
    const form = page.locator('#kyc-form');
    await form.getByLabel('Status').selectOption('verified');
    await form.getByLabel('Level (0–3)').fill('2');
    await form.getByLabel('Provider reference').fill('kyc-panel-1');
    await form.getByRole('button', { name: 'Save KYC' }).click();
    await page.locator('#kyc-result .ok').waitFor();
    await page.locator('#kyc-view', { hasText: 'kyc-panel-1' }).waitFor();
    assert.match(await page.locator('#kyc-view').textContent(), /verified/);
  });

  test('deposits cash and the wallet shows it', async () => {
    const form = page.locator('#cash-form');
    await form.getByLabel('Deposit').check();
    await form.getByLabel('Amount').fill('50000');
    await form.getByRole('button', { name: 'Adjust balance' }).click();
    await page.locator('#cash-result .ok').waitFor();
    assert.match(await page.locator('#cash-result').textContent(), /50,000\.00 GBP/);
    await page.locator('#wallet-table tbody tr', { hasText: 'GBP' }).filter({ hasText: '50,000.00' }).waitFor();
  });

  test('stores a card and shows it masked only', async () => {
    const form = page.locator('#add-card-form');
    await form.getByLabel('Card holder').fill('AYSE YILMAZ');
    await form.getByLabel('Card number').fill('5555 5555 5555 4444');
    await form.getByLabel('Expiry (MM/YY)').fill('12/30');
    await form.getByLabel('Name for the card').fill('personal');
    await form.getByRole('button', { name: 'Store card' }).click();
    await page.locator('#card-table', { hasText: '555555******4444' }).waitFor();
    assert.equal(await form.getByLabel('Card number').inputValue(), '', 'the number leaves the form once stored');
    const html = await page.content();
    assert.ok(!html.includes('5555555555554444') && !html.includes('5555 5555 5555 4444'), 'no full card number in the page');
    await page.locator('#week-chart svg').waitFor();
    await shot(page, 'customer');
  });

  test('fixes prices for the customer and buys gold by card in 3 installments', async () => {
    await page.getByRole('link', { name: 'Trade for this customer' }).click();
    await page.waitForURL('**/#/trade?customer=*');
    const fix = page.locator('#pricefix-form');
    assert.equal(await fix.getByLabel('Customer external id').inputValue(), customerId);
    await fix.getByLabel('Currency').selectOption('GBP');
    await fix.getByRole('button', { name: 'Fix prices' }).click();
    await page.locator('#quote-countdown', { hasText: /Valid for \d+ s/ }).waitFor();
    const order = page.locator('#order-form');
    await order.getByLabel('Amount (g)').fill('1.5');
    await page.locator('#order-preview', { hasText: /1\.5 g GAU/ }).waitFor();
    const card = await payByNewCard(order, { holder: 'AYSE YILMAZ', number: '4111 1111 1111 1111', expiry: '12/30', cvv: '123' });
    assert.equal(await card.getByLabel("Card holder's IP address").inputValue(), '127.0.0.1', 'the operator address is filled in');
    const plans = order.locator('.installments');
    await plans.waitFor();
    assert.match(await order.locator('.bin-card').textContent(), /Sandbox Bank · Visa · credit/);
    assert.match(await plans.textContent(), /3 installments.*commission 2\.5%/s);
    await plans.getByLabel(/^3 installments/).check();
    await shot(page, 'trade-quote');
    await order.getByRole('button', { name: 'Place order' }).click();
    await page.locator('#receipt-card').waitFor();
    orderExternalId = await page.locator('#receipt-external-id').textContent();
    assert.match(await page.locator('#receipt-code').textContent(), /^[A-Z0-9]{8}$/);
    assert.match(await page.locator('#quote-countdown').textContent(), /Used by the last order/);
    await shot(page, 'trade-receipt');
    const placed = await clientFor(sandbox).getOrder(orderExternalId);
    assert.equal(placed.payment.state, 'success');
    assert.equal(placed.items[0].amount, 1.5);
    assert.ok(placed.payment_cost > 0, 'the installment commission was charged');
  });

  test('refuses to reuse the quote, then buys again with the stored card after a refresh', async () => {
    const order = page.locator('#order-form');
    await order.getByLabel('Amount (g)').fill('1');
    await order.getByLabel('Cash wallet').check();
    await order.getByRole('button', { name: 'Place order' }).click();
    await page.locator('#order-result', { hasText: 'This quote was used by the last order' }).waitFor();
    await page.locator('#refresh-quote').click();
    await page.locator('#quote-countdown', { hasText: /Valid for \d+ s/ }).waitFor();
    await order.getByLabel('Stored card').check();
    const stored = order.locator('fieldset[id^=stored-card]');
    assert.deepEqual(await stored.getByLabel('Card', { exact: true }).locator('option').allTextContents(), ['555555******4444 (personal)']);
    await stored.getByLabel('CVV').fill('321');
    await order.locator('.bin-card', { hasText: 'mastercard' }).waitFor();
    await order.getByRole('button', { name: 'Place order' }).click();
    await page.locator('#receipt-card', { hasText: '1 g GAU' }).waitFor();
    const externalId = await page.locator('#receipt-external-id').textContent();
    const placed = await clientFor(sandbox).getOrder(externalId);
    assert.equal(placed.payment.details.card_number, '555555******4444');
  });

  test('sells gold for an amount of money, paid into the cash wallet', async () => {
    await page.locator('#refresh-quote').click();
    await page.locator('#quote-countdown', { hasText: /Valid for \d+ s/ }).waitFor();
    const order = page.locator('#order-form');
    await order.getByLabel('Sell').check();
    await order.getByLabel('Money').check();
    assert.ok(await order.getByLabel('Amount (g)').isDisabled());
    await order.getByLabel('Total (GBP)').fill('10');
    await page.locator('#order-preview', { hasText: /g GAU .* = 10\.00 GBP/ }).waitFor();
    assert.ok(!(await page.locator('#pay-box').isVisible()), 'a sale is paid into the cash wallet: no payment choice');
    await order.getByRole('button', { name: 'Place order' }).click();
    await page.locator('#receipt-card h3', { hasText: 'Sold' }).waitFor();
    assert.match(await page.locator('#receipt-card').textContent(), /Total10\.00 GBP/);
  });

  test('finds the order in the orders table and opens it', async () => {
    await page.getByRole('link', { name: 'Orders', exact: true }).click();
    await page.locator('#orders-table').waitFor();
    const filter = page.locator('#orders-filter');
    await filter.getByLabel('Customer').fill(customerId);
    await filter.getByLabel('Type').selectOption('buy');
    await filter.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/customer_external_id=/);
    const row = page.locator(`#orders-table tr[data-external-id="${orderExternalId}"]`);
    await row.waitFor();
    assert.match(await row.textContent(), /1\.5 GAU.*card.*Payment confirmed/s);
    assert.match(await page.locator('#page-info').textContent(), /Page 1 of 1 · 2 orders/, 'two buys; the sale is filtered out by type');
    await shot(page, 'orders');
    await row.getByRole('link').click();
    await page.locator('#order-detail').waitFor();
    const detail = await page.locator('#order-detail').textContent();
    assert.match(detail, /411111\*{6}1111/);
    const { payment } = await clientFor(sandbox).getOrder(orderExternalId);
    const html = await page.content();
    assert.ok(payment.token && !html.includes(payment.token), 'the payment token is not in the page');
    assert.ok(!/cvv/i.test(detail), 'no CVV shown');
    await shot(page, 'order-detail');
  });

  /** Opens the delivery page for the customer, asks for one 1 g gold bar to an address, and calculates the cost. */
  async function deliveryOfOneBar() {
    await page.goto(`${www.url}#/delivery?customer=${customerId}`);
    const owner = page.locator('#delivery-owner');
    assert.equal(await owner.getByLabel('Customer external id').inputValue(), customerId);
    await owner.getByRole('button', { name: 'Show wallets' }).click();
    const bars = page.locator('#delivery-form');
    await bars.waitFor();
    await bars.getByLabel(/^Gold bar 1 g/).fill('1');
    await bars.getByLabel('Recipient').fill('Ayşe Yılmaz');
    await bars.getByLabel('Phone').fill('0532 111 22 33');
    await bars.getByLabel('City').fill('İstanbul');
    await bars.getByLabel('District').fill('Kadıköy');
    await bars.getByLabel('Street address').fill('Moda Caddesi No 1');
    await bars.getByLabel('Postcode').fill('34710');
    await bars.getByRole('button', { name: 'Calculate cost' }).click();
    await page.locator('#delivery-total').waitFor();
    assert.match(await page.locator('#delivery-cost').textContent(), /Minting fee.*Shipping.*Insurance.*Total cost/s);
    return page.locator('#delivery-create');
  }

  test('delivers a gold bar, paid from cash, and follows its status', async () => {
    const create = await deliveryOfOneBar();
    await create.getByLabel('Cash wallet').check();
    await create.getByRole('button', { name: 'Create delivery' }).click();
    await page.locator('#delivery-created').waitFor({ timeout: 5000 }).catch(async (e) => { await shot(page, 'debug-delivery'); throw e; });
    const status = page.locator('#tracking-status');
    await status.waitFor();
    const first = await status.textContent();
    await page.locator('#tracking-status', { hasText: /Preparing|Packed|Shipped|Completed/ }).waitFor({ timeout: 15000 });
    await shot(page, 'delivery');
    await page.locator('#tracking-status', { hasText: 'Completed' }).waitFor({ timeout: 20000 });
    assert.notEqual(first, 'Completed', 'the status moved on while the page watched it');
    assert.equal(await page.locator('#status-steps li.done').count(), 4);
  });

  test('delivers another gold bar, paid with the stored card: the cash wallet does not move', async () => {
    const balances = async () => (await clientFor(sandbox).getCustomer(customerId)).wallets;
    const cash = async () => (await balances()).find((w) => w.is_cash).balance;
    const gold = async () => (await balances()).find((w) => w.currency_code === 'MAU').balance;
    const [cashBefore, goldBefore] = [await cash(), await gold()];
    const create = await deliveryOfOneBar();
    await create.getByLabel('Stored card').check();
    const stored = create.locator('fieldset[id^=stored-card]');
    await stored.getByLabel('CVV').fill('321');
    await create.getByRole('button', { name: 'Create delivery' }).click();
    await page.locator('#delivery-created').waitFor({ timeout: 5000 });
    await page.locator('#tracking-status').waitFor();
    await shot(page, 'delivery-by-card');
    assert.equal(await cash(), cashBefore, 'the card paid the delivery costs');
    const goldAfter = await gold();
    // balances are decimals: 2.3 - 1 is 1.2999999999999998 in binary floating point, so allow for the rounding
    assert.ok(goldAfter <= goldBefore - 1 + 1e-9, `the bar left the gold wallet (${goldBefore} g → ${goldAfter} g)`);
  });

  test('deletes the stored card after asking once more', async () => {
    await page.goto(`${www.url}#/customers/${customerId}`);
    const row = page.locator('#card-table tbody tr', { hasText: '555555******4444' });
    await row.getByRole('button', { name: 'Delete' }).click();
    await row.getByRole('button', { name: 'Delete 555555******4444' }).click();
    await page.locator('#card-result .ok', { hasText: 'Card 555555******4444 deleted.' }).waitFor();
    await page.locator('#card-table td.empty').waitFor();
    assert.deepEqual(await clientFor(sandbox).listStoredCards({ customer_external_id: customerId }), []);
    assert.deepEqual(session.problems, []);
  });
});
