// minted-connect/csv (pkg-template/csv.js) and the CLI's cell conversion (cli/src/cells.mjs), table by table: the
// writer's dialects and its CSV-injection neutralisation, separator detection, strict decoding with the line and
// byte of the first bad byte, decimal commas and the date forms.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DIALECTS, EncodingError, decodeText, detectDelimiter, formatCell, formatCsv, isoDate, isNumeric, neutralise, parseDate, parseNumber,
} from '../../pkg-template/csv.js';
import { cellValue } from '../../cli/src/cells.mjs';

describe('writing', () => {
  test('neutralise: text a spreadsheet would run as a formula gets a leading apostrophe; numbers and plain text do not', () => {
    const table = [
      ['=1+2', "'=1+2"], ['=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'], ['+cmd|x', "'+cmd|x"],
      ['-2+3', "'-2+3"], ['@SUM(A1)', "'@SUM(A1)"], ['\tx', "'\tx"], ['\rx', "'\rx"], ['-', "'-"],
      ['-12.5', '-12.5'], ['+905321112233', '+905321112233'], ['-3,5', '-3,5'], ['1e3', '1e3'],
      ['Gülşen', 'Gülşen'], ['a=b', 'a=b'], ['', ''], [' =x', ' =x'],
    ];
    for (const [input, expected] of table) assert.equal(neutralise(input), expected, JSON.stringify(input));
    assert.equal(isNumeric('12.'), true);
    assert.equal(isNumeric('1-2'), false);
  });

  test('formatCell in each dialect: numbers, JSON, dates, quoting', () => {
    const table = [
      [12.5, 'plain', '12.5'], [12.5, 'excelComma', '12,5'], [-0.25, 'excelComma', '-0,25'], [1000, 'excelComma', '1000'],
      ['12.5', 'excelComma', '12.5'], // text stays as the API sent it
      [null, 'plain', ''], [undefined, 'excelComma', ''], [true, 'plain', 'true'],
      [{ a: 1 }, 'plain', '"{""a"":1}"'], [[1, 2], 'excelComma', '[1,2]'], [[1, 2], 'plain', '"[1,2]"'],
      ['a;b', 'excelComma', '"a;b"'], ['a;b', 'plain', 'a;b'], ['a,b', 'excelPoint', '"a,b"'], ['line\nbreak', 'plain', '"line\nbreak"'],
      ['say "hi"', 'plain', '"say ""hi"""'], ['=1;2', 'excelComma', '"\'=1;2"'],
      [new Date(Date.UTC(2026, 0, 2, 3, 4, 5)), 'plain', '2026-01-02T03:04:05.000Z'],
    ];
    for (const [value, dialect, expected] of table) assert.equal(formatCell(value, DIALECTS[dialect]), expected, `${JSON.stringify(value)} in ${dialect}`);
  });

  test('formatCsv: BOM, separator and line ends per dialect', () => {
    const rows = [['name', 'total'], ['Gülşen', 12.5]];
    assert.equal(formatCsv(rows), 'name,total\nGülşen,12.5\n');
    assert.equal(formatCsv(rows, DIALECTS.excelPoint), '\ufeffname,total\r\nGülşen,12.5\r\n');
    assert.equal(formatCsv(rows, DIALECTS.excelComma), '\ufeffname;total\r\nGülşen;12,5\r\n');
  });
});

