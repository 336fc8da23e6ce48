// The Digest runs of apache.test.mjs against the sandbox: counts checked for replays only (the default) and strictly
// in order (--nc-check strict, like Apache's AuthDigestNcCheck On), nonce expiry, a wrong password. Round trips come
// from the sandbox's own counters (GET /__sandbox/stats); a table per mode is printed at the end.
import { after, describe, test } from 'node:test';
import {
  assertExpiryBounds, assertStandardBounds, assertWrongPassword, expiryRuns, standardRuns, table, wrongPasswordRun,
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
