// Every client method end to end against the sandbox in Node: the main flows (shared with the Chromium run), then the
// calls and outcomes the flows do not reach, and finally a check that no method was left out. Runs against the native
// server, and as flows-in-process.test.mjs against createSandbox() (see helpers.mjs startSandbox).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MintedClient, MintedError } from 'minted-connect';
import { expiredQuoteRefusedLocally, flows, newFundedCustomer, uniqueId } from './flows.mjs';
import { startSandbox } from './helpers.mjs';

let sandbox;
let shortQuotes;
let config;
let client;
const called = new Set();

/** The client, recording which methods the suite calls. */
function recording(real) {
  return new Proxy(real, {
    get(target, prop) {
      const value = target[prop];
      if (typeof value !== 'function') return value;
      called.add(prop);
      return value.bind(target);
    },
  });
}

before(async () => {
  sandbox = await startSandbox();
  shortQuotes = await startSandbox({ args: ['--quote-ttl-secs', '1'] });
  config = { baseUrl: sandbox.url, username: sandbox.username, password: sandbox.password, language: 'en',
    ...(sandbox.fetch && { fetch: sandbox.fetch }) };
  client = recording(new MintedClient(config));
});
after(() => Promise.all([sandbox?.stop(), shortQuotes?.stop()]));

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const card = (number) => ({ card_holder: 'AYSE YILMAZ', card_number: number, card_expiry: '12/30', card_cvv: '123', customer_ip: '203.0.113.7' });

describe('main flows', () => {
  for (const [name, flow] of Object.entries(flows)) {
    test(name, () => flow(client, { MintedClient, config, sandboxUrl: sandbox.url }));
  }
  test('expiredQuoteRefusedLocally', () => {
    const short = recording(new MintedClient({ ...config, baseUrl: shortQuotes.url, ...(shortQuotes.fetch && { fetch: shortQuotes.fetch }) }));
    return expiredQuoteRefusedLocally(short, { sandboxUrl: shortQuotes.url, wait, fetch: shortQuotes.fetch });
  });
});

describe('pricing', () => {
  test('calculatePrice prices grams and money at the quote', async () => {
    const quote = await client.priceFix({ type: 'digital' });
    const result = await client.calculatePrice({ price_token: quote.token, items: [{ sku: 'GAU', amount: 2 }, { sku: 'GAG', total: 500 }] });
    const gold = quote.priceFor('GAU');
    assert.equal(result.items[0].unit_price, gold.buy_price);
    assert.ok(Math.abs(result.items[0].total - 2 * gold.buy_price) < 0.01);
    assert.equal(result.items[1].total, 500);
  });

  test('getProductPrices in a chosen currency', async () => {
    const prices = await client.getProductPrices({ currency: 'GBP' });
    assert.ok(prices.length >= 6 && prices.every((p) => p.currency === 'GBP' && p.buy_price > p.sell_price));
    const defaults = await client.getProductPrices();
    assert.ok(defaults.some((p) => p.sku === 'GAU'));
  });

  test('a partner (B2B) quote and buyDigital without a customer', async () => {
    const quote = await client.priceFix({ type: 'digital' });
    const response = await client.buyDigital({ price_token: quote.token, external_id: uniqueId('b2b'), items: [{ sku: 'GAU', amount: 0.25 }, { sku: 'GAG', amount: 3 }] });
    assert.equal(response.orders.length, 2);
    const partner = await client.getPartnerBalance();
    assert.ok(partner.some((w) => w.currency_code === 'MAU' && w.balance >= 0.25));
  });

  test('buyPlatinum, sellSilver and sellDigital', async () => {
    const customer = await newFundedCustomer(client);
    let quote = await client.priceFix({ type: 'digital', customer_external_id: customer.external_id });
    await client.buyPlatinum({ price_token: quote.token, external_id: uniqueId('pt'), customer, amount: 1 });
    quote = await client.priceFix({ type: 'digital', customer_external_id: customer.external_id });
    await client.buySilver({ price_token: quote.token, external_id: uniqueId('ag'), customer, amount: 10 });
    quote = await client.priceFix({ type: 'digital', customer_external_id: customer.external_id });
    await client.sellSilver({ price_token: quote.token, external_id: uniqueId('agsell'), amount: 4 });
    quote = await client.priceFix({ type: 'digital', customer_external_id: customer.external_id });
    const sold = await client.sellDigital({ price_token: quote.token, external_id: uniqueId('mix'), items: [{ sku: 'GAG', amount: 1 }, { sku: 'GPT', amount: 0.5 }] });
    assert.equal(sold.orders.length, 2);
  });
});

