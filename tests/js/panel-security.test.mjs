// The panel's server attacked over real HTTP on 127.0.0.1, in proxy mode in front of a sandbox: every attack is
// sent as a browser (or a tool) would send it, and the sandbox's own counter says whether anything reached the API.
// Then the headers of every answer, the refusal to listen beyond loopback without operators, shared mode (sign-in,
// the delay after failures, expiry, sign-out, a TLS-terminating reverse proxy) and the audit log.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exposedWithoutOperators, startWww } from '../../www/serve.mjs';
import { addOperator } from '../../www/server/operators.mjs';
import { root, startSandbox } from './helpers.mjs';
import { pageHeaders, panelToken, proxyPanel, raw, sandboxCounters } from './panel-kit.mjs';

let sandbox;
let www;
let token;
let port;
before(async () => {
  sandbox = await startSandbox();
  www = await proxyPanel(sandbox);
  token = await panelToken(www);
  port = new URL(www.url).port;
});
after(async () => {
  await www?.close();
  await sandbox?.stop();
});

/** How many calls reached the API while `attempt` ran. */
async function forwardedBy(attempt) {
  const before = (await sandboxCounters(sandbox)).partner_requests;
  const answer = await attempt();
  return { answer, forwarded: (await sandboxCounters(sandbox)).partner_requests - before };
}

const customer = '/api/partner/customer/MTD0018232';
const newCustomer = JSON.stringify({ external_id: 'attack-0001', firstname: 'Eve', lastname: 'Attacker', email: 'eve@example.com', phone: '+905321112233', gender: 'F' });

