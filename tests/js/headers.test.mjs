// What goes on the wire: headers per route and config, bodies as JSON, nothing sent for invalid requests.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MintedClient } from 'minted-connect';
import { cannedServer } from './helpers.mjs';

const ORDER = { data: { guid: 'g', order_code: 'c', items: [] }, success: true, code: 0, message: '' };
const CUSTOMER = { data: { external_id: 'abc' }, success: true, code: 0, message: '' };
const PAGE = { data: { data: [ORDER.data], last_page: 3 }, success: true, code: 0, message: '' };
let server;
before(async () => {
  server = await cannedServer((req) => ({
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(req.url.startsWith('/partner/orders') ? PAGE : req.url.startsWith('/api/partner/order') ? ORDER : CUSTOMER),
  }));
});
after(() => server?.close());

describe('requests on the wire', () => {
  test('defaults: api-version 2, x-client-id web, Accept-Language tr; no body, no Content-Type', async () => {
    server.requests.length = 0;
    await new MintedClient({ baseUrl: `${server.url}/api/` }).getOrder('ORDER 1/2');
    const [request] = server.requests;
    assert.equal(request.method, 'GET');
    assert.equal(request.url, '/api/partner/order/ORDER%201%2F2');
    assert.equal(request.headers['api-version'], '2');
    assert.equal(request.headers['x-client-id'], 'web');
    assert.equal(request.headers['accept-language'], 'tr');
    assert.equal(request.headers['content-type'], undefined);
    assert.equal(request.headers.authorization, undefined);
  });

  test('config clientId and language are sent; bodies are JSON with the phone normalised and unknown fields kept', async () => {
    server.requests.length = 0;
    const client = new MintedClient({ baseUrl: `${server.url}/api`, clientId: 'admin-panel', language: 'en' });
    await client.createCustomer({ external_id: 'abc', phone: '0532 280 80 35', nickname: 'Memo' });
    const [request] = server.requests;
    assert.equal(request.method, 'POST');
    assert.equal(request.url, '/api/partner/customer');
    assert.equal(request.headers['x-client-id'], 'admin-panel');
    assert.equal(request.headers['accept-language'], 'en');
    assert.equal(request.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(request.body), { external_id: 'abc', phone: '+905322808035', nickname: 'Memo' });
  });

  test('numbers are sent as JSON.stringify writes them', async () => {
    server.requests.length = 0;
    const numbers = { a: 0.1 + 0.2, b: -1.5, c: 1e21, d: 5e-7, e: 42, f: -0, g: 2 ** 53 + 2 };
    await new MintedClient({ baseUrl: server.url }).createCustomer({ external_id: 'abc', numbers });
    const [request] = server.requests;
    assert.equal(request.body, JSON.stringify({ external_id: 'abc', numbers }));
  });

  test('an invalid request never reaches the server', async () => {
    server.requests.length = 0;
    const client = new MintedClient({ baseUrl: server.url });
    const err = await client.createCustomer({ external_id: 'a b', email: 'nope' }).catch((e) => e);
    assert.equal(err.kind, 'validation');
    assert.deepEqual(err.issues.map((i) => `${i.path}:${i.code}`), ['external_id:external_id_chars', 'email:email']);
    const blank = await client.getCustomer('').catch((e) => e);
    assert.equal(blank.kind, 'validation');
    const number = await client.getCustomer(42).catch((e) => e);
    assert.deepEqual(number.issues.map((i) => `${i.path}:${i.code}`), ['external_customer_id:type']);
    assert.equal(server.requests.length, 0);
  });

  test('the body is read when the call is made: later changes to the object are not sent', async () => {
    server.requests.length = 0;
    const body = { external_id: 'abc', firstname: 'Mehmet' };
    const pending = new MintedClient({ baseUrl: server.url }).createCustomer(body);
    body.firstname = 'Changed';
    await pending;
    assert.equal(JSON.parse(server.requests[0].body).firstname, 'Mehmet');
  });

  test('queries go out in the caller\'s key order; listOrders sets page on each request', async () => {
    server.requests.length = 0;
    const client = new MintedClient({ baseUrl: server.url });
    await client.getOrders({ total: 5, customer_external_id: 'MTD 1', startDate: '2026-11-01', page: 2 });
    await client.request({ method: 'GET', path: '/partner/x', query: { b: 2.5, a: 'ç', flag: false, deep: { x: 1 }, skip: undefined } });
    for await (const order of client.listOrders({ sortType: 'desc', sortBy: 'total', page: 2 })) assert.equal(order.guid, 'g');
    assert.deepEqual(server.requests.map((r) => r.url), [
      '/partner/orders?total=5&customer_external_id=MTD%201&startDate=2026-11-01&page=2',
      '/partner/x?b=2.5&a=%C3%A7&flag=false',
      '/partner/orders?sortType=desc&sortBy=total&page=2',
      '/partner/orders?sortType=desc&sortBy=total&page=3',
    ]);
  });

  test('the config is read from the JS object as given: undefined is absent, every other value is checked', () => {
    const base = { baseUrl: 'http://x.test' };
    const fieldOf = (config) => {
      try { new MintedClient(config); return 'ok'; } catch (err) { assert.equal(err.kind, 'config'); return err.field ?? err.message; }
    };
    const cases = [
      [{ ...base, username: undefined, password: undefined, language: undefined }, 'ok'],
      [{ ...base, routes: { getOrders: { path: '/partner/order/list' } }, onRequest: () => {} }, 'ok'],
      [Object.assign(Object.create({ inherited: 1 }), base), 'ok'],
      [null, 'baseUrl'],
      [[base], 'baseUrl'],
      [{ ...base, timeoutMs: NaN }, 'timeoutMs'],
      [{ ...base, timeoutMs: Infinity }, 'timeoutMs'],
      [{ ...base, clientId: 10n }, 'clientId'],
      [{ ...base, strictIdentityNumbers: 1 }, 'strictIdentityNumbers'],
      [{ ...base, routes: [] }, 'routes'],
      [{ ...base, routes: { getOrders: { path: 7 } } }, 'routes'],
      [{ ...base, onResponse: 'log' }, 'onResponse'],
      [{ ...base, fetch: {} }, 'fetch'],
      [{ ...base, extra: () => {} }, 'invalid config: unknown field `extra`'],
      [{ baseURL: 'http://x.test' }, 'invalid config: unknown field `baseURL` (did you mean baseUrl?)'],
    ];
    assert.deepEqual(cases.map(([config]) => fieldOf(config)), cases.map(([, expected]) => expected));
  });
});
