// validateRequest as forms use it, and the client's own validation settings.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MintedClient, MintedError, normalizePhone, validateRequest } from 'minted-connect';
import { clientFor, startSandbox, uniqueId } from './helpers.mjs';

describe('validateRequest', () => {
  test('reports every issue with path, code, message and severity, in Turkish by default', () => {
    const issues = validateRequest('createCustomer', {
      external_id: 'x', firstname: 'R2D2', email: 'a@b', phone: '12', gender: 'm', birthdate: '31-12-1990', identity_number: '0123',
    });
    assert.deepEqual(issues.map((i) => [i.path, i.code, i.severity]), [
      ['external_id', 'too_short', 'error'],
      ['firstname', 'name_chars', 'error'],
      ['email', 'email', 'error'],
      ['phone', 'phone', 'error'],
      ['gender', 'gender', 'error'],
      ['identity_number', 'tckn_format', 'error'],
      ['birthdate', 'date_format', 'error'],
    ]);
    assert.equal(issues[0].message, 'en az 3 karakter olmalıdır');
  });

  test('English messages on request', () => {
    const [issue] = validateRequest('createCustomer', {}, { language: 'en' });
    assert.deepEqual(issue, { path: 'external_id', code: 'required', message: 'is required', severity: 'error' });
  });

  test('identity checksums are warnings unless strictIdentityNumbers', () => {
    const body = { external_id: 'abc', identity_number: '12345677938' };
    assert.deepEqual(validateRequest('createCustomer', body).map((i) => i.severity), ['warning']);
    assert.deepEqual(validateRequest('createCustomer', body, { strictIdentityNumbers: true }).map((i) => i.severity), ['error']);
    assert.deepEqual(validateRequest('createBusinessCustomer', { external_id: 'abc', company_name: 'AB', identity_number: '1234567891' }).map((i) => i.code), ['vkn_checksum']);
  });

  test('a valid body has no issues; unknown fields are a warning', () => {
    assert.deepEqual(validateRequest('getOrderAlternative', { guid: 'x' }), []);
    const issues = validateRequest('getOrderAlternative', { guid: 'x', pushHook: true }, { language: 'en' });
    assert.deepEqual(issues, [{ path: 'pushHook', code: 'unknown_field', message: 'is not a documented field; it is sent as is', severity: 'warning' }]);
  });

  test('nested paths', () => {
    const issues = validateRequest('bulkUpsertCustomerWalletKyc', { items: [{ customer_external_id: 'abc', status: 'verified', level: 9 }] });
    assert.deepEqual(issues.map((i) => i.path), ['items[0].level']);
  });

  test('an unknown operation id throws a validation MintedError', () => {
    assert.throws(() => validateRequest('createCustomr', {}), (err) => err instanceof MintedError && err.kind === 'validation' && err.code === 'unknown_operation');
  });

  test('a body JSON cannot express is an issue, not an exception', () => {
    const issues = validateRequest('createCustomer', { external_id: 10n });
    assert.deepEqual(issues.map((i) => i.code), ['not_json']);
  });

  test('normalizePhone', () => {
    assert.equal(normalizePhone('0532 280 80 35'), '+905322808035');
    assert.equal(normalizePhone('+44 20 7946 0958'), '+442079460958');
    assert.throws(() => normalizePhone('12'), (err) => err.kind === 'validation');
  });
});

describe('client validation settings', () => {
  let sandbox;
  before(async () => { sandbox = await startSandbox(); });
  after(() => sandbox?.stop());

  test('a checksum-failing TCKN is sent by default and refused with strictIdentityNumbers', async () => {
    const body = () => ({ external_id: uniqueId('tckn'), identity_number: '12345677938' });
    const lenient = await clientFor(sandbox).createCustomer(body());
    assert.equal(lenient.identity_number, '12345677938');
    const err = await clientFor(sandbox, { strictIdentityNumbers: true }).createCustomer(body()).catch((e) => e);
    assert.equal(err.kind, 'validation');
    assert.equal(err.issues[0].code, 'tckn_checksum');
  });

  test('client.validateRequest uses the client language', () => {
    const client = new MintedClient({ baseUrl: sandbox.url, language: 'en' });
    assert.equal(client.validateRequest('createCustomer', {})[0].message, 'is required');
  });
});
