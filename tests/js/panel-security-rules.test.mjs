// The panel server's security rules as tables: which Host names it answers, which callers may use the API, the
// Content-Security-Policy, the proxy's route table, what the audit log takes from a body, session cookies, expiry
// and the delay after failed sign-ins (on a clock the test moves), and the operators file (scrypt).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { operations } from 'minted-connect';
import { routeTable } from '../../www/proxy.mjs';
import { bodyIds } from '../../www/server/audit.mjs';
import { allowedNames, hostAllowed, hostName, isJson, isLoopback, refusal } from '../../www/server/guard.mjs';
import { contentSecurityPolicy, inlineScriptHashes } from '../../www/server/headers.mjs';
import { addOperator, checkOperator, hashPassword, parseHash, readOperators, verifyPassword } from '../../www/server/operators.mjs';
import { createSessions, createThrottle, parseCookies, sessionCookie } from '../../www/server/sessions.mjs';

describe('Host allow-list', () => {
  test('loopback addresses', () => {
    const cases = [['127.0.0.1', true], ['127.8.9.10', true], ['::1', true], ['[::1]', true], ['::ffff:127.0.0.1', true],
      ['localhost', true], ['0.0.0.0', false], ['::', false], ['10.0.0.5', false], ['127.example', false], ['', false]];
    for (const [address, expected] of cases) assert.equal(isLoopback(address), expected, address);
  });

  test('host names of Host headers, ports ignored; malformed values are no name', () => {
    const cases = [['127.0.0.1:8080', '127.0.0.1'], ['LocalHost', 'localhost'], ['[::1]:80', '::1'],
      ['panel.partner.example.:443', 'panel.partner.example'], ['attacker.example:8080', 'attacker.example'],
      ['a b', null], ['x:y', null], ['', null], [undefined, null], ['host:123456', null], ['user@host', null]];
    for (const [header, expected] of cases) assert.equal(hostName(header), expected, String(header));
  });

  test('the names a server answers to: loopback, its own address, --allowed-host', () => {
    const loopback = ['localhost', '127.0.0.1', '::1'];
    const cases = [
      ['127.0.0.1', [], loopback],
      ['0.0.0.0', ['Panel.Partner.Example'], [...loopback, 'panel.partner.example']],
      ['::', [], loopback],
      ['10.1.2.3', ['panel.partner.example:443'], [...loopback, '10.1.2.3', 'panel.partner.example']],
      ['fd00::5', [], [...loopback, 'fd00::5']],
    ];
    for (const [host, extra, expected] of cases) assert.deepEqual(allowedNames(host, extra), expected, host);
  });

  test('only the allowed names pass', () => {
    const allowed = ['localhost', '127.0.0.1', '::1', 'panel.partner.example'];
    const cases = [['127.0.0.1:4000', true], ['localhost:4000', true], ['[::1]:4000', true], ['panel.partner.example', true],
      ['attacker.example:4000', false], ['127.0.0.1.attacker.example', false], ['panel.partner.example.evil', false], [undefined, false]];
    for (const [header, expected] of cases) assert.equal(hostAllowed(header, allowed), expected, String(header));
  });
});

