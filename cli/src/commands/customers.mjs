// minted customers get ID | minted customers create --file F
import { BULK_OPTIONS, importRows } from '../bulk.mjs';
import { EXIT, UsageError } from '../util.mjs';

function describe(c) {
  const name = [c.firstname, c.middlename, c.lastname].filter(Boolean).join(' ');
  const wallets = (c.wallets ?? []).map((w) => `  ${String(w.name).padEnd(16)} ${String(w.currency_code).padEnd(4)} ${w.balance}`);
  return [`${c.external_id}  ${name}  ${c.email ?? ''}  ${c.phone ?? ''}`.trimEnd(), ...wallets].join('\n');
}

export const customersGet = {
  name: 'customers get',
  usage: 'ID',
  args: ['ID'],
  summary: 'show a customer and its wallets',
  description: 'Shows the customer with your external id ID and its wallets (--json: the API\'s object and its request_id).',
  options: {},
  examples: ['minted customers get MTD0018232', 'minted customers get MTD0018232 --json'],
  async run({ args: [id], out, signal, connect }) {
    const client = await connect();
    const { data, requestId } = await client.getCustomer(id, { signal, withResponse: true });
    out.result({ ...data, request_id: requestId }, describe);
    return EXIT.ok;
  },
};

// Rows of `customers create`: one createCustomer per row; a customer that exists already is skipped.
const CREATE = {
  operation: 'createCustomer',
  key: 'external_id',
  columns: { birthdate: 'date' },
  chunkSize: 1,
  async send(client, [item], signal) {
    try {
      const { requestId } = await client.createCustomer(item, { signal, withResponse: true });
      return [{ ok: true, requestId }];
    } catch (err) {
      if (err.kind === 'api' && err.code === 1002) return [{ ok: false, skipped: true, reason: err.message, requestId: err.requestId }];
      throw err;
    }
  },
  async confirm(client, item, signal) {
    return client.getCustomer(item.external_id, { signal }).then(() => true, (err) => (err.status === 404 ? false : Promise.reject(err)));
  },
};

export const customersCreate = {
  name: 'customers create',
  usage: '--file FILE',
  args: [],
  summary: 'create customers from CSV, XLSX or JSONL, resumable',
  description: `Creates a customer per row of FILE (CSV with a header row, an Excel workbook .xlsx, or .jsonl). Columns
are the API's fields: external_id (required), firstname, middlename, lastname, email, phone, gender (M|F),
identity_number, birthdate (YYYY-MM-DD or DD.MM.YYYY). Rows are checked first ("row N, column X: message"); a
customer that already exists is skipped. CSV dialects and encodings (--delimiter, --encoding), journal, resume,
report and progress work as for "kyc import".`,
  options: { file: { type: 'string', value: 'FILE', help: 'the customers (CSV, XLSX or JSONL)' }, ...BULK_OPTIONS },
  examples: [
    'minted customers create --file customers.csv --lang en',
    'minted customers create --file musteriler.csv --encoding windows-1254',
    'minted customers create --file customers.xlsx --dry-run',
  ],
  run: (ctx) => {
    if (!ctx.opts.file) throw new UsageError('minted customers create --file FILE (see minted customers create --help)');
    return importRows({ ...ctx, args: [ctx.opts.file] }, CREATE);
  },
};
