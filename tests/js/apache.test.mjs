// The SDK's Digest authentication against a server we did not write: Apache httpd 2.4 with mod_auth_digest (MD5,
// qop=auth, an htdigest file), serving JSON envelopes the sandbox produced as static files. Each setting is its own
// protected location: nonce-count checks off and on (AuthDigestNcCheck), and a 2-second nonce lifetime for expiry.
// Round trips are counted from Apache's access log; a table per setting is printed at the end.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startApache } from './apache.mjs';
import {
  assertExpiryBounds, assertStandardBounds, assertWrongPassword, expiryRuns, sleep, standardRuns, table, wrongPasswordRun,
} from './digest-load.mjs';
import { rawCall, startSandbox } from './helpers.mjs';

const REALM = 'minted-apache';
const USERNAME = 'partner';
const PASSWORD = 'apache-digest-secret';
const LIFETIME_S = 2;

// The GET routes served (as files; their paths never nest in one another), and the SDK call for each.
const ROUTES = [
  ['/partner/customer/MTD0018232', (client) => client.getCustomer('MTD0018232')],
  ['/partner/order/HYAQA01714rqz', (client) => client.getOrder('HYAQA01714rqz')],
  ['/partner/order-statuses', (client) => client.getOrderStatuses()],
  ['/partner/payment/types', (client) => client.getPaymentTypes()],
  ['/partner/balance/customer/MTD0018232', (client) => client.getCustomerBalance('MTD0018232')],
];

// One protected location per setting, each a base path for the client.
const LOCATIONS = {
  'nc-off': { ncCheck: false },
  'nc-on': { ncCheck: true },
  'expiry-nc-off': { ncCheck: false, nonceLifetime: LIFETIME_S },
  'expiry-nc-on': { ncCheck: true, nonceLifetime: LIFETIME_S },
};

// Apache's table of Digest clients (AuthDigestShmemSize) is shared by every location; the default (1000 bytes) holds
// about 20 clients, and each new client here takes one entry per challenge it keeps. The main server gets room for
// all of them, so its counts are exact; a second server keeps the default, to show what operators get out of the box.
const SHMEM = 64 * 1024;

let apache;
let apacheDefaultTable;
const tables = [];

before(async () => {
  const sandbox = await startSandbox();
  const files = {};
  try {
    for (const [path] of ROUTES) {
      const response = await rawCall(sandbox, 'GET', path);
      assert.equal(response.status, 200, path);
      files[path] = await response.text();
    }
  } finally {
    await sandbox.stop();
  }
  const common = { realm: REALM, username: USERNAME, password: PASSWORD, files };
  apache = await startApache({ ...common, locations: LOCATIONS, shmemSize: SHMEM });
  apacheDefaultTable = await startApache({ ...common, locations: { 'nc-on': LOCATIONS['nc-on'] } });
});

after(async () => {
  await apache?.stop();
  await apacheDefaultTable?.stop();
  if (tables.length) console.log(tables.join('\n\n'));
});

/** Requests and 401s a server logged under a location, once the log stops growing (it is written after responding). */
async function counts(server, prefix) {
  let last = -1;
  for (let i = 0; i < 100; i++) {
    const lines = server.requests(prefix);
    if (lines.length === last) {
      return { requests: lines.length, unauthorized: lines.filter((line) => line.status === 401).length };
    }
    last = lines.length;
    await sleep(40);
  }
  throw new Error('the access log kept growing');
}

function target(prefix, server = apache) {
  return {
    baseUrl: `${server.url}/${prefix}`,
    username: USERNAME,
    password: PASSWORD,
    call: (client, i) => ROUTES[i % ROUTES.length][1](client),
    counts: () => counts(server, prefix),
  };
}

/** mod_auth_digest's own account of what it refused: out-of-order counts, and clients evicted from its table. */
function refusals(server = apache) {
  const log = server.errorLog();
  return { outOfOrder: (log.match(/AH01774/g) ?? []).length, evicted: (log.match(/AH10618/g) ?? []).length };
}

/** Runs `work` and returns its rows with what Apache refused meanwhile, for the table title. */
async function withRefusals(server, work) {
  const before = refusals(server);
  const rows = await work();
  const after = refusals(server);
  const outOfOrder = after.outOfOrder - before.outOfOrder;
  const evicted = after.evicted - before.evicted;
  return { rows, evicted, note: `(Apache refused ${outOfOrder} out-of-order counts, evicted ${evicted} clients)` };
}

describe('Digest against Apache httpd (mod_auth_digest)', () => {
  test('AuthDigestNcCheck Off: one 401 per burst of first calls, then one request per call', async () => {
    const rows = await standardRuns(target('nc-off'));
    tables.push(table('Apache httpd, AuthDigestNcCheck Off:', rows));
    assertStandardBounds(rows, { checksCounts: false });
  });

  test('AuthDigestNcCheck On: no failed call, one request per sequential call, at most 1.5 per concurrent call', async () => {
    const { rows, note, evicted } = await withRefusals(apache, () => standardRuns(target('nc-on')));
    tables.push(table(`Apache httpd, AuthDigestNcCheck On, AuthDigestShmemSize ${SHMEM} ${note}:`, rows));
    assert.equal(evicted, 0, 'the table has room for every client');
    assertStandardBounds(rows, { checksCounts: true });
  });

  test('AuthDigestNcCheck On with the default client table: no failed call; each eviction costs one renewal', async () => {
    const server = apacheDefaultTable;
    const { rows, note, evicted } = await withRefusals(server, () => standardRuns(target('nc-on', server)));
    tables.push(table(`Apache httpd, AuthDigestNcCheck On, default AuthDigestShmemSize ${note}:`, rows));
    assertStandardBounds(rows, { checksCounts: true, evicted });
  });

  for (const [prefix, checksCounts] of [['expiry-nc-off', false], ['expiry-nc-on', true]]) {
    test(`AuthDigestNonceLifetime ${LIFETIME_S}, NcCheck ${checksCounts ? 'On' : 'Off'}: expired nonces are renewed without failing a call`, async () => {
      const { rows, note } = await withRefusals(apache, () => expiryRuns(target(prefix), LIFETIME_S * 1000));
      tables.push(table(`Apache httpd, AuthDigestNonceLifetime ${LIFETIME_S}, NcCheck ${checksCounts ? 'On' : 'Off'} ${note}:`, rows));
      assertExpiryBounds(rows, { checksCounts });
    });
  }

  for (const prefix of ['nc-off', 'nc-on']) {
    test(`a wrong password is kind auth for every call (${prefix}), after one challenge and one refusal`, async () => {
      const row = await wrongPasswordRun(target(prefix));
      tables.push(table(`Apache httpd, wrong password (${prefix}):`, [row]));
      assertWrongPassword(row);
    });
  }
});
