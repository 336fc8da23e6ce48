// The main flows of the Partner API, written once and run in Node (flows.test.mjs) and in headless Chromium
// (browser.test.mjs). No Node-only imports: `client` is a MintedClient from whichever build is under test.

/** Throws with `message` unless `condition`. */
function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
}

function near(a, b, epsilon = 0.01) {
  return Math.abs(a - b) <= epsilon;
}

export function uniqueId(prefix) {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** A fresh customer with money in the cash wallet; returns its order-customer block. */
export async function newFundedCustomer(client, cash = 100000) {
  const external_id = uniqueId('flow');
  await client.createCustomer({ external_id, firstname: 'Ayşe', lastname: 'Yılmaz', email: 'ayse@example.com', phone: '05321112233', gender: 'F', identity_number: '10000000146', birthdate: '1990-05-01' });
  if (cash > 0) await client.updateCustomerCashBalance(external_id, { type: 'deposit', amount: cash, external_id: uniqueId('dep') });
  return { external_id, identity_number: '10000000146', firstname: 'Ayşe', lastname: 'Yılmaz', email: 'ayse@example.com', phone: '+905321112233' };
}

function wallet(balances, code) {
  return balances.find((w) => w.currency_code === code)?.balance ?? 0;
}

export const flows = {
  async onboarding(client) {
    const external_id = uniqueId('onb');
    const created = await client.createCustomer({ external_id, firstname: 'Mehmet', lastname: 'Kaya', email: 'mehmet.kaya@example.com', phone: '0532 280 80 35' });
    check(created.external_id === external_id, 'created');
    const kyc = await client.upsertCustomerWalletKyc(external_id, { status: 'verified', level: 2, reference: 'kyc-1' });
    check(kyc.status === 'verified', 'kyc upserted');
    const customer = await client.getCustomer(external_id);
    check(customer.phone === '+905322808035', `phone normalised: ${customer.phone}`);
    check(customer.wallets.map((w) => w.currency_code).join() === 'MAU,MAG,GBP', 'three wallets');
    check((await client.getCustomerWalletKyc(external_id)).level === 2, 'kyc read back');
  },

  async buyFromAmount(client) {
    const customer = await newFundedCustomer(client);
    const before = await client.getCustomerBalance(customer.external_id);
    const quote = await client.priceFix({ type: 'digital', customer_external_id: customer.external_id });
    check(!quote.isExpired() && quote.remainingSeconds() > 60, 'fresh quote');
    const gold = quote.priceFor('GAU');
    check(gold && gold.buy_price > 0, 'gold price');
    const external_id = uniqueId('buy');
    const response = await client.buyGold({ price_token: quote.token, external_id, customer, amount: 1.5 });
    check(response.orders.length === 1 && response.order_code.length === 1, 'one order');
    const order = await client.getOrder(external_id);
    check(order.type === 'Buy' && order.items[0].sku === 'GAU' && order.items[0].amount === 1.5, 'order read back');
    const after = await client.getCustomerBalance(customer.external_id);
    check(near(wallet(after, 'MAU') - wallet(before, 'MAU'), 1.5, 1e-9), 'gold credited');
    check(near(wallet(before, 'GBP') - wallet(after, 'GBP'), response.total), 'cash debited by the total');
  },

  async buyFromTotalPrice(client) {
    const customer = await newFundedCustomer(client);
    const quote = await client.priceFix({ type: 'digital', customer_external_id: customer.external_id, total: 1000, currency: 'TRY' });
    check(quote.data.is_total_price === true && quote.data.total === 1000, 'total-price quote');
    const silver = quote.priceFor('GAG');
    check(silver.buy_amount > 0, 'buy_amount given');
    const before = await client.getCustomerBalance(customer.external_id);
    await client.buySilver({ price_token: quote.token, external_id: uniqueId('buyt'), customer, amount: silver.buy_amount });
    const after = await client.getCustomerBalance(customer.external_id);
    check(near(wallet(after, 'MAG') - wallet(before, 'MAG'), silver.buy_amount, 1e-9), 'silver credited');
  },

  async cardBuyWithStoredCard(client) {
    const customer = await newFundedCustomer(client, 0);
    const types = await client.getPaymentTypes();
    check(types.some((t) => t.code === 'creditcard' && t.enabled), 'card payments enabled');
    const bin = await client.cardPaymentBinQuery({ bin: '411111', amount: 1000 });
    const three = bin.installments.find((i) => i.count === 3);
    check(three && three.total > 1000, 'installments with commission');
    const card = await client.addStoredCard({ customer_external_id: customer.external_id, card_holder: 'AYSE YILMAZ', card_number: '4111 1111 1111 1111', card_expiry: '12/30', alias: 'personal' });
    check(card.masked_number === '411111******1111', 'stored masked');
    const cards = await client.listStoredCards({ customer_external_id: customer.external_id });
    check(cards.length === 1 && cards[0].card_token === card.card_token, 'listed');
    const quote = await client.priceFix({ type: 'digital', customer_external_id: customer.external_id });
    const external_id = uniqueId('card');
    const response = await client.cardPaymentBuyWithCardToken({
      price_token: quote.token, external_id, customer, items: [{ sku: 'GAU', amount: 1 }],
      payment: { card_token: card.card_token, card_cvv: '123', customer_ip: '127.0.0.1', installment: 3 },
    });
    check(response.payment.state === 'success', 'paid');
    const order = await client.cardPaymentGetOrder(external_id);
    check(order.payment.state === 'success' && order.payment.details.card_number === '411111******1111', 'order carries the masked card');
    check(order.payment_type === 'credit-card', 'paid by card');
  },

  async sell(client) {
    const customer = await newFundedCustomer(client);
    const buyQuote = await client.priceFix({ type: 'digital', customer_external_id: customer.external_id });
    await client.buyGold({ price_token: buyQuote.token, external_id: uniqueId('pre'), customer, amount: 2 });
    const before = await client.getCustomerBalance(customer.external_id);
    const quote = await client.priceFix({ type: 'digital', customer_external_id: customer.external_id });
    const response = await client.sellGold({ price_token: quote.token, external_id: uniqueId('sell'), amount: 0.5 });
    check(response.orders[0].type === 'Sell', 'sell order');
    const after = await client.getCustomerBalance(customer.external_id);
    check(near(wallet(before, 'MAU') - wallet(after, 'MAU'), 0.5, 1e-9), 'gold debited');
    check(wallet(after, 'GBP') > wallet(before, 'GBP'), 'cash credited');
  },

  async delivery(client) {
    const customer = await newFundedCustomer(client);
    const quote = await client.priceFix({ type: 'digital', customer_external_id: customer.external_id });
    await client.buyGold({ price_token: quote.token, external_id: uniqueId('pre'), customer, amount: 12 });
    const wallets = await client.listDeliveryWallets({ customer_external_id: customer.external_id });
    const gold = wallets.find((w) => w.currency_code === 'MAU');
    check(gold && gold.products.some((p) => p.sku === 'DAU5'), 'gold can be delivered as 5 g bars');
    const address = { fullname: 'Ayşe Yılmaz', phone: '0532 111 22 33', city: 'İstanbul', district: 'Kadıköy', address: 'Moda Caddesi No 1', zipcode: '34710' };
    const cost = await client.calculateDelivery({ customer_external_id: customer.external_id, items: [{ sku: 'DAU5', quantity: 2 }], address });
    check(cost.total_cost > 0 && cost.metal[0].amount === 10, 'delivery quoted');
    const external_id = uniqueId('dlv');
    await client.createDeliveryPayWithCash({ external_id, customer_external_id: customer.external_id, items: [{ sku: 'DAU5', quantity: 2 }], address });
    const order = await client.getOrder(external_id);
    check(order.type === 'Delivery' && order.delivery && order.address.shipping.city === 'İstanbul', 'delivery order');
  },

  async listOrdersAcrossPages(client) {
    const first = await client.getOrders({ customer_external_id: 'MTD0018232', total: 5 });
    check(first.last_page > 1, `several pages (${first.total} orders)`);
    let count = 0;
    const seen = new Set();
    for await (const order of client.listOrders({ customer_external_id: 'MTD0018232', total: 5 })) {
      count += 1;
      seen.add(order.guid);
    }
    check(count === first.total && seen.size === count, `iterated ${count} of ${first.total}`);
    let taken = 0;
    for await (const order of client.listOrders({ total: 5 })) {
      void order;
      if (++taken === 3) break;
    }
    check(taken === 3, 'breaking out stops cleanly');
  },

  async routeOverride(client, { MintedClient, config }) {
    const moved = new MintedClient({ ...config, routes: { getOrderStatuses: { path: '/partner/order-statuses-moved' } } });
    const err = await moved.getOrderStatuses().catch((e) => e);
    check(err.kind === 'api' && err.status === 404, 'the overridden path was used');
    const statuses = await client.getOrderStatuses();
    check(statuses.some((s) => s.name === 'Completed'), 'the default path works');
  },

  async rawRequest(client) {
    const page = await client.request({ method: 'GET', path: '/partner/orders', query: { total: 5, page: 2 } });
    check(page.current_page === 2 && page.per_page === 5, 'query sent');
    const legal = await client.request({ method: 'POST', path: '/partner/legal', body: { type: 'terms' } });
    check(Array.isArray(legal) && legal[0].type === 'terms', 'body sent');
    const err = await client.request({ method: 'GET', path: '/partner/nowhere' }).catch((e) => e);
    check(err.kind === 'api' && err.status === 404 && err.operation === 'request', 'errors as usual');
  },
};

/**
 * Needs a sandbox started with a short quote TTL: the quote expires and the buy is refused before any I/O. `fetch`
 * reaches the sandbox's counters (the in-process sandbox's own fetch; the global one by default).
 */
export async function expiredQuoteRefusedLocally(client, { sandboxUrl, wait, fetch = globalThis.fetch }) {
  const customer = await newFundedCustomer(client);
  const quote = await client.priceFix({ type: 'digital', customer_external_id: customer.external_id });
  await wait(Math.max(0, quote.expiresAt.getTime() - Date.now()) + 50);
  check(quote.isExpired() && quote.remainingSeconds() === 0, 'expired locally');
  const stats = async () => (await (await fetch(`${sandboxUrl}/__sandbox/stats`)).json()).partner_requests;
  const before = await stats();
  const err = await client.buyGold({ price_token: quote.token, external_id: uniqueId('late'), customer, amount: 1 }).catch((e) => e);
  check(err.kind === 'validation' && err.code === 'quote_expired', `refused: ${err.kind} ${err.code}`);
  check(err.issues.some((i) => i.path === 'price_token'), 'names price_token');
  check((await stats()) === before, 'nothing was sent');
  const fresh = await quote.refresh();
  check(!fresh.isExpired() && fresh.token !== quote.token, 'refresh gives a new quote');
}
