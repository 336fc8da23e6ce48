/**
 * CSV files as spreadsheet users have them, read and written safely: plain JavaScript, no WebAssembly, no
 * dependency, for browsers and Node alike.
 *
 * ```ts
 * import { DIALECTS, formatCsv, decodeText, detectDelimiter } from 'minted-connect/csv';
 *
 * // A file Turkish Excel opens with a double-click: BOM, `;`, decimal commas; formulas made inert.
 * const text = formatCsv([['name', 'total'], ['=1+2', 12.5]], DIALECTS.excelComma);
 * // "\ufeffname;total\r\n'=1+2;12,5\r\n"
 *
 * // Reading: strict decoding (never a U+FFFD), then the separator from the header line.
 * const { text: read } = decodeText(bytes, { encoding: 'windows-1254' });
 * const delimiter = detectDelimiter(read.split('\n', 1)[0]);
 * ```
 * @packageDocumentation
 * @module minted-connect/csv
 */

/** How a CSV file is written. */
export interface CsvDialect {
    /** Between cells: `,`, `;` or a tab. */
    readonly delimiter: ',' | ';' | '\t';
    /** Write numbers with a decimal comma (`12,5`). */
    readonly decimalComma: boolean;
    /** Start the file with a UTF-8 byte order mark, which tells Excel the file is UTF-8. */
    readonly bom: boolean;
    /** After each row. */
    readonly newline: '\n' | '\r\n';
}

/** The separators a CSV file may use, by the names the `minted` command takes (`--delimiter semicolon`). */
export declare const DELIMITERS: {
    /** `,` */
    readonly comma: ',';
    /** `;`, Excel's separator where the decimal separator is a comma (Turkish, German, French…). */
    readonly semicolon: ';';
    /** A tab, as in Excel's "Unicode text". */
    readonly tab: '\t';
};

/** Ways to write a CSV file. */
export declare const DIALECTS: {
    /** `,` between cells, `.` in numbers, LF line ends, no BOM: what scripts and most tools read. */
    readonly plain: CsvDialect;
    /** Excel's "CSV UTF-8" where the decimal separator is a point (English locales): BOM, `,`, CRLF. */
    readonly excelPoint: CsvDialect;
    /** Excel's "CSV UTF-8" where the decimal separator is a comma (Turkish and others): BOM, `;`, `12,5`, CRLF. */
    readonly excelComma: CsvDialect;
};

/**
 * Whether `text` is a plain number (`-12.5`, `+905321112233`, `12,5`, `1e3`), which a spreadsheet reads as a number
 * and never runs as a formula.
 */
export declare function isNumeric(text: string): boolean;

/**
 * Text a spreadsheet could run as a formula, made inert (OWASP, "CSV Injection"): text starting with `=`, `+`, `-`,
 * `@`, a tab or a carriage return that is not a number gets a leading apostrophe.
 *
 * ```ts
 * neutralise('=1+2');   // "'=1+2"
 * neutralise('-12.5');  // "-12.5" (a number)
 * ```
 */
export declare function neutralise(text: string): string;

/**
 * One cell as `dialect` writes it (default {@link DIALECTS}.plain): empty for `null` and `undefined`, numbers with
 * the dialect's decimal separator, dates as ISO text, objects and arrays as JSON, text passed through
 * {@link neutralise}, and quoted when it holds the separator, a double quote or a line break.
 */
export declare function formatCell(value: unknown, dialect?: CsvDialect): string;

/** One row of cells, joined by the dialect's separator and ending with its line break. */
export declare function formatRow(values: readonly unknown[], dialect?: CsvDialect): string;

/** A whole file: the byte order mark when the dialect has one, then every row (the header is the first row). */
export declare function formatCsv(rows: readonly (readonly unknown[])[], dialect?: CsvDialect): string;

/**
 * The separator of a file guessed from its header line: whichever of `,`, `;` and tab occurs most often outside
 * quotes (`,` when none does).
 */
export declare function detectDelimiter(headerLine: string): ',' | ';' | '\t';

