// `minted orders export` and `minted buy` / `minted sell` through the installed binary: an export of 10 000 orders
// streamed to CSV, to XLSX and to stdout with its peak memory measured, the header against the package's Order type,
// typed XLSX cells, the Excel CSV dialect and formula neutralisation, and exactly-once orders (a rerun with the same
// --external-id places nothing; a dropped answer is settled by lookup).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fixtureRequire, minted, sandboxJson, withCli } from './helpers.mjs';

const MANY = Number(process.env.CLI_EXPORT_ORDERS || 10000);
const FEW = 1000;

let bin;
let sandbox;
let dir;
let env;
withCli((cli) => ({ bin, sandbox, dir, env } = cli));

/** A new customer with `count` generated orders. */
async function customerWithOrders(name, count) {
  const result = await minted(bin, ['request', 'POST', '/partner/customer', '--body', JSON.stringify({ external_id: name, firstname: 'Deniz', lastname: 'Aksoy' })], { env });
  assert.equal(result.code, 0, result.stderr);
  await sandboxJson(sandbox, '/__sandbox/orders/generate', 'POST', { count, customer_external_id: name });
  return name;
}

/** Field names of the `Order` interface in the installed package's declarations. */
function documentedOrderFields() {
  const require = createRequire(join(dirname(dirname(bin)), 'minted-connect-cli', 'package.json'));
  const pkg = require.resolve('minted-connect/package.json');
  const types = readFileSync(join(dirname(pkg), JSON.parse(readFileSync(pkg, 'utf8')).types), 'utf8');
  const body = /export interface Order \{([\s\S]*?)\n\}/.exec(types)[1].replace(/\/\*\*[\s\S]*?\*\//g, '');
  return [...body.matchAll(/^\s+(\w+)\??:/gm)].map((m) => m[1]);
}

/** The first sheet of an .xlsx, read with the exceljs the CLI installed. */
async function firstSheet(file) {
  const { Workbook } = fixtureRequire(bin)('exceljs');
  const workbook = new Workbook();
  await workbook.xlsx.readFile(file);
  return workbook.worksheets[0];
}

describe('orders export', () => {
  const memory = {};

  test(`exports ${MANY} orders to CSV page by page with flat memory`, { timeout: 10 * 60 * 1000 }, async () => {
    const few = await customerWithOrders(`export-few-${Date.now().toString(36)}`, FEW);
    const many = await customerWithOrders(`export-many-${Date.now().toString(36)}`, MANY);
    const small = await minted(bin, ['orders', 'export', '--customer', few, '--out', 'few.csv'], { env, cwd: dir });
    assert.equal(small.code, 0, small.stderr);
    const big = await minted(bin, ['orders', 'export', '--customer', many, '--out', 'many.csv', '--json'], { env, cwd: dir });
    assert.equal(big.code, 0, big.stderr);
    assert.deepEqual(JSON.parse(big.stdout), { exported: MANY, format: 'csv', out: 'many.csv' });
    assert.match(big.stderr, new RegExp(`orders export: ${MANY}/${MANY} orders \\(100%\\)`), 'progress on stderr');
    assert.ok(!existsSync(join(dir, 'many.csv.partial')));

    const lines = readFileSync(join(dir, 'many.csv'), 'utf8').trim().split('\n');
    assert.equal(lines.length, MANY + 1);
    const header = lines[0].split(',');
    assert.deepEqual(header, documentedOrderFields(), 'the header is the API\'s field names of Order');
    const codes = new Set(lines.slice(1).map((line) => line.split(',')[header.indexOf('order_code')]));
    assert.equal(codes.size, MANY, 'every order once');
    memory.few = small.peakRssKb;
    memory.many = big.peakRssKb;
    console.log(`orders export peak RSS: ${FEW} orders ${Math.round(memory.few / 1024)} MB, ${MANY} orders ${Math.round(memory.many / 1024)} MB`);
    assert.ok(memory.many > 0 && memory.few > 0, 'RSS was sampled');
    assert.ok(memory.many < memory.few + 40 * 1024, `memory stays flat: ${memory.few} kB for ${FEW}, ${memory.many} kB for ${MANY}`);

    // The same orders as XLSX, streamed: flat memory too, and typed cells.
    const smallBook = await minted(bin, ['orders', 'export', '--customer', few, '--out', 'few.xlsx'], { env, cwd: dir });
    assert.equal(smallBook.code, 0, smallBook.stderr);
    const bigBook = await minted(bin, ['orders', 'export', '--customer', many, '--out', 'many.xlsx', '--json'], { env, cwd: dir });
    assert.equal(bigBook.code, 0, bigBook.stderr);
    assert.deepEqual(JSON.parse(bigBook.stdout), { exported: MANY, format: 'xlsx', out: 'many.xlsx' });
    console.log(`orders export --format xlsx peak RSS: ${FEW} orders ${Math.round(smallBook.peakRssKb / 1024)} MB, ${MANY} orders ${Math.round(bigBook.peakRssKb / 1024)} MB`);
    assert.ok(bigBook.peakRssKb < smallBook.peakRssKb + 40 * 1024, `XLSX memory stays flat: ${smallBook.peakRssKb} kB for ${FEW}, ${bigBook.peakRssKb} kB for ${MANY}`);
    const sheet = await firstSheet(join(dir, 'many.xlsx'));
    assert.equal(sheet.name, 'orders');
    assert.equal(sheet.rowCount, MANY + 1);
    assert.deepEqual(sheet.getRow(1).values.slice(1), documentedOrderFields());
    const column = (name) => documentedOrderFields().indexOf(name) + 1;
    const bookCodes = new Set();
    sheet.eachRow((row, number) => {
      if (number === 1) return;
      bookCodes.add(row.getCell(column('order_code')).value);
      if (number > 50) return;
      assert.equal(typeof row.getCell(column('total')).value, 'number', 'total is a number cell');
      assert.equal(typeof row.getCell(column('price')).value, 'number');
      assert.ok(row.getCell(column('order_at')).value instanceof Date, 'order_at is a date cell');
      assert.equal(row.getCell(column('order_at')).numFmt, 'yyyy-mm-dd hh:mm:ss');
      assert.equal(JSON.parse(row.getCell(column('items')).value)[0].sku, 'GAU', 'nested fields are JSON text');
    });
    assert.equal(bookCodes.size, MANY, 'every order once');
  });

  test('CSV cells a spreadsheet would run are neutralised, --excel writes BOM, ; and decimal commas, XLSX keeps text as text', async () => {
    const externalId = `-1-${Date.now()}`; // a sum to a spreadsheet; the API's external ids allow no = + @ (A-Z a-z 0-9 _ . -)
    const placed = await minted(bin, ['buy', '--metal', 'gold', '--amount', '0.01', '--customer', 'MTD0018232', `--external-id=${externalId}`, '--yes', '--json'], { env });
    assert.equal(placed.code, 0, placed.stderr);
    const { order_code: [code], request_id: requestId } = JSON.parse(placed.stdout);
    assert.match(requestId, /\S/, 'the order answer\'s request id');
    const order = JSON.parse((await minted(bin, ['request', 'POST', '/partner/order', '--body', JSON.stringify({ external_id: externalId })], { env })).stdout);
    const args = ['orders', 'export', '--customer', 'MTD0018232'];
    for (const [out, extra] of [['plain.csv', []], ['excel.csv', ['--excel']], ['orders.xlsx', []]]) {
      const result = await minted(bin, [...args, '--out', out, ...extra], { env, cwd: dir });
      assert.equal(result.code, 0, result.stderr);
    }
    const line = (file) => readFileSync(join(dir, file), 'utf8').split(/\r?\n/).find((l) => l.includes(code));
    const quoted = `'${externalId}`;
    assert.ok(line('plain.csv').includes(`,${quoted},`), line('plain.csv'));
    const excel = readFileSync(join(dir, 'excel.csv'), 'utf8');
    assert.ok(excel.startsWith(`\ufeff${documentedOrderFields().join(';')}\r\n`), 'BOM, ; and CRLF');
    const cells = line('excel.csv').split(';');
    assert.equal(cells[2], quoted);
    assert.equal(cells[documentedOrderFields().indexOf('price')], String(order.price).replace('.', ','), 'a decimal comma');
    assert.equal(cells[documentedOrderFields().indexOf('total')], String(order.total).replace('.', ','));
    assert.ok(String(order.price).includes('.'), `the price ${order.price} has decimals`);
    const sheet = await firstSheet(join(dir, 'orders.xlsx'));
    let found;
    sheet.eachRow((row) => { if (row.getCell(2).value === code) found = row.getCell(3); });
    assert.equal(found.value, externalId, 'the external id is plain text');
    assert.equal(found.formula, undefined, 'not a formula');
    assert.equal(found.type, fixtureRequire(bin)('exceljs').ValueType.String);
  });

  test('without --out the orders go to stdout (JSON Lines with --json), filters apply', async () => {
    const name = await customerWithOrders(`export-pipe-${Date.now().toString(36)}`, 75);
    const jsonl = await minted(bin, ['orders', 'export', '--customer', name, '--json'], { env, cwd: dir });
    assert.equal(jsonl.code, 0, jsonl.stderr);
    const orders = jsonl.stdout.trim().split('\n').map((line) => JSON.parse(line));
    assert.equal(orders.length, 75);
    assert.ok(orders.every((o) => o.customer.external_id === name && o.status_name === 'Completed'));
    const today = new Date().toISOString().slice(0, 10);
    const filtered = await minted(bin, ['orders', 'export', '--customer', name, '--status', 'Cancelled', '--from', today, '--to', today], { env, cwd: dir });
    assert.equal(filtered.code, 0, filtered.stderr);
    assert.equal(filtered.stdout.trim().split('\n').length, 1, 'only the header: no cancelled orders');
    const piped = await minted('sh', ['-c', `'${bin}' orders export --customer ${name} --format xlsx > piped.xlsx`], { env, cwd: dir });
    assert.equal(piped.code, 0, piped.stderr);
    assert.match(piped.stderr, /75 orders exported to stdout/);
    assert.equal((await firstSheet(join(dir, 'piped.xlsx'))).rowCount, 76, 'an XLSX on stdout when it is not a terminal');
    const bad = await minted(bin, ['orders', 'export', '--from', '2026-13-01'], { env, cwd: dir });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^error: validation: /m);
  });
});

