// minted orders export: every matching order, streamed page by page from listOrders to CSV or JSON Lines, with
// progress on stderr. Memory stays flat: one page is held at a time and writing waits for the output to drain.
// (A plain for-await loop: on Node 20.20, Readable.from(client.listOrders()) hit a fatal V8 deoptimizer error.)
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';
import { progress } from '../progress.mjs';
import { EXIT, UsageError } from '../util.mjs';

/** The CSV columns: the documented `Order` fields, in the API's names (JSONL keeps every field the server sent). */
export const ORDER_FIELDS = [
  'guid', 'order_code', 'external_id', 'type', 'price', 'tax', 'total', 'payment_cost', 'currency_code', 'status_name',
  'status_id', 'order_at', 'payment_type', 'description', 'items', 'customer', 'payment', 'delivery', 'address',
];

/** A CSV cell: nested values (items, customer, payment…) as JSON text. */
const cell = (value) => (value !== null && typeof value === 'object' ? JSON.stringify(value) : value);

export const ordersExport = {
  name: 'orders export',
  usage: '[--status S] [--customer ID] [--from DATE] [--to DATE] [--format csv|jsonl] [--out FILE]',
  args: [],
  summary: 'stream every matching order to CSV or JSON Lines',
  description: `Writes every order matching the filters, fetched page by page (30 a page), to FILE or to stdout.
CSV has a header row of the API's field names; nested fields (items, customer, payment…) are JSON in their cell.
JSON Lines (--format jsonl, or --json without --out) has one order per line with every field the server sent. Progress goes to
stderr. With --out the file appears only when the export is complete (FILE.partial until then).`,
  options: {
    status: { type: 'string', value: 'S', help: 'only orders with this status (e.g. Completed)' },
    customer: { type: 'string', value: 'ID', help: 'only this customer\'s orders' },
    from: { type: 'string', value: 'YYYY-MM-DD', help: 'only orders from this day on' },
    to: { type: 'string', value: 'YYYY-MM-DD', help: 'only orders up to this day' },
    format: { type: 'string', value: 'csv|jsonl', help: 'output format (default csv; jsonl with --json and no --out)' },
    out: { type: 'string', value: 'FILE', help: 'write to FILE instead of stdout' },
  },
  examples: [
    'minted orders export --status Completed --from 2026-01-01 --out orders.csv',
    'minted orders export --customer MTD0018232 --format jsonl | jq .order_code',
  ],
  async run({ opts, out, t, signal, connect }) {
    const format = opts.format ?? (opts.json && !opts.out ? 'jsonl' : 'csv');
    if (format !== 'csv' && format !== 'jsonl') throw new UsageError(`--format must be csv or jsonl (got "${format}")`);
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
      if (format === 'csv') await write(stringify([ORDER_FIELDS]));
      for await (const order of client.listOrders({ ...query, total: 30 }, { signal })) {
        await write(format === 'csv' ? stringify([ORDER_FIELDS.map((f) => cell(order[f]))]) : `${JSON.stringify(order)}\n`);
        count += 1;
        bar.tick();
      }
      if (partial) {
        await new Promise((resolve, reject) => target.end((err) => (err ? reject(err) : resolve())));
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