describe('callers of the API and the sign-in', () => {
  const origin = 'http://127.0.0.1:4000';
  const token = 'per-start-token';
  const page = { origin, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json', 'content-length': '2', 'x-csrf-token': token };
  const cases = [
    ['the page reads', 'GET', { 'sec-fetch-site': 'same-origin', 'x-csrf-token': token }, null],
    ['the page writes', 'POST', page, null],
    ['the page writes with a charset', 'PATCH', { ...page, 'content-type': 'application/json; charset=utf-8' }, null],
    ['a tool without browser headers, with the token', 'GET', { 'x-csrf-token': token }, null],
    ['another site reads', 'GET', { 'sec-fetch-site': 'cross-site', 'x-csrf-token': token }, 'Sec-Fetch-Site is cross-site'],
    ['another port of this host reads', 'GET', { 'sec-fetch-site': 'same-site', 'x-csrf-token': token }, 'Sec-Fetch-Site is same-site'],
    ['another origin writes', 'POST', { ...page, origin: 'https://evil.example', 'sec-fetch-site': undefined }, 'Origin https://evil.example is not http://127.0.0.1:4000'],
    ['a sandboxed frame writes', 'DELETE', { ...page, origin: 'null', 'sec-fetch-site': undefined }, 'Origin null is not http://127.0.0.1:4000'],
    ['a write without Origin', 'POST', { ...page, origin: undefined }, 'a request that changes anything must carry Origin'],
    ['a bodyless delete', 'DELETE', { ...page, 'content-type': undefined, 'content-length': undefined }, null],
    ['a form post', 'POST', { ...page, 'content-type': 'application/x-www-form-urlencoded' }, 'a request body must be application/json'],
    ['a no-cors text post', 'POST', { ...page, 'content-type': 'text/plain;charset=UTF-8' }, 'a request body must be application/json'],
    ['a chunked body without a type', 'POST', { ...page, 'content-type': undefined, 'content-length': undefined, 'transfer-encoding': 'chunked' }, 'a request body must be application/json'],
    ['a write without the token', 'POST', { ...page, 'x-csrf-token': undefined }, 'no valid x-csrf-token'],
    ['a read without the token', 'GET', { 'sec-fetch-site': 'same-origin' }, 'no valid x-csrf-token'],
    ['a wrong token of the same length', 'POST', { ...page, 'x-csrf-token': 'per-start-tokeN' }, 'no valid x-csrf-token'],
  ];
  for (const [name, method, headers, expected] of cases) {
    test(name, () => {
      const defined = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined));
      assert.equal(refusal({ method, headers: defined }, { origin, token }), expected);
    });
  }

  test('JSON content types', () => {
    for (const [value, expected] of [['application/json', true], ['Application/JSON;charset=utf-8', true], ['application/json-patch+json', false],
      ['text/plain', false], ['application/jsonx', false], [undefined, false]]) assert.equal(isJson(value), expected, String(value));
  });
});

