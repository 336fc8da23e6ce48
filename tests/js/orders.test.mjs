// Orders end to end: both look-ups, lenient decoding of the documented shapes, unknown fields kept.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { clientFor, startSandbox } from './helpers.mjs';

let sandbox;
let client;
before(async () => {
  sandbox = await startSandbox();
  client = clientFor(sandbox);
});
after(() => sandbox?.stop());

describe('orders', () => {
  test('getOrder returns a card-paid order with its payment block and masked card', async () => {
    const order = await client.getOrder('HYAQA01714rqz');
    assert.equal(order.order_code, 'YID9Z07U');
    assert.equal(order.type, 'Buy');
    assert.equal(order.payment.state, 'success');
    assert.equal(order.payment.details.card_number, '404809******7528');
    assert.equal(order.items[0].sku, 'GAU');
  });

  test('the legacy order shape decodes and keeps fields the docs no longer list', async () => {
    const order = await client.getOrder('HYAQA01373');
    assert.equal(order.status_name, 'New'); // not in the documented status list: kept as a string
    assert.equal(order.channel, 'partner');
    assert.equal(order.tx_type, 'oneoffpurchase');
    assert.equal(order.price_token, null);
    assert.equal(order.items[0].product_weight, 1);
    assert.equal(order.type, undefined);
  });

  test('getOrderAlternative finds the same order by guid, order_code or external_id', async () => {
    const external = '1699255128879-05ee3052-47fe-4747-adff-2cde45d8d9ec';
    const byGuid = await client.getOrderAlternative({ guid: '896AE1AC-E26F-4291-80B2-BF80DE0A920A', push_hook: false });
    const byCode = await client.getOrderAlternative({ order_code: 'ALS8HEVP' });
    const byExternal = await client.getOrderAlternative({ external_id: external });
    assert.deepEqual(byGuid, byCode);
    assert.deepEqual(byCode, byExternal);
    assert.equal(byGuid.payment, null);
    assert.equal(byGuid.items[0].amount, 0.1);
    assert.equal(byGuid.payment_type, 'cash');
  });

  test('getOrderAlternative without an identifier is refused locally', async () => {
    const err = await client.getOrderAlternative({ push_hook: true }).catch((e) => e);
    assert.equal(err.kind, 'validation');
    assert.deepEqual(err.issues.map((i) => i.code), ['at_least_one_of']);
  });

  test('an unknown order is the API’s 404', async () => {
    const err = await client.getOrder('NOPE-123').catch((e) => e);
    assert.equal(err.kind, 'api');
    assert.equal(err.status, 404);
  });

  test('listOrders streams thousands of orders through Readable.from and pipeline, page by page', async () => {
    // A stream consumer drives the iterator differently from for-await; it once crashed V8's deoptimizer here.
    const customer = 'MTD0018232';
    const generated = await (sandbox.fetch ?? fetch)(`${sandbox.url}/__sandbox/orders/generate`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ count: 6000, customer_external_id: customer }),
    });
    assert.equal(generated.status, 200);
    const expected = (await client.getOrders({ customer_external_id: customer, total: 30 })).total;
    assert.ok(expected >= 6000, `total ${expected}`);
    const codes = new Set();
    await pipeline(
      Readable.from(client.listOrders({ customer_external_id: customer, total: 30 })),
      new Writable({ objectMode: true, write(order, _encoding, done) { codes.add(order.order_code); done(); } }),
    );
    assert.equal(codes.size, expected);
  });
});
