// minted-connect/csv: the CSV files spreadsheet users have, read and written safely. Plain JavaScript with no
// dependency and no WebAssembly, for browsers and Node alike: the admin panel's export and the `minted` command's
// readers and writers use it, and so can any user of the package. Declarations and examples: csv.d.ts.

/** The separators a CSV file may use, by the names the `minted` command takes (`--delimiter semicolon`). */
export const DELIMITERS = Object.freeze({ comma: ',', semicolon: ';', tab: '\t' });

/** Ways to write a CSV file. */
export const DIALECTS = Object.freeze({
  /** `,` between cells, `.` in numbers, LF line ends, no BOM: what scripts and most tools read. */
  plain: Object.freeze({ delimiter: ',', decimalComma: false, bom: false, newline: '\n' }),
  /** Excel's "CSV UTF-8" where the decimal separator is a point (English locales): BOM, `,`, CRLF. */
  excelPoint: Object.freeze({ delimiter: ',', decimalComma: false, bom: true, newline: '\r\n' }),
  /** Excel's "CSV UTF-8" where the decimal separator is a comma (Turkish, German, French…): BOM, `;`, `12,5`, CRLF. */
  excelComma: Object.freeze({ delimiter: ';', decimalComma: true, bom: true, newline: '\r\n' }),
});

// ---------------------------------------------------------------------------------------------------------------
// Writing

const NUMBER = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$/;

/** Whether `text` is a plain number (`-12.5`, `+90532…`, `12,5`, `1e3`): a spreadsheet reads it as a number, never as a formula. */
export function isNumeric(text) {
  return NUMBER.test(text);
}

/**
 * Text a spreadsheet could run as a formula made inert (OWASP, "CSV Injection"): text that starts with `=`, `+`, `-`,
 * `@`, a tab or a carriage return and is not a number gets a leading apostrophe, which spreadsheets show as text.
 */
export function neutralise(text) {
  return /^[=+\-@\t\r]/.test(text) && !isNumeric(text) ? `'${text}` : text;
}

/**
 * One cell as `dialect` writes it: empty for null and undefined, numbers with the dialect's decimal separator,
 * objects and arrays as JSON, text neutralised, and quoted when it holds the separator, a quote or a line break.
 */
