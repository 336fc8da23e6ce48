// Randomized soak: many orders placed under random faults (seeded, loopback only), then the sandbox's ledger is
// checked — zero duplicate orders, zero lost acknowledged orders, nothing exists that the SDK said was not placed,
// and every customer's balances equal what its orders imply. SOAK_RUNS (default 200) and SOAK_SEED replay a run.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { MintedClient } from 'minted-connect';
import { newFundedCustomer, uniqueId } from './flows.mjs';
import { startSandbox } from './helpers.mjs';

const RUNS = Number(process.env.SOAK_RUNS || 200);
const SEED = Number(process.env.SOAK_SEED || 7);
const WORKERS = 4;
const FAULTS = ['status-500', 'status-502', 'status-503', 'rate-limit', 'delay', 'reset', 'drop-after-commit', 'malformed-json', 'html', 'empty', 'stale-nonce'];

let sandbox;
before(async () => { sandbox = await startSandbox(); });
after(() => sandbox?.stop());

test(`${RUNS} orders under random faults leave a consistent ledger`, { timeout: 30 * 60 * 1000 }, async () => {
  const client = new MintedClient({ baseUrl: sandbox.url, username: sandbox.username, password: sandbox.password, timeoutMs: 400, retryBackoffMs: 10, maxRetries: 3, language: 'en' });
  // Every worker trades for its own customer, so balances can be checked per customer.
  const customers = [];
  for (let w = 0; w < WORKERS; w++) customers.push(await newFundedCustomer(client, 1e9));
  await fetch(`${sandbox.url}/__sandbox/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ random: { seed: SEED, rate: 0.3, faults: FAULTS, path: '/partner/*', delay_ms: 700, retry_after: '0' } }),
  });

  const outcomes = { placed: 0, reconciled: 0, unconfirmed: 0, notPlaced: 0, refused: 0, quoteFailed: 0 };
  const acknowledged = new Set();
  const deniedIds = new Set();
  const unknownIds = new Set();
  let next = 0;
  const worker = async (w) => {
    const customer = customers[w];
    while (next < RUNS) {
      next += 1;
      let quote;
      try {
        quote = await client.priceFix({ type: 'digital', customer_external_id: customer.external_id });
      } catch {
        outcomes.quoteFailed += 1;
        continue;
      }
      const external_id = uniqueId(`soak${w}`);
      const amount = 0.001 * (1 + (next % 7));
      try {
        const response = await client.buyGold({ price_token: quote.token, external_id, customer, amount });
        acknowledged.add(external_id);
        outcomes[response.reconciled ? 'reconciled' : 'placed'] += 1;
      } catch (err) {
        if (err.code === 'order_unconfirmed') { outcomes.unconfirmed += 1; unknownIds.add(external_id); }
        else if (err.code === 'order_not_placed') { outcomes.notPlaced += 1; deniedIds.add(external_id); }
        else { outcomes.refused += 1; deniedIds.add(external_id); }
        assert.equal(err.externalId, external_id, `${err.kind} ${err.code} ${err.message}`);
      }
    }
  };
  await Promise.all(customers.map((_, w) => worker(w)));

  const faults = await (await fetch(`${sandbox.url}/__sandbox/faults`)).json();
  await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
  await new Promise((resolve) => setTimeout(resolve, 900)); // let delayed requests finish committing
  const state = await (await fetch(`${sandbox.url}/__sandbox/state`)).json();

  const duplicates = Object.entries(state.orders_by_external_id).filter(([, n]) => n > 1);
  const lost = [...acknowledged].filter((id) => !state.orders_by_external_id[id]);
  const phantom = [...deniedIds].filter((id) => state.orders_by_external_id[id]);
  const summary = {
    runs: RUNS, seed: SEED, ...outcomes,
    injected: faults.injected, faultsInjected: Object.values(faults.injected).reduce((a, b) => a + b, 0),
    duplicates: duplicates.length, lost: lost.length, phantom: phantom.length,
    unknownThatExist: [...unknownIds].filter((id) => state.orders_by_external_id[id]).length,
  };
  console.log(`soak summary ${JSON.stringify(summary)}`);
  assert.deepEqual(duplicates, [], 'no external_id has two orders');
  assert.deepEqual(lost, [], 'every acknowledged order exists');
  assert.deepEqual(phantom, [], 'nothing exists that was reported as not placed');
  assert.ok(summary.faultsInjected > RUNS * 0.3, `faults were injected (${summary.faultsInjected})`);

  // Balances: each customer's gold equals the sum of its buy orders; its cash fell by their totals.
  for (const customer of customers) {
    const record = state.accounts.customers[customer.external_id];
    const orders = record.orders.filter((o) => o.type === 'Buy');
    const grams = orders.reduce((sum, o) => sum + o.items.reduce((s, i) => s + i.amount, 0), 0);
    const spent = orders.reduce((sum, o) => sum + o.total, 0);
    const balance = (code) => record.wallets[code] ?? 0;
    assert.ok(Math.abs(balance('MAU') - grams) < 1e-6, `${customer.external_id}: gold ${balance('MAU')} vs orders ${grams}`);
    assert.ok(Math.abs(1e9 - balance('GBP') - spent) < 0.05, `${customer.external_id}: cash spent ${1e9 - balance('GBP')} vs orders ${spent}`);
    for (const order of orders) assert.ok(acknowledged.has(order.external_id) || unknownIds.has(order.external_id), `unexpected order ${order.external_id}`);
  }
});