describe('exactly what the API refuses', () => {
  test('a second order with the same external_id is the API’s 1002 and creates nothing', async () => {
    const customer = await newFundedCustomer(client);
    const external_id = uniqueId('dup');
    let quote = await client.priceFix({ type: 'digital', customer_external_id: customer.external_id });
    await client.buyGold({ price_token: quote.token, external_id, customer, amount: 1 });
    quote = await client.priceFix({ type: 'digital', customer_external_id: customer.external_id });
    const err = await client.buyGold({ price_token: quote.token, external_id, customer, amount: 1 }).catch((e) => e);
    assert.equal(err.kind, 'api');
    assert.equal(err.code, 1002);
    const page = await client.getOrders({ customer_external_id: customer.external_id, total: 30 });
    assert.equal(page.data.filter((o) => o.external_id === external_id).length, 1);
  });

  test('insufficient balance is a 422 and the balance is unchanged', async () => {
    const customer = await newFundedCustomer(client, 10);
    const before = await client.getCustomerBalance(customer.external_id);
    const quote = await client.priceFix({ type: 'digital', customer_external_id: customer.external_id });
    const err = await client.buyGold({ price_token: quote.token, external_id: uniqueId('poor'), customer, amount: 5 }).catch((e) => e);
    assert.equal(err.kind, 'api');
    assert.equal(err.status, 422);
    assert.equal(err.code, 2002);
    assert.deepEqual(await client.getCustomerBalance(customer.external_id), before);
  });

  test('test cards: declined, insufficient funds, and 3-D Secure', async () => {
    const customer = await newFundedCustomer(client, 0);
    const buy = async (number) => {
      const quote = await client.priceFix({ type: 'digital', customer_external_id: customer.external_id });
      return client.cardPaymentBuyWithCardNumber({ price_token: quote.token, external_id: uniqueId('cardno'), customer, items: [{ sku: 'GAU', amount: 1 }], payment: card(number) });
    };
    const declined = await buy('4000 0000 0000 0002').catch((e) => e);
    assert.equal(declined.code, 2001);
    assert.ok(!declined.body.includes('4000000000000002'), 'the card number never appears in the error');
    const funds = await buy('4000000000009995').catch((e) => e);
    assert.equal(funds.code, 2003);
    const secure = await buy('4000000000003220');
    assert.equal(secure.payment.is_3d, true);
    assert.match(secure.payment.redirect_url, /\/__sandbox\/3ds\//);
    assert.equal(secure.orders[0].status_name, 'Pending');
    const ok = await buy('5555555555554444');
    assert.equal(ok.payment.state, 'success');
  });

  test('invalid card data is refused before any I/O, with every problem named', async () => {
    const err = await client.cardPaymentBuyWithCardNumber({
      price_token: 'x', external_id: 'ok-id', items: [{ sku: 'GAU', amount: 1 }],
      payment: { card_holder: 'A', card_number: '4111111111111112', card_expiry: '01/20', card_cvv: '12', customer_ip: 'localhost' },
    }).catch((e) => e);
    assert.equal(err.kind, 'validation');
    assert.deepEqual(err.issues.map((i) => `${i.path}:${i.code}`), [
      'payment.card_holder:too_short', 'payment.card_number:card_number_checksum', 'payment.card_expiry:card_expired',
      'payment.card_cvv:cvv_format', 'payment.customer_ip:ip_address',
    ]);
  });
});

describe('balances, cards and delivery', () => {
  test('cash deposits and withdrawals, with idempotent ids', async () => {
    const customer = await newFundedCustomer(client, 100);
    const id = uniqueId('wd');
    const after = await client.updateCustomerCashBalance(customer.external_id, { type: 'withdraw', amount: 40.5, external_id: id });
    assert.equal(after.balance, 59.5);
    const again = await client.updateCustomerCashBalance(customer.external_id, { type: 'withdraw', amount: 40.5, external_id: id }).catch((e) => e);
    assert.equal(again.code, 1002);
    assert.equal(wallet(await client.getCustomerBalance(customer.external_id), 'GBP'), 59.5);
  });

  test('stats over a period and the last 7 days', async () => {
    const stats = await client.getBalanceStats({ customer_external_id: 'MTD0018232' });
    assert.ok(stats.buy && typeof stats.buy.count === 'number');
    const all = await client.getBalanceStats();
    assert.ok(all.buy.count >= stats.buy.count);
    const week = await client.getCustomerBalance7dStats('MTD0018232');
    assert.equal(week.days.length, 7);
    assert.ok(week.days.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d.date)));
  });

  test('a stored card can be deleted', async () => {
    const customer = await newFundedCustomer(client, 0);
    const stored = await client.addStoredCard({ customer_external_id: customer.external_id, card_holder: 'AYSE YILMAZ', card_number: '5555555555554444', card_expiry: '11/29' });
    const deleted = await client.deleteStoredCard({ customer_external_id: customer.external_id, card_token: stored.card_token });
    assert.equal(deleted.deleted, true);
    assert.deepEqual(await client.listStoredCards({ customer_external_id: customer.external_id }), []);
  });

  test('createDelivery and createDeliveryPayWithCard', async () => {
    const customer = await newFundedCustomer(client);
    const quote = await client.priceFix({ type: 'digital', customer_external_id: customer.external_id });
    await client.buySilver({ price_token: quote.token, external_id: uniqueId('pre'), customer, amount: 400 });
    const address = { fullname: 'Ayşe Yılmaz', phone: '+905321112233', city: 'Ankara', district: 'Çankaya', address: 'Atatürk Blv 10', zipcode: '06100' };
    const cash = await client.createDelivery({ external_id: uniqueId('dl'), customer_external_id: customer.external_id, items: [{ sku: 'DAG100', quantity: 1 }], address, payment_type: 'cash' });
    assert.equal(cash.orders[0].type, 'Delivery');
    const byCard = await client.createDeliveryPayWithCard({ external_id: uniqueId('dlc'), customer_external_id: customer.external_id, items: [{ sku: 'DAG250', quantity: 1 }], address, payment: card('4111111111111111') });
    assert.equal(byCard.payment.state, 'success');
    const incomplete = await client.calculateDelivery({ items: [{ sku: 'DAG100', quantity: 1 }], address: { fullname: 'A B C' } }).catch((e) => e);
    assert.equal(incomplete.kind, 'validation');
    assert.deepEqual(incomplete.issues.filter((i) => i.code === 'required').map((i) => i.path), ['address.phone', 'address.city', 'address.district', 'address.address', 'address.zipcode']);
  });
});

