// The `fetch` option: every exchange of a client goes through it. Proven with undici's ProxyAgent through a real HTTP
// proxy on loopback (the proxy sees exactly the requests the sandbox answers: Digest challenges, retries,
// reconciliation look-ups), and with test doubles for what a custom fetch may throw or return.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createProxy } from 'proxy';
import { ProxyAgent, fetch as undiciFetch } from 'undici';
import { MintedClient, MintedError, digestAuthorization } from 'minted-connect';
import { newFundedCustomer, uniqueId } from './flows.mjs';
import { startSandbox, stats } from './helpers.mjs';

const envelope = (data) => JSON.stringify({ data, success: true, code: 0, message: '' });

describe('fetch option through a real HTTP proxy (undici ProxyAgent)', () => {
  let sandbox;
  let proxy;
  let agent;
  const proxied = [];

  before(async () => {
    sandbox = await startSandbox();
    proxy = createProxy(createServer());
    proxy.on('request', (req) => proxied.push(`${req.method} ${req.url}`));
    await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    // proxyTunnel false: plain-HTTP requests go to the proxy in absolute form, one by one, so each is visible there.
    agent = new ProxyAgent({ uri: `http://127.0.0.1:${proxy.address().port}`, proxyTunnel: false });
  });
  after(async () => {
    console.log(['requests the proxy forwarded:', ...proxied].join('\n  '));
    await agent?.close();
    proxy?.closeAllConnections();
    await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve()));
    await sandbox?.stop();
  });

  const plan = (rules) => fetch(`${sandbox.url}/__sandbox/faults`, {
    method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rules }),
  });

  test('challenges, retries and reconciliation all go through the proxy, and nothing bypasses it', async () => {
    const client = new MintedClient({
      baseUrl: sandbox.url, username: sandbox.username, password: sandbox.password, language: 'en',
      timeoutMs: 2000, retryBackoffMs: 10,
      fetch: (url, init) => undiciFetch(url, { ...init, dispatcher: agent }),
    });
    const before = await stats(sandbox);
    const customer = await newFundedCustomer(client);
    const read = proxied.length;
    assert.ok(read >= 2, `the first call was challenged and signed through the proxy: ${proxied.join(', ')}`);

    await plan([{ fault: 'status-503', method: 'GET', path: '/partner/customer/*', times: 1 }]);
    const got = await client.getCustomer(customer.external_id);
    assert.equal(got.external_id, customer.external_id);
    const retried = proxied.slice(read);
    assert.deepEqual(retried, Array(2).fill(`GET ${sandbox.url}/partner/customer/${customer.external_id}`),
      'the 503 and its retry both went through the proxy');

    const quote = await client.priceFix({ type: 'digital', customer_external_id: customer.external_id });
    await plan([{ fault: 'drop-after-commit', method: 'POST', path: '/partner/order/digital/buy', times: 1 }]);
    const external_id = uniqueId('proxied');
    const order = await client.buyGold({ price_token: quote.token, external_id, customer, amount: 1 });
    await plan([]);
    assert.equal(order.reconciled, true, 'the dropped order was found by a look-up');
    const last = proxied.slice(-2);
    assert.match(last[0], /^POST http:\/\/127\.0\.0\.1:\d+\/partner\/order\/digital\/buy$/);
    assert.match(last[1], /^GET http:\/\/127\.0\.0\.1:\d+\/partner\/order/, 'the reconciliation look-up went through the proxy');

    const after = await stats(sandbox);
    assert.equal(after.partner_requests - before.partner_requests, proxied.length,
      'the sandbox answered exactly the requests the proxy forwarded');
    assert.ok(proxied.every((line) => line.includes(sandbox.url)), proxied.join('\n'));
  });
});

