// Customers end to end over real HTTP: the assembled package (ES module import) against a sandbox on a free port.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MintedError } from 'minted-connect';
import { clientFor, startSandbox, uniqueId } from './helpers.mjs';

let sandbox;
let client;
before(async () => {
  sandbox = await startSandbox();
  client = clientFor(sandbox);
});
after(() => sandbox?.stop());

describe('customers', () => {
  test('a seeded customer comes back with gold, silver and cash wallets', async () => {
    const customer = await client.getCustomer('MTD0018232');
    assert.equal(customer.external_id, 'MTD0018232');
    assert.deepEqual(customer.wallets.map((w) => w.currency_code), ['MAU', 'MAG', 'GBP']);
    const gold = customer.wallets[0];
    assert.equal(gold.balance, 12.5);
    assert.equal(gold.is_cash, false);
  });

  test('create, read back, update, remove; the phone is normalised before sending', async () => {
    const id = uniqueId('cust');
    const created = await client.createCustomer({
      external_id: id, firstname: 'Ayşe', lastname: 'Yılmaz', email: 'ayse@example.com', phone: '0532 111 22 33',
      gender: 'F', identity_number: '10000000146', birthdate: '1990-05-01',
    });
    assert.equal(created.external_id, id);
    assert.equal(created.phone, '+905321112233');
    assert.equal(typeof created.id, 'number');

    const read = await client.getCustomer(id);
    assert.equal(read.fullname, 'Ayşe Yılmaz');
    assert.equal(read.wallets.length, 3);
    assert.ok(read.wallets.every((w) => w.balance === 0));

    const updated = await client.updateCustomer(id, {
      firstname: 'Ayşe', lastname: 'Demir', phone: '5321112233', identity_number: '10000000146',
    });
    assert.equal(updated.lastname, 'Demir');

    const removed = await client.removeCustomer(id);
    assert.deepEqual(removed, { external_id: id, removed: true });
    await assert.rejects(client.getCustomer(id), (err) => err instanceof MintedError && err.kind === 'api' && err.status === 404);
  });

  test('a business customer is created with its tax number', async () => {
    const id = uniqueId('biz');
    const created = await client.createBusinessCustomer({
      external_id: id, company_name: 'Altın Ticaret A.Ş.', identity_number: '1234567890', tax_office: 'Kadıköy',
    });
    assert.equal(created.company_name, 'Altın Ticaret A.Ş.');
    assert.equal(created.identity_number, '1234567890');
  });

  test('wallet KYC: pending by default, upserted, and bulk-upserted with per-customer outcomes', async () => {
    const id = uniqueId('kyc');
    await client.createCustomer({ external_id: id });
    const initial = await client.getCustomerWalletKyc(id);
    assert.equal(initial.status, 'pending');
    const upserted = await client.upsertCustomerWalletKyc(id, { status: 'verified', level: 2, reference: 'ref-1' });
    assert.equal(upserted.status, 'verified');
    assert.equal(upserted.level, 2);
    assert.equal((await client.getCustomerWalletKyc(id)).reference, 'ref-1');
    const bulk = await client.bulkUpsertCustomerWalletKyc({
      items: [{ customer_external_id: id, status: 'rejected' }, { customer_external_id: 'nobody-here', status: 'verified' }],
    });
    assert.deepEqual(bulk.results.map((r) => [r.customer_external_id, r.success]), [[id, true], ['nobody-here', false]]);
  });

  test('a duplicate external_id is the API’s 422 with its code and message', async () => {
    const err = await client.createCustomer({ external_id: 'MTD0018232' }).catch((e) => e);
    assert.ok(err instanceof MintedError);
    assert.equal(err.kind, 'api');
    assert.equal(err.status, 422);
    assert.equal(err.code, 1002);
    assert.match(err.message, /^createCustomer: external_id already exists/);
    assert.equal(err.operation, 'createCustomer');
    assert.match(err.requestId, /^[0-9a-f-]{36}$/);
    assert.match(err.body, /"success":false/);
  });

  test('an unknown id is a 404 from the API', async () => {
    const err = await client.getCustomer('no-such-customer').catch((e) => e);
    assert.equal(err.kind, 'api');
    assert.equal(err.status, 404);
  });

  test('path parameters are percent-encoded: an id with a slash stays one segment', async () => {
    const err = await client.getCustomer('a/b c').catch((e) => e);
    assert.equal(err.status, 404);
    assert.match(err.body, /not found/i);
  });
});