export function formatCell(value, dialect = DIALECTS.plain) {
  let text;
  if (value === null || value === undefined) text = '';
  else if (typeof value === 'number') text = dialect.decimalComma ? String(value).replace('.', ',') : String(value);
  else if (typeof value === 'object' && !(value instanceof Date)) text = neutralise(JSON.stringify(value));
  else text = neutralise(value instanceof Date ? value.toISOString() : String(value));
  return text.includes(dialect.delimiter) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One line of cells, ending with the dialect's line break. */
export function formatRow(values, dialect = DIALECTS.plain) {
  return values.map((value) => formatCell(value, dialect)).join(dialect.delimiter) + dialect.newline;
}

/** A whole file: the BOM when the dialect has one, then every row (the header is the first). */
export function formatCsv(rows, dialect = DIALECTS.plain) {
  return (dialect.bom ? '\ufeff' : '') + rows.map((row) => formatRow(row, dialect)).join('');
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

/**
 * The separator of a file guessed from its header line: whichever of `,` `;` and tab occurs most often outside
 * quotes (`,` when none does, as for a one-column file).
 */
export function detectDelimiter(headerLine) {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (char === '\n' && !quoted) break;
    else if (!quoted && char in counts) counts[char] += 1;
  }
  return Object.entries(counts).reduce((best, entry) => (entry[1] > best[1] ? entry : best), [',', 0])[0];
}

/** A file's text could not be decoded: `line` and `byte` (1-based, in the file) say where; `value` is that byte. */
export class EncodingError extends Error {
  constructor({ encoding, line, byte, value, reason }) {
    super(reason === 'nul'
      ? `line ${line}, byte ${byte}: a NUL byte; the file looks like UTF-16 without a byte order mark`
      : `line ${line}, byte ${byte} (0x${value.toString(16).toUpperCase().padStart(2, '0')}): not valid ${encoding.startsWith('utf') ? encoding.toUpperCase() : encoding}`);
    this.name = 'EncodingError';
    Object.assign(this, { encoding, line, byte, value, reason });
  }
}

// Byte order marks: they decide the encoding whatever was asked, as the Encoding Standard's decode() does.
const BOMS = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

/** The platform's decoder for `label` (the WHATWG Encoding Standard's), or a RangeError naming the label. */
function decoder(label, fatal) {
  try {
    return new TextDecoder(label, { fatal, ignoreBOM: true });
  } catch {
    throw new RangeError(`unknown encoding "${label}" (for example utf-8, windows-1254, iso-8859-9, utf-16le)`);
  }
}

/** Where decoding `bytes` as `encoding` first fails: the length of the shortest prefix that cannot be decoded. */
function failingPrefix(bytes, encoding) {
  const fails = (n) => {
    try {
      decoder(encoding, true).decode(bytes.subarray(0, n), { stream: n < bytes.length });
      return false;
    } catch {
      return true;
    }
  };
  let low = 1;
  let high = bytes.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (fails(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** In UTF-8, the start of the unfinished sequence that the byte at `at` broke (a lead byte before it), else `at`. */
function utf8SequenceStart(bytes, at) {
  for (let lead = at - 1; lead >= 0 && lead >= at - 3; lead -= 1) {
    const byte = bytes[lead];
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > at - lead ? lead : at;
  }
  return at;
}

/**
 * A file's bytes as text. A byte order mark decides the encoding (UTF-8, UTF-16LE, UTF-16BE) and is dropped;
 * otherwise `encoding` (default `utf-8`; any label of the Encoding Standard, such as `windows-1254`, `iso-8859-9`
 * or `utf-16le`) is used, strictly: bytes that are not valid in it throw an {@link EncodingError} naming the line
 * and byte, so no character is ever replaced by U+FFFD. A NUL byte is refused too, in any encoding but UTF-16 (it is
 * what UTF-16 without a BOM looks like read as UTF-8).
 */
export function decodeText(bytes, { encoding = 'utf-8' } = {}) {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const bom = BOMS.find((b) => b.bytes.every((byte, i) => data[i] === byte));
  const label = bom?.encoding ?? decoder(encoding, true).encoding;
  const body = data.subarray(bom ? bom.bytes.length : 0);
  const offset = bom ? bom.bytes.length : 0;
  const lineAt = (end) => decoder(label, false).decode(body.subarray(0, end)).split('\n').length;
  // A NUL byte in an ASCII-compatible encoding: UTF-16 without a BOM, most likely (before it fails as invalid).
  const nul = label.startsWith('utf-16') ? -1 : body.indexOf(0);
  if (nul >= 0) throw new EncodingError({ encoding: label, line: lineAt(nul), byte: offset + nul + 1, value: 0, reason: 'nul' });
  let text;
  try {
    text = decoder(label, true).decode(body);
  } catch {
    let at = failingPrefix(body, label) - 1;
    if (label === 'utf-8') at = utf8SequenceStart(body, at);
    if (label.startsWith('utf-16')) at -= at % 2; // the start of the code unit
    throw new EncodingError({ encoding: label, line: lineAt(at), byte: offset + at + 1, value: body[at] ?? 0, reason: 'invalid' });
  }
  return { text, encoding: label, bom: Boolean(bom) };
}

/**
 * A number cell: `12.5`, or `12,5` too when `decimalComma` (files separated by `;` or tabs, as Excel writes them
 * where the decimal separator is a comma). Undefined for anything else, thousands separators included (`1.234,5`).
 */
export function parseNumber(text, { decimalComma = false } = {}) {
  const trimmed = String(text).trim();
  const plain = decimalComma && /^[+-]?\d+,\d+$/.test(trimmed) ? trimmed.replace(',', '.') : trimmed;
  return /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(plain) ? Number(plain) : undefined;
}

/** The date forms {@link parseDate} reads, in the order it tries them. */
export const DATE_FORMS = Object.freeze(['YYYY-MM-DD', 'DD.MM.YYYY', 'DD-MM-YYYY']);

const DATE_PATTERNS = [
  { pattern: /^(\d{4})-(\d{2})-(\d{2})/, order: [1, 2, 3] },
  { pattern: /^(\d{1,2})\.(\d{1,2})\.(\d{4})/, order: [3, 2, 1] },
  { pattern: /^(\d{2})-(\d{2})-(\d{4})/, order: [3, 2, 1] },
];
const TIME = /^(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A date, or a date and time when `time` is true, in one of {@link DATE_FORMS} (ISO as written by programs,
 * `15.03.1990` as Excel shows dates in Turkish, `13-10-2023 11:10` as the API writes some timestamps), optionally
 * followed by `hh:mm[:ss]`. Returns its parts as written (a zone suffix is ignored), or undefined when the text is
 * in no such form or names no real day (`31.02.1990`).
 */
export function parseDate(text, { time = false } = {}) {
  const trimmed = String(text).trim();
  for (const { pattern, order } of DATE_PATTERNS) {
    const date = pattern.exec(trimmed);
    if (!date) continue;
    const [year, month, day] = order.map((i) => Number(date[i]));
    const clock = TIME.exec(trimmed.slice(date[0].length));
    if (!clock || (!time && clock[1] !== undefined)) return undefined;
    const [hour, minute, second] = [clock[1], clock[2], clock[3]].map((part) => Number(part ?? 0));
    const real = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
    if (year < 1000 || real.getUTCMonth() !== month - 1 || real.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined;
    return { year, month, day, hour, minute, second, hasTime: clock[1] !== undefined };
  }
  return undefined;
}

const two = (n) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of the parts {@link parseDate} returns, with ` hh:mm:ss` after it when they have a time. */
export function isoDate({ year, month, day, hour = 0, minute = 0, second = 0, hasTime = false }) {
  const date = `${year}-${two(month)}-${two(day)}`;
  return hasTime ? `${date} ${two(hour)}:${two(minute)}:${two(second)}` : date;
}