describe('reading', () => {
  test('detectDelimiter: the most frequent separator outside quotes in the header line', () => {
    const table = [
      ['external_id;firstname;lastname', ';'], ['external_id,firstname', ','], ['a\tb\tc', '\t'], ['external_id', ','],
      ['"a;b",c,d', ','], ['a;b\nx,y,z,w', ';'], ['"a\nb";c', ';'], ['', ','],
    ];
    for (const [line, expected] of table) assert.equal(detectDelimiter(line), expected, JSON.stringify(line));
  });

  test('decodeText: a BOM decides, else the encoding asked for; CRLF and text are kept as they are', () => {
    const utf8 = decodeText(Buffer.from('\ufeffa;b\r\nGülşen;İlkay\r\n'));
    assert.deepEqual(utf8, { text: 'a;b\r\nGülşen;İlkay\r\n', encoding: 'utf-8', bom: true });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a\tb\r\nIşıl\tŞükrü\r\n', 'utf16le')]);
    assert.deepEqual(decodeText(utf16), { text: 'a\tb\r\nIşıl\tŞükrü\r\n', encoding: 'utf-16le', bom: true });
    assert.deepEqual(decodeText(utf16, { encoding: 'windows-1254' }).encoding, 'utf-16le', 'the BOM wins');
    const ansi = Uint8Array.of(0x47, 0xfc, 0x6c, 0xfe, 0x65, 0x6e, 0x2c, 0xdd, 0x6c, 0x6b, 0x61, 0x79); // Gülşen,İlkay
    assert.equal(decodeText(ansi, { encoding: 'windows-1254' }).text, 'Gülşen,İlkay');
    assert.equal(decodeText(ansi, { encoding: 'iso-8859-9' }).text, 'Gülşen,İlkay');
    assert.equal(decodeText(ansi, { encoding: 'Windows-1254' }).encoding, 'windows-1254', 'labels as the Encoding Standard knows them');
    assert.throws(() => decodeText(ansi, { encoding: 'klingon' }), RangeError);
  });

  test('decodeText refuses what is not valid, naming the line and the byte where the bad sequence starts', () => {
    const ansi = (text) => Uint8Array.from([...text].map((c) => ({ ü: 0xfc, ş: 0xfe, ğ: 0xf0, İ: 0xdd })[c] ?? c.charCodeAt(0)));
    const table = [
      // bytes, encoding, line, byte, value
      [ansi('id,name\r\n1,Gülşen\r\n'), 'utf-8', 2, 13, 0xfc],
      [ansi('id\n1\n2\nAğaoğlu'), 'utf-8', 4, 9, 0xf0], // 0xF0 starts a 4-byte sequence that "a" breaks: the lead is named
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), ansi('a\nİ')]), 'utf-8', 2, 6, 0xdd], // the BOM counts in the byte number
      [Uint8Array.of(0x61, 0x00, 0x00, 0xd8, 0x62, 0x00), 'utf-16le', 1, 5, 0x62], // a lone surrogate: the unit after it is named
      [Uint8Array.of(0x61, 0x00, 0x62), 'utf-16le', 1, 3, 0x62], // an odd number of bytes
    ];
    for (const [bytes, encoding, line, byte, value] of table) {
      assert.throws(() => decodeText(bytes, { encoding }), (err) => {
        assert.ok(err instanceof EncodingError);
        assert.deepEqual({ line: err.line, byte: err.byte, value: err.value, reason: err.reason }, { line, byte, value, reason: 'invalid' }, err.message);
        return true;
      });
    }
    assert.throws(() => decodeText(Buffer.from('a,b\n1,\u0000')), { name: 'EncodingError', reason: 'nul', line: 2, byte: 7 });
    assert.equal(decodeText(Buffer.from('a\ufffdb')).text, 'a\ufffdb', 'a real U+FFFD in the file is text, not an error');
  });

  test('parseNumber: a decimal comma only where asked, never a thousands separator', () => {
    const table = [
      ['12.5', false, 12.5], ['12,5', true, 12.5], ['12,5', false, undefined], ['-0,25', true, -0.25], [' 3 ', false, 3],
      ['1.234,5', true, undefined], ['1,234.5', false, undefined], ['1,2,3', true, undefined], ['two', false, undefined],
      ['', false, undefined], ['1e3', false, 1000], ['12.5', true, 12.5],
    ];
    for (const [text, decimalComma, expected] of table) assert.equal(parseNumber(text, { decimalComma }), expected, `${text} ${decimalComma}`);
  });

  test('parseDate: ISO, DD.MM.YYYY and the API\'s DD-MM-YYYY, real days only, a time only when allowed', () => {
    const table = [
      ['1990-03-15', false, '1990-03-15'], ['15.03.1990', false, '1990-03-15'], ['5.3.1990', false, '1990-03-05'],
      ['29.02.2000', false, '2000-02-29'], ['29.02.2026', false, undefined], ['31.02.1990', false, undefined],
      ['1990-13-01', false, undefined], ['15/03/1990', false, undefined], ['03/15/1990', false, undefined],
      ['15.03.90', false, undefined], ['15.03.1990 10:00', false, undefined], ['1990-03-15T10:00', false, undefined],
      ['30.11.2026 14:05', true, '2026-11-30 14:05:00'], ['13-10-2023 11:10', true, '2023-10-13 11:10:00'],
      ['2023-05-31 03:16:45', true, '2023-05-31 03:16:45'], ['2026-11-29T08:00:00Z', true, '2026-11-29 08:00:00'],
      ['2026-11-29T08:00:00.123+03:00', true, '2026-11-29 08:00:00'], ['30.11.2026 24:00', true, undefined],
      ['30.11.2026', true, '2026-11-30'], ['yesterday', true, undefined],
    ];
    for (const [text, time, expected] of table) {
      const parts = parseDate(text, { time });
      assert.equal(parts && isoDate(parts), expected, `${text} (time ${time})`);
    }
  });
});

describe('cells of an input file (cli/src/cells.mjs)', () => {
  test('each column kind turns text and typed XLSX values into what the API takes, or names the problem', () => {
    const day = new Date(Date.UTC(1990, 2, 15));
    const moment = new Date(Date.UTC(2026, 10, 30, 14, 5));
    const table = [
      ['text', ' Gülşen ', {}, { value: 'Gülşen' }], ['text', 905321112233, {}, { value: '905321112233' }], ['text', day, {}, { value: '1990-03-15' }],
      ['text', '', {}, { empty: true }], ['text', '  ', {}, { empty: true }], ['text', null, {}, { empty: true }],
      ['text', { error: '#N/A' }, {}, { problem: 'error', detail: '#N/A' }],
      ['number', '2', {}, { value: 2 }], ['number', '2,5', { decimalComma: true }, { value: 2.5 }], ['number', '2,5', {}, { value: '2,5' }],
      ['number', 'two', {}, { value: 'two' }], ['number', 3, {}, { value: 3 }],
      ['date', '15.03.1990', {}, { value: '1990-03-15' }], ['date', '1990-03-15', {}, { value: '1990-03-15' }], ['date', day, {}, { value: '1990-03-15' }],
      ['date', '31.02.1990', {}, { problem: 'date' }], ['date', '03/15/1990', {}, { problem: 'date' }], ['date', 32947, {}, { problem: 'date' }],
      ['datetime', '30.11.2026 14:05', {}, { value: '2026-11-30 14:05:00' }], ['datetime', '2026-11-29T08:00:00Z', {}, { value: '2026-11-29T08:00:00Z' }],
      ['datetime', moment, {}, { value: '2026-11-30 14:05:00' }], ['datetime', day, {}, { value: '1990-03-15' }], ['datetime', 'soon', {}, { problem: 'datetime' }],
    ];
    for (const [kind, value, options, expected] of table) assert.deepEqual(cellValue(kind, value, options), expected, `${kind} ${JSON.stringify(value)}`);
  });
});
