// A user's Jest test (CommonJS, no Jest config) of their own code against the in-process sandbox.
const { MintedClient } = require('minted-connect');
const { createSandbox } = require('minted-connect/sandbox');

// The code under test: the application's own checkout, which pays by card.
async function checkout(client, customer, card) {
  const quote = await client.priceFix({ type: 'digital', customer_external_id: customer.external_id });
  const order = await client.cardPaymentBuyWithCardNumber({
    price_token: quote.token, external_id: `checkout-${Date.now()}`, customer, items: [{ sku: 'GAU', amount: 0.1 }],
    payment: { ...card, customer_ip: '203.0.113.7' },
  });
  return { externalId: order.orders[0].external_id, confirmAt: order.payment.redirect_url ?? null };
}

const customer = { external_id: 'MTD0018232', identity_number: '10000000146', firstname: 'Mehmet',
  lastname: 'Gülbilge', email: 'mehmet@example.com', phone: '+905322808035' };
const card = (card_number) => ({ card_holder: 'MEHMET GULBILGE', card_number, card_expiry: '12/30', card_cvv: '123' });

let sandbox;
let client;
beforeEach(() => {
  sandbox = createSandbox();
  client = new MintedClient({ baseUrl: sandbox.url, ...sandbox.credentials, fetch: sandbox.fetch, language: 'en' });
});

test('a 3-D Secure card waits for the card holder, then the payment goes through', async () => {
  const { externalId, confirmAt } = await checkout(client, customer, card('4000 0000 0000 3220'));
  expect(confirmAt).toContain('/__sandbox/3ds/');
  expect((await client.cardPaymentGetOrder(externalId)).payment.state).not.toBe('success');
  await sandbox.admin.complete3ds(confirmAt);
  expect((await client.cardPaymentGetOrder(externalId)).payment.state).toBe('success');
});

test('a declined card is the API error 2001, and no gold moves', async () => {
  await expect(checkout(client, customer, card('4000 0000 0000 0002'))).rejects.toMatchObject({ kind: 'api', code: 2001 });
  expect((await sandbox.admin.state()).customers.MTD0018232.MAU).toBe(12.5);
});
