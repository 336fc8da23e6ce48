// Per-call control and what a call tells about itself: per-call timeoutMs and maxRetries (exactly-once rounds
// included), withResponse metadata, the built-in logger (logLevel, logger, MINTED_LOG) with nothing secret in any
// line, the SDK's identification header, and listings page by page. Against real HTTP: a scripted server on loopback,
// and the in-process sandbox for orders and faults.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createSandbox } from 'minted-connect/sandbox';
import { MintedClient, MintedError } from 'minted-connect';
import { newFundedCustomer, uniqueId } from './flows.mjs';

const VERSION = JSON.parse((await import('node:fs')).readFileSync(new URL('../../pkg/package.json', import.meta.url), 'utf8')).version;
const CUSTOMER = JSON.stringify({ data: { external_id: 'abc', wallets: [] }, success: true, code: 0, message: '' });
const unavailable = { status: 503, body: JSON.stringify({ data: null, success: false, code: 503, message: 'busy' }) };

/** A server answering each request with the next step of `script` (the last step repeats); `seen` records them. */
let server;
let script = [];
let seen = [];
before(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers });
      const step = script[Math.min(seen.length - 1, script.length - 1)];
      if (step.hang) return; // never answers; closed at shutdown
      res.writeHead(step.status, { 'content-type': 'application/json', 'x-request-id': `req-${seen.length}`,
        ...step.headers });
      res.end(step.body ?? '');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
});
after(() => {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(resolve));
});

function play(...steps) {
  script = steps;
  seen = [];
}
const scripted = (extra = {}) => new MintedClient({ baseUrl: `http://127.0.0.1:${server.address().port}`,
  retryBackoffMs: 10, language: 'en', ...extra });

/** A logger that keeps every line by level. */
function memoryLogger() {
  const lines = { error: [], warn: [], info: [], debug: [] };
  const logger = Object.fromEntries(Object.keys(lines).map((level) => [level, (line) => lines[level].push(line)]));
  return { logger, lines, all: () => Object.values(lines).flat() };
}

/** A client of a fresh in-process sandbox. */
function sandboxed(extra = {}) {
  const sandbox = createSandbox();
  const client = new MintedClient({ baseUrl: sandbox.url, ...sandbox.credentials, fetch: sandbox.fetch, language: 'en',
    retryBackoffMs: 10, ...extra });
  return { sandbox, client };
}

describe('per-call options', () => {
  test('timeoutMs of a call replaces the client\'s for that call only', async () => {
    play({ hang: true });
    const err = await scripted({ timeoutMs: 60000, maxRetries: 0 }).getCustomer('abc', { timeoutMs: 150 }).catch((e) => e);
    assert.equal(err.kind, 'timeout');
    assert.match(err.message, /no response within 150 ms/);
  });

  test('maxRetries: 0 on a call sends once where the client would retry five times', async () => {
    play(unavailable);
    const once = await scripted({ maxRetries: 5 }).getCustomer('abc', { maxRetries: 0 }).catch((e) => e);
    assert.deepEqual([once.status, once.attempts, seen.length], [503, 1, 1]);
    play(unavailable);
    const six = await scripted({ maxRetries: 5 }).getCustomer('abc').catch((e) => e);
    assert.deepEqual([six.attempts, seen.length], [6, 6]);
  });

  test('an order call\'s maxRetries bounds its rounds of look-ups', async () => {
    const { sandbox, client } = sandboxed({ maxRetries: 5 });
    const customer = await newFundedCustomer(client);
    // Every placement and look-up is refused as unavailable: the order stays unconfirmed.
    await sandbox.admin.faults({ rules: [{ fault: 'status-503', path: '/partner/order*', times: 100 }] });
    const quote = await client.priceFix({ type: 'digital', customer_external_id: customer.external_id });
    const before = (await sandbox.admin.stats()).partner_requests;
    const err = await client.buyGold({ price_token: quote.token, customer, amount: 0.1 }, { maxRetries: 1 }).catch((e) => e);
    assert.equal(err.code, 'order_unconfirmed');
    // 1 placement, then 2 rounds (maxRetries + 1) of one look-up each, each look-up itself tried maxRetries + 1 times.
    assert.equal((await sandbox.admin.stats()).partner_requests - before, 1 + 2 * 2);
  });

  const mistakes = [
    ['an unknown option, with the one it may be meant as', { timeout: 500 }, undefined, /unknown field `timeout` \(did you mean timeoutMs\?\)/],
    ['a timeout of 0', { timeoutMs: 0 }, 'timeoutMs', /from 1 to 600000/],
    ['a fractional timeout', { timeoutMs: 1.5 }, 'timeoutMs', /whole number/],
    ['too many retries', { maxRetries: 11 }, 'maxRetries', /from 0 to 10/],
    ['a signal that is not one', { signal: {} }, 'signal', /AbortSignal/],
    ['withResponse that is not a boolean', { withResponse: 'yes' }, 'withResponse', /true or false/],
    ['options that are not an object', 'fast', 'options', /must be an object/],
  ];
  for (const [what, options, field, message] of mistakes) {
    test(`${what} is a config error naming it, and nothing is sent`, async () => {
      play({ status: 200, body: CUSTOMER });
      const err = await scripted().getCustomer('abc', options).catch((e) => e);
      assert.ok(err instanceof MintedError);
      assert.deepEqual([err.kind, err.code, err.field], ['config', 'invalid_options', field]);
      assert.match(err.message, message);
      assert.equal(seen.length, 0);
    });
  }
});

