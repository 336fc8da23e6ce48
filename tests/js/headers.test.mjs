// What goes on the wire: headers per route and config, bodies as JSON, nothing sent for invalid requests.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MintedClient } from 'minted-connect';
import { cannedServer } from './helpers.mjs';

const ORDER = { data: { guid: 'g', order_code: 'c', items: [] }, success: true, code: 0, message: '' };
const CUSTOMER = { data: { external_id: 'abc' }, success: true, code: 0, message: '' };
let server;
before(async () => {
  server = await cannedServer((req) => ({
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(req.url.startsWith('/api/partner/order') ? ORDER : CUSTOMER),
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
});
