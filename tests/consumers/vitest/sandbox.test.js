// A user's Vitest test of their own code against the in-process sandbox: no server, no mocked fetch, no config.
import { expect, test } from 'vitest';
import { MintedClient } from 'minted-connect';
import { createSandbox } from 'minted-connect/sandbox';

// The code under test: the application's own "cash out" of a customer's gold.
async function cashOut(client, customerId, grams) {
  const quote = await client.priceFix({ type: 'digital', customer_external_id: customerId });
  const sold = await client.sellGold({ price_token: quote.token, external_id: `cash-out-${Date.now()}`, amount: grams });
  return sold.total;
}

test('cashing out 2 g moves gold out and cash in', async () => {
  const sandbox = createSandbox();
  const client = new MintedClient({ baseUrl: sandbox.url, ...sandbox.credentials, fetch: sandbox.fetch });
  const paid = await cashOut(client, 'MTD0018232', 2);
  const { customers } = await sandbox.admin.state();
  expect(customers.MTD0018232.MAU).toBe(10.5);
  expect(customers.MTD0018232.GBP).toBeCloseTo(1500 + paid, 2);
});

test('a 503 from the API is a MintedError the application can show', async () => {
  const sandbox = createSandbox();
  const client = new MintedClient({ baseUrl: sandbox.url, ...sandbox.credentials, fetch: sandbox.fetch, maxRetries: 0 });
  await sandbox.admin.faults({ rules: [{ fault: 'status-503', path: '/partner/pricefix' }] });
  await expect(cashOut(client, 'MTD0018232', 1)).rejects.toMatchObject({ kind: 'api', status: 503 });
});