/** A file's bytes could not be decoded in the encoding asked for (thrown by {@link decodeText}). */
export declare class EncodingError extends Error {
    /** Made by {@link decodeText}; the message is written from the details. */
    constructor(details: Pick<EncodingError, 'encoding' | 'line' | 'byte' | 'value' | 'reason'>);
    /** Always `"EncodingError"`. */
    readonly name: 'EncodingError';
    /** The encoding that was tried (the Encoding Standard's name, e.g. `utf-8`). */
    readonly encoding: string;
    /** The line of the file where decoding failed, from 1. */
    readonly line: number;
    /** The byte of the file where decoding failed, from 1 (a byte order mark counts). */
    readonly byte: number;
    /** That byte's value. */
    readonly value: number;
    /** `invalid`: bytes not valid in the encoding; `nul`: a NUL byte, which text files do not hold (UTF-16 read as UTF-8). */
    readonly reason: 'invalid' | 'nul';
}

/** The text of a file and how it was read. */
export interface DecodedText {
    /** The text, without its byte order mark. */
    readonly text: string;
    /** The encoding used (the Encoding Standard's name: `utf-8`, `windows-1254`, `utf-16le`…). */
    readonly encoding: string;
    /** Whether the file started with a byte order mark (which then chose the encoding). */
    readonly bom: boolean;
}

/**
 * A file's bytes as text, strictly: a byte order mark decides the encoding (UTF-8, UTF-16LE, UTF-16BE) and is
 * dropped; otherwise `encoding` is used (default `utf-8`; any label of the WHATWG Encoding Standard, e.g.
 * `windows-1254` or `iso-8859-9` for Turkish Excel's plain CSV, `utf-16le`). Bytes that are not valid throw an
 * {@link EncodingError} naming the line and byte, so no character is ever replaced by U+FFFD; a NUL byte is refused
 * too. An unknown encoding label throws a `RangeError`.
 *
 * ```ts
 * decodeText(bytes);                                // UTF-8, or what the file's BOM says
 * decodeText(bytes, { encoding: 'windows-1254' });  // Excel's "CSV" in a Turkish Windows
 * ```
 */
export declare function decodeText(bytes: Uint8Array | ArrayBuffer, options?: {
    /** The encoding when the file has no byte order mark (default `utf-8`). */
    encoding?: string;
}): DecodedText;

/**
 * A number cell: `12.5`, and `12,5` too when `decimalComma` is set (files separated by `;` or tabs, as Excel writes
 * them where the decimal separator is a comma). `undefined` for anything else, thousands separators included.
 *
 * ```ts
 * parseNumber('12,5', { decimalComma: true });  // 12.5
 * parseNumber('1.234,5', { decimalComma: true }); // undefined
 * ```
 */
export declare function parseNumber(text: string, options?: {
    /** Accept a decimal comma (default false). */
    decimalComma?: boolean;
}): number | undefined;

/** The date forms {@link parseDate} reads: ISO, Excel's Turkish display, and the API's day-first timestamps. */
export declare const DATE_FORMS: readonly ['YYYY-MM-DD', 'DD.MM.YYYY', 'DD-MM-YYYY'];

/** A date (and time) as written, from {@link parseDate}. */
export interface DateParts {
    /** The year, e.g. 1990. */
    readonly year: number;
    /** 1–12. */
    readonly month: number;
    /** 1–31. */
    readonly day: number;
    /** 0–23 (0 when no time was written). */
    readonly hour: number;
    /** 0–59. */
    readonly minute: number;
    /** 0–59. */
    readonly second: number;
    /** Whether a time was written after the date. */
    readonly hasTime: boolean;
}

/**
 * A date in one of {@link DATE_FORMS}, optionally followed by `hh:mm[:ss]` when `time` is set. `undefined` when
 * the text is in no such form, has a time that was not allowed, or names no real day (`31.02.1990`). A zone suffix
 * (`Z`, `+03:00`) is accepted and ignored: the parts are as written.
 *
 * ```ts
 * isoDate(parseDate('15.03.1990')!);                       // "1990-03-15"
 * isoDate(parseDate('13-10-2023 11:10', { time: true })!); // "2023-10-13 11:10:00"
 * ```
 */
export declare function parseDate(text: string, options?: {
    /** Allow a time after the date (default false). */
    time?: boolean;
}): DateParts | undefined;

/** `YYYY-MM-DD`, followed by ` hh:mm:ss` when the parts have a time. */
export declare function isoDate(parts: DateParts): string;
