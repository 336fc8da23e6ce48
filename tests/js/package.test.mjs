// The assembled package as Node users load it: require and import without init, one shared instance, a default export,
// honest types, and a tarball holding every file its exports name. tests/consumers/ installs the tarball into each
// bundler and runtime.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, posix } from 'node:path';
import * as esm from 'minted-connect';
import * as slim from 'minted-connect/slim';
import { root } from './helpers.mjs';
import { wasmSource } from '../../scripts/pkg-parts.mjs';

const require = createRequire(import.meta.url);
// Convenience calls and the operation whose route they use (src/routes.rs, ALIASES).
const ALIASES = {
  buyGold: 'buyDigital', buySilver: 'buyDigital', buyPlatinum: 'buyDigital', cardPaymentBuyWithCardNumber: 'buyDigital',
  cardPaymentBuyWithCardToken: 'buyDigital', sellGold: 'sellDigital', sellSilver: 'sellDigital',
  createDeliveryPayWithCash: 'createDelivery', createDeliveryPayWithCard: 'createDelivery', cardPaymentGetOrder: 'getOrder',
};
const EXPORTS = ['MintedClient', 'MintedError', 'Quote', 'decodeResponse', 'digestAuthorization', 'normalizePhone', 'operations', 'validateRequest'];

describe('package', () => {
  test('import gives every export, ready to use, with no init call, and the same as a default object', () => {
    assert.deepEqual(Object.keys(esm).sort(), [...EXPORTS, 'default'].sort());
    assert.deepEqual(Object.keys(esm.default).sort(), [...EXPORTS].sort());
    for (const name of EXPORTS) assert.equal(esm.default[name], esm[name], name);
    assert.doesNotThrow(() => new esm.MintedClient({ baseUrl: 'https://api.staging.mintedconnect.com' }));
  });

  test('require and import share one instance, so instanceof works across them', () => {
    const cjs = require('minted-connect');
    assert.equal(cjs.MintedClient, esm.MintedClient);
    assert.equal(cjs.MintedError, esm.MintedError);
    let err;
    try { new cjs.MintedClient({}); } catch (e) { err = e; }
    assert.ok(err instanceof esm.MintedError);
    assert.equal(cjs.default.MintedClient, esm.MintedClient, 'require().default is the default object');
  });

  test('slim shares the instance the root entry loaded, in Node', async () => {
    assert.deepEqual(Object.keys(slim).sort(), [...EXPORTS, 'init', 'initSync'].sort());
    // The root entry's classes and functions load the module on first use; slim's are the glue's own. One instance:
    // objects of either are instances of both.
    assert.ok(new esm.MintedClient({ baseUrl: 'https://x.test' }) instanceof slim.MintedClient);
    assert.ok(new slim.MintedClient({ baseUrl: 'https://x.test' }) instanceof esm.MintedClient);
    assert.equal(slim.MintedError, esm.MintedError);
    await slim.init(); // already loaded: returns at once
    assert.equal(require('minted-connect/slim').validateRequest, slim.validateRequest);
  });

  test('require() compiles nothing: the module loads on the first use of an export that needs it, once', () => {
    const out = execFileSync(process.execPath, ['-e', `
      let compiled = 0;
      const { Module } = WebAssembly;
      WebAssembly.Module = function (bytes) { compiled += 1; return new Module(bytes); };
      const sdk = require('minted-connect');
      const seen = [compiled];
      const err = new sdk.MintedError('x', { kind: 'config' }); // plain JavaScript: loads nothing
      seen.push(compiled, err instanceof sdk.MintedError);
      seen.push(sdk.validateRequest('createCustomer', {}).length > 0, compiled);
      const client = new sdk.MintedClient({ baseUrl: 'https://x.test' });
      seen.push(compiled, client instanceof sdk.MintedClient, sdk.default.MintedClient === sdk.MintedClient);
      console.log(JSON.stringify(seen));
    `], { cwd: join(root, 'tests', 'js'), encoding: 'utf8' });
    assert.deepEqual(JSON.parse(out), [0, 0, true, true, 1, 1, true, true]);
  });

  test('a plain CommonJS script can require it', () => {
    const out = execFileSync(process.execPath, ['-e', `
      const { MintedClient, MintedError } = require('minted-connect');
      try { new MintedClient({ baseUrl: 'ftp://x' }); } catch (e) { console.log(e instanceof MintedError, e.kind, e.field); }
    `], { cwd: join(root, 'tests', 'js'), encoding: 'utf8' });
    assert.equal(out.trim(), 'true config baseUrl');
  });

  test('installed, Node reads the .wasm beside the package; the inlined copy is left to bundles', () => {
    const out = execFileSync(process.execPath, ['-e', `
      const fs = require('node:fs');
      const read = fs.readFileSync;
      const wasm = [];
      fs.readFileSync = (path, ...rest) => { if (String(path).endsWith('.wasm')) wasm.push(require('node:path').basename(String(path))); return read(path, ...rest); };
      require('minted-connect').validateRequest('createCustomer', {}); // the first use compiles the module
      require('minted-connect/sandbox');
      const parts = Object.keys(require.cache).filter((file) => file.includes('wasm-base64'));
      console.log(JSON.stringify({ wasm, parts }));
    `], { cwd: join(root, 'tests', 'js'), encoding: 'utf8' });
    assert.deepEqual(JSON.parse(out), { wasm: ['minted_connect_bg.wasm', 'minted_sandbox_bg.wasm'], parts: [] });
  });

  test('operations() lists each route with its path source', () => {
    const rows = esm.operations();
    const byId = Object.fromEntries(rows.map((r) => [r.operationId, r]));
    assert.deepEqual(byId.getCustomer, { operationId: 'getCustomer', method: 'GET', path: '/partner/customer/{external_customer_id}', apiVersion: '2', idempotent: true, pathSource: 'documented' });
    assert.equal(byId.createBusinessCustomer.pathSource, 'inferred');
  });

  test('the declarations contain no `any`, written once: import\'s re-export require\'s', () => {
    const dts = (name) => readFileSync(join(root, 'pkg', name), 'utf8');
    for (const name of ['index.d.cts', 'slim.d.cts', 'sandbox/index.d.cts']) {
      const anys = dts(name).split('\n').filter((line) => /\bany\b/.test(line) && !/^\s*(\*|\/\*\*)/.test(line));
      assert.deepEqual(anys, [], name);
    }
    for (const [face, from] of [['index.d.mts', './index.cjs'], ['slim.d.mts', './slim.cjs'], ['slim.d.ts', './slim.cjs'],
      ['sandbox/index.d.mts', './index.cjs'], ['sandbox.d.mts', 'minted-connect-sandbox'], ['csv.d.mts', './csv.cjs']]) {
      assert.match(dts(face), new RegExp(`^export \\* from '${from.replaceAll('.', '\\.')}';$`, 'm'), face);
      assert.ok(dts(face).length < 2048, `${face} holds declarations of its own`);
    }
  });

  test('the tarball holds every file the exports map names, and nothing from the build', () => {
    const listed = execFileSync('npm', ['pack', '--dry-run', '--json', join(root, 'pkg')], { encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' } });
    const files = JSON.parse(listed)[0].files.map((f) => f.path);
    const manifest = JSON.parse(readFileSync(join(root, 'pkg', 'package.json'), 'utf8'));
    const targets = [];
    const walk = (value) => (typeof value === 'string' ? targets.push(value.slice(2)) : Object.values(value).forEach(walk));
    walk(manifest.exports);
    for (const target of new Set([...targets, manifest.main.slice(2), manifest.module.slice(2), manifest.types.slice(2), 'minted_connect_bg.wasm'])) {
      assert.ok(files.includes(target), `${target} missing from ${files.join(', ')}`);
    }
    assert.deepEqual(files.filter((f) => /\.(ts|map)$/.test(f) && !/\.d\.(m|c)?ts$/.test(f)), []);
    // The glue's snippets are bundled into it: no snippets folder ships (an earlier build's least of all).
    const glue = readFileSync(join(root, 'pkg', 'minted_connect.js'), 'utf8');
    assert.deepEqual(files.filter((f) => f.startsWith('snippets/')), []);
    assert.doesNotMatch(glue, /from '\.\/snippets\//);
  });
});

describe('loading in browsers', () => {
  test('every file a shipped module imports, statically or dynamically, is in the tarball', () => {
    const listed = execFileSync('npm', ['pack', '--dry-run', '--json', join(root, 'pkg')], { encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' } });
    const files = new Set(JSON.parse(listed)[0].files.map((f) => f.path));
    const missing = [];
    for (const file of [...files].filter((f) => /\.(m?js|cjs)$/.test(f))) {
      const text = readFileSync(join(root, 'pkg', file), 'utf8');
      for (const [, specifier] of text.matchAll(/(?:from |import\((?:\/\*[^*]*\*\/ )?|require\()'(\.{1,2}\/[^']+)'/g)) {
        const target = posix.normalize(posix.join(posix.dirname(file), specifier));
        if (!files.has(target)) missing.push(`${file} → ${specifier}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  test('the browser entries load the inlined copy by dynamic imports, in parts no bundler warns about', () => {
    for (const dir of ['', 'sandbox/']) {
      const entry = readFileSync(join(root, 'pkg', dir, 'browser.js'), 'utf8');
      const parts = [...entry.matchAll(/import\((?:\/\*[^*]*\*\/ )?'\.\/(wasm-base64-\d+\.js)'\)/g)].map((m) => m[1]);
      assert.ok(parts.length >= 1, `${dir}browser.js imports no inlined part`);
      assert.doesNotMatch(entry, /^import [^\n]*wasm-base64/m, `${dir}browser.js imports the inlined copy statically`);
      for (const part of parts) assert.ok(readFileSync(join(root, 'pkg', dir, part)).length < 240 * 1024, `${dir}${part} is over webpack's 244 KiB hint`);
    }
  });

  // What browser.js does, given the .wasm's URL (`wasm`), wasm-url.js's URL (`module`) and its own (`here`).
  const SOURCES = [
    { case: 'served as installed (wasm-url.js a file of its own)', wasm: 'http://h/node_modules/minted-connect/minted_connect_bg.wasm', module: 'http://h/node_modules/minted-connect/wasm-url.js', here: 'http://h/node_modules/minted-connect/browser.js', source: 'fetch' },
    { case: 'webpack (import.meta.url of each source file)', wasm: 'http://h/5f1c.wasm', module: 'file:///p/node_modules/minted-connect/wasm-url.js', here: 'file:///p/node_modules/minted-connect/browser.js', source: 'fetch' },
    { case: 'Vite build (hashed asset)', wasm: 'http://h/assets/minted_connect_bg-Df3a.wasm', module: 'http://h/assets/index-9b.js', here: 'http://h/assets/index-9b.js', source: 'fetch' },
    { case: 'Vite dev (pre-bundled, URL rewritten to the package)', wasm: 'http://h/node_modules/minted-connect/minted_connect_bg.wasm', module: 'http://h/node_modules/.vite/deps/minted-connect.js?v=1', here: 'http://h/node_modules/.vite/deps/minted-connect.js?v=1', source: 'fetch' },
    { case: 'Rollup / Angular (URL left beside the bundle)', wasm: 'http://h/output/minted_connect_bg.wasm', module: 'http://h/output/main.js', here: 'http://h/output/main.js', source: 'inline' },
    { case: 'bundle with a query string, URL left beside it', wasm: 'http://h/main/minted_connect_bg.wasm', module: 'http://h/main/app.js?v=2', here: 'http://h/main/app.js?v=2', source: 'inline' },
  ];
  for (const row of SOURCES) {
    test(`wasmSource: ${row.case} → ${row.source}`, () => {
      assert.equal(wasmSource(new URL(row.wasm), row.module, row.here, 'minted_connect_bg.wasm'), row.source);
    });
  }
});

describe('docs', () => {
  test('docs/endpoints.md lists all 49 docs entries and every call with its method, path and path source', () => {
    const table = readFileSync(join(root, 'docs', 'endpoints.md'), 'utf8');
    const rows = table.split('\n').filter((line) => /^\| .* \| `[a-zA-Z0-9]+\(/.test(line));
    assert.equal(rows.filter((r) => !r.startsWith('| (')).length, 49);
    const routes = Object.fromEntries(esm.operations().map((op) => [op.operationId, op]));
    const methods = Object.getOwnPropertyNames(esm.MintedClient.prototype).filter((m) => !['constructor', 'free', 'baseUrl', 'validateRequest', 'request', 'listOrders'].includes(m) && !m.startsWith('__'));
    for (const method of methods) {
      const row = rows.find((line) => line.includes(`\`${method}(`));
      assert.ok(row, `docs/endpoints.md has no row for ${method}`);
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
