// Secrets never leak: the client runs every main flow plus failing card and validation calls with known secret
// values, and every error (message, properties, JSON.stringify, util.inspect), every hook payload and all console
// output is scanned for them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { MintedClient } from 'minted-connect';
import { flows, newFundedCustomer, uniqueId } from './flows.mjs';
import { startSandbox } from './helpers.mjs';

const PASSWORD = 'Tr0ub4dor&3-secret';
const CARDS = ['4111111111111111', '4000000000000002', '5555555555554444'];
const CVV = '9173';

let sandbox;
const events = [];
const errors = [];
const consoleOutput = [];
const original = {};

before(async () => {
  sandbox = await startSandbox({ args: ['--password', PASSWORD] });
  for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
    original[level] = console[level];
    console[level] = (...args) => consoleOutput.push(args.map((a) => inspect(a)).join(' '));
  }
});
after(async () => {
  Object.assign(console, original);
  await sandbox?.stop();
});

function client(extra = {}) {
  return new MintedClient({
    baseUrl: sandbox.url, username: 'sandbox', password: PASSWORD, language: 'en',
    onRequest: (event) => events.push(event),
    onResponse: (event) => events.push(event),
    ...extra,
  });
}

async function capture(promise) {
  try {
    return await promise;
  } catch (err) {
    errors.push(err);
    return undefined;
  }
}

describe('redaction', () => {
  test('hooks see every exchange, redacted, and a throwing hook changes nothing', async () => {
    const throwing = new MintedClient({ baseUrl: sandbox.url, username: 'sandbox', password: PASSWORD, onRequest: () => { throw new Error('hook bug'); }, onResponse: () => { throw new Error('hook bug'); } });
    const order = await throwing.getOrder('HYAQA01714rqz');
    assert.equal(order.order_code, 'YID9Z07U');
    const seen = [];
    const watched = new MintedClient({ baseUrl: sandbox.url, username: 'sandbox', password: PASSWORD, onRequest: (e) => seen.push(['request', e]), onResponse: (e) => seen.push(['response', e]) });
    await watched.getCustomer('MTD0018232');
    // the first call answers a Digest challenge: request, 401, signed request, 200
    assert.deepEqual(seen.map(([kind, e]) => `${kind}:${e.status ?? e.method}`), ['request:GET', 'response:401', 'request:GET', 'response:200']);
    const [, signed] = seen[2];
    assert.equal(signed.headers.Authorization, '[REDACTED]');
    assert.equal(signed.operation, 'getCustomer');
    assert.equal(signed.headers['api-version'], '2');
    assert.match(seen[3][1].body, /MTD0018232/);
    assert.ok(seen[3][1].durationMs >= 0 && seen[3][1].requestId);
  });

  test('a whole session of calls leaks no secret anywhere', async () => {
    const c = client();
    for (const flow of Object.values(flows)) await capture(flow(c, { MintedClient, config: { baseUrl: sandbox.url, username: 'sandbox', password: PASSWORD } }));
    const customer = await newFundedCustomer(c);
    const stored = await c.addStoredCard({ customer_external_id: customer.external_id, card_holder: 'AYSE YILMAZ', card_number: CARDS[2], card_expiry: '12/30' });
    for (const number of CARDS) {
      const quote = await c.priceFix({ type: 'digital', customer_external_id: customer.external_id });
      await capture(c.cardPaymentBuyWithCardNumber({ price_token: quote.token, external_id: uniqueId('leak'), customer, items: [{ sku: 'GAU', amount: 1 }], payment: { card_holder: 'AYSE YILMAZ', card_number: number, card_expiry: '12/30', card_cvv: CVV, customer_ip: '127.0.0.1' } }));
    }
    const quote = await c.priceFix({ type: 'digital', customer_external_id: customer.external_id });
    await capture(c.cardPaymentBuyWithCardToken({ price_token: quote.token, external_id: uniqueId('tok'), customer, items: [{ sku: 'GAU', amount: 1 }], payment: { card_token: stored.card_token, card_cvv: CVV, customer_ip: '127.0.0.1' } }));
    await capture(c.cardPaymentBuyWithCardToken({ price_token: 'expired-or-unknown', external_id: uniqueId('tok'), customer, items: [{ sku: 'GAU', amount: 1 }], payment: { card_token: stored.card_token, card_cvv: CVV, customer_ip: 'not-an-ip' } }));
    await capture(c.addStoredCard({ customer_external_id: customer.external_id, card_holder: 'X', card_number: '4111111111111112', card_expiry: '01/20' }));
    await capture(client({ password: 'wrong' }).getCustomer('MTD0018232'));
    try { new MintedClient({ baseUrl: 'ftp://nope', username: 'u', password: PASSWORD }); } catch (err) { errors.push(err); }

    assert.ok(errors.length >= 5, `${errors.length} errors captured`);
    assert.ok(events.length > 50, `${events.length} hook events`);
    const surfaces = [
      ...errors.flatMap((e) => [e.message, String(e), e.stack ?? '', JSON.stringify(e), inspect(e, { depth: 10 }), e.body ?? '']),
      ...events.map((e) => JSON.stringify(e)),
      ...consoleOutput,
    ];
    const secrets = [PASSWORD, stored.card_token, ...CARDS];
    const hits = [];
    for (const text of surfaces) {
      for (const secret of secrets) if (text.includes(secret)) hits.push(`${secret} in ${text.slice(0, 200)}`);
      if (/(?<![\d.])9173(?![\d.])/.test(text)) hits.push(`CVV in ${text.slice(0, 200)}`);
      if (/Digest username=/.test(text)) hits.push(`Authorization in ${text.slice(0, 200)}`);
    }
    assert.deepEqual(hits, []);
    assert.deepEqual(consoleOutput, []);
  });
});
