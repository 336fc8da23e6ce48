// validateRequest as forms use it, and the client's own validation settings.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeResponse, digestAuthorization, MintedClient, MintedError, normalizePhone, validateRequest } from 'minted-connect';
import { clientFor, startSandbox, stats, uniqueId } from './helpers.mjs';

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

describe('path parameters and call misuse are refused locally, in the client language', () => {
  let sandbox;
  before(async () => { sandbox = await startSandbox(); });
  after(() => sandbox?.stop());

  const requests = async () => (await stats(sandbox)).partner_requests;

  // `.` and `..` (also percent-encoded) would be removed by the URL parser, sending the call to another path
  for (const [call, value] of [['getCustomer', '..'], ['removeCustomer', '.'], ['getOrder', '%2E'], ['getCustomerBalance', '.%2e'], ['getCustomer', '']]) {
    test(`${call}(${JSON.stringify(value)}) is a validation issue on its path parameter, before any request`, async () => {
      const before = await requests();
      const err = await clientFor(sandbox)[call](value).catch((e) => e);
      assert.ok(err instanceof MintedError);
      assert.equal(err.kind, 'validation', err.message);
      assert.equal(err.issues.length, 1);
      assert.equal(err.issues[0].code, value === '' ? 'required' : 'dot_segment');
      assert.match(err.issues[0].path, /_id$/);
      assert.equal(await requests(), before, 'nothing was sent');
    });
  }

  test('a raw request path with a dot segment is refused too', async () => {
    const err = await clientFor(sandbox).request({ method: 'GET', path: '/partner/customer/../balance' }).catch((e) => e);
    assert.equal(err.kind, 'validation');
    assert.deepEqual(err.issues.map((i) => [i.path, i.code]), [['path', 'dot_segment']]);
  });

  // With the default language (tr), every validation message is Turkish: the body, the ids, a raw request's fields.
  // (A call's options are settings, like the client's config: mistakes there are `config` errors, see
  // observability.test.mjs.)
  const turkish = () => new MintedClient({ baseUrl: sandbox.url, username: sandbox.username, password: sandbox.password });
  const cases = [
    ['a body JSON cannot express', (c) => c.createCustomer({ external_id: 10n }), '', 'not_json', 'JSON olarak yazılamıyor'],
    ['a dot-segment id', (c) => c.getCustomer('..'), 'external_customer_id', 'dot_segment', 'başka bir yola gider'],
    ['a raw request without a method', (c) => c.request({ path: '/partner/balance' }), 'method', 'one_of', 'şunlardan biri olmalıdır'],
    ['a raw request path with a query', (c) => c.request({ method: 'GET', path: '/partner/orders?page=2' }), 'path', 'path_format', "query'ye yazın"],
    ['a raw request body JSON cannot express', (c) => c.request({ method: 'POST', path: '/partner/legal', body: { n: 1n } }), 'body', 'not_json', 'JSON olarak yazılamıyor'],
  ];
  for (const [what, call, path, code, fragment] of cases) {
    test(`${what}: a Turkish message by default`, async () => {
      const err = await Promise.resolve().then(() => call(turkish())).catch((e) => e);
      assert.ok(err instanceof MintedError, String(err));
      assert.equal(err.kind, 'validation');
      assert.deepEqual(err.issues.map((i) => [i.path, i.code]), [[path, code]]);
      assert.ok(err.issues[0].message.includes(fragment), err.issues[0].message);
      assert.match(err.message, /geçersiz istek: /);
    });
  }

  test('the standalone functions answer in the default language (tr), validateRequest in the one asked for', () => {
    assert.throws(() => validateRequest('createCustomr', {}), (err) => err.code === 'unknown_operation' && /bu SDK'nin bir işlemi değil/.test(err.message));
    assert.throws(() => validateRequest('createCustomer', {}, { language: 'de' }), (err) => err.code === 'invalid_options' && err.issues[0].path === 'options.language');
    assert.throws(() => normalizePhone('12'), (err) => /telefon numarası/.test(err.issues[0].message));
    assert.throws(() => decodeResponse('getOrder', 42), (err) => err.kind === 'validation' && err.issues[0].message === 'Uint8Array ya da metin olmalıdır');
    assert.throws(() => digestAuthorization({ username: 'u', nc: 1 }), (err) => err.kind === 'validation' && err.issues[0].path === 'password' && err.issues[0].message === 'metin olmalıdır');
    const [issue] = validateRequest('createCustomer', { external_id: 10n }, { language: 'en' });
    assert.deepEqual([issue.code, issue.message], ['not_json', 'cannot be written as JSON (a BigInt, a function or a cycle)']);
  });
});
