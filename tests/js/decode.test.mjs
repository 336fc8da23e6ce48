// The response reader: JSON.parse builds the object, one walk checks `data` against the operation's shape table (both
// in src/js/http.js, the table generated from the model declarations). Lenient documents pass untouched; the first
// problem is reported with its path; the envelope's fields decide API failures. Through decodeResponse, exactly as
// the client reads its responses.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeResponse, MintedError } from 'minted-connect';

const envelope = (data, extra = {}) => JSON.stringify({ data, success: true, code: 0, message: '', ...extra });
const bytes = (text) => new TextEncoder().encode(text);

function failure(operation, body, status) {
  try {
    decodeResponse(operation, body, status);
  } catch (err) {
    assert.ok(err instanceof MintedError, String(err));
    return err;
  }
  assert.fail(`${operation}: ${String(body).slice(0, 80)} was accepted`);
}

describe('decodeResponse reads lenient documents without changing them', () => {
  const cases = [
    { guid: 'a', order_code: 'b', items: [] },
    { guid: 'a', order_code: 'b', items: [{ sku: 'GAU', amount: 0.1 }], price: null, customer: null, payment: { details: null } },
    { guid: 'a"b', order_code: 'ç', items: [{ sku: 'GAU', amount: 10, unknown: { deep: [1, 2] } }], extra: { x: [null] } },
    { items: [], guid: 'order matters not', order_code: 'c', new_field: 'kept', type: 'NotDocumented' },
  ];
  for (const data of cases) {
    test(JSON.stringify(data).slice(0, 70), () => {
      assert.deepEqual(decodeResponse('getOrder', envelope(data)), data);
      assert.deepEqual(decodeResponse('getOrder', bytes(envelope(data))), data);
    });
  }

  test('nullable data may be missing or null; other data may not', () => {
    assert.equal(decodeResponse('removeCustomer', JSON.stringify({ success: true, code: 0, message: '' })), null);
    assert.equal(decodeResponse('removeCustomer', envelope(null)), null);
    assert.match(failure('getOrder', envelope(null)).message, /the response has no `data`/);
  });

  test('lists of models are read item by item and kept', () => {
    const customer = { external_id: 'x', wallets: [{ currency_code: 'MAU', balance: 1.5, unknown: [] }], more: 1 };
    assert.deepEqual(decodeResponse('getCustomer', envelope(customer)), customer);
  });
});

describe('decodeResponse names the first problem with its path', () => {
  const order = { guid: 'g', order_code: 'c', items: [] };
  const cases = [
    ['getOrder', { ...order, guid: 5 }, '`data.guid` should be a string, found a number'],
    ['getOrder', { guid: 'g', items: [] }, '`data.order_code` is missing'],
    ['getOrder', { ...order, guid: null }, '`data.guid` should be a string, found null'],
    ['getOrder', { ...order, items: [{}, { amount: '1' }] }, '`data.items[1].amount` should be a number or null, found a string'],
    ['getOrder', { ...order, items: {} }, '`data.items` should be an array, found an object'],
    ['getOrder', { ...order, items: [null] }, '`data.items[0]` should be an object, found null'],
    ['getOrder', { ...order, payment: { is_3d: 'yes' } }, '`data.payment.is_3d` should be true or false or null, found a string'],
    ['getOrder', { ...order, payment: { details: { card_number: 4111 } } }, '`data.payment.details.card_number` should be a string or null, found a number'],
    ['getOrder', { price: true, ...order, guid: 1 }, '`data.price` should be a number or null, found a boolean'],
    ['getOrder', [], '`data` should be an object, found an array'],
    ['getCustomer', { external_id: 'x', wallets: [{ currency_code: 'MAU' }, { balance: 1 }] }, '`data.wallets[1].currency_code` is missing'],
    ['getOrderStatuses', [{ id: 1, name: 'New' }, { id: '2', name: 'x' }], '`data[1].id` should be a number, found a string'],
  ];
  for (const [operation, data, message] of cases) {
    test(message, () => {
      const err = failure(operation, envelope(data));
      assert.equal(err.kind, 'decode');
      assert.equal(err.status, 200);
      assert.equal(err.operation, operation);
      assert.equal(err.message, `${operation}: the response does not have the documented shape: ${message}`);
    });
  }
});

describe('decodeResponse reads the envelope', () => {
  test('success: false is the API refusing, with its code and message', () => {
    const err = failure('getOrder', JSON.stringify({ success: false, code: 'E1', message: 'no', data: null }));
    assert.equal(err.kind, 'api');
    assert.equal(err.code, 'E1');
    assert.match(err.message, /: no \(HTTP 200, code E1\)$/);
  });

  test('a failure status with the envelope is the API refusing; without it, an HTTP error', () => {
    const api = failure('getOrder', JSON.stringify({ success: false, code: 1004, message: 'not found', data: null }), 404);
    assert.deepEqual([api.kind, api.code, api.status], ['api', 1004, 404]);
    const http = failure('getOrder', '<html>bad gateway</html>', 502);
    assert.deepEqual([http.kind, http.status], ['http', 502]);
    assert.match(http.message, /HTTP 502 Bad Gateway/);
    assert.equal(failure('getOrder', '[1]', 500).kind, 'http');
  });

  const notJson = [
    ['trailing characters', `${envelope({ guid: 'g', order_code: 'c', items: [] })} x`],
    ['a truncated body', envelope({ guid: 'g' }).slice(0, 20)],
    ['invalid UTF-8', new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])],
  ];
  for (const [what, body] of notJson) {
    test(`${what} is not JSON`, () => {
      const err = failure('getOrder', body);
      assert.equal(err.kind, 'decode');
      assert.match(err.message, /the response is not JSON/);
    });
  }

  test('an empty body says so', () => {
    assert.match(failure('getOrder', bytes('  \n')).message, /the response body is empty/);
  });

  test('a body that is not the envelope says what it is', () => {
    assert.match(failure('getOrder', '[1,2]').message, /documented shape: the body is not the API's envelope \(an array\)/);
    assert.match(failure('getOrder', '"text"').message, /the body is not the API's envelope \(a plain value\)/);
  });

  test('the body kept on an error is redacted', () => {
    const body = JSON.stringify({ success: false, code: 1, message: 'card 4111111111111111 refused', data: { card_cvv: '123' } });
    const err = failure('getOrder', body, 422);
    assert.ok(!JSON.stringify(err).includes('4111111111111111'), JSON.stringify(err));
    assert.ok(!err.body.includes('"123"'), err.body);
  });
});
