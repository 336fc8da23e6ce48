// minted orders export: every matching order, streamed page by page from listOrders to CSV, XLSX or JSON Lines, with
// progress on stderr. Memory stays flat: one page is held at a time and writing waits for the output to drain.
// (A plain for-await loop: on Node 20.20, Readable.from(client.listOrders()) hit a fatal V8 deoptimizer error.)
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { DIALECTS, formatRow, parseDate } from 'minted-connect/csv';
import { progress } from '../progress.mjs';
import { EXIT, UsageError } from '../util.mjs';
import { xlsxWriter } from '../xlsx.mjs';

/** The CSV and XLSX columns: the documented `Order` fields, in the API's names (JSONL keeps every field the server sent). */
export const ORDER_FIELDS = [
  'guid', 'order_code', 'external_id', 'type', 'price', 'tax', 'total', 'payment_cost', 'currency_code', 'status_name',
  'status_id', 'order_at', 'payment_type', 'description', 'items', 'customer', 'payment', 'delivery', 'address',
];
/** Columns that hold a timestamp: a date cell in XLSX (as written, in the API's own time). */
const DATE_FIELDS = ['order_at'];

/** An XLSX cell: numbers stay numbers, timestamps become dates, nested values (items, customer…) JSON text. */
function xlsxCell(field, value) {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') return JSON.stringify(value);
  const when = DATE_FIELDS.includes(field) && typeof value === 'string' ? parseDate(value, { time: true }) : undefined;
  return when ? new Date(Date.UTC(when.year, when.month - 1, when.day, when.hour, when.minute, when.second)) : value;
}

/** The format asked for: --format, else from --out's name (.xlsx, .jsonl), else JSON Lines with --json and no --out, else CSV. */
function formatOf(opts) {
  const format = opts.format ?? (/\.xlsx$/i.test(opts.out ?? '') ? 'xlsx' : /\.(jsonl|ndjson)$/i.test(opts.out ?? '') ? 'jsonl'
    : opts.json && !opts.out ? 'jsonl' : 'csv');
  if (!['csv', 'jsonl', 'xlsx'].includes(format)) throw new UsageError(`--format must be csv, xlsx or jsonl (got "${format}")`);
  if (opts.excel && format !== 'csv') throw new UsageError('--excel applies to CSV only (XLSX and JSON Lines have typed numbers)');
  if (format === 'xlsx' && !opts.out && process.stdout.isTTY) throw new UsageError('an XLSX file is not for a terminal: pass --out FILE.xlsx (or redirect the output)');
  return format;
}

/** How each order becomes output: `start()` once, `add(order)` per order, `end()` once. */
async function writerFor(format, write, target, dialect) {
  if (format === 'xlsx') {
    const book = await xlsxWriter(target, { sheet: 'orders', columns: ORDER_FIELDS, dateColumns: DATE_FIELDS, end: target !== process.stdout });
    return { add: (order) => book.add(ORDER_FIELDS.map((f) => xlsxCell(f, order[f]))), end: () => book.end() };
  }
  if (format === 'jsonl') return { add: (order) => write(`${JSON.stringify(order)}\n`), end: () => {} };
  await write((dialect.bom ? '\ufeff' : '') + formatRow(ORDER_FIELDS, dialect));
  return { add: (order) => write(formatRow(ORDER_FIELDS.map((f) => order[f]), dialect)), end: () => {} };
}

export const ordersExport = {
  name: 'orders export',
  usage: '[--status S] [--customer ID] [--from DATE] [--to DATE] [--format csv|xlsx|jsonl] [--excel] [--out FILE]',
  args: [],
  summary: 'stream every matching order to CSV, XLSX or JSON Lines',
  description: `Writes every order matching the filters, fetched page by page (30 a page), to FILE or to stdout.
CSV has a header row of the API's field names; nested fields (items, customer, payment…) are JSON in their cell; a
cell a spreadsheet would run as a formula (starting with = + - @, a tab or CR, and not a number) gets a leading '.
--excel writes the CSV for Excel in a Turkish locale (a BOM, ";" between cells, decimal commas), so a double-click
opens it right. XLSX (--format xlsx, or --out FILE.xlsx) has the same columns with numbers as numbers and order_at
as a date, written as a stream. JSON Lines (--format jsonl, or --json without --out) has one order per line with
every field the server sent. Progress goes to stderr. With --out the file appears only when the export is complete
(FILE.partial until then).`,
  options: {
    status: { type: 'string', value: 'S', help: 'only orders with this status (e.g. Completed)' },
    customer: { type: 'string', value: 'ID', help: 'only this customer\'s orders' },
    from: { type: 'string', value: 'YYYY-MM-DD', help: 'only orders from this day on' },
    to: { type: 'string', value: 'YYYY-MM-DD', help: 'only orders up to this day' },
    format: { type: 'string', value: 'csv|xlsx|jsonl', help: 'output format (default: from --out\'s name, else csv; jsonl with --json and no --out)' },
    excel: { type: 'boolean', help: 'CSV for Excel in a Turkish locale: BOM, ";" between cells, decimal commas' },
    out: { type: 'string', value: 'FILE', help: 'write to FILE instead of stdout' },
  },
  examples: [
    'minted orders export --status Completed --from 2026-01-01 --out orders.csv',
    'minted orders export --status Completed --out orders.xlsx',
    'minted orders export --customer MTD0018232 --excel --out siparisler.csv',
    'minted orders export --customer MTD0018232 --format jsonl | jq .order_code',
  ],
  async run({ opts, out, t, signal, connect }) {
    const format = formatOf(opts);
    const query = { status: opts.status, customer_external_id: opts.customer, startDate: opts.from, endDate: opts.to };
    for (const key of Object.keys(query)) if (query[key] === undefined) delete query[key];
    const client = await connect();
    const { total } = await client.getOrders({ ...query, total: 5 }, { signal });
    const bar = progress({ label: 'orders export', total, unit: 'orders' });
    const partial = opts.out && `${opts.out}.partial`;
    const target = partial ? createWriteStream(partial) : out.stdout;
    let broken;
    target.on('error', (err) => { broken = err; });
    const write = async (text) => {
      if (broken) throw broken;
      if (!target.write(text)) await once(target, 'drain', { signal });
    };
    let count = 0;
    try {
      const writer = await writerFor(format, write, target, opts.excel ? DIALECTS.excelComma : DIALECTS.plain);
      for await (const order of client.listOrders({ ...query, total: 30 }, { signal })) {
        await writer.add(order);
        count += 1;
        bar.tick();
      }
      await writer.end();
      if (partial) {
        // The XLSX writer ends its file itself; the others are ended here.
        if (!target.writableFinished) await new Promise((resolve, reject) => target.end((err) => (err ? reject(err) : resolve())));
        renameSync(partial, opts.out);
      }
    } catch (err) {
      if (partial) rmSync(partial, { force: true });
      if (err.code === 'EPIPE') return EXIT.ok; // the reader went away (| head): not an error
      throw err;
    } finally {
      bar.stop();
    }
    const where = opts.out ?? 'stdout';
    if (opts.out) out.result({ exported: count, format, out: opts.out }, t.exported(count, where));
    else out.note(t.exported(count, where));
    return EXIT.ok;
  },
};
