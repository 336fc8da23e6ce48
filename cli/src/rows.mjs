// Input files of the bulk commands: CSV with a header row (`.csv`, or any other name) or JSON Lines (`.jsonl`,
// `.ndjson`). Every row is numbered by its line in the file (the CSV header is row 1), and checked with the SDK's own
// validation before anything is sent.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import { validateRequest } from 'minted-connect';

/** CSV cells are text: empty cells are left out and the `numeric` columns holding a number become numbers. */
function fromCsv(record, numeric) {
  const entries = Object.entries(record).filter(([, v]) => v !== '');
  return Object.fromEntries(entries.map(([k, v]) => [k, numeric.includes(k) && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : v]));
}

/** Every row of `file` as `{ row, record }`, or `{ row, error }` for a line that cannot be read. */
export async function readRows(file, t, { numeric = [] } = {}) {
  const rows = [];
  const input = createReadStream(file);
  if (/\.(jsonl|ndjson)$/i.test(file)) {
    let row = 0;
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      row += 1;
      if (!line.trim()) continue;
      let record;
      try { record = JSON.parse(line); } catch { /* reported below */ }
      rows.push(record && typeof record === 'object' && !Array.isArray(record) ? { row, record } : { row, error: t.notJson });
    }
    return rows;
  }
  const parser = input.pipe(parse({ columns: true, bom: true, trim: true, info: true, skip_empty_lines: true, skip_records_with_error: true }));
  parser.on('skip', (err) => rows.push({ row: err.lines, error: t.badCsv(err.message) }));
  for await (const { record, info } of parser) rows.push({ row: info.lines, record: fromCsv(record, numeric) });
  return rows.sort((a, b) => a.row - b.row);
}

/**
 * Checks every row as `operation` would (`toBody` wraps a record into the request body; `prefix` is the body path
 * of the record) and that no two rows share a `key`. Returns the valid rows, the problems (`{ row, column, message }`)
 * and the warnings about columns the API does not document (once per column).
 */
export function checkRows(rows, { operation, toBody = (r) => r, prefix = '', key, lang, t }) {
  const valid = [];
  const invalid = [];
  const warnings = new Set();
  const seen = new Map();
  for (const { row, record, error } of rows) {
    if (error) {
      invalid.push({ row, column: '', message: error });
      continue;
    }
    const issues = validateRequest(operation, toBody(record), { language: lang });
    const column = (path) => path.slice(prefix.length);
    for (const i of issues) if (i.code === 'unknown_field') warnings.add(t.unknownColumn(column(i.path)));
    const errors = issues.filter((i) => i.severity === 'error').map((i) => ({ row, column: column(i.path), message: i.message }));
    const first = seen.get(record[key]);
    if (first !== undefined && record[key] !== undefined) errors.push({ row, column: key, message: t.duplicate(first) });
    else seen.set(record[key], row);
    if (errors.length) invalid.push(...errors);
    else valid.push({ row, id: record[key], item: record });
  }
  return { valid, invalid, warnings: [...warnings] };
}
