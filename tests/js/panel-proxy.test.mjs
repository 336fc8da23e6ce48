// The panel's credential-adding proxy (www/proxy.mjs) signs with the package's core (`DigestChallenge`): against a
// real sandbox it answers challenges, renews a stale nonce, passes API answers through and keeps wrong credentials a
// plain 401 (no browser login dialog); offered SHA-256-sess and MD5 it answers the strongest; offered MD5-sess only
// it answers that; and against lighttpd's mod_auth it speaks SHA-256 (Apache's suite is panel-proxy-apache).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { startWww } from '../../www/serve.mjs';
import { cannedServer, startSandbox } from './helpers.mjs';
import { LIGHTTPD, startLighttpd } from './lighttpd.mjs';
import { pageHeaders, panelToken, raw, sandboxCounters } from './panel-kit.mjs';

/** A panel in proxy mode in front of `upstream`, and a call the way its page makes one. */
async function panelFor(upstream) {
  const www = await startWww({ upstream });
  const token = await panelToken(www);
  const call = (path, { method = 'GET', body } = {}) => raw(`${www.url}api${path}`, { method, body, headers: pageHeaders(www, token) });
  return { www, call };
}

describe('the proxy against the sandbox', () => {
  let sandbox;
  let panel;
  before(async () => {
    sandbox = await startSandbox();
    panel = await panelFor({ url: sandbox.url, username: sandbox.username, password: sandbox.password });
  });
  after(async () => {
    await panel?.www.close();
    await sandbox?.stop();
  });

  test('signs calls, reusing one nonce, and passes status, body and request id through', async () => {
    for (let i = 0; i < 3; i += 1) assert.equal((await panel.call('/partner/balance')).status, 200);
    const missing = await panel.call('/partner/customer/nobody-here');
    assert.equal(missing.status, 404);
    assert.ok(missing.headers['x-request-id']);
    assert.equal(JSON.parse(missing.body).code, 1004);
    const posted = await panel.call('/partner/legal', { method: 'POST', body: '{"type":"terms"}' });
    assert.equal(JSON.parse(posted.body).data[0].type, 'terms');
    assert.equal((await sandboxCounters(sandbox)).unauthorized, 1);
  });

  test('a stale nonce is renewed without failing the call', async () => {
    const plan = { rules: [{ fault: 'stale-nonce', method: 'GET', path: '/partner/balance', times: 1 }] };
    await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(plan) });
    try {
      assert.equal((await panel.call('/partner/balance')).status, 200);
    } finally {
      await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
    }
  });

  test('what the page sends passes as sent (an empty api-version too); a body that is not JSON is refused here', async () => {
    const before = (await sandboxCounters(sandbox)).partner_requests;
    const empty = await raw(`${panel.www.url}api/partner/balance`, { headers: { ...pageHeaders(panel.www, await panelToken(panel.www)), 'api-version': '' } });
    assert.notEqual(empty.status, 502, empty.body);
    assert.equal((await sandboxCounters(sandbox)).partner_requests, before + 1, 'the sandbox answered it');
    const broken = await panel.call('/partner/legal', { method: 'POST', body: '{"type":' });
    assert.deepEqual([broken.status, broken.body], [400, 'the body is not JSON']);
    assert.equal((await sandboxCounters(sandbox)).partner_requests, before + 1, 'and nothing was forwarded');
  });

  test('wrong credentials stay a plain 401, without a challenge for the browser', async () => {
    const wrong = await panelFor({ url: sandbox.url, username: sandbox.username, password: 'not-the-password' });
    try {
      const answer = await wrong.call('/partner/balance');
      assert.equal(answer.status, 401);
      assert.equal(answer.headers['www-authenticate'], undefined);
    } finally {
      await wrong.www.close();
    }
  });
});

