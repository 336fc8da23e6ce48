// The panel's credential-adding proxy (www/proxy.mjs): how it reads Digest challenges, and what it does with a real
// sandbox behind it: answers challenges, renews a stale nonce, passes API answers through, keeps wrong credentials a
// plain 401 (no browser login dialog), and reaches nothing but /partner/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startWww } from '../../www/serve.mjs';
import { parseDigestChallenges, strongest } from '../../www/proxy.mjs';
import { startSandbox } from './helpers.mjs';
import { proxyPanel, sandboxCounters } from './panel-kit.mjs';

describe('reading Digest challenges', () => {
  const cases = [
    ['one challenge', 'Digest realm="r", nonce="n1", qop="auth", algorithm=MD5',
      [{ realm: 'r', nonce: 'n1', qop: 'auth', algorithm: 'MD5' }]],
    ['two challenges joined by fetch', 'Digest realm="r", nonce="a", algorithm=SHA-256, qop="auth", Digest realm="r", nonce="b", algorithm=MD5, qop="auth"',
      [{ realm: 'r', nonce: 'a', algorithm: 'SHA-256', qop: 'auth' }, { realm: 'r', nonce: 'b', algorithm: 'MD5', qop: 'auth' }]],
    ['commas and escaped quotes inside quoted values', 'Digest realm="a, \\"b\\"", nonce="n", qop="auth,auth-int", stale=true',
      [{ realm: 'a, "b"', nonce: 'n', qop: 'auth,auth-int', stale: 'true' }]],
    ['other schemes are left out', 'Basic realm="x", Digest realm="y", nonce="z"', [{ realm: 'y', nonce: 'z' }]],
    ['nothing', '', []],
  ];
  for (const [name, header, expected] of cases) test(name, () => assert.deepEqual(parseDigestChallenges(header), expected));

  test('the strongest algorithm wins; unknown ones and incomplete challenges are ignored', () => {
    const offered = [{ realm: 'r', nonce: 'm', algorithm: 'MD5' }, { realm: 'r', nonce: 's', algorithm: 'SHA-256' },
      { realm: 'r', nonce: 'x', algorithm: 'SHA-512-256' }, { realm: 'r', algorithm: 'SHA-256-sess' }];
    assert.equal(strongest(offered).nonce, 's');
    assert.equal(strongest([{ realm: 'r', nonce: 'plain' }]).nonce, 'plain', 'no algorithm means MD5');
    assert.equal(strongest([]), null);
  });
});

describe('the proxy against the sandbox', () => {
  let sandbox;
  let www;
  const call = (path, init = {}) => fetch(`${www.url}api${path}`, { ...init, headers: { 'x-client-id': 'web', 'api-version': '2', 'accept-language': 'en', ...init.headers } });
  before(async () => {
    sandbox = await startSandbox();
    www = await proxyPanel(sandbox);
  });
  after(async () => {
    await www?.close();
    await sandbox?.stop();
  });

  test('signs calls, reusing one nonce, and passes status, body and request id through', async () => {
    for (let i = 0; i < 3; i += 1) assert.equal((await call('/partner/balance')).status, 200);
    const missing = await call('/partner/customer/nobody-here');
    assert.equal(missing.status, 404);
    assert.ok(missing.headers.get('x-request-id'));
    assert.equal((await missing.json()).code, 1004);
    const posted = await call('/partner/legal', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"terms"}' });
    assert.equal((await posted.json()).data[0].type, 'terms');
    assert.equal((await sandboxCounters(sandbox)).unauthorized, 1);
  });

  test('a stale nonce is renewed without failing the call', async () => {
    const plan = { rules: [{ fault: 'stale-nonce', method: 'GET', path: '/partner/balance', times: 1 }] };
    await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(plan) });
    try {
      assert.equal((await call('/partner/balance')).status, 200);
    } finally {
      await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
    }
  });

  test('only /partner/ paths pass, and bodies are limited', async () => {
    assert.equal((await call('/__sandbox/state')).status, 404);
    assert.equal((await call('/partner/legal', { method: 'POST', body: 'x'.repeat(2 << 20) })).status, 413);
  });

  test('wrong credentials stay a plain 401, without a challenge for the browser', async () => {
    const wrong = await startWww({ upstream: { url: sandbox.url, username: sandbox.username, password: 'not-the-password' } });
    try {
      const answer = await fetch(`${wrong.url}api/partner/balance`, { headers: { 'x-client-id': 'web', 'api-version': '2' } });
      assert.equal(answer.status, 401);
      assert.equal(answer.headers.get('www-authenticate'), null);
    } finally {
      await wrong.close();
    }
  });
});
