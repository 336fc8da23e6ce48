#!/usr/bin/env node
// Benchmark of the in-process sandbox (minted-connect/sandbox), after `make pkg` (run: node tools/bench/sandbox.mjs):
//   - its .wasm, raw and gzip -9 (and the client's, which it must leave alone)
//   - start-up: loading the module in a fresh Node process (compile and instantiate), the first createSandbox() there,
//     and createSandbox() once the module is loaded; medians over several runs
//   - calls per second: client.getCustomer() through sandbox.fetch (Digest signed, decoded and validated by the
//     client), one call after another; and sandbox.fetch of an unauthenticated route alone
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const SANDBOX = join(root, 'pkg', 'sandbox', 'cjs', 'index.cjs');
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

for (const [label, file] of [['sandbox', join(root, 'pkg', 'sandbox', 'minted_sandbox_bg.wasm')], ['client', join(root, 'pkg', 'minted_connect_bg.wasm')]]) {
  const wasm = readFileSync(file);
  console.log(`${label} .wasm: ${wasm.length} B raw (${kb(wasm.length)}), ${gzipSync(wasm, { level: 9 }).length} B gzip -9 (${kb(gzipSync(wasm, { level: 9 }).length)})`);
}

// Start-up in fresh processes: require() of the sandbox entry (base64 decode, compile, instantiate), then the first
// createSandbox() (seed data, settings) and the first request answered.
const probe = `
const t0 = performance.now();
const { createSandbox } = require(${JSON.stringify(SANDBOX)});
const t1 = performance.now();
const sandbox = createSandbox();
const t2 = performance.now();
sandbox.fetch(sandbox.url + '/__sandbox/health').then(() => {
  console.log(JSON.stringify({ load: t1 - t0, create: t2 - t1, firstAnswer: performance.now() - t2 }));
});`;
const runs = Array.from({ length: 9 }, () => JSON.parse(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' })));
const ms = (key) => median(runs.map((r) => r[key])).toFixed(1);
console.log(`fresh process (median of ${runs.length}): module load ${ms('load')} ms, first createSandbox() ${ms('create')} ms, ` +
  `first answer ${ms('firstAnswer')} ms`);

const { createSandbox } = require(SANDBOX);
const { MintedClient } = require(join(root, 'pkg', 'cjs', 'index.cjs'));
const creates = [];
for (let i = 0; i < 51; i++) {
  const start = performance.now();
  const sandbox = createSandbox();
  creates.push(performance.now() - start);
  sandbox.close();
}
console.log(`createSandbox() with the module loaded (median of ${creates.length}): ${median(creates).toFixed(2)} ms`);

async function rate(label, call, count = 2000, rounds = 5) {
  for (let i = 0; i < 300; i++) await call(); // warm up (JIT, wasm tier-up, the client's nonce)
  const perSecond = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    for (let i = 0; i < count; i++) await call();
    perSecond.push(count / ((performance.now() - start) / 1000));
  }
  console.log(`${label}: ${Math.round(median(perSecond))} calls/s (median of ${rounds} rounds of ${count}, one at a time)`);
}

const sandbox = createSandbox();
const client = new MintedClient({ baseUrl: sandbox.url, ...sandbox.credentials, fetch: sandbox.fetch });
await rate('client.getCustomer() through sandbox.fetch', () => client.getCustomer('MTD0018232'));
await rate('sandbox.fetch(GET /__sandbox/health) alone', async () => (await sandbox.fetch(`${sandbox.url}/__sandbox/health`)).arrayBuffer());
console.log(`node ${process.version}, ${process.arch}`);
