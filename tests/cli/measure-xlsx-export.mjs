#!/usr/bin/env node
// Measures `minted orders export` of many orders (default 100 000) as XLSX and as CSV: wall time, peak RSS of the
// `minted` process (VmHWM from /proc, sampled every 20 ms) and file size. A script, not a test: the figures go to
// docs/measurements.md. Needs `make pkg` and the native sandbox (`cargo build -p minted-sandbox`; set
// MINTED_SANDBOX_BIN to a release build to keep the sandbox's own time out of the way).
//
//   node tests/cli/measure-xlsx-export.mjs [ORDERS]
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { envFor, installCli, minted, sandboxJson, scratch, startSandbox, start } from './helpers.mjs';

const ORDERS = Number(process.argv[2] ?? 100000);
const bin = installCli();
const sandbox = await startSandbox();
const dir = scratch('minted-measure-');
try {
  const env = envFor(sandbox, dir);
  const customer = `measure-${Date.now().toString(36)}`;
  const created = await minted(bin, ['request', 'POST', '/partner/customer', '--body', JSON.stringify({ external_id: customer, firstname: 'Deniz', lastname: 'Aksoy' })], { env });
  if (created.code !== 0) throw new Error(created.stderr);
  await sandboxJson(sandbox, '/__sandbox/orders/generate', 'POST', { count: ORDERS, customer_external_id: customer });
  console.log(`${ORDERS} orders, Node ${process.version}, sandbox ${process.env.MINTED_SANDBOX_BIN ?? 'target/debug/minted-sandbox'}`);
  for (const out of ['orders.xlsx', 'orders.csv']) {
    const started = process.hrtime.bigint();
    const result = await start(bin, ['orders', 'export', '--customer', customer, '--out', out, '--json'], { env, cwd: dir }).done;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (result.code !== 0) throw new Error(result.stderr);
    const { exported } = JSON.parse(result.stdout);
    const size = statSync(join(dir, out)).size;
    console.log(`${out.padEnd(12)} ${exported} orders in ${seconds.toFixed(1)} s (${Math.round(exported / seconds)} orders/s), peak RSS ${Math.round(result.peakRssKb / 1024)} MB, file ${(size / 1e6).toFixed(1)} MB`);
  }
} finally {
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
}
