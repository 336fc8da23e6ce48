// Input files of the bulk commands: CSV (`,` `;` or tab, detected from the header line or given by --delimiter),
// XLSX (the first sheet; recognised by its bytes, whatever its name) or JSON Lines (`.jsonl`, `.ndjson`). The whole
// file is read and decoded first (strictly: a byte that is not valid in the encoding stops the command before any
// row is sent), then every row is numbered by its line in the file (the header is row 1; for XLSX, the sheet's row
// number) and checked with the SDK's own validation before anything is sent.
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { validateRequest } from 'minted-connect';
import { DELIMITERS, EncodingError, decodeText, detectDelimiter } from 'minted-connect/csv';
import { recordValues } from './cells.mjs';
import { UsageError } from './util.mjs';
import { isXlsx, readXlsx } from './xlsx.mjs';

/** The separator --delimiter names (`comma`, `semicolon`, `tab`, or the character itself), else undefined. */
export function delimiterOption(value) {
  if (value === undefined) return undefined;
  const chosen = DELIMITERS[value] ?? Object.values(DELIMITERS).find((d) => d === value.replace('\\t', '\t'));
  if (!chosen) throw new UsageError(`--delimiter must be comma, semicolon or tab (got "${value}")`);
  return chosen;
}

/** The text of a CSV or JSON Lines file, or a UsageError that says where it is not in the encoding and what to do. */
function decode(file, bytes, encoding, t) {
  try {
    return decodeText(bytes, { encoding }).text;
  } catch (err) {
    if (err instanceof EncodingError) throw new UsageError(t.notEncoded(file, err));
    if (err instanceof RangeError) throw new UsageError(`--encoding: ${err.message}`);
    throw err;
  }
}

function jsonLines(text, t) {
  const rows = [];
  text.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    let record;
    try { record = JSON.parse(line); } catch { /* reported below */ }
    rows.push(record && typeof record === 'object' && !Array.isArray(record) ? { row: index + 1, record } : { row: index + 1, error: t.notJson });
  });
  return rows;
}

function csvRows(text, t, { columns, delimiter }) {
  const separator = delimiter ?? detectDelimiter(text);
  const rows = [];
  const records = parse(text, {
    delimiter: separator, columns: (header) => header.map((name) => name.trim()), trim: true, info: true,
    relax_column_count_less: true, // a row that stops early (empty cells at its end left out) is read as such
    skip_empty_lines: true, skip_records_with_error: true, on_skip: (err) => rows.push({ row: err.lines, error: t.badCsv(err.message) }),
  });
  for (const { record, info } of records) {
    // info.lines is the line where the record ends; a quoted cell with line breaks starts it earlier.
    const breaks = Object.values(record).reduce((n, value) => n + value.split('\n').length - 1, 0);
    // Excel writes decimal commas where it separates cells with `;` (and in its tab-separated "Unicode text").
    rows.push({ row: info.lines - breaks, ...recordValues(record, columns, { decimalComma: separator !== ',' }) });
  }
  return rows.sort((a, b) => a.row - b.row);
}

/**
 * Every row of `file` as `{ row, record, problems }`, or `{ row, error }` for a line that cannot be read. `columns`
 * maps column names to what they hold (`number`, `date`, `datetime`; text otherwise); a cell that does not fit is a
 * problem naming the expected form.
 */
export async function readRows(file, t, { columns = {}, delimiter, encoding } = {}) {
  const bytes = await readFile(file);
  if (isXlsx(bytes)) return (await readXlsx(bytes)).map(({ row, raw }) => ({ row, ...recordValues(raw, columns) }));
  const text = decode(file, bytes, encoding, t);
  return /\.(jsonl|ndjson)$/i.test(file) ? jsonLines(text, t) : csvRows(text, t, { columns, delimiter });
}

/** The first text value of `record` holding U+FFFD, the mark a character lost in an earlier conversion leaves. */
function replacementColumn(record) {
  return Object.entries(record).find(([, value]) => typeof value === 'string' && value.includes('\ufffd'))?.[0];
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
  for (const { row, record, problems = [], error } of rows) {
    if (error) {
      invalid.push({ row, column: '', message: error });
      continue;
    }
    const errors = problems.map((p) => ({ row, column: p.column, message: t.badCell(p.problem, p.detail) }));
    const lost = replacementColumn(record);
    if (lost) errors.push({ row, column: lost, message: t.replacementCharacter });
    const issues = validateRequest(operation, toBody(record), { language: lang });
    const column = (path) => path.slice(prefix.length);
    for (const i of issues) if (i.code === 'unknown_field') warnings.add(t.unknownColumn(column(i.path)));
    const refused = new Set(errors.map((e) => e.column));
    errors.push(...issues.filter((i) => i.severity === 'error' && !refused.has(column(i.path))).map((i) => ({ row, column: column(i.path), message: i.message })));
    const first = seen.get(record[key]);
    if (first !== undefined && record[key] !== undefined) errors.push({ row, column: key, message: t.duplicate(first) });
    else seen.set(record[key], row);
    if (errors.length) invalid.push(...errors);
    else valid.push({ row, id: record[key], item: record });
  }
  return { valid, invalid, warnings: [...warnings] };
}
