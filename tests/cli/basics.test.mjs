// The installed `minted`: help texts, configuration (environment, profile files and their permissions,
// --password-stdin), --json output of the simple commands, errors and exit codes, and that no secret is printed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minted, start, until, withCli } from './helpers.mjs';

let bin;
let sandbox;
let dir;
let env;
withCli((cli) => ({ bin, sandbox, dir, env } = cli));

/** Nothing the command printed contains the password. */
function noSecret(result, secret = sandbox.password) {
  assert.ok(!result.stdout.includes(secret) && !result.stderr.includes(secret), 'the password is never printed');
}

describe('help', () => {
  const commands = {
    'customers get': [],
    'customers create': ['--file', '--dry-run', '--concurrency', '--rate', '--journal', '--report', '--delimiter', '--encoding', '--excel', 'DD.MM.YYYY', 'xlsx'],
    'kyc import': ['--dry-run', '--concurrency', '--rate', '--journal', '--restart', '--report', '--delimiter', '--encoding', '--excel', 'windows-1254'],
    'orders export': ['--status', '--customer', '--from', '--to', '--format', '--out', '--excel', 'xlsx'],
    prices: ['--watch', '--interval'],
    buy: ['--metal', '--amount', '--total', '--customer', '--b2b', '--external-id', '--yes'],
    sell: ['--metal', '--amount', '--total', '--customer', '--b2b', '--external-id', '--yes'],
    request: ['--body', '--query'],
    sandbox: ['--port', '--state', '--seed', '--quote-ttl-secs'],
  };
  const everywhere = ['--base-url', '--profile', '--password-stdin', '--lang', '--timeout', '--max-retries', '--json', '--verbose', '--debug', 'MINTED_BASE_URL', 'MINTED_USERNAME', 'MINTED_PASSWORD', 'Exit codes'];

  test('minted --help lists every command, the shared options, the configuration and the exit codes', async () => {
    const result = await minted(bin, ['--help'], { env });
    assert.equal(result.code, 0, result.stderr);
    for (const name of Object.keys(commands)) assert.match(result.stdout, new RegExp(`^  ${name}\\b`, 'm'), name);
    for (const word of everywhere) assert.ok(result.stdout.includes(word), word);
    const bare = await minted(bin, [], { env });
    assert.equal(bare.code, 2, 'no command is a usage error');
    assert.equal(bare.stdout, result.stdout);
  });

  for (const [name, options] of Object.entries(commands)) {
    test(`minted ${name} --help has its usage, options, examples and the shared options`, async () => {
      const result = await minted(bin, [...name.split(' '), '--help'], { env });
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, new RegExp(`^Usage: minted ${name}`));
      for (const word of [...options, ...everywhere, 'Examples:']) assert.ok(result.stdout.includes(word), `${name}: ${word}`);
    });
  }
});

describe('configuration', () => {
  test('a missing address, a bad language or an unknown command is a usage error (exit 2)', async () => {
    const noUrl = await minted(bin, ['prices'], { env: { ...env, MINTED_BASE_URL: '' } });
    assert.equal(noUrl.code, 2);
    assert.match(noUrl.stderr, /^error: usage: no API address/m);
    assert.equal((await minted(bin, ['prices', '--lang', 'de'], { env })).code, 2);
    assert.equal((await minted(bin, ['frobnicate'], { env })).code, 2);
    const badUrl = await minted(bin, ['prices', '--base-url', 'not a url'], { env });
    assert.equal(badUrl.code, 2);
    assert.match(badUrl.stderr, /^error: config: invalid config\.baseUrl/m);
  });

  test('a password is never accepted as a flag, and the refusal does not echo it', async () => {
    for (const args of [['prices', '--password', 'hunter2-secret'], ['prices', '--password=hunter2-secret']]) {
      const result = await minted(bin, args, { env });
      assert.equal(result.code, 2);
      assert.match(result.stderr, /never accepted as a flag/);
      noSecret(result, 'hunter2-secret');
    }
  });

  test('--password-stdin reads the password from standard input', async () => {
    const noPassword = { ...env, MINTED_PASSWORD: undefined };
    delete noPassword.MINTED_PASSWORD;
    const ok = await minted(bin, ['customers', 'get', 'MTD0018232', '--password-stdin', '--json'], { env: noPassword, input: `${sandbox.password}\n` });
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(JSON.parse(ok.stdout).external_id, 'MTD0018232');
    const wrong = await minted(bin, ['customers', 'get', 'MTD0018232', '--password-stdin'], { env: noPassword, input: 'wrong-password-123\n' });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /^error: auth: /m);
    noSecret(wrong, 'wrong-password-123');
  });

  test('a profile file is used, and refused while other users can read it', async () => {
    const profiles = join(dir, 'config');
    mkdirSync(profiles, { recursive: true });
    const file = join(profiles, 'staging.json');
    writeFileSync(file, JSON.stringify({ base_url: sandbox.url, username: sandbox.username, password: sandbox.password, lang: 'en' }));
    const bare = { PATH: process.env.PATH, HOME: dir, MINTED_CONFIG_DIR: profiles };
    chmodSync(file, 0o644);
    const refused = await minted(bin, ['customers', 'get', 'MTD0018232', '--profile', 'staging'], { env: bare });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /can be read or changed by other users \(mode 644\); run: chmod 600/);
    noSecret(refused);
    chmodSync(file, 0o600);
    const used = await minted(bin, ['customers', 'get', 'MTD0018232', '--profile', 'staging', '--json'], { env: bare });
    assert.equal(used.code, 0, used.stderr);
    assert.equal(JSON.parse(used.stdout).external_id, 'MTD0018232');
    writeFileSync(join(profiles, 'broken.json'), `{"password": "${sandbox.password}", oops`, { mode: 0o600 });
    const broken = await minted(bin, ['prices', '--profile', 'broken'], { env: bare });
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /broken\.json is not valid JSON/);
    noSecret(broken);
    const missing = await minted(bin, ['prices', '--profile', 'nope'], { env: bare });
    assert.equal(missing.code, 2);
    assert.equal((await minted(bin, ['prices', '--profile', '../etc/passwd'], { env: bare })).code, 2);
  });
});