describe('attacks on the proxy: refused, and nothing reaches the API', () => {
  const evil = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' };
  const attacks = [
    ['DNS rebinding: a read with the attacker\'s Host', () => ({ path: customer, headers: { ...pageHeaders(www, token), host: `attacker.example:${port}`, origin: undefined, 'sec-fetch-site': 'same-origin' } }), 421],
    ['DNS rebinding: a write with the attacker\'s Host and Origin', () => ({ method: 'POST', path: '/api/partner/customer', body: newCustomer, headers: { ...pageHeaders(www, token), host: `attacker.example:${port}`, origin: `http://attacker.example:${port}` } }), 421],
    ['DNS rebinding: the page itself', () => ({ path: '/', headers: { host: `attacker.example:${port}` } }), 421],
    ['DNS rebinding: config.json (where the token is)', () => ({ path: '/config.json', headers: { host: `attacker.example:${port}`, 'sec-fetch-site': 'same-origin' } }), 421],
    ['no Host at all (HTTP/1.0 style)', () => ({ path: customer, headers: { host: '' } }), 421],
    ['no-cors POST from another site', () => ({ method: 'POST', path: '/api/partner/customer', body: newCustomer, headers: { ...evil, 'content-type': 'text/plain;charset=UTF-8' } }), 403],
    ['form POST from another site', () => ({ method: 'POST', path: '/api/partner/customer', body: 'external_id=attack', headers: { ...evil, 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-mode': 'navigate' } }), 403],
    ['CORS preflight from another site', () => ({ method: 'OPTIONS', path: '/api/partner/customer', headers: { ...evil, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-client-id' } }), 403],
    ['cross-site read, even with a leaked token', () => ({ path: customer, headers: { ...pageHeaders(www, token), ...evil } }), 403],
    ['same-site read (another port of this host)', () => ({ path: customer, headers: { ...pageHeaders(www, token), origin: undefined, 'sec-fetch-site': 'same-site' } }), 403],
    ['a write from another origin without Sec-Fetch-Site (an old browser)', () => ({ method: 'POST', path: '/api/partner/customer', body: newCustomer, headers: { ...pageHeaders(www, token), origin: 'https://evil.example', 'sec-fetch-site': undefined } }), 403],
    ['a write without the token', () => ({ method: 'POST', path: '/api/partner/customer', body: newCustomer, headers: { ...pageHeaders(www, undefined) } }), 403],
    ['a write with a wrong token', () => ({ method: 'POST', path: '/api/partner/customer', body: newCustomer, headers: { ...pageHeaders(www, `${token.slice(1)}x`) } }), 403],
    ['a write without Origin (a script outside any browser)', () => ({ method: 'POST', path: '/api/partner/customer', body: newCustomer, headers: { ...pageHeaders(www, token), origin: undefined, 'sec-fetch-site': undefined } }), 403],
    ['a read without the token', () => ({ path: customer, headers: { ...pageHeaders(www, undefined) } }), 403],
    ['TRACE through the proxy', () => ({ method: 'TRACE', path: customer, headers: pageHeaders(www, token) }), 405],
    ['PUT, a method the API does not use', () => ({ method: 'PUT', path: '/api/partner/balance', body: '{}', headers: pageHeaders(www, token) }), 405],
    ['TRACE on a page', () => ({ method: 'TRACE', path: '/' }), 405],
    ['POST on a page', () => ({ method: 'POST', path: '/index.html', body: '{}', headers: { 'content-type': 'application/json' } }), 405],
    ['a 2 MB body', () => ({ method: 'POST', path: '/api/partner/customer', body: 'x'.repeat(2 << 20), headers: pageHeaders(www, token) }), 413],
    ['the sandbox\'s admin routes through the proxy', () => ({ path: '/api/__sandbox/state', headers: pageHeaders(www, token) }), 404],
    ['dot segments out of /partner/', () => ({ path: '/api/partner/../__sandbox/state', headers: pageHeaders(www, token) }), 404],
    ['encoded slashes in a path parameter', () => ({ path: '/api/partner/customer/a%2F..%2F..%2F__sandbox%2Fstate', headers: pageHeaders(www, token) }), 404],
    ['a path that is no operation', () => ({ path: '/api/partner/admin', headers: pageHeaders(www, token) }), 404],
    ['a malformed escape in the path', () => ({ path: '/api/partner/customer/%E0%A4%A', headers: pageHeaders(www, token) }), 400],
    ['a file outside www/', () => ({ path: '/%2e%2e/Cargo.toml' }), 404],
  ];
  const table = [];
  for (const [name, build, status] of attacks) {
    test(name, async () => {
      const { method = 'GET', path, headers = {}, body } = build();
      const defined = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined));
      const { answer, forwarded } = await forwardedBy(() => raw(`${www.url.replace(/\/$/, '')}${path}`, { method, headers: defined, body }));
      table.push({ attack: name, status: answer.status, forwarded });
      assert.equal(answer.status, status, answer.body);
      assert.equal(forwarded, 0, 'nothing reached the API');
      assert.equal(answer.headers['access-control-allow-origin'], undefined, 'no CORS for anyone');
    });
  }

  test('the same calls from the panel\'s own page pass (the counter counts)', async () => {
    const read = await forwardedBy(() => raw(`${www.url}${customer.slice(1)}`, { headers: pageHeaders(www, token) }));
    assert.equal(read.answer.status, 200);
    assert.ok(read.forwarded >= 1);
    const body = newCustomer.replace('attack-0001', `page-${Date.now().toString(36)}`);
    const write = await forwardedBy(() => raw(`${www.url}api/partner/customer`, { method: 'POST', body, headers: pageHeaders(www, token) }));
    assert.equal(write.answer.status, 200, write.answer.body);
    assert.ok(write.forwarded >= 1);
    table.push({ attack: '(the panel\'s own page: a read and a write)', status: `${read.answer.status}, ${write.answer.status}`, forwarded: read.forwarded + write.forwarded });
  });

  after(() => {
    if (process.env.PANEL_ATTACK_TABLE) console.log(table.map((r) => `| ${r.attack} | ${r.status} | ${r.forwarded ? `yes (${r.forwarded})` : 'no'} |`).join('\n'));
  });
});

describe('security headers', () => {
  test('every answer carries them, the API\'s and config.json with no-store', async () => {
    const answers = {
      page: await raw(www.url),
      script: await raw(`${www.url}js/app.js`),
      config: await raw(`${www.url}config.json`),
      api: await raw(`${www.url}api/partner/balance`, { headers: pageHeaders(www, token) }),
      refused: await raw(`${www.url}api/partner/balance`),
      missing: await raw(`${www.url}nothing-here`),
      foreignHost: await raw(www.url, { headers: { host: 'attacker.example' } }),
    };
    assert.deepEqual(Object.fromEntries(Object.entries(answers).map(([k, a]) => [k, a.status])),
      { page: 200, script: 200, config: 200, api: 200, refused: 403, missing: 404, foreignHost: 421 });
    for (const [name, answer] of Object.entries(answers)) {
      const h = answer.headers;
      assert.match(h['content-security-policy'], /^default-src 'self'; script-src 'self' 'wasm-unsafe-eval'/, name);
      assert.match(h['content-security-policy'], /frame-ancestors 'none'; base-uri 'none'; form-action 'self'/, name);
      assert.deepEqual([h['x-frame-options'], h['referrer-policy'], h['x-content-type-options']], ['DENY', 'no-referrer', 'nosniff'], name);
    }
    assert.match(answers.page.headers['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/]+=*'; connect-src 'self';/,
      'the import map by hash; proxy mode connects to its own origin only');
    for (const name of ['api', 'config', 'refused']) assert.equal(answers[name].headers['cache-control'], 'no-store', name);
  });

  test('direct mode: connect-src names the APIs the server was given, else the documented one', async () => {
    const given = await startWww({ apis: ['https://api.partner.example/v2', 'http://127.0.0.1:9'] });
    const fallback = await startWww();
    try {
      assert.match((await raw(given.url)).headers['content-security-policy'], /connect-src 'self' https:\/\/api\.partner\.example http:\/\/127\.0\.0\.1:9;/);
      assert.deepEqual(JSON.parse((await raw(`${given.url}config.json`)).body).apis, ['https://api.partner.example', 'http://127.0.0.1:9']);
      assert.match((await raw(fallback.url)).headers['content-security-policy'], /connect-src 'self' https:\/\/api\.staging\.mintedconnect\.com;/);
    } finally {
      await Promise.all([given.close(), fallback.close()]);
    }
  });

  test('--allowed-host adds a name; others stay refused', async () => {
    const named = await startWww({ allowedHosts: ['panel.partner.example'] });
    try {
      assert.equal((await raw(named.url, { headers: { host: 'panel.partner.example' } })).status, 200);
      assert.equal((await raw(named.url, { headers: { host: `localhost:${new URL(named.url).port}` } })).status, 200);
      assert.equal((await raw(named.url, { headers: { host: 'other.partner.example' } })).status, 421);
    } finally {
      await named.close();
    }
  });
});

describe('listening beyond loopback', () => {
  test('is refused without operators, saying why', async () => {
    await assert.rejects(startWww({ host: '0.0.0.0' }), { message: exposedWithoutOperators('0.0.0.0') });
    const cli = spawnSync(process.execPath, [join(root, 'www', 'serve.mjs'), '--host', '0.0.0.0', '--port', '0'], { encoding: 'utf8', timeout: 20000 });
    assert.equal(cli.status, 2);
    assert.match(cli.stderr, /refusing to listen on 0\.0\.0\.0 without --operators FILE: anyone who reaches this address could use the panel/);
  });
});

describe('shared mode: operators sign in', () => {
  let dir;
  let shared;
  let now = Date.UTC(2026, 11, 7, 9);
  const origin = () => new URL(shared.url).origin;
  const signIn = (name, password, headers = {}) => raw(`${shared.url}session`, { method: 'POST', body: JSON.stringify({ name, password }),
    headers: { origin: origin(), 'sec-fetch-site': 'same-origin', 'content-type': 'application/json', 'x-csrf-token': token, ...headers } });
  const cookieOf = (answer) => answer.headers['set-cookie']?.[0].split(';')[0];
  const balance = (cookie) => forwardedBy(() => raw(`${shared.url}api/partner/balance`, { headers: { ...pageHeaders(shared, token), ...(cookie ? { cookie } : {}) } }));
  let token;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'minted-shared-'));
    await addOperator(join(dir, 'operators'), 'ayse', 'ayse-long-password');
    shared = await startWww({
      config: { language: 'en' }, upstream: { url: sandbox.url, username: sandbox.username, password: sandbox.password },
      operators: join(dir, 'operators'), audit: join(dir, 'audit.jsonl'), now: () => now, sessionIdleMs: 60_000,
    });
    token = await panelToken(shared);
  });
  after(async () => {
    await shared?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('before sign-in: config.json says so and holds no defaults; the API answers 401 and forwards nothing', async () => {
    const config = JSON.parse((await raw(`${shared.url}config.json`)).body);
    assert.deepEqual({ ...config, csrf: typeof config.csrf }, { language: 'en', apis: [], csrf: 'string', signIn: true, operator: null });
    const { answer, forwarded } = await balance(null);
    assert.deepEqual([answer.status, answer.headers['x-sign-in'], forwarded], [401, 'required', 0]);
    assert.equal((await balance('panel_session=forged')).answer.status, 401);
  });

  test('a failed sign-in holds the next attempt back (429, Retry-After), even with the right password', async () => {
    assert.equal((await signIn('ayse', 'wrong-password-1')).status, 401);
    const held = await signIn('ayse', 'ayse-long-password');
    assert.equal(held.status, 429);
    assert.equal(held.headers['retry-after'], '1');
    assert.equal(held.headers['set-cookie'], undefined);
    now += 1000;
    assert.equal((await signIn('ayse', 'wrong-password-2')).status, 401);
    const longer = await signIn('ayse', 'ayse-long-password');
    assert.deepEqual([longer.status, longer.headers['retry-after']], [429, '2'], 'the wait doubles');
    now += 2000;
  });

  test('a sign-in from another site is refused', async () => {
    const answer = await signIn('ayse', 'ayse-long-password', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    assert.equal(answer.status, 403);
    assert.equal(answer.headers['set-cookie'], undefined);
  });

  test('signed in: an HttpOnly, SameSite=Strict cookie (not Secure over plain HTTP) opens the API until it expires', async () => {
    const answer = await signIn('ayse', 'ayse-long-password');
    assert.equal(answer.status, 200, answer.body);
    assert.match(answer.headers['set-cookie'][0], /^panel_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    const cookie = cookieOf(answer);
    const config = JSON.parse((await raw(`${shared.url}config.json`, { headers: { cookie } })).body);
    assert.equal(config.operator, 'ayse');
    assert.equal(config.proxy, 'api/');
    const used = await balance(cookie);
    assert.deepEqual([used.answer.status, used.forwarded > 0], [200, true]);
    now += 59_000;
    assert.equal((await balance(cookie)).answer.status, 200, 'used within the idle time');
    now += 61_000;
    const expired = await balance(cookie);
    assert.deepEqual([expired.answer.status, expired.forwarded], [401, 0], 'idle too long');
  });

  test('sign-out ends the session', async () => {
    const cookie = cookieOf(await signIn('ayse', 'ayse-long-password'));
    assert.equal((await balance(cookie)).answer.status, 200);
    const out = await raw(`${shared.url}session`, { method: 'DELETE', headers: { origin: origin(), 'sec-fetch-site': 'same-origin', 'x-csrf-token': token, cookie } });
    assert.equal(out.status, 204);
    assert.match(out.headers['set-cookie'][0], /^panel_session=; .*Max-Age=0$/);
    const after = await balance(cookie);
    assert.deepEqual([after.answer.status, after.forwarded], [401, 0]);
  });

  test('the audit log: every write with operator, operation, ids, status and request id; no secret', async () => {
    const cookie = cookieOf(await signIn('ayse', 'ayse-long-password'));
    const headers = { ...pageHeaders(shared, token), cookie };
    const id = `audit-${Date.now().toString(36)}`;
    const created = await raw(`${shared.url}api/partner/customer`, { method: 'POST', headers,
      body: JSON.stringify({ external_id: id, firstname: 'Ayşe', lastname: 'Yılmaz', email: 'ayse@example.com', phone: '+905321112233', gender: 'F' }) });
    assert.equal(created.status, 200, created.body);
    const card = await raw(`${shared.url}api/partner/card-storage`, { method: 'POST', headers,
      body: JSON.stringify({ customer_external_id: id, card_holder: 'AYSE YILMAZ', card_number: '4111111111111111', card_expiry: '12/30', cvv: '123' }) });
    const cardToken = JSON.parse(card.body).data?.card_token;
    assert.ok(cardToken, card.body);
    const removed = await raw(`${shared.url}api/partner/card-storage`, { method: 'DELETE', headers, body: JSON.stringify({ customer_external_id: id, card_token: cardToken }) });
    const refusedByApi = await raw(`${shared.url}api/partner/customer/nobody-${id}`, { method: 'PATCH', headers, body: JSON.stringify({ firstname: 'X' }) });
    assert.equal(refusedByApi.status, 404);
    await raw(`${shared.url}api/partner/customer/${id}`, { headers }); // a read: not in the log
    const lines = readFileSync(join(dir, 'audit.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    const calls = lines.filter((line) => line.operation && line.time > '').slice(-4);
    assert.deepEqual(calls.map(({ operator, operation, method, path, ids, status }) => ({ operator, operation, method, path, ids, status })), [
      { operator: 'ayse', operation: 'createCustomer', method: 'POST', path: '/partner/customer', ids: { external_id: id }, status: 200 },
      { operator: 'ayse', operation: 'addStoredCard', method: 'POST', path: '/partner/card-storage', ids: { customer_external_id: id }, status: card.status },
      { operator: 'ayse', operation: 'deleteStoredCard', method: 'DELETE', path: '/partner/card-storage', ids: { customer_external_id: id }, status: removed.status },
      { operator: 'ayse', operation: 'updateCustomer', method: 'PATCH', path: `/partner/customer/nobody-${id}`, ids: { external_customer_id: `nobody-${id}` }, status: 404 },
    ]);
    assert.equal(calls[0].requestId, created.headers['x-request-id']);
    assert.ok(calls.every((line) => !Number.isNaN(Date.parse(line.time)) && line.address === '127.0.0.1'));
    assert.ok(lines.some((line) => line.event === 'sign-in refused' && line.operator === 'ayse'));
    assert.ok(lines.some((line) => line.event === 'sign-out' && line.operator === 'ayse'));
    const text = readFileSync(join(dir, 'audit.jsonl'), 'utf8');
    for (const secret of ['4111111111111111', '411111', cardToken, '"123"', 'ayse-long-password', 'wrong-password', sandbox.password, 'Digest ']) {
      assert.ok(!text.includes(secret), `${secret} is not in the audit log`);
    }
  });
});

describe('behind a TLS-terminating reverse proxy (--trust-proxy)', () => {
  test('the forwarded scheme, host and address are used: Secure cookie, HSTS, Origin checked against https', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minted-trust-'));
    await addOperator(join(dir, 'operators'), 'ayse', 'ayse-long-password');
    const [behind, direct] = await Promise.all([
      startWww({ upstream: { url: sandbox.url, username: sandbox.username, password: sandbox.password }, operators: join(dir, 'operators'), trustProxy: true, allowedHosts: ['panel.partner.example'] }),
      startWww({ upstream: { url: sandbox.url, username: sandbox.username, password: sandbox.password }, operators: join(dir, 'operators'), allowedHosts: ['panel.partner.example'] }),
    ]);
    try {
      // the client claimed an address of its own; the reverse proxy appended the one it saw
      const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'panel.partner.example', 'x-forwarded-for': '10.9.9.9, 203.0.113.9' };
      const tokenOf = async (server) => JSON.parse((await raw(`${server.url}config.json`, { headers: forwarded })).body).csrf;
      const attempt = async (server, origin) => raw(`${server.url}session`, { method: 'POST', body: JSON.stringify({ name: 'ayse', password: 'ayse-long-password' }),
        headers: { ...forwarded, origin, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json', 'x-csrf-token': await tokenOf(server) } });
      const signedIn = await attempt(behind, 'https://panel.partner.example');
      assert.equal(signedIn.status, 200, signedIn.body);
      assert.match(signedIn.headers['set-cookie'][0], /; HttpOnly; SameSite=Strict; Secure; Max-Age=/);
      assert.equal(signedIn.headers['strict-transport-security'], 'max-age=31536000');
      assert.equal((await attempt(behind, `http://127.0.0.1:${new URL(behind.url).port}`)).status, 403, 'the origin is the public one');
      const cookie = signedIn.headers['set-cookie'][0].split(';')[0];
      const config = JSON.parse((await raw(`${behind.url}config.json`, { headers: { ...forwarded, cookie } })).body);
      assert.equal(config.clientIp, '203.0.113.9', 'the operator\'s address, for card payments');
      assert.equal((await raw(behind.url, { headers: { ...forwarded, 'x-forwarded-host': 'attacker.example' } })).status, 421);
      // without --trust-proxy the same headers are a client's claims and change nothing
      assert.equal((await attempt(direct, 'https://panel.partner.example')).status, 403);
      const plainIn = await attempt(direct, `http://127.0.0.1:${new URL(direct.url).port}`);
      assert.equal(plainIn.status, 200);
      assert.doesNotMatch(plainIn.headers['set-cookie'][0], /Secure/);
    } finally {
      await Promise.all([behind.close(), direct.close()]);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