describe('buy and sell, exactly once', () => {
  async function ordersWith(externalId) {
    return (await sandboxJson(sandbox, '/__sandbox/state')).orders_by_external_id[externalId] ?? 0;
  }

  test('buy shows the quote, places one order, and a rerun with the same --external-id places nothing', async () => {
    const externalId = `cli-buy-${Date.now().toString(36)}`;
    const args = ['buy', '--metal', 'gold', '--amount', '0.25', '--customer', 'MTD0018232', '--external-id', externalId, '--yes'];
    const first = await minted(bin, args, { env });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, new RegExp(`^external id: ${externalId} \\(journal: `, 'm'));
    assert.match(first.stderr, /^buy 0\.25 g GAU for customer MTD0018232 at [\d.]+ \w+\/g ≈ [\d.]+ \w+, paid in cash; quote valid \d+ s$/m);
    assert.match(first.stdout, new RegExp(`^placed order \\w+ \\(external id ${externalId}\\): bought 0\\.25 g GAU`));
    const again = await minted(bin, [...args, '--json'], { env });
    assert.equal(again.code, 0, again.stderr);
    const shown = JSON.parse(again.stdout);
    assert.equal(shown.already_placed, true);
    assert.equal(shown.order.external_id, externalId);
    assert.equal(await ordersWith(externalId), 1);
    const journal = readFileSync(join(dir, 'state', 'orders.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(journal.filter((e) => e.external_id === externalId).map((e) => e.state), ['placing', 'placed']);
  });

  test('a sell whose answer is dropped after commit is confirmed by lookup, once; --json gives the response', async () => {
    const externalId = `cli-sell-${Date.now().toString(36)}`;
    await sandboxJson(sandbox, '/__sandbox/faults', 'PUT', { rules: [{ fault: 'drop-after-commit', method: 'POST', path: '/partner/order/digital/sell', times: 1 }] });
    const args = ['sell', '--metal', 'silver', '--total', '5', '--customer', 'MTD0018232', '--external-id', externalId, '--yes', '--json'];
    const sold = await minted(bin, args, { env });
    const faults = await sandboxJson(sandbox, '/__sandbox/faults', 'DELETE');
    assert.equal(faults.injected['drop-after-commit'], 1);
    assert.equal(sold.code, 0, sold.stderr);
    const response = JSON.parse(sold.stdout);
    assert.equal(response.placed, true);
    assert.equal(response.reconciled, true);
    assert.equal(response.external_id, externalId);
    assert.equal((await minted(bin, args, { env })).code, 0);
    assert.equal(await ordersWith(externalId), 1);
  });

  test('on a terminal, buy asks before placing: "n" places nothing, "y" places the order', async () => {
    const externalId = `cli-ask-${Date.now().toString(36)}`;
    const command = `${bin} buy --metal gold --amount 0.1 --customer MTD0018232 --external-id ${externalId}`;
    const declined = await minted('script', ['-qec', command, '/dev/null'], { env, input: 'n\n' });
    assert.match(declined.stdout, /Place this order\? \[y\/N\]/);
    assert.match(declined.stdout, /not placed: not confirmed/);
    assert.equal(await ordersWith(externalId), 0);
    const accepted = await minted('script', ['-qec', command, '/dev/null'], { env, input: 'y\n' });
    assert.match(accepted.stdout, new RegExp(`placed order \\w+ \\(external id ${externalId}\\)`));
    assert.equal(await ordersWith(externalId), 1);
  });

  test('a B2B buy without --yes off a terminal is refused before anything is sent (exit 2)', async () => {
    const externalId = `cli-b2b-${Date.now().toString(36)}`;
    const result = await minted(bin, ['buy', '--metal', 'silver', '--amount', '1', '--b2b', '--external-id', externalId], { env });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /pass --yes/);
    assert.equal(await ordersWith(externalId), 0);
    assert.equal((await minted(bin, ['buy', '--metal', 'gold', '--amount', '1'], { env })).code, 2, '--customer or --b2b is required');
    const placed = await minted(bin, ['buy', '--metal', 'silver', '--amount', '1', '--b2b', '--external-id', externalId, '--yes'], { env });
    assert.equal(placed.code, 0, placed.stderr);
    assert.equal(await ordersWith(externalId), 1);
  });
});
