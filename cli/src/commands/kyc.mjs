// minted kyc import FILE: wallet KYC records for many customers through the bulk upsert, 100 rows a request.
import { BULK_OPTIONS, importRows } from '../bulk.mjs';

const FIELDS = ['status', 'level', 'reference', 'verified_at'];

/** Whether the customer's KYC record already shows every field the row sets (a missing customer shows nothing). */
async function shows(client, item, signal) {
  try {
    const kyc = await client.getCustomerWalletKyc(item.customer_external_id, { signal });
    return FIELDS.every((f) => item[f] === undefined || kyc[f] === item[f]);
  } catch (err) {
    if (err.status === 404) return false;
    throw err;
  }
}

export const kycImport = {
  name: 'kyc import',
  usage: 'FILE',
  args: ['FILE'],
  summary: 'upsert wallet KYC records from CSV, XLSX or JSONL, resumable',
  description: `Upserts wallet KYC records from FILE: CSV with a header row, an Excel workbook (.xlsx: the first sheet,
its first row the header), or JSON Lines (.jsonl). Columns: customer_external_id, status (pending|verified|rejected),
level (0-3), reference, verified_at (YYYY-MM-DD or DD.MM.YYYY, optionally with hh:mm[:ss]). CSV as Excel saves it
works: the separator (, ; or tab) is detected from the header line, a BOM and CRLF are fine, and in files separated
by ; or tabs numbers may have a decimal comma. The file must be UTF-8 unless --encoding says otherwise (or a BOM
does); a file that is not is refused, with the line and byte, before anything is sent.
Every row is checked first and problems are reported as "row N, column X: message" (N is the line in the file).
Valid rows go through the bulk upsert, 100 per request. A journal (FILE.journal) records every row's state, so
running the same command again after Ctrl-C, a crash or a lost connection resumes: rows done before are skipped,
never sent twice. After an unclear answer (no response, 5xx) each row is read back before anything is resent.`,
  options: { ...BULK_OPTIONS, 'chunk-size': { type: 'string', value: 'N', help: 'rows per bulk request (1-100, default 100)' } },
  examples: [
    'minted kyc import kyc.csv --dry-run --lang en',
    'minted kyc import kyc.csv --concurrency 4 --rate 10/s --report outcome.csv',
    'minted kyc import kyc.xlsx --report outcome.csv --excel',
    'minted kyc import kyc.jsonl --json > summary.json',
  ],
  run: (ctx) => importRows(ctx, {
    operation: 'bulkUpsertCustomerWalletKyc',
    toBody: (record) => ({ items: [record] }),
    prefix: 'items[0].',
    key: 'customer_external_id',
    columns: { level: 'number', verified_at: 'datetime' },
    chunkSize: 100,
    once: true, // the bulk upsert is sent once per request; this command settles unclear answers itself
    send: async (client, items, signal) => {
      const { data: { results }, requestId } = await client.bulkUpsertCustomerWalletKyc({ items }, { signal, withResponse: true });
      return results.map((r) => ({ ok: r.success, reason: r.message ?? undefined, requestId }));
    },
    confirm: shows,
  }),
};
