// HTTP Digest against the sandbox: one round trip per call once a nonce is known, stale nonces, every algorithm,
// and wrong credentials ending in an `auth` error after one challenge.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MintedClient, MintedError } from 'minted-connect';
import { clientFor, startSandbox, stats } from './helpers.mjs';

const started = [];
async function sandboxWith(args = []) {
  const sandbox = await startSandbox({ args });
  started.push(sandbox);
  return sandbox;
}
after(() => Promise.all(started.map((s) => s.stop())));

async function delta(sandbox, work) {
  const before = await stats(sandbox);
  await work();
  const now = await stats(sandbox);
  return { requests: now.partner_requests - before.partner_requests, unauthorized: now.unauthorized - before.unauthorized };
}

describe('digest authentication', () => {
  test('the first call answers one challenge; later calls reuse the nonce: one round trip each', async () => {
    const sandbox = await sandboxWith();
    const client = clientFor(sandbox);
    assert.deepEqual(await delta(sandbox, () => client.getOrder('HYAQA01714rqz')), { requests: 2, unauthorized: 1 });
    assert.deepEqual(
      await delta(sandbox, async () => { for (let i = 0; i < 5; i++) await client.getCustomer('MTD0018232'); }),
      { requests: 5, unauthorized: 0 },
    );
    // parallel calls share the nonce too: the first queue-up tests once that the server accepts counts in any
    // order (it does by default), without a single extra request (digest-concurrency.test.mjs has the strict mode)
    assert.deepEqual(
      await delta(sandbox, () => Promise.all([1, 2, 3, 4].map(() => client.getCustomer('test0101010')))),
      { requests: 4, unauthorized: 0 },
    );
  });

  test('an expired nonce (stale=true) is renewed without failing the call', async () => {
    const sandbox = await sandboxWith(['--nonce-ttl-secs', '1']);
    const client = clientFor(sandbox);
    await client.getCustomer('MTD0018232');
    await new Promise((resolve) => setTimeout(resolve, 1300));
    const counted = await delta(sandbox, () => client.getCustomer('MTD0018232'));
    assert.deepEqual(counted, { requests: 2, unauthorized: 1 });
  });

  for (const algorithm of ['MD5', 'SHA-256', 'MD5-sess', 'SHA-256-sess']) {
    test(`a server offering only ${algorithm} is answered with ${algorithm}`, async () => {
      const sandbox = await sandboxWith(['--algorithm', algorithm]);
      const customer = await clientFor(sandbox).getCustomer('MTD0018232');
      assert.equal(customer.external_id, 'MTD0018232');
    });
  }

  test('wrong credentials fail with kind auth after one challenge, not a loop', async () => {
    const sandbox = await sandboxWith();
    const client = clientFor(sandbox, { password: 'wrong-password-123' });
    let err;
    const counted = await delta(sandbox, async () => { err = await client.getCustomer('MTD0018232').catch((e) => e); });
    assert.ok(err instanceof MintedError);
    assert.equal(err.kind, 'auth');
    assert.equal(err.status, 401);
    assert.match(err.message, /rejected the username or password/);
    assert.deepEqual(counted, { requests: 2, unauthorized: 2 });
    assert.ok(!JSON.stringify(err).includes('wrong-password-123'));
  });

  test('without credentials a 401 is an auth error that says so', async () => {
    const sandbox = await sandboxWith();
    const client = new MintedClient({ baseUrl: sandbox.url, ...(sandbox.fetch && { fetch: sandbox.fetch }) });
    const err = await client.getCustomer('MTD0018232').catch((e) => e);
    assert.equal(err.kind, 'auth');
    assert.match(err.message, /no username\/password is configured/);
  });
});