describe('fetch option with test doubles', () => {
  const closed = 'http://127.0.0.1:9'; // never contacted: the doubles answer
  const withFetch = (fetch, extra = {}) => new MintedClient({ baseUrl: closed, maxRetries: 0, language: 'en', fetch, ...extra });
  const kindOf = (promise) => promise.then(() => 'resolved', (err) => (err instanceof MintedError ? err.kind : `not a MintedError: ${err}`));

  test('it receives the standard (url, init) arguments and its Response is used', async () => {
    const calls = [];
    const client = withFetch(async (url, init) => {
      calls.push({ url, init });
      return new Response(envelope({ external_id: 'abc', wallets: [] }), { status: 200, headers: { 'x-request-id': 'rid-1' } });
    });
    const customer = await client.getCustomer('abc');
    assert.equal(customer.external_id, 'abc');
    assert.equal(calls.length, 1);
    const [{ url, init }] = calls;
    assert.equal(url, `${closed}/partner/customer/abc`);
    assert.equal(init.method, 'GET');
    assert.equal(init.headers['api-version'], '2');
    assert.equal(init.headers['Accept-Language'], 'en');
    assert.ok(init.signal instanceof AbortSignal);
    assert.equal('body' in init, false);
  });

  test('Digest challenges are answered through it, and a body is sent as a string', async () => {
    const calls = [];
    const client = withFetch(async (url, init) => {
      calls.push(init);
      if (!init.headers.Authorization) {
        return new Response('', { status: 401, headers: { 'www-authenticate': 'Digest realm="r", nonce="n1", qop="auth", algorithm=MD5' } });
      }
      return new Response(envelope({ external_id: 'new' }), { status: 200 });
    }, { username: 'u', password: 'secret-pw' });
    await client.createCustomer({ external_id: 'new' });
    assert.equal(calls.length, 2);
    const authorization = calls[1].headers.Authorization;
    const cnonce = /cnonce="([^"]+)"/.exec(authorization)?.[1];
    assert.equal(authorization, digestAuthorization({ username: 'u', password: 'secret-pw', realm: 'r', nonce: 'n1', uri: '/partner/customer', method: 'POST', nc: 1, cnonce, qop: 'auth', algorithm: 'MD5' }));
    assert.equal(typeof calls[1].body, 'string');
    assert.equal(JSON.parse(calls[1].body).external_id, 'new');
  });

  test('what it throws maps to network, aborted and timeout', async () => {
    const throwing = (error) => withFetch(async () => { throw error; });
    assert.equal(await kindOf(throwing(new TypeError('fetch failed')).getCustomer('a')), 'network');
    assert.equal(await kindOf(throwing(new DOMException('stopped', 'AbortError')).getCustomer('a')), 'aborted');
    assert.equal(await kindOf(throwing(new DOMException('too slow', 'TimeoutError')).getCustomer('a')), 'timeout');
    assert.equal(await kindOf(throwing('a bare string').getCustomer('a')), 'network');
    assert.equal(await kindOf(withFetch(() => { throw new Error('synchronous'); }).getCustomer('a')), 'network');
    const notResponse = await withFetch(async () => ({ ok: true })).getCustomer('a').catch((e) => e);
    assert.equal(notResponse.kind, 'network');
    assert.match(notResponse.message, /not a Response/);
  });

  test('timeoutMs and the call signal hold even when it ignores init.signal', async () => {
    const never = () => new Promise(() => {});
    assert.equal(await kindOf(withFetch(never, { timeoutMs: 50 }).getCustomer('a')), 'timeout');
    const controller = new AbortController();
    const pending = kindOf(withFetch(never).getCustomer('a', { signal: controller.signal }));
    setTimeout(() => controller.abort('stop'), 20);
    assert.equal(await pending, 'aborted');
    let reads = 0;
    const stalledBody = withFetch(async () => ({ status: 200, headers: new Headers(), arrayBuffer: () => { reads += 1; return never(); } }), { timeoutMs: 50 });
    assert.equal(await kindOf(stalledBody.getCustomer('a')), 'timeout');
    assert.equal(reads, 1);
  });

  test('the Authorization value it was given never appears in the error', async () => {
    let sent;
    const client = withFetch(async (url, init) => {
      if (!init.headers.Authorization) {
        return new Response('', { status: 401, headers: { 'www-authenticate': 'Digest realm="r", nonce="n2", qop="auth"' } });
      }
      sent = init.headers.Authorization;
      throw new Error(`proxy refused ${sent}`);
    }, { username: 'u', password: 'pw' });
    const err = await client.getCustomer('a').catch((e) => e);
    assert.equal(err.kind, 'network');
    assert.ok(sent && !err.message.includes(sent), err.message);
    assert.match(err.message, /\[REDACTED\]/);
  });

  test('a fetch that is not a function is a config error naming the field', () => {
    assert.throws(() => new MintedClient({ baseUrl: closed, fetch: 'undici' }), (err) => err.kind === 'config' && err.field === 'fetch');
  });
});