describe('withResponse', () => {
  test('resolves to the data and what the response said, cookies left out; without it, the data alone', async () => {
    play({ status: 200, body: CUSTOMER, headers: { 'set-cookie': 'session=secret', 'x-extra': 'kept' } });
    const answer = await scripted().getCustomer('abc', { withResponse: true });
    assert.deepEqual(answer.data, JSON.parse(CUSTOMER).data);
    assert.equal(answer.requestId, 'req-1');
    assert.deepEqual([answer.status, answer.attempts, answer.reconciled], [200, 1, false]);
    assert.ok(answer.durationMs >= 0);
    assert.equal(answer.headers['x-extra'], 'kept');
    assert.equal(answer.headers['x-request-id'], 'req-1');
    assert.equal(answer.headers['set-cookie'], undefined);
    play({ status: 200, body: CUSTOMER });
    assert.deepEqual(await scripted().getCustomer('abc'), JSON.parse(CUSTOMER).data);
  });

  test('counts the attempts a retried call took', async () => {
    play(unavailable, { status: 200, body: CUSTOMER });
    const answer = await scripted().getCustomer('abc', { withResponse: true });
    assert.deepEqual([answer.attempts, answer.requestId], [2, 'req-2']);
  });

  test('says an order was confirmed by look-up, with the look-up\'s request id', async () => {
    const { sandbox, client } = sandboxed();
    const customer = await newFundedCustomer(client);
    await sandbox.admin.faults({ rules: [{ fault: 'drop-after-commit', method: 'POST', path: '/partner/order/digital/buy', times: 1 }] });
    const quote = await client.priceFix({ type: 'digital', customer_external_id: customer.external_id });
    const external_id = uniqueId('meta');
    const answer = await client.buyGold({ price_token: quote.token, external_id, customer, amount: 0.1 }, { withResponse: true });
    assert.equal(answer.reconciled, true);
    assert.equal(answer.data.reconciled, true);
    assert.equal(answer.data.orders[0].external_id, external_id);
    assert.match(answer.requestId, /\S/);
    assert.equal((await sandbox.admin.state()).orders_by_external_id[external_id], 1);
  });

  test('works for priceFix (the data is the Quote) and for raw requests', async () => {
    const { client } = sandboxed();
    const quote = await client.priceFix({ type: 'digital' }, { withResponse: true });
    assert.equal(quote.status, 200);
    assert.equal(typeof quote.data.remainingSeconds(), 'number');
    const raw = await client.request({ method: 'GET', path: '/partner/customer/MTD0018232', withResponse: true });
    assert.deepEqual([raw.status, raw.data.external_id], [200, 'MTD0018232']);
  });
});