describe('orders, statuses, legal, customers', () => {
  test('statuses and legal texts', async () => {
    const statuses = await client.getOrderStatuses();
    assert.deepEqual(statuses.slice(0, 2), [{ id: 1, name: 'Created' }, { id: 2, name: 'Pending' }]);
    const terms = await client.getPartnerLegal({ type: 'terms' });
    assert.equal(terms.length, 1);
    assert.ok((await client.getPartnerLegal()).length >= 3);
  });

  test('the remaining customer calls', async () => {
    const id = uniqueId('rest');
    await client.createBusinessCustomer({ external_id: id, company_name: 'Gümüş Ltd', identity_number: '1234567890' });
    await client.updateCustomer(id, { firstname: 'Mehmet', lastname: 'Kaya', phone: '+905322808035', identity_number: '10000000146' });
    const bulk = await client.bulkUpsertCustomerWalletKyc({ items: [{ customer_external_id: id, status: 'pending' }] });
    assert.equal(bulk.results[0].success, true);
    const order = await client.getOrderAlternative({ external_id: 'HYAQA01714rqz' });
    assert.equal(order.order_code, 'YID9Z07U');
    assert.equal((await client.removeCustomer(id)).removed, true);
  });

  test('a bad filter fails at the call, before any page is fetched', () => {
    assert.throws(() => client.listOrders({ total: 100 }), (err) => err instanceof MintedError && err.kind === 'validation' && err.issues[0].path === 'total');
  });
});

describe('coverage', () => {
  test('every client method was called', () => {
    const methods = Object.getOwnPropertyNames(MintedClient.prototype).filter((name) => !['constructor', 'free', 'baseUrl'].includes(name) && !name.startsWith('__') && typeof MintedClient.prototype[name] === 'function');
    const missed = methods.filter((name) => !called.has(name) && name !== 'validateRequest');
    assert.deepEqual(missed, []);
    assert.ok(methods.length >= 44, `${methods.length} methods`);
  });
});

function wallet(balances, code) {
  return balances.find((w) => w.currency_code === code)?.balance ?? 0;
}
