#!/usr/bin/env node
// Measures `minted orders export` of many orders (default 100 000) as XLSX and as CSV: wall time, peak RSS of the
// `minted` process (VmHWM from /proc, sampled every 20 ms) and file size. A script, not a test: the figures go to
// docs/measurements.md. Needs `make pkg` and the native sandbox (`cargo build -p minted-sandbox`).
//
// The orders are the sandbox's own (30 generated ones, exported with the command), served again with fresh codes by
// a page server in this script, so the figure is the command's: the sandbox answers every page of a large listing
// with a link to every other page (3 334 links a page at 100 000 orders), as Laravel's paginator does not, and
// its time would be most of the run.
//
//   node tests/cli/measure-xlsx-export.mjs [ORDERS] [FORMATS]      e.g. 100000 xlsx,csv
import { readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { envFor, installCli, minted, sandboxJson, scratch, startSandbox, start } from './helpers.mjs';

const ORDERS = Number(process.argv[2] ?? 100000);
const FORMATS = (process.argv[3] ?? 'xlsx,csv').split(',');
const bin = installCli();
const dir = scratch('minted-measure-');

/** 30 real orders: generated in the sandbox for a new customer and exported with the command as JSON Lines. */
async function sampleOrders() {
  const sandbox = await startSandbox();
  try {
    const env = envFor(sandbox, dir);
    const customer = `measure-${Date.now().toString(36)}`;
    const created = await minted(bin, ['request', 'POST', '/partner/customer', '--body', JSON.stringify({ external_id: customer, firstname: 'Deniz', lastname: 'Aksoy' })], { env });
    if (created.code !== 0) throw new Error(created.stderr);
    await sandboxJson(sandbox, '/__sandbox/orders/generate', 'POST', { count: 30, customer_external_id: customer });
    const exported = await minted(bin, ['orders', 'export', '--customer', customer, '--out', 'sample.jsonl'], { env, cwd: dir });
    if (exported.code !== 0) throw new Error(exported.stderr);
    return readFileSync(join(dir, 'sample.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  } finally {
    await sandbox.stop();
  }
}

/** The documented page envelope of `GET /partner/orders` for `ORDERS` orders made from `samples`. */
function page(samples, number, size, base) {
  const last = Math.max(1, Math.ceil(ORDERS / size));
  const from = (number - 1) * size;
  const data = [];
  for (let i = from; i < Math.min(from + size, ORDERS); i += 1) {
    const sample = samples[i % samples.length];
    const code = `M${String(i).padStart(9, '0')}`;
    data.push({ ...sample, guid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, order_code: code, external_id: `MEASURE-${i}` });
  }
  const url = (n) => `${base}/partner/orders?page=${n}`;
  const window = [number - 2, number - 1, number, number + 1, number + 2].filter((n) => n >= 1 && n <= last);
  return {
    current_page: number, data, first_page_url: url(1), from: from + 1, last_page: last, last_page_url: url(last),
    links: window.map((n) => ({ url: url(n), label: String(n), active: n === number })),
    next_page_url: number < last ? url(number + 1) : null, path: `${base}/partner/orders`, per_page: size,
    prev_page_url: number > 1 ? url(number - 1) : null, to: from + data.length, total: ORDERS,
  };
}

const samples = await sampleOrders();
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  const body = JSON.stringify({ data: page(samples, Number(url.searchParams.get('page') ?? 1), Number(url.searchParams.get('total') ?? 10), `http://${req.headers.host}`), success: true, code: 0, message: '' });
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
try {
  const env = envFor({ url: `http://127.0.0.1:${server.address().port}`, username: 'sandbox', password: 'unused' }, dir);
  console.log(`${ORDERS} orders (30 from the sandbox, served again), Node ${process.version}`);
  for (const format of FORMATS) {
    const out = `orders.${format}`;
    const started = process.hrtime.bigint();
    const result = await start(bin, ['orders', 'export', '--out', out, '--json'], { env, cwd: dir }).done;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (result.code !== 0) throw new Error(result.stderr);
    const { exported } = JSON.parse(result.stdout);
    const size = statSync(join(dir, out)).size;
    console.log(`${out.padEnd(12)} ${exported} orders in ${seconds.toFixed(1)} s (${Math.round(exported / seconds)} orders/s), peak RSS ${Math.round(result.peakRssKb / 1024)} MB, file ${(size / 1e6).toFixed(1)} MB`);
  }
} finally {
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