describe('the built-in logger', () => {
  const SECRETS = ['sandbox-password', '4111111111111111', '"321"', 'Digest username'];

  test('info: one line per call with operation, method, path, status, duration, attempts and request id', async () => {
    const { logger, lines, all } = memoryLogger();
    play(unavailable, { status: 200, body: CUSTOMER });
    await scripted({ logLevel: 'info', logger }).getCustomer('abc');
    assert.equal(lines.info.length, 1);
    assert.match(lines.info[0], /^minted-connect getCustomer GET \/partner\/customer\/abc → 200 in \d+ ms \(2 attempts, request id req-2\)$/);
    assert.equal(lines.warn.length, 1, 'the retry is a warning');
    assert.match(lines.warn[0], /getCustomer attempt 1 ended with 503: retrying in \d+ ms/);
    assert.equal(lines.debug.length, 0);
    assert.equal(all().length, 2);
  });

  test('error: failed calls only', async () => {
    const { logger, lines, all } = memoryLogger();
    play(unavailable);
    await scripted({ logLevel: 'error', logger, maxRetries: 1 }).getCustomer('abc').catch(() => {});
    assert.equal(all().length, 1);
    assert.match(lines.error[0], /getCustomer GET \/partner\/customer\/abc → failed: api: getCustomer: busy \(HTTP 503, code 503\)/);
  });

  test('debug: every exchange, Digest challenges and look-ups included, and no secret in any line', async () => {
    const { logger, lines, all } = memoryLogger();
    const { sandbox, client } = sandboxed({ logLevel: 'debug', logger });
    const customer = await newFundedCustomer(client);
    await sandbox.admin.faults({ rules: [{ fault: 'drop-after-commit', method: 'POST', path: '/partner/order/digital/buy', times: 1 }] });
    const quote = await client.priceFix({ type: 'digital', customer_external_id: customer.external_id });
    const order = await client.cardPaymentBuyWithCardNumber({ price_token: quote.token, customer, items: [{ sku: 'GAU', amount: 0.1 }],
      payment: { card_holder: 'Ayşe Yılmaz', card_number: '4111 1111 1111 1111', card_expiry: '12/39', card_cvv: '321', customer_ip: '203.0.113.7' } });
    assert.equal(order.reconciled, true);
    assert.ok(lines.debug.some((l) => / ← 401 \(Digest challenge\)/.test(l)), 'the first call\'s challenge');
    assert.ok(lines.debug.some((l) => /cardPaymentBuyWithCardNumber attempt 1 → POST .*\/partner\/order\/digital\/buy/.test(l)));
    assert.ok(lines.debug.some((l) => /cardPaymentBuyWithCardNumber attempt 1 ← failed: /.test(l)), 'the dropped connection');
    assert.ok(lines.warn.some((l) => /order \S+ unclear \(network\): looking it up in \d+ ms \(round 1\)/.test(l)));
    assert.ok(lines.debug.some((l) => /getOrder attempt 1 → GET .*\/partner\/order\//.test(l)), 'the look-up');
    assert.ok(lines.info.some((l) => /cardPaymentBuyWithCardNumber POST \/partner\/order\/digital\/buy → 200 .*reconciled by look-up/.test(l)));
    assert.ok(lines.debug.some((l) => l.includes('411111******1111')), 'the card number shows masked');
    for (const line of all()) {
      for (const secret of SECRETS) assert.ok(!line.includes(secret), `${secret} in ${line}`);
      assert.ok(!/"Authorization":"Digest/.test(line), line);
    }
  });

  test('a logger that throws does not break the call', async () => {
    play({ status: 200, body: CUSTOMER });
    const logger = { info() { throw new Error('disk full'); } };
    assert.equal((await scripted({ logLevel: 'info', logger }).getCustomer('abc')).external_id, 'abc');
  });

  test('an unknown logLevel is a config error listing the levels', () => {
    assert.throws(() => scripted({ logLevel: 'verbose' }), (e) => e.kind === 'config' && e.field === 'logLevel'
      && /must be one of off error warn info debug/.test(e.message));
  });

  test('MINTED_LOG sets the default level in Node; logLevel wins over it; unset, nothing is logged', async () => {
    mkdirSync(join(import.meta.dirname, '.tmp'), { recursive: true });
    const script = join(import.meta.dirname, '.tmp', 'minted-log.mjs');
    writeFileSync(script, `import { MintedClient } from 'minted-connect';
const [url, level] = process.argv.slice(2);
const client = new MintedClient({ baseUrl: url, ...(level ? { logLevel: level } : {}) });
await client.getCustomer('abc');\n`);
    const url = `http://127.0.0.1:${server.address().port}`;
    const run = async (env, ...args) => {
      play({ status: 200, body: CUSTOMER });
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [script, url, ...args],
        { env: { ...process.env, MINTED_LOG: '', ...env } });
      return stdout + stderr;
    };
    assert.match(await run({ MINTED_LOG: 'info' }), /^minted-connect getCustomer GET \/partner\/customer\/abc → 200/m);
    assert.equal(await run({}), '');
    assert.equal(await run({ MINTED_LOG: 'info' }, 'off'), '');
    assert.equal(await run({ MINTED_LOG: 'loud' }), '', 'a value that is not a level is ignored');
  });
});

describe('SDK identification', () => {
  test('Node sends User-Agent minted-connect/<version> (node <version>) and the appName', async () => {
    play({ status: 200, body: CUSTOMER });
    await scripted({ appName: 'reconciler/2.1' }).getCustomer('abc');
    assert.equal(seen[0].headers['user-agent'], `minted-connect/${VERSION} (node ${process.versions.node}) reconciler/2.1`);
    play({ status: 200, body: CUSTOMER });
    await scripted().getCustomer('abc');
    assert.equal(seen[0].headers['user-agent'], `minted-connect/${VERSION} (node ${process.versions.node})`);
    assert.throws(() => scripted({ appName: 'bad\napp' }), (e) => e.field === 'appName');
  });
});

describe('listings', () => {
  test('pages() walks page by page with each page\'s metadata', async () => {
    const { client } = sandboxed();
    const pages = [];
    for await (const page of client.listOrders({ customer_external_id: 'MTD0018232', total: 5 }).pages()) pages.push(page);
    assert.ok(pages.length >= 2, `${pages.length} pages`);
    pages.forEach((page, i) => {
      assert.equal(page.page, i + 1);
      assert.equal(page.lastPage, pages.length);
      assert.match(page.requestId, /\S/);
      assert.ok(page.orders.length > 0 && page.orders.length <= 5);
    });
    const all = [];
    for await (const order of client.listOrders({ customer_external_id: 'MTD0018232', total: 5 })) all.push(order);
    assert.deepEqual(all.map((o) => o.guid), pages.flatMap((p) => p.orders.map((o) => o.guid)));
  });

  test('toArray({ limit }) collects that many and fetches no page beyond them', async () => {
    const { sandbox, client } = sandboxed();
    const before = (await sandbox.admin.stats()).partner_requests;
    const seven = await client.listOrders({ total: 5 }).toArray({ limit: 7 });
    assert.equal(seven.length, 7);
    // Two pages of five (plus the Digest challenge of the client's first call).
    assert.equal((await sandbox.admin.stats()).partner_requests - before, 3);
    const every = await client.listOrders({ customer_external_id: 'MTD0018232', total: 5 }).toArray();
    assert.ok(every.length > 7);
    await assert.rejects(client.listOrders({}).toArray({ limit: -1 }), (e) => e.kind === 'config' && e.field === 'limit');
    assert.throws(() => client.listOrders({}, { withResponse: true }), (e) => e.field === 'withResponse');
  });
});
