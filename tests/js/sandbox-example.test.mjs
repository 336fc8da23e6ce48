// A user's own tests against the in-process sandbox: no server, no port, no mocked fetch. This file is docs/sandbox.md's
// example ("Testing your code against the sandbox"); Jest and Vitest take the same lines with their own test().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MintedClient } from 'minted-connect';
import { createSandbox } from 'minted-connect/sandbox';

// The code under test: the application's own function.
async function buyGold(client, customer, grams) {
  const quote = await client.priceFix({ type: 'digital', customer_external_id: customer.external_id });
  return client.buyGold({ price_token: quote.token, external_id: `app-${Date.now()}`, customer, amount: grams });
}

const customer = { external_id: 'MTD0018232', identity_number: '10000000146', firstname: 'Mehmet',
  lastname: 'Gülbilge', email: 'mehmet@example.com', phone: '+905322808035' };

test('buying gold moves cash into the gold wallet', async () => {
  const sandbox = createSandbox();
  const client = new MintedClient({ baseUrl: sandbox.url, ...sandbox.credentials, fetch: sandbox.fetch });

  const order = await buyGold(client, customer, 0.25);

  const { customers } = await sandbox.admin.state();
  assert.equal(customers.MTD0018232.MAU, 12.5 + 0.25);
  assert.equal(customers.MTD0018232.GBP, Number((1500 - order.total).toFixed(2)));
});

test('a quote that expired on the server is refused', async () => {
  const sandbox = createSandbox();
  const client = new MintedClient({ baseUrl: sandbox.url, ...sandbox.credentials, fetch: sandbox.fetch, maxRetries: 0 });
  const quote = await client.priceFix({ type: 'digital' });

  await sandbox.admin.advanceClock(300); // sandbox time only: the test does not sleep

  const error = await client.buyGold({ price_token: quote.token, external_id: 'late-1', amount: 1 }).catch((e) => e);
  assert.equal(error.code, 1011);
});
