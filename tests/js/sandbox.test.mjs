// The in-process sandbox's host (createSandbox from 'minted-connect/sandbox'): what flows-in-process.test.mjs does not
// reach — connection-level faults as fetch rejections, delays on sandbox time and AbortSignal, saving and resuming
// state, reset, 3-D Secure completion, the fetch signature's input forms, and options checking.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MintedClient } from 'minted-connect';
import { createSandbox } from 'minted-connect/sandbox';
import { newFundedCustomer, uniqueId } from './flows.mjs';
import { root } from './helpers.mjs';

function setup(options) {
  const sandbox = createSandbox(options);
  const client = new MintedClient({ baseUrl: sandbox.url, ...sandbox.credentials, fetch: sandbox.fetch, language: 'en', maxRetries: 0 });
  return { sandbox, client };
}

describe('faults carried out in process', () => {
  test('reset: the fetch rejects like a dropped connection and nothing is processed', async () => {
    const { sandbox, client } = setup();
    await sandbox.admin.faults({ rules: [{ fault: 'reset', method: 'GET', path: '/partner/customer/*', times: 1 }] });
    const raw = await sandbox.fetch(`${sandbox.url}/partner/customer/MTD0018232`);
    assert.equal(raw.status, 401, 'the challenge comes before the fault plan');
    const err = await client.getCustomer('MTD0018232').catch((e) => e);
    assert.equal(err.kind, 'network');
    assert.equal((await client.getCustomer('MTD0018232')).external_id, 'MTD0018232', 'served again after the rule');
  });

  test('drop-after-commit: the fetch rejects after the order was made; the client finds it, and it exists once', async () => {
    const { sandbox, client } = setup();
    const customer = await newFundedCustomer(client);
    await sandbox.admin.faults({ rules: [{ fault: 'drop-after-commit', method: 'POST', path: '/partner/order/digital/buy', times: 1 }] });
    const quote = await client.priceFix({ type: 'digital', customer_external_id: customer.external_id });
    const external_id = uniqueId('drop');
    const bought = await client.buyGold({ price_token: quote.token, external_id, customer, amount: 0.1 });
    assert.equal(bought.orders[0].external_id, external_id);
    assert.equal((await sandbox.admin.faults()).injected['drop-after-commit'], 1);
    assert.equal((await sandbox.admin.state()).orders_by_external_id[external_id], 1);
  });

  test('delay: a stopped clock holds the call until advanceClock, then it is answered', async () => {
    const { sandbox, client } = setup();
    await sandbox.admin.freezeClock(true);
    await sandbox.admin.faults({ rules: [{ fault: 'delay', path: '/partner/customer/*', times: 1, delay_ms: 60000 }] });
    let settled = false;
    const call = client.getCustomer('MTD0018232').finally(() => { settled = true; });
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(settled, false, 'still waiting on sandbox time');
    await sandbox.admin.advanceClock(60);
    assert.equal((await call).external_id, 'MTD0018232');
  });

  test('delay: an AbortSignal ends the wait at once; the request still runs when the delay ends', async () => {
    const { sandbox, client } = setup();
    const customer = await newFundedCustomer(client, 100);
    await sandbox.admin.freezeClock(true);
    await sandbox.admin.faults({ rules: [{ fault: 'delay', method: 'PATCH', path: '/partner/balance/customer/*', times: 1, delay_ms: 5000 }] });
    const controller = new AbortController();
    const external_id = uniqueId('dep');
    const call = client.updateCustomerCashBalance(customer.external_id, { type: 'deposit', amount: 5, external_id }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const err = await call.catch((e) => e);
    assert.equal(err.kind, 'aborted');
    assert.equal((await sandbox.admin.state()).customers[customer.external_id].GBP, 100, 'not yet');
    await sandbox.admin.advanceClock(5);
    assert.equal((await sandbox.admin.state()).customers[customer.external_id].GBP, 105, 'processed once the delay ended');
  });

  test('status faults come back as responses', async () => {
    const { sandbox, client } = setup();
    await sandbox.admin.faults({ rules: [{ fault: 'status-503', path: '/partner/*', times: 1 }] });
    const err = await client.getOrderStatuses().catch((e) => e);
    assert.equal(err.status, 503);
    assert.equal((await sandbox.admin.faults()).rules[0].used, 1);
    await sandbox.admin.faults(null);
    assert.deepEqual((await sandbox.admin.faults()).rules, []);
  });
});

describe('state', () => {
  test('save() and createSandbox({ state }) continue where it left off; JSON.stringify gives the same', async () => {
    const first = setup();
    const customer = await newFundedCustomer(first.client, 250);
    const saved = first.sandbox.save();
    assert.deepEqual(JSON.parse(JSON.stringify(first.sandbox)), saved);
    const second = setup({ state: saved });
    assert.equal((await second.client.getCustomer(customer.external_id)).external_id, customer.external_id);
    const third = setup({ state: JSON.stringify(saved) });
    assert.equal((await third.sandbox.admin.state()).customers[customer.external_id].GBP, 250);
  });

  test('reset() goes back to the state it was created with', async () => {
    const { sandbox, client } = setup();
    const customer = await newFundedCustomer(client);
    await sandbox.admin.advanceClock(10);
    sandbox.admin.reset();
    assert.equal((await sandbox.admin.state()).customers[customer.external_id], undefined);
    assert.equal((await sandbox.admin.clock()).advanced_ms, 0);
    assert.equal((await client.getCustomer('MTD0018232')).external_id, 'MTD0018232', 'the client carries on (a fresh challenge)');
  });

  test('two sandboxes share nothing', async () => {
    const a = setup();
    const b = setup();
    const customer = await newFundedCustomer(a.client);
    assert.ok((await a.sandbox.admin.state()).customers[customer.external_id]);
    assert.equal((await b.sandbox.admin.state()).customers[customer.external_id], undefined);
  });

  test('close() frees it; later calls fail like a refused connection', async () => {
    const { sandbox } = setup();
    sandbox.close();
    await assert.rejects(sandbox.fetch(`${sandbox.url}/__sandbox/health`), TypeError);
  });
});

test('complete3ds takes the redirect_url of a payment waiting for 3-D Secure', async () => {
  const { sandbox, client } = setup();
  const customer = await newFundedCustomer(client, 0);
  const quote = await client.priceFix({ type: 'digital', customer_external_id: customer.external_id });
  const external_id = uniqueId('3ds');
  const pending = await client.cardPaymentBuyWithCardNumber({
    price_token: quote.token, external_id, customer, items: [{ sku: 'GAU', amount: 0.1 }],
    payment: { card_holder: 'AYSE YILMAZ', card_number: '4000000000003220', card_expiry: '12/30', card_cvv: '123', customer_ip: '203.0.113.7' },
  });
  assert.ok(pending.payment.redirect_url.startsWith(`${sandbox.url}/__sandbox/3ds/`));
  const done = await sandbox.admin.complete3ds(pending.payment.redirect_url);
  assert.equal(done.data.state, 'success');
  assert.equal(pending.orders[0].status_name, 'Pending');
  assert.equal((await client.cardPaymentGetOrder(external_id)).payment.state, 'success');
});

describe('sandbox.fetch takes what fetch takes', () => {
  test('a Request, Headers, a URL object and a relative path', async () => {
    const { sandbox } = setup();
    const health = await sandbox.fetch(new Request(`${sandbox.url}/__sandbox/health`));
    assert.deepEqual(await health.json(), { ok: true });
    const clock = await sandbox.fetch(new URL('/__sandbox/clock', sandbox.url), {
      method: 'post', headers: new Headers({ 'Content-Type': 'application/json' }), body: new TextEncoder().encode('{"freeze": true}'),
    });
    assert.equal((await clock.json()).frozen, true);
    const relative = await sandbox.fetch('/__sandbox/stats');
    assert.equal(relative.status, 200);
    assert.equal(relative.url, `${sandbox.url}/__sandbox/stats`);
  });

  test('another origin is refused, as an unreachable host would be', async () => {
    const { sandbox } = setup();
    await assert.rejects(sandbox.fetch('https://api.example.com/partner/orders'), (err) => err instanceof TypeError && /serves/.test(err.cause.message));
  });

  test('a preflight and CORS headers, as a browser page on another origin needs', async () => {
    const { sandbox } = setup();
    const preflight = await sandbox.fetch(`${sandbox.url}/partner/orders`, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173' } });
    assert.equal(preflight.status, 204);
    assert.equal(await preflight.text(), '');
  });
});

describe('options', () => {
  test('the native flags, by their JavaScript names', async () => {
    const { sandbox } = setup({ username: 'me', password: 'secret-1', quoteTtlSecs: 5 });
    assert.deepEqual({ ...sandbox.credentials }, { username: 'me', password: 'secret-1' });
    const client = new MintedClient({ baseUrl: sandbox.url, ...sandbox.credentials, fetch: sandbox.fetch });
    const quote = await client.priceFix({ type: 'digital' });
    assert.ok(quote.remainingSeconds() <= 5);
  });

  test('a mistake is named', () => {
    assert.throws(() => createSandbox({ quoteTTL: 5 }), /unknown field `quoteTTL`/);
    assert.throws(() => createSandbox({ algorithm: 'SHA-512' }), /algorithm: unknown algorithm/);
    assert.throws(() => createSandbox({ state: { nope: true } }), /state is not a sandbox state/);
  });
});

test('docs/sandbox.md shows sandbox-example.test.mjs as it is', () => {
  const readme = readFileSync(join(root, 'docs', 'sandbox.md'), 'utf8');
  const example = readFileSync(join(import.meta.dirname, 'sandbox-example.test.mjs'), 'utf8');
  const body = example.slice(example.indexOf('import '));
  assert.ok(readme.includes(body), 'copy tests/js/sandbox-example.test.mjs (from its first import) into docs/sandbox.md');
});
