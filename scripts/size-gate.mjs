#!/usr/bin/env node
// The size budget of what a browser downloads, checked by `make test` after scripts/build-pkg.mjs measured the
// package (target/pkg-sizes.json: gzip -9 through node:zlib, the JS bundled and minified by esbuild). Sizes are
// deterministic for a given toolchain, so this is a fair gate: it prints the figures and fails above the budget.
//
// The budgets are the product's targets: 100 KB for the .wasm and 110 KB for what a browser fetches (.wasm + glue),
// with every endpoint and feature in. A change that needs bytes finds them elsewhere first (twiggy, see
// docs/measurements.md); never raise a budget without a note in the commit.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BUDGET = {
  wasmGzip: 100_000, // minted_connect_bg.wasm, gzip -9
  browserGzip: 110_000, // browser.js bundled + the .wasm it fetches, gzip -9
};

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sizes = JSON.parse(readFileSync(join(root, 'target', 'pkg-sizes.json'), 'utf8'));
const checks = [
  ['minted_connect_bg.wasm', sizes.wasm.gzip, BUDGET.wasmGzip],
  ['browser.js + .wasm', sizes.entries['browser.js'].gzip, BUDGET.browserGzip],
];
let failed = false;
for (const [what, size, budget] of checks) {
  const ok = size <= budget;
  failed ||= !ok;
  console.log(`${ok ? 'ok  ' : 'OVER'} ${what.padEnd(24)} ${size} B gzip -9 (budget ${budget} B, ${budget - size} B left)`);
}
if (failed) {
  console.error('the package is over its size budget: find the bytes with twiggy (see docs/measurements.md) before raising it');
  process.exit(1);
}
