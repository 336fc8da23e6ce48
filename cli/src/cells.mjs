// One cell of an input file turned into the value the API takes, by what its column holds: `text` (the default),
// `number`, `date` (YYYY-MM-DD) or `datetime` (a date with an optional time). Cells come as text from CSV and as
// typed values from XLSX (numbers, dates, booleans).
import { isoDate, parseDate, parseNumber } from 'minted-connect/csv';

/** The date and time a spreadsheet cell shows (exceljs gives dates as UTC instants of the wall-clock time). */
function partsOf(date) {
  const [hour, minute, second] = [date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()];
  return {
    year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour, minute, second,
    hasTime: hour + minute + second > 0,
  };
}

const CONVERT = {
  text: (value) => (value instanceof Date ? isoDate(partsOf(value)) : typeof value === 'string' ? value.trim() : String(value)),
  number: (value, { decimalComma }) => (typeof value === 'string' ? parseNumber(value, { decimalComma }) ?? value : value),
  date(value) {
    const parts = value instanceof Date ? partsOf(value) : typeof value === 'string' ? parseDate(value) : undefined;
    return parts ? isoDate({ ...parts, hasTime: false }) : { problem: 'date' };
  },
  datetime(value) {
    if (value instanceof Date) return isoDate(partsOf(value));
    const parts = typeof value === 'string' ? parseDate(value, { time: true }) : undefined;
    if (!parts) return { problem: 'datetime' };
    return /^\d{4}-/.test(value.trim()) ? value.trim() : isoDate(parts); // ISO stays as written
  },
};

/**
 * A cell's value for the API: `{ value }`, `{ empty: true }` (an empty cell is left out of the row), or `{ problem }`
 * naming the form the column expects (`date`, `datetime`) or a spreadsheet error (`#N/A`).
 */
export function cellValue(kind, value, { decimalComma = false } = {}) {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return { empty: true };
  if (typeof value === 'object' && !(value instanceof Date) && 'error' in value) return { problem: 'error', detail: value.error };
  const converted = (CONVERT[kind] ?? CONVERT.text)(value, { decimalComma });
  return converted !== null && typeof converted === 'object' && 'problem' in converted ? converted : { value: converted };
}

/** A whole record: the converted values (empty cells left out) and a problem per cell that cannot be converted. */
export function recordValues(raw, columns, options) {
  const record = {};
  const problems = [];
  for (const [column, value] of Object.entries(raw)) {
    const cell = cellValue(columns[column], value, options);
    if (cell.problem) problems.push({ column, problem: cell.problem, detail: cell.detail });
    else if (!cell.empty) record[column] = cell.value;
  }
  return { record, problems };
}
