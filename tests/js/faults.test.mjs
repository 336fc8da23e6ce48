// Every sandbox fault against a read and an order: the outcome each must have (recovered, or the right error
// kind), and for orders the ledger afterwards (never two orders for one external_id).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MintedClient } from 'minted-connect';
import { newFundedCustomer, uniqueId } from './flows.mjs';
import { startSandbox } from './helpers.mjs';

let sandbox;
let client;
const results = [];

before(async () => {
  sandbox = await startSandbox();
  client = new MintedClient({ baseUrl: sandbox.url, username: sandbox.username, password: sandbox.password, timeoutMs: 500, retryBackoffMs: 20, language: 'en' });
});
after(async () => {
  await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
  await sandbox?.stop();
  if (results.length) console.log(['fault table:', ...results].join('\n  '));
});

async function plan(body) {
  const response = await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(response.status, 200, await response.text());
}
async function injected() {
  return (await (await fetch(`${sandbox.url}/__sandbox/faults`)).json()).injected;
}
async function ordersWith(externalId) {
  const state = await (await fetch(`${sandbox.url}/__sandbox/state`)).json();
  return state.orders_by_external_id[externalId] ?? 0;
}

// fault → [what a read (getCustomer) gives, what an order (buyGold) gives]
const TABLE = {
  'status-500': ['recovered', 'placed'],
  'status-502': ['recovered', 'placed'],
  'status-503': ['recovered', 'placed'],
  'rate-limit': ['recovered', 'placed'],
  delay: ['recovered', 'placed'],
  reset: ['recovered', 'placed'],
  'drop-after-commit': ['recovered', 'reconciled'],
  'malformed-json': ['decode', 'reconciled'],
  html: ['decode', 'placed'],
  empty: ['decode', 'reconciled'],
  'stale-nonce': ['recovered', 'placed'],
};

describe('fault table', () => {
  for (const [fault, [readOutcome, orderOutcome]] of Object.entries(TABLE)) {
    test(`${fault}: a read is ${readOutcome}, an order is ${orderOutcome} exactly once`, async () => {
      const customer = await newFundedCustomer(client);
      const quote = await client.priceFix({ type: 'digital', customer_external_id: customer.external_id });

      await plan({ rules: [{ fault, method: 'GET', path: '/partner/customer/*', times: 1, delay_ms: 1500, retry_after: '1' }] });
      const read = await client.getCustomer(customer.external_id).then(() => 'recovered', (err) => err.kind);
      assert.equal((await injected())[fault], 1, 'the fault was injected');
      assert.equal(read, readOutcome);

      await plan({ rules: [{ fault, method: 'POST', path: '/partner/order/digital/buy', times: 1, delay_ms: 1500, retry_after: '1' }] });
      const external_id = uniqueId(`fault-${fault}`);
      const order = await client.buyGold({ price_token: quote.token, external_id, customer, amount: 1 })
        .then((r) => (r.reconciled ? 'reconciled' : 'placed'), (err) => `${err.kind}/${err.code}`);
      await plan({});
      // a delayed original request may still be committing: give it time, then count
      if (fault === 'delay') await new Promise((resolve) => setTimeout(resolve, 1700));
      assert.equal(await ordersWith(external_id), 1, 'exactly one order');
      if (fault === 'delay') assert.ok(order === 'placed' || order === 'reconciled', order);
      else assert.equal(order, orderOutcome);
      results.push(`${fault.padEnd(18)} read: ${read.padEnd(10)} order: ${order}`);
    });
  }

  test('an order refused by the API is not retried or reconciled', async () => {
    await plan({});
    const customer = await newFundedCustomer(client, 1);
    const quote = await client.priceFix({ type: 'digital', customer_external_id: customer.external_id });
    const external_id = uniqueId('poor');
    const err = await client.buyGold({ price_token: quote.token, external_id, customer, amount: 5 }).catch((e) => e);
    assert.equal(err.code, 2002);
    assert.equal(err.externalId, external_id);
    assert.equal(err.attempts, 1);
    assert.equal(await ordersWith(external_id), 0);
  });

  test('when nothing can be confirmed the error says so and carries the external_id', async () => {
    const customer = await newFundedCustomer(client);
    const quote = await client.priceFix({ type: 'digital', customer_external_id: customer.external_id });
    await plan({ rules: [{ fault: 'reset', path: '/partner/*', times: 100 }] });
    const err = await client.buyGold({ price_token: quote.token, customer, amount: 1 }).catch((e) => e);
    await plan({});
    assert.equal(err.kind, 'network');
    assert.equal(err.code, 'order_unconfirmed');
    assert.match(err.externalId, /^mc-[0-9a-f]{24}$/);
    assert.equal(await ordersWith(err.externalId), 0);
  });

  test('a generated external_id is returned with the order', async () => {
    const customer = await newFundedCustomer(client);
    const quote = await client.priceFix({ type: 'digital', customer_external_id: customer.external_id });
    const response = await client.buyGold({ price_token: quote.token, customer, amount: 1 });
    assert.match(response.orders[0].external_id, /^mc-[0-9a-f]{24}$/);
    assert.equal(await ordersWith(response.orders[0].external_id), 1);
  });
});