describe('Content-Security-Policy', () => {
  test('the policy names the inline import map by hash and direct mode\'s APIs', () => {
    const html = readFileSync(new URL('../../www/index.html', import.meta.url), 'utf8');
    const hashes = inlineScriptHashes(html);
    assert.equal(hashes.length, 1, 'one inline script: the import map');
    const policy = contentSecurityPolicy({ scriptHashes: hashes, connect: ['https://api.staging.mintedconnect.com'] });
    assert.equal(policy, `default-src 'self'; script-src 'self' 'wasm-unsafe-eval' '${hashes[0]}'; connect-src 'self' https://api.staging.mintedconnect.com; `
      + "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  });

  test('scripts with a src are not hashed', () => {
    assert.deepEqual(inlineScriptHashes('<script type="module" src="a.js"></script><script>x()</script>'),
      [`sha256-${createHash('sha256').update('x()').digest('base64')}`]);
  });
});

describe('the proxy\'s route table (from the package\'s operations())', () => {
  const route = routeTable(operations());
  const cases = [
    ['GET', '/partner/customer/MTD0018232', { operation: 'getCustomer', params: { external_customer_id: 'MTD0018232' } }],
    ['PATCH', '/partner/customer/MTD%20X', { operation: 'updateCustomer', params: { external_customer_id: 'MTD X' } }],
    ['POST', '/partner/order/digital/buy', { operation: 'buyDigital', params: {} }],
    ['TRACE', '/partner/customer/MTD0018232', { allow: ['DELETE', 'GET', 'PATCH'] }],
    ['PUT', '/partner/balance', { allow: ['GET'] }],
    ['GET', '/partner/customer/a%2F..%2F..%2F__sandbox', null],
    ['GET', '/partner/customer/..', null],
    ['GET', '/partner/customer/%E0%A4%A', null],
    ['GET', '/__sandbox/state', null],
    ['GET', '/partner/customer/MTD0018232/extra', null],
  ];
  for (const [method, path, expected] of cases) test(`${method} ${path}`, () => assert.deepEqual(route(method, path), expected));
});

describe('the audit log\'s ids', () => {
  test('external ids of a body, wherever they sit', () => {
    const body = { external_id: 'ord-1', customer: { external_id: 'MTD1', identity_number: '10000000146' }, customer_external_id: 'MTD1',
      payment: { card_number: '4000000000003220', card_cvv: '999' }, items: [{ external_id: 'line-1' }] };
    assert.deepEqual(bodyIds(JSON.stringify(body)), { external_id: 'ord-1', 'customer.external_id': 'MTD1', customer_external_id: 'MTD1', 'items[0].external_id': 'line-1' });
    assert.deepEqual(bodyIds('not json'), {});
  });
});

describe('sessions', () => {
  test('the cookie is HttpOnly and SameSite=Strict, Secure behind TLS, and is deleted on sign-out', () => {
    assert.equal(sessionCookie('abc', { secure: false, maxAgeSeconds: 60 }), 'panel_session=abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=60');
    assert.equal(sessionCookie('abc', { secure: true, maxAgeSeconds: 60 }), 'panel_session=abc; Path=/; HttpOnly; SameSite=Strict; Secure; Max-Age=60');
    assert.equal(sessionCookie(null, { secure: false }), 'panel_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0');
    assert.deepEqual([...parseCookies('a=1; panel_session=xyz;b=')], [['a', '1'], ['panel_session', 'xyz'], ['b', '']]);
  });

  test('a session ends when idle, at its maximum age, or on sign-out', () => {
    let now = 0;
    const sessions = createSessions({ now: () => now, idleMs: 10, maxMs: 25 });
    const a = sessions.start('ayse');
    assert.equal(sessions.find(a), 'ayse');
    now = 9;
    assert.equal(sessions.find(a), 'ayse', 'used: the idle time starts again');
    now = 18;
    assert.equal(sessions.find(a), 'ayse');
    now = 26;
    assert.equal(sessions.find(a), null, 'too old, however busy');
    const b = sessions.start('mehmet');
    now = 37;
    assert.equal(sessions.find(b), null, 'idle too long');
    const c = sessions.start('mehmet');
    sessions.end(c);
    assert.equal(sessions.find(c), null);
    assert.equal(sessions.find('forged'), null);
    assert.equal(sessions.find(null), null);
  });

  test('each failed sign-in doubles the wait, up to the maximum; success clears it', () => {
    let now = 0;
    const throttle = createThrottle({ now: () => now, firstMs: 1000, maxMs: 4000 });
    const keys = ['name:ayse', 'address:10.0.0.1'];
    assert.equal(throttle.wait(keys), 0);
    const waits = [];
    for (let i = 0; i < 4; i += 1) {
      throttle.failed(keys);
      waits.push(throttle.wait(keys));
      now += throttle.wait(keys);
    }
    assert.deepEqual(waits, [1000, 2000, 4000, 4000]);
    throttle.failed(['name:ayse']);
    assert.equal(throttle.wait(['name:other', 'address:10.0.0.1']), 0, 'another name from another address is not held');
    assert.equal(throttle.wait(['name:ayse', 'address:10.0.0.9']), 4000, 'the same name from another address is');
    throttle.succeeded(keys);
    assert.equal(throttle.wait(keys), 0);
  });
});

describe('operators', () => {
  test('scrypt hashes in PHC form verify the right password only', async () => {
    const fast = { ln: 10, r: 8, p: 1 }; // the cost is read from the hash; tests need not spend 128 MB each
    const hash = await hashPassword('correct horse battery', fast);
    assert.match(hash, /^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    assert.deepEqual(parseHash(hash).cost, fast);
    assert.equal(await verifyPassword('correct horse battery', hash), true);
    assert.equal(await verifyPassword('correct horse batterY', hash), false);
    assert.equal(await verifyPassword('x', '$2b$10$bcrypt'), false);
    assert.notEqual(await hashPassword('correct horse battery', fast), hash, 'a fresh salt each time');
  });

  test('add-operator writes an owner-only file; sign-in checks it; bad lines name the line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minted-operators-'));
    const file = join(dir, 'operators');
    try {
      await addOperator(file, 'ayse', 'a long enough password');
      await addOperator(file, 'mehmet', 'another long password');
      await addOperator(file, 'ayse', 'a new password for ayse');
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.deepEqual([...readOperators(file).keys()], ['mehmet', 'ayse']);
      assert.equal(readOperators(file).get('ayse').startsWith('$scrypt$ln=17,r=8,p=1$'), true, 'OWASP\'s cost by default');
      assert.equal(await checkOperator(file, 'ayse', 'a new password for ayse'), true);
      assert.equal(await checkOperator(file, 'ayse', 'a long enough password'), false);
      assert.equal(await checkOperator(file, 'nobody', 'a new password for ayse'), false);
      assert.ok(!readFileSync(file, 'utf8').includes('password'), 'no password in the file');
      await assert.rejects(addOperator(file, 'bad name', 'a long enough password'), /letters, digits/);
      await assert.rejects(addOperator(file, 'short', 'too short'), /at least 12/);
      writeFileSync(file, 'ayse:$scrypt$broken\n');
      assert.throws(() => readOperators(file), /operators:1: not "name:\$scrypt\$…"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
