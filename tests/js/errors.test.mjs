// Failures become typed MintedErrors, never a bare SyntaxError or a trap, and never carry a secret. The server here is
// a real HTTP server on loopback answering canned bodies.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { inspect } from 'node:util';
import { MintedClient, MintedError } from 'minted-connect';
import { cannedServer } from './helpers.mjs';

const PASSWORD = 'Pa55word-Secret!';
const CARD = '4111111111111111';
const GOOD = JSON.stringify({ data: { guid: 'g', order_code: 'c', items: [] }, success: true, code: 0, message: '' });

let server;
let answers; // path → answer
before(async () => {
  server = await cannedServer((req) => {
    const answer = answers[req.url.replace('/partner/order/', '')];
    if (typeof answer === 'function') return answer(req);
    return answer;
  });
});
after(() => server?.close());

function client(extra = {}) {
  return new MintedClient({ baseUrl: server.url, username: 'partner', password: PASSWORD, language: 'en', ...extra });
}

/** A server that answers only after two seconds (connections are cut when it closes). It counts the requests it
 * got and those the client gave up on (the connection closed before the answer), so a test can check that a timeout
 * or an abort leaves no request running. */
async function hangingServer() {
  const counts = { received: 0, cut: 0 };
  const server = createServer((req, res) => {
    counts.received += 1;
    res.on('close', () => { if (!res.writableEnded) counts.cut += 1; });
    setTimeout(() => res.end(GOOD), 2000).unref();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    counts,
    /** Resolves once every request received has been cut by the client; fails after a second. */
    allCut: async () => {
      for (let i = 0; i < 100 && counts.cut < counts.received; i++) await new Promise((r) => setTimeout(r, 10));
      assert.equal(counts.cut, counts.received, 'every request the client gave up on is closed');
    },
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => { server.closeAllConnections(); return new Promise((resolve) => server.close(resolve)); },
  };
}

function failureOf(promise) {
  return promise.then(() => assert.fail('expected a rejection'), (err) => err);
}

describe('error kinds', () => {
  answers = {
    html502: { status: 502, headers: { 'content-type': 'text/html' }, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' },
    html200: { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>maintenance</html>' },
    empty200: { status: 200, body: '' },
    empty500: { status: 500, body: '' },
    notSuccess: { status: 200, body: JSON.stringify({ data: null, success: false, code: 3001, message: 'Insufficient balance' }) },
    envelope500: { status: 500, body: JSON.stringify({ data: null, success: false, code: 500, message: 'Server error' }) },
    badShape: { status: 200, body: JSON.stringify({ data: { guid: 7, order_code: 'c', items: [] }, success: true }) },
    missingItems: { status: 200, body: JSON.stringify({ data: { guid: 'g', order_code: 'c' }, success: true }) },
    truncated: { status: 200, body: GOOD.slice(0, 30) },
    good: { status: 200, body: GOOD },
  };

  const cases = [
    ['html502', 'http', 502, /HTTP 502 Bad Gateway/],
    ['html200', 'decode', 200, /not JSON/],
    ['empty200', 'decode', 200, /body is empty/],
    ['empty500', 'http', 500, /HTTP 500/],
    ['notSuccess', 'api', 200, /Insufficient balance \(HTTP 200, code 3001\)/],
    ['envelope500', 'api', 500, /Server error/],
    ['badShape', 'decode', 200, /`data\.guid` should be a string, found a number/],
    ['missingItems', 'decode', 200, /`data\.items` is missing/],
    ['truncated', 'decode', 200, /not JSON/],
  ];
  for (const [path, kind, status, message] of cases) {
    test(`${path} → ${kind}`, async () => {
      const err = await failureOf(client().getOrder(path));
      assert.ok(err instanceof MintedError, `not a MintedError: ${err}`);
      assert.ok(err instanceof Error);
      assert.equal(err.name, 'MintedError');
      assert.equal(err.kind, kind);
      assert.equal(err.status, status);
      assert.equal(err.operation, 'getOrder');
      assert.match(err.message, message);
      assert.equal(typeof err.body, 'string');
    });
  }

  test('the client keeps working after every failure', async () => {
    const order = await client().getOrder('good');
    assert.equal(order.guid, 'g');
  });

  test('connection refused is a network error', async () => {
    const closed = await cannedServer(() => ({}));
    const url = closed.url;
    await closed.close();
    const err = await failureOf(new MintedClient({ baseUrl: url }).getOrder('x'));
    assert.equal(err.kind, 'network');
    assert.match(err.message, /request failed/);
  });

  test('no answer within timeoutMs is a timeout error', async () => {
    const hanging = await hangingServer();
    try {
      const err = await failureOf(new MintedClient({ baseUrl: hanging.url, timeoutMs: 150 }).getOrder('x'));
      assert.equal(err.kind, 'timeout');
      assert.match(err.message, /no response within 150 ms/);
      assert.equal(hanging.counts.received, 3, 'a read is tried 1 + maxRetries times');
      await hanging.allCut();
    } finally {
      await hanging.close();
    }
  });

  test('aborting in flight, even with a non-Error reason, is an aborted error and the module stays usable', async () => {
    const hanging = await hangingServer();
    try {
      const sdk = new MintedClient({ baseUrl: hanging.url });
      for (const reason of [undefined, 'user left the page', 42]) {
        const controller = new AbortController();
        const pending = sdk.getOrder('x', { signal: controller.signal });
        setTimeout(() => controller.abort(reason), 30);
        const err = await failureOf(pending);
        assert.equal(err.kind, 'aborted', `reason ${reason}`);
      }
      assert.equal(hanging.counts.received, 3);
      await hanging.allCut();
      const bad = await failureOf(sdk.getOrder('x', { signal: 'not a signal' }));
      assert.deepEqual([bad.kind, bad.field], ['config', 'signal']);
    } finally {
      await hanging.close();
    }
    assert.equal((await client().getOrder('good')).guid, 'g');
  });
});

describe('secrets never appear in errors', () => {
  test('password, Authorization, card number, CVV and tokens are absent from message, properties, JSON and inspect', async () => {
    let sentAuthorization = '';
    answers.leaky = (req) => {
      sentAuthorization = req.headers.authorization ?? '';
      if (!sentAuthorization) {
        return { status: 401, headers: { 'www-authenticate': 'Digest realm="r", nonce="n1", qop="auth", algorithm=MD5' }, body: '' };
      }
      return {
        status: 422,
        body: JSON.stringify({
          success: false, code: 1,
          message: `card ${CARD} refused; you sent ${PASSWORD} and ${sentAuthorization}`,
          data: { card_cvv: '123', card_token: 'tok_live_abcdef', payment: { token: 'pay_tok_123456' }, card_number: CARD },
        }),
      };
    };
    const err = await failureOf(client().getOrder('leaky'));
    assert.equal(err.kind, 'api');
    assert.ok(sentAuthorization.startsWith('Digest '), 'the client signed the retry');
    const surfaces = [err.message, err.body, JSON.stringify(err), inspect(err, { depth: 5 }), String(err), err.stack];
    for (const text of surfaces) {
      for (const secret of [PASSWORD, CARD, sentAuthorization, '"123"', 'tok_live_abcdef', 'pay_tok_123456']) {
        assert.ok(!text.includes(secret), `${secret} leaked into: ${text}`);
      }
    }
    assert.match(err.message, /411111\*\*\*\*\*\*1111/);
  });

  test('config errors never echo the password', () => {
    for (const config of [{ baseUrl: 'nope', password: PASSWORD, username: 'u' }, { baseUrl: 'http://x.test', password: PASSWORD }]) {
      let err;
      try { new MintedClient(config); } catch (e) { err = e; }
      assert.equal(err.kind, 'config');
      assert.ok(!JSON.stringify(err).includes(PASSWORD) && !inspect(err).includes(PASSWORD));
    }
  });
});
