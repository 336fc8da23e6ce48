// XLSX in and out through exceljs (loaded only when an .xlsx is read or written). In: the first sheet, its first
// row the header, each cell as the spreadsheet typed it. Out: exceljs's streaming writer, one row at a time,
// numbers as numbers and dates as dates, waiting for the output to drain so memory stays flat.
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';

async function excel() {
  return (await import('exceljs')).default;
}

/** Whether `bytes` start like a ZIP archive, as every .xlsx does (whatever the file is called). */
export function isXlsx(bytes) {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** A cell's value as plain data: text, number, boolean or Date; `{ error }` for a spreadsheet error such as #N/A. */
export function plainValue(value) {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'object' || value instanceof Date) return value;
  if (Array.isArray(value.richText)) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return plainValue(value.result);
  if ('hyperlink' in value) return plainValue(value.text);
  if ('error' in value) return { error: value.error };
  return String(value);
}

/**
 * The rows of the first sheet of the workbook in `bytes`: `{ row, raw }` per non-empty row after the header (`row`
 * is the spreadsheet's row number, `raw` maps each header name to the cell's plain value).
 */
export async function readXlsx(bytes) {
  const { Workbook } = await excel();
  const workbook = new Workbook();
  await workbook.xlsx.load(bytes);
  const sheet = workbook.worksheets[0];
  const rows = [];
  let header;
  sheet?.eachRow({ includeEmpty: false }, (row, number) => {
    const values = Array.from({ length: row.cellCount }, (_, i) => plainValue(row.getCell(i + 1).value));
    if (!header) {
      header = values.map((v) => (v === undefined ? '' : String(v).trim()));
      return;
    }
    const raw = {};
    header.forEach((name, i) => { if (name) raw[name] = values[i]; });
    rows.push({ row: number, raw });
  });
  return rows;
}

/**
 * A streaming XLSX writer to `stream` with one sheet whose first row is `columns`; `dateColumns` get a date format.
 * `add(values)` writes a row (numbers, Dates, text) and waits while the output is full; `end()` finishes the file
 * and, unless `end` is false (stdout, which stays open), ends `stream` and waits until it is written.
 */
export async function xlsxWriter(stream, { sheet: name, columns, dateColumns = [], end = true }) {
  const { stream: { xlsx: { WorkbookWriter } } } = await excel();
  // exceljs waits for its stream's 'finish': a pass-through of its own, piped on, finishes even when stdout does not.
  const sink = new PassThrough();
  sink.pipe(stream, { end });
  const workbook = new WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(name);
  sheet.columns = columns.map((key) => ({
    header: key, key, width: Math.max(12, key.length + 2),
    ...(dateColumns.includes(key) ? { style: { numFmt: 'yyyy-mm-dd hh:mm:ss' }, width: 20 } : {}),
  }));
  return {
    async add(values) {
      sheet.addRow(values).commit();
      if (sink.writableNeedDrain) await once(sink, 'drain');
    },
    async end() {
      sheet.commit();
      await workbook.commit();
      if (end) await finished(stream);
    },
  };
}