describe('commands', () => {
  test('customers get prints the customer, and with --json the API object', async () => {
    const human = await minted(bin, ['customers', 'get', 'MTD0018232'], { env });
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /^MTD0018232 {2}Mehmet Gülbilge/);
    assert.match(human.stdout, /Gold Wallet +MAU +12\.5/);
    const json = JSON.parse((await minted(bin, ['customers', 'get', 'MTD0018232', '--json'], { env })).stdout);
    assert.deepEqual(json.wallets.map((w) => w.currency_code), ['MAU', 'MAG', 'GBP']);
    assert.match(json.request_id, /^[0-9a-f-]{36}$/, 'the answer\'s request id, for support');
  });

  test('-v logs each call on stderr, -v -v each exchange, MINTED_LOG likewise; stdout keeps the result alone', async () => {
    const once = await minted(bin, ['customers', 'get', 'MTD0018232', '--json', '-v'], { env });
    assert.equal(once.code, 0, once.stderr);
    assert.match(once.stderr, /^minted-connect getCustomer GET \/partner\/customer\/MTD0018232 → 200 in \d+ ms \(1 attempt, request id [0-9a-f-]{36}\)$/m);
    assert.doesNotMatch(once.stderr, / attempt 1 → /, 'no exchanges at -v');
    assert.equal(JSON.parse(once.stdout).external_id, 'MTD0018232');
    const twice = await minted(bin, ['customers', 'get', 'MTD0018232', '-v', '-v'], { env });
    assert.match(twice.stderr, /getCustomer attempt 1 → GET .*\/partner\/customer\/MTD0018232 headers .*"User-Agent":"minted-connect\/[^"]+ minted-connect-cli\//);
    assert.match(twice.stderr, /getCustomer attempt 1 ← 401 \(Digest challenge\)/);
    const byEnv = await minted(bin, ['customers', 'get', 'MTD0018232'], { env: { ...env, MINTED_LOG: 'info' } });
    assert.match(byEnv.stderr, /^minted-connect getCustomer GET /m);
    const quiet = await minted(bin, ['customers', 'get', 'MTD0018232'], { env });
    assert.equal(quiet.stderr, '');
    for (const r of [once, twice, byEnv]) noSecret(r);
  });

  test('an API error prints its kind and message (no stack unless --debug), exit 1, and --json gives it on stdout', async () => {
    const result = await minted(bin, ['customers', 'get', 'no-such-customer'], { env });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^error: api: getCustomer: .*\(HTTP 404, code 1004\)$/m);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack');
    const debug = await minted(bin, ['customers', 'get', 'no-such-customer', '--debug'], { env });
    assert.match(debug.stderr, /\n\s+at /, 'stack with --debug');
    const json = await minted(bin, ['customers', 'get', 'no-such-customer', '--json'], { env });
    const { ok, error } = JSON.parse(json.stdout);
    assert.equal(ok, false);
    assert.equal(error.kind, 'api');
    assert.equal(error.status, 404);
    for (const r of [result, debug, json]) noSecret(r);
  });

  test('prices, prices --json, and prices --watch until Ctrl-C (exit 130)', async () => {
    const table = await minted(bin, ['prices'], { env });
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^sku +product +buy +sell/);
    const json = JSON.parse((await minted(bin, ['prices', '--json', '--currency', 'USD'], { env })).stdout);
    assert.ok(json.prices.find((p) => p.sku === 'GAU').buy_price > 0);
    assert.ok(json.prices.every((p) => p.currency === 'USD'));
    assert.match(json.request_id, /\S/);
    const watch = start(bin, ['prices', '--watch', '--interval', '1', '--json'], { env });
    await until(() => watch.output().stdout.split('\n').filter(Boolean).length >= 2);
    watch.child.kill('SIGINT');
    const result = await watch.done;
    assert.equal(result.code, 130);
    assert.ok(result.stdout.split('\n').filter(Boolean).every((line) => Array.isArray(JSON.parse(line).prices)));
  });

  test('request sends any call and prints its data; bad JSON is a usage error', async () => {
    const get = await minted(bin, ['request', 'GET', '/partner/customer/MTD0018232'], { env });
    assert.equal(get.code, 0, get.stderr);
    assert.equal(JSON.parse(get.stdout).external_id, 'MTD0018232');
    const post = await minted(bin, ['request', 'post', '/partner/order', '--body', '{"order_code": "ALS8HEVP"}', '--json'], { env });
    assert.equal(post.code, 0, post.stderr);
    const posted = JSON.parse(post.stdout);
    assert.deepEqual([posted.data.order_code, posted.status], ['ALS8HEVP', 200]);
    assert.match(posted.request_id, /\S/);
    const list = JSON.parse((await minted(bin, ['request', 'GET', '/partner/orders', '--query', 'total=5', '--query', 'customer_external_id=MTD0018232'], { env })).stdout);
    assert.equal(list.per_page, 5);
    assert.equal((await minted(bin, ['request', 'POST', '/partner/order', '--body', '{nope'], { env })).code, 2);
    assert.equal((await minted(bin, ['request', 'GET'], { env })).code, 2);
  });

});
