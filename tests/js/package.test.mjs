// The assembled package as users install it: require and import without init, one shared instance, honest types,
// and a tarball that installs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esm from 'minted-connect';
import { root } from './helpers.mjs';

const require = createRequire(import.meta.url);
// Convenience calls and the operation whose route they use (src/routes.rs, ALIASES).
const ALIASES = {
  buyGold: 'buyDigital', buySilver: 'buyDigital', buyPlatinum: 'buyDigital', cardPaymentBuyWithCardNumber: 'buyDigital',
  cardPaymentBuyWithCardToken: 'buyDigital', sellGold: 'sellDigital', sellSilver: 'sellDigital',
  createDeliveryPayWithCash: 'createDelivery', createDeliveryPayWithCard: 'createDelivery', cardPaymentGetOrder: 'getOrder',
};
const EXPORTS = ['MintedClient', 'MintedError', 'Quote', 'decodeResponse', 'digestAuthorization', 'normalizePhone', 'operations', 'validateRequest'];

describe('package', () => {
  test('import gives every export, ready to use, with no init call', () => {
    assert.deepEqual(Object.keys(esm).sort(), [...EXPORTS].sort());
    assert.doesNotThrow(() => new esm.MintedClient({ baseUrl: 'https://api.staging.mintedconnect.com' }));
  });

  test('require and import share one instance, so instanceof works across them', () => {
    const cjs = require('minted-connect');
    assert.equal(cjs.MintedClient, esm.MintedClient);
    assert.equal(cjs.MintedError, esm.MintedError);
    let err;
    try { new cjs.MintedClient({}); } catch (e) { err = e; }
    assert.ok(err instanceof esm.MintedError);
  });

  test('a plain CommonJS script can require it', () => {
    const out = execFileSync(process.execPath, ['-e', `
      const { MintedClient, MintedError } = require('minted-connect');
      try { new MintedClient({ baseUrl: 'ftp://x' }); } catch (e) { console.log(e instanceof MintedError, e.kind, e.field); }
    `], { cwd: join(root, 'tests', 'js'), encoding: 'utf8' });
    assert.equal(out.trim(), 'true config baseUrl');
  });

  test('operations() lists each route with its path source', () => {
    const rows = esm.operations();
    const byId = Object.fromEntries(rows.map((r) => [r.operationId, r]));
    assert.deepEqual(byId.getCustomer, { operationId: 'getCustomer', method: 'GET', path: '/partner/customer/{external_customer_id}', apiVersion: '2', idempotent: true, pathSource: 'documented' });
    assert.equal(byId.createBusinessCustomer.pathSource, 'inferred');
  });

  test('the declarations contain no `any`', () => {
    const dts = readFileSync(join(root, 'pkg', 'index.d.ts'), 'utf8');
    const anys = dts.split('\n').filter((line) => /\bany\b/.test(line) && !/^\s*(\*|\/\*\*)/.test(line));
    assert.deepEqual(anys, []);
  });

  test('npm pack makes a tarball that installs and works with require and import', () => {
    const dir = mkdtempSync(join(tmpdir(), 'minted-pack-'));
    try {
      const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' } });
      const tarball = npm(['pack', '--pack-destination', dir, join(root, 'pkg')], dir).trim().split('\n').pop();
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
      npm(['install', '--no-audit', '--no-fund', join(dir, tarball)], dir);
      writeFileSync(join(dir, 'a.cjs'), "console.log(typeof require('minted-connect').MintedClient)");
      writeFileSync(join(dir, 'b.mjs'), "import { validateRequest } from 'minted-connect'; console.log(validateRequest('getOrderAlternative', { guid: 'x' }).length)");
      assert.equal(execFileSync(process.execPath, ['a.cjs'], { cwd: dir, encoding: 'utf8' }).trim(), 'function');
      assert.equal(execFileSync(process.execPath, ['b.mjs'], { cwd: dir, encoding: 'utf8' }).trim(), '0');
      const listed = npm(['pack', '--dry-run', '--json', join(root, 'pkg')], dir);
      const files = JSON.parse(listed)[0].files.map((f) => f.path).sort();
      assert.ok(files.includes('minted_connect_bg.wasm') && files.includes('node/index.cjs') && files.includes('web/index.js') && files.includes('index.d.ts'), files.join(', '));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('README', () => {
  test('the endpoint table lists all 49 docs entries and every call with its method, path and path source', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const rows = readme.split('\n').filter((line) => /^\| .* \| `[a-zA-Z0-9]+\(/.test(line));
    assert.equal(rows.filter((r) => !r.startsWith('| (')).length, 49);
    const routes = Object.fromEntries(esm.operations().map((op) => [op.operationId, op]));
    const methods = Object.getOwnPropertyNames(esm.MintedClient.prototype).filter((m) => !['constructor', 'free', 'baseUrl', 'validateRequest', 'request', 'listOrders'].includes(m) && !m.startsWith('__'));
    for (const method of methods) {
      const row = rows.find((line) => line.includes(`\`${method}(`));
      assert.ok(row, `README has no row for ${method}`);
    }
    for (const row of rows) {
      const cells = row.replaceAll('\\|', '/').split('|').map((c) => c.trim());
      const call = /`([a-zA-Z0-9]+)\(/.exec(cells[2])[1];
      const route = routes[call] ?? esm.operations().find((op) => op.operationId === ALIASES[call]);
      assert.ok(route, `no route for ${call}`);
      assert.equal(cells[3], route.method, call);
      assert.equal(cells[4], `\`${route.path}\``, call);
      assert.equal(cells[5], route.pathSource, call);
    }
  });
});
