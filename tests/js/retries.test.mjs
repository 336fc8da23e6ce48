// Retries, timeouts and cancellation against a real HTTP server on loopback that answers from a script.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { MintedClient, MintedError } from 'minted-connect';

const ORDER = JSON.stringify({ data: { guid: 'g', order_code: 'c', items: [] }, success: true, code: 0, message: '' });
const CUSTOMER = JSON.stringify({ data: { external_id: 'abc' }, success: true, code: 0, message: '' });

/** A server answering each request with the next step of `script` (the last step repeats). */
let server;
let script = [];
let seen = [];
before(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push({ at: Date.now(), method: req.method, url: req.url });
      const step = script[Math.min(seen.length - 1, script.length - 1)];
      if (step.hang) return; // never answers; closed at shutdown
      res.writeHead(step.status, step.headers ?? { 'content-type': 'application/json' });
      res.end(step.body ?? '');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
});
after(() => { server.closeAllConnections(); return new Promise((resolve) => server.close(resolve)); });

function play(...steps) {
  script = steps;
  seen = [];
}
const client = (extra = {}) => new MintedClient({ baseUrl: `http://127.0.0.1:${server.address().port}`, retryBackoffMs: 10, ...extra });
const unavailable = { status: 503, body: JSON.stringify({ data: null, success: false, code: 503, message: 'busy' }) };
const ok = (body = ORDER) => ({ status: 200, body });

describe('retries of safe calls', () => {
  test('a read is retried after 5xx and succeeds, reporting nothing', async () => {
    play(unavailable, { status: 502, headers: { 'content-type': 'text/html' }, body: '<html>bad gateway</html>' }, ok());
    const order = await client().getOrder('x');
    assert.equal(order.guid, 'g');
    assert.equal(seen.length, 3);
  });

  test('after maxRetries the last failure is returned with the number of attempts', async () => {
    play(unavailable);
    const err = await client({ maxRetries: 2 }).getOrder('x').catch((e) => e);
    assert.ok(err instanceof MintedError);
    assert.equal(err.kind, 'api');
    assert.equal(err.status, 503);
    assert.equal(err.attempts, 3);
    assert.equal(seen.length, 3);
  });

  test('maxRetries: 0 sends once', async () => {
    play(unavailable);
    const err = await client({ maxRetries: 0 }).getOrder('x').catch((e) => e);
    assert.equal(err.attempts, 1);
    assert.equal(seen.length, 1);
  });

  test('429 waits for Retry-After before trying again', async () => {
    play({ status: 429, headers: { 'content-type': 'application/json', 'retry-after': '1' }, body: '{}' }, ok());
    await client().getOrder('x');
    assert.equal(seen.length, 2);
    assert.ok(seen[1].at - seen[0].at >= 950, `waited ${seen[1].at - seen[0].at} ms`);
  });

  test('a Retry-After too long to wait ends the call instead', async () => {
    play({ status: 429, headers: { 'content-type': 'application/json', 'retry-after': '120' }, body: '{}' }, ok());
    const err = await client().getOrder('x').catch((e) => e);
    assert.equal(err.status, 429);
    assert.equal(seen.length, 1);
  });

  test('4xx answers are final', async () => {
    play({ status: 422, body: JSON.stringify({ data: null, success: false, code: 1001, message: 'bad id' }) }, ok());
    const err = await client().getOrder('x').catch((e) => e);
    assert.equal(err.code, 1001);
    assert.equal(err.attempts, 1);
    assert.equal(seen.length, 1);
  });

  test('a call that is not safe to repeat is not retried', async () => {
    play(unavailable, ok(CUSTOMER));
    const err = await client().createCustomer({ external_id: 'abc' }).catch((e) => e);
    assert.equal(err.status, 503);
    assert.equal(seen.length, 1);
  });

  test('each attempt has its own timeout; timeouts are retried for reads', async () => {
    play({ hang: true }, { hang: true }, ok());
    const order = await client({ timeoutMs: 200 }).getOrder('x');
    assert.equal(order.guid, 'g');
    assert.equal(seen.length, 3);
    play({ hang: true });
    const err = await client({ timeoutMs: 100, maxRetries: 1 }).getOrder('x').catch((e) => e);
    assert.equal(err.kind, 'timeout');
    assert.equal(err.attempts, 2);
  });

  test('aborting during a backoff wait stops at once and sends nothing more', async () => {
    play({ status: 429, headers: { 'content-type': 'application/json', 'retry-after': '20' }, body: '{}' }, ok());
    const controller = new AbortController();
    const pending = client().getOrder('x', { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const err = await pending.catch((e) => e);
    assert.equal(err.kind, 'aborted');
    assert.equal(seen.length, 1);
  });
});
