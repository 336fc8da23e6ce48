// The Digest runs of apache.test.mjs against the sandbox: counts checked for replays only (the default) and strictly
// in order (--nc-check strict, like Apache's AuthDigestNcCheck On), nonce expiry, a wrong password. Round trips come
// from the sandbox's own counters (GET /__sandbox/stats); a table per mode is printed at the end.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertExpiryBounds, assertStandardBounds, assertWrongPassword, clientOf, expiryRuns, sleep, standardRuns, table,
  wrongPasswordRun,
} from './digest-load.mjs';
import { startSandbox, stats } from './helpers.mjs';

const LIFETIME_S = 2;
const started = [];
const tables = [];
after(async () => {
  await Promise.all(started.map((s) => s.stop()));
  if (tables.length) console.log(tables.join('\n\n'));
});

async function target(args) {
  const sandbox = await startSandbox({ args });
  started.push(sandbox);
  return {
    baseUrl: sandbox.url,
    username: sandbox.username,
    password: sandbox.password,
    call: (client, i) => [
      () => client.getCustomer('MTD0018232'),
      () => client.getOrder('HYAQA01714rqz'),
      () => client.getOrderStatuses(),
      () => client.getCustomerBalance('MTD0018232'),
    ][i % 4](),
    counts: async () => {
      const counted = await stats(sandbox);
      return { requests: counted.partner_requests, unauthorized: counted.unauthorized };
    },
  };
}

describe('Digest under concurrency against the sandbox', () => {
  for (const [mode, checksCounts] of [['replay', false], ['strict', true]]) {
    test(`--nc-check ${mode}: no failed call; ${checksCounts ? 'at most 1.5 requests per concurrent call' : 'one 401 per burst of first calls'}`, async () => {
      const rows = await standardRuns(await target(['--nc-check', mode]));
      tables.push(table(`sandbox, --nc-check ${mode}:`, rows));
      assertStandardBounds(rows, { checksCounts });
    });

    test(`--nc-check ${mode}, --nonce-ttl-secs ${LIFETIME_S}: expired nonces are renewed without failing a call`, async () => {
      const server = await target(['--nc-check', mode, '--nonce-ttl-secs', String(LIFETIME_S)]);
      const rows = await expiryRuns(server, LIFETIME_S * 1000);
      tables.push(table(`sandbox, --nc-check ${mode}, --nonce-ttl-secs ${LIFETIME_S}:`, rows));
      assertExpiryBounds(rows, { checksCounts });
    });

    test(`--nc-check ${mode}: a wrong password is kind auth for every call`, async () => {
      const row = await wrongPasswordRun(await target(['--nc-check', mode]));
      tables.push(table(`sandbox, --nc-check ${mode}, wrong password:`, [row]));
      assertWrongPassword(row);
    });
  }
});

describe('calls waiting for another call’s exchange', () => {
  test('an aborted waiting call rejects at once as aborted, sending nothing, and the others go on', async () => {
    const sandbox = await startSandbox();
    started.push(sandbox);
    // the first signed request (the leader's) is held 1.5 s; the calls behind it wait for its answer
    const response = await fetch(`${sandbox.url}/__sandbox/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rules: [{ fault: 'delay', method: 'GET', path: '/partner/customer/*', times: 1, delay_ms: 1500 }] }),
    });
    assert.equal(response.status, 200);
    const client = clientOf({ baseUrl: sandbox.url, username: sandbox.username, password: sandbox.password });
    const leader = client.getCustomer('MTD0018232');
    const controller = new AbortController();
    const waiting = client.getCustomer('test0101010', { signal: controller.signal });
    const other = client.getCustomer('92440753');
    await sleep(200);
    const before = await stats(sandbox);
    const aborted = Date.now();
    controller.abort();
    const err = await waiting.catch((e) => e);
    assert.equal(err.kind, 'aborted', err.message);
    assert.ok(Date.now() - aborted < 500, `rejected ${Date.now() - aborted} ms after the abort`);
    assert.equal((await stats(sandbox)).partner_requests, before.partner_requests, 'the aborted call sent nothing');
    assert.equal((await leader).external_id, 'MTD0018232');
    assert.equal((await other).external_id, '92440753');
  });
});