describe('which challenge the proxy answers (the core\'s choice)', () => {
  test('offered SHA-256-sess and MD5, it answers SHA-256-sess, correctly', async () => {
    const USER = 'partner';
    const PASSWORD = 'sess-secret';
    const REALM = 'minted-two';
    const hash = (algorithm, text) => createHash(algorithm.startsWith('SHA-256') ? 'sha256' : 'md5').update(text).digest('hex');
    /** The expected response, computed here with node:crypto (RFC 7616 §3.4.1), for what the client sent. */
    const expected = (method, p) => {
      let ha1 = hash(p.algorithm, `${USER}:${REALM}:${PASSWORD}`);
      if (p.algorithm.endsWith('-sess')) ha1 = hash(p.algorithm, `${ha1}:${p.nonce}:${p.cnonce}`);
      const ha2 = hash(p.algorithm, `${method}:${p.uri}`);
      return hash(p.algorithm, `${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:${p.qop}:${ha2}`);
    };
    const upstream = await cannedServer((req) => {
      const params = Object.fromEntries([...String(req.headers.authorization ?? '').matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]+))/g)].map(([, k, q, b]) => [k, q ?? b]));
      if (params.response && params.response === expected(req.method, params)) {
        return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ success: true, data: [], algorithm: params.algorithm }) };
      }
      return { status: 401, headers: { 'www-authenticate': [`Digest realm="${REALM}", nonce="md5-nonce", qop="auth", algorithm=MD5`,
        `Digest realm="${REALM}", nonce="sess-nonce", qop="auth", algorithm=SHA-256-sess`] } };
    });
    const panel = await panelFor({ url: upstream.url, username: USER, password: PASSWORD });
    try {
      const answer = await panel.call('/partner/balance');
      assert.equal(answer.status, 200, answer.body);
      assert.equal(JSON.parse(answer.body).algorithm, 'SHA-256-sess');
      const signed = upstream.requests.filter((r) => r.headers.authorization);
      assert.equal(signed.length, 1);
      assert.match(signed[0].headers.authorization, /nonce="sess-nonce"/);
    } finally {
      await panel.www.close();
      await upstream.close();
    }
  });

  test('offered MD5-sess only (a sandbox that checks it), it answers MD5-sess', async () => {
    const sandbox = await startSandbox({ args: ['--algorithm', 'MD5-sess'] });
    const panel = await panelFor({ url: sandbox.url, username: sandbox.username, password: sandbox.password });
    try {
      for (let i = 0; i < 3; i += 1) assert.equal((await panel.call('/partner/balance')).status, 200);
      const counters = await sandboxCounters(sandbox);
      assert.deepEqual([counters.unauthorized, counters.partner_requests], [1, 4], 'one challenge, then one round trip per call');
    } finally {
      await panel.www.close();
      await sandbox.stop();
    }
  });

  describe('against lighttpd\'s mod_auth (SHA-256)', { skip: !existsSync(LIGHTTPD) && 'lighttpd is not installed' }, () => {
    const USER = 'operator';
    const PASSWORD = 'lighttpd-secret';
    let lighttpd;
    before(async () => {
      lighttpd = await startLighttpd({ realm: 'minted-lighttpd', username: USER, password: PASSWORD, algorithm: 'SHA-256',
        files: { balance: JSON.stringify({ success: true, data: [{ currency_code: 'GBP', balance: 1 }] }) } });
    });
    after(() => lighttpd?.stop());

    test('its challenge is SHA-256 only, and the proxy passes it, one call after another and many at once', async () => {
      const challenge = (await fetch(`${lighttpd.url}/partner/balance`)).headers.get('www-authenticate');
      assert.match(challenge, /^Digest realm="minted-lighttpd", charset="UTF-8", algorithm=SHA-256, nonce="[^"]+", qop="auth"$/);
      const panel = await panelFor({ url: lighttpd.url, username: USER, password: PASSWORD });
      try {
        for (let i = 0; i < 3; i += 1) assert.equal((await panel.call('/partner/balance')).status, 200, lighttpd.errorLog());
        const together = await Promise.all(Array.from({ length: 6 }, () => panel.call('/partner/balance')));
        assert.deepEqual(together.map((a) => a.status), Array(6).fill(200), lighttpd.errorLog());
        assert.equal(JSON.parse(together[0].body).data[0].currency_code, 'GBP');
      } finally {
        await panel.www.close();
      }
    });

    test('a wrong password is a plain 401', async () => {
      const panel = await panelFor({ url: lighttpd.url, username: USER, password: 'wrong' });
      try {
        const answer = await panel.call('/partner/balance');
        assert.equal(answer.status, 401);
        assert.equal(answer.headers['www-authenticate'], undefined);
      } finally {
        await panel.www.close();
      }
    });
  });
});

