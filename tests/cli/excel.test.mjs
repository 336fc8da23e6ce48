// The files operators have, through the installed `minted` against a sandbox: one customer list saved by a Turkish
// Excel as "CSV UTF-8" (BOM, `;`, CRLF), as plain "CSV" (Windows-1254), as "Unicode text" (UTF-16LE, tabs), as an
// .xlsx written by exceljs and one converted by LibreOffice (tests/cli/fixtures/README.md). Each is imported, the
// names the sandbox stores are compared letter for letter, and the rows that must be refused are refused naming
// their column. A file in the wrong encoding stops before anything is sent; nothing sent ever holds U+FFFD.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CUSTOMERS, KYC } from './fixtures/customers.mjs';
import { minted, root, sandboxJson, withCli } from './helpers.mjs';

const FIXTURES = join(root, 'tests', 'cli', 'fixtures');
const NAME_FIELDS = ['firstname', 'middlename', 'lastname'];

let bin;
let sandbox;
let dir;
let env;
withCli((cli) => ({ bin, sandbox, dir, env } = cli));

/** The fixture copied into the scratch folder (the journal is written beside it). */
function scratchCopy(name) {
  copyFileSync(join(FIXTURES, name), join(dir, name));
  return name;
}

/** The customer as the sandbox stores it, through `minted customers get --json`; undefined when there is none. */
async function stored(id) {
  const result = await minted(bin, ['customers', 'get', id, '--json'], { env });
  if (result.code !== 0) return undefined;
  return JSON.parse(result.stdout);
}

const bytes = (name) => readFileSync(join(FIXTURES, name));
const startsWith = (buffer, ...prefix) => prefix.every((byte, i) => buffer[i] === byte);

const KINDS = [
  { label: 'CSV UTF-8 (BOM, ;, CRLF)', file: 'musteriler-utf8.csv', prefix: 'U8-', args: [], rows: { '006': 7, '007': 8 } },
  { label: 'CSV, Windows-1254 (,)', file: 'musteriler-1254.csv', prefix: 'WIN-', args: ['--encoding', 'windows-1254'], rows: { '006': 7, '007': 8 } },
  { label: 'Unicode text (UTF-16LE, tabs)', file: 'musteriler-unicode.txt', prefix: 'U16-', args: [], rows: { '006': 7, '007': 8 } },
  { label: 'XLSX written by exceljs', file: 'musteriler-exceljs.xlsx', prefix: 'XL-', args: [], rows: { '006': 7, '007': 8 } },
  { label: 'XLSX converted by LibreOffice', file: 'musteriler-libreoffice.xlsx', prefix: 'LO-', args: [], rows: { '006': 7, '007': 8 } },
];
const closing = [];

describe('files as Excel saves them', () => {
  test('each fixture has the bytes of its kind', () => {
    const utf8 = bytes('musteriler-utf8.csv');
    assert.ok(startsWith(utf8, 0xef, 0xbb, 0xbf), 'CSV UTF-8 starts with a BOM');
    const text = utf8.toString('utf8');
    assert.match(text, /^\ufeffexternal_id;firstname;/);
    assert.equal(text.split('\r\n').length - 1, CUSTOMERS.length + 1, 'CRLF after every row');
    assert.ok(text.includes('"Nur\nSevim"'), 'a line break inside a cell is an LF in quotes');
    const ansi = bytes('musteriler-1254.csv');
    assert.ok(!startsWith(ansi, 0xef, 0xbb, 0xbf) && ansi.includes(Buffer.from([0x47, 0xfc, 0x6c, 0xfe, 0x65, 0x6e])), 'Gülşen in Windows-1254');
    assert.ok(ansi.includes(Buffer.from([0xdd, 0x6c, 0x6b, 0x61, 0x79])), 'İlkay in Windows-1254');
    const unicode = bytes('musteriler-unicode.txt');
    assert.ok(startsWith(unicode, 0xff, 0xfe), 'Unicode text starts with the UTF-16LE BOM');
    assert.match(unicode.subarray(2).toString('utf16le'), /^external_id\tfirstname\t[^]*\r\n$/);
    for (const xlsx of ['musteriler-exceljs.xlsx', 'musteriler-libreoffice.xlsx']) assert.ok(startsWith(bytes(xlsx), 0x50, 0x4b, 0x03, 0x04), `${xlsx} is a ZIP`);
  });

  for (const kind of KINDS) {
    test(`${kind.label}: customers create sends the good rows, refuses the others by column, names stored letter for letter`, async () => {
      const file = scratchCopy(kind.file);
      const result = await minted(bin, ['customers', 'create', '--file', file, ...kind.args, '--json'], { env, cwd: dir });
      assert.equal(result.code, 1, `two rows are refused\n${result.stderr}`);
      const summary = JSON.parse(result.stdout);
      const refused = CUSTOMERS.filter((c) => c.refused);
      assert.deepEqual(summary.invalid_rows.map((i) => [i.row, i.column]), refused.map((c) => [kind.rows[c.id], c.refused]));
      assert.match(result.stderr, /^row 7, column birthdate: expected a date as YYYY-MM-DD or DD\.MM\.YYYY/m);
      assert.equal(summary.sent, CUSTOMERS.length - refused.length);
      const names = [];
      for (const c of CUSTOMERS) {
        const customer = await stored(`${kind.prefix}${c.id}`);
        if (c.refused) {
          assert.equal(customer, undefined, `${c.id} was not created`);
          continue;
        }
        for (const field of NAME_FIELDS) {
          assert.equal(customer[field] || undefined, c[field], `${kind.file} ${c.id} ${field}`); // the API shows no middle name as ''
          assert.deepEqual([...(customer[field] ?? '')].map((ch) => ch.codePointAt(0)), [...(c[field] ?? '')].map((ch) => ch.codePointAt(0)));
        }
        assert.equal(customer.birthdate, c.birthdate, `${c.id} birthdate`);
        assert.equal(customer.phone, c.phone, `${c.id} phone`);
        assert.ok(!JSON.stringify(customer).includes('\ufffd'));
        names.push([c.firstname, c.middlename, c.lastname].filter(Boolean).join(' '));
      }
      closing.push({ kind: kind.label, command: `customers create --file ${kind.file}${kind.args.length ? ` ${kind.args.join(' ')}` : ''}`, sent: summary.sent, refused: summary.invalid, names: names.join(', ') });
    });
  }

  test('plain CSV in Windows-1254 without --encoding stops before any row is sent, naming line, byte and what to do', async () => {
    const file = scratchCopy('musteriler-1254.csv');
    const data = bytes(file);
    const byte = data.indexOf(0xfc) + 1; // the ü of Gülşen, the first byte that is not UTF-8
    const line = data.subarray(0, byte).toString('latin1').split('\n').length;
    const en = await minted(bin, ['customers', 'create', '--file', file, '--journal', 'win.journal'], { env, cwd: dir });
    assert.equal(en.code, 2);
    assert.equal(en.stderr.trim(), `error: usage: ${file}: line ${line}, byte ${byte} (0xFC) is not valid UTF-8; nothing was sent. In Excel, save the file as "CSV UTF-8 (Comma delimited)", or pass --encoding windows-1254 (Excel's plain "CSV" on a Turkish Windows)`);
    const tr = await minted(bin, ['customers', 'create', '--file', file, '--dry-run', '--lang', 'tr'], { env, cwd: dir });
    assert.equal(tr.code, 2);
    assert.match(tr.stderr, new RegExp(`satır ${line}, bayt ${byte} \\(0xFC\\) geçerli UTF-8 değil; hiçbir şey gönderilmedi\\. Excel'de dosyayı "CSV UTF-8 \\(Virgülle ayrılmış\\)" olarak kaydedin ya da --encoding windows-1254 verin`));
    const noBom = join(dir, 'unicode-no-bom.txt');
    writeFileSync(noBom, bytes('musteriler-unicode.txt').subarray(2));
    const nul = await minted(bin, ['customers', 'create', '--file', noBom, '--dry-run'], { env, cwd: dir });
    assert.equal(nul.code, 2);
    assert.match(nul.stderr, /line 1, byte 2 is a NUL byte: the file looks like UTF-16 without a byte order mark; nothing was sent\. Pass --encoding utf-16le/);
    const good = CUSTOMERS.filter((c) => !c.refused).length;
    for (const [input, encoding] of [[file, 'iso-8859-9'], [noBom, 'utf-16le']]) {
      const read = await minted(bin, ['customers', 'create', '--file', input, '--encoding', encoding, '--dry-run', '--json'], { env, cwd: dir });
      assert.equal(JSON.parse(read.stdout).valid, good, `--encoding ${encoding}`);
    }
    const unknown = await minted(bin, ['customers', 'create', '--file', file, '--encoding', 'klingon', '--dry-run'], { env, cwd: dir });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /--encoding: unknown encoding "klingon"/);
  });

  test('a U+FFFD already in the file refuses its row naming the column; the other rows go, none with U+FFFD', async () => {
    const lines = ['external_id;firstname;lastname', 'FFFD-001;G\ufffdl\ufffden;Öztürk', 'FFFD-002;Gülşen;Öztürk'];
    writeFileSync(join(dir, 'mangled.csv'), `\ufeff${lines.join('\r\n')}\r\n`);
    const result = await minted(bin, ['customers', 'create', '--file', 'mangled.csv', '--json'], { env, cwd: dir });
    assert.equal(result.code, 1);
    assert.deepEqual(JSON.parse(result.stdout).invalid_rows.map((i) => [i.row, i.column]), [[2, 'firstname']]);
    assert.match(result.stderr, /^row 2, column firstname: contains U\+FFFD/m);
    assert.equal(await stored('FFFD-001'), undefined);
    assert.equal((await stored('FFFD-002')).firstname, 'Gülşen');
  });

  test('--delimiter forces the separator: the ; file read as , fails as the issue showed; read as ; it is fine', async () => {
    const file = scratchCopy('musteriler-utf8.csv');
    const forced = await minted(bin, ['customers', 'create', '--file', file, '--delimiter', 'comma', '--dry-run', '--json'], { env, cwd: dir });
    assert.equal(forced.code, 1);
    assert.match(forced.stderr, /column external_id;firstname;middlename;.* is not a documented field/);
    assert.equal(JSON.parse(forced.stdout).valid, 0);
    const right = await minted(bin, ['customers', 'create', '--file', file, '--delimiter', 'semicolon', '--dry-run', '--json'], { env, cwd: dir });
    assert.equal(JSON.parse(right.stdout).valid, CUSTOMERS.filter((c) => !c.refused).length);
    writeFileSync(join(dir, 'short.csv'), 'external_id;firstname;lastname;email\r\nSHORT-001;Gülşen;Öztürk\r\n');
    const short = await minted(bin, ['customers', 'create', '--file', 'short.csv', '--dry-run', '--json'], { env, cwd: dir });
    assert.equal(JSON.parse(short.stdout).valid, 1, 'a row without its empty last cells is read');
    const bad = await minted(bin, ['customers', 'create', '--file', file, '--delimiter', '|', '--dry-run'], { env, cwd: dir });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--delimiter must be comma, semicolon or tab/);
  });

  test('kyc import of Excel\'s CSV UTF-8: decimal commas, DD.MM.YYYY times, a quoted ;, refusals naming the format', async () => {
    const file = scratchCopy('kyc-utf8.csv');
    const result = await minted(bin, ['kyc', 'import', file, '--json', '--report', 'kyc-report.csv', '--excel'], { env, cwd: dir });
    assert.equal(result.code, 1, result.stderr);
    const summary = JSON.parse(result.stdout);
    assert.deepEqual(summary.invalid_rows.map((i) => i.column), KYC.filter((k) => k.refused).map((k) => k.refused));
    assert.match(result.stderr, /column verified_at: expected a date as YYYY-MM-DD or DD\.MM\.YYYY, optionally with a time/);
    assert.match(result.stderr, /column level: .*(whole|integer)/i);
    const writes = (await sandboxJson(sandbox, '/__sandbox/state')).kyc;
    for (const k of KYC) {
      if (k.refused) {
        assert.equal(writes[k.customer].writes, 0, `${k.customer} was not sent`);
        continue;
      }
      const got = await minted(bin, ['request', 'GET', `/partner/customer/${k.customer}/wallet-kyc`], { env });
      const record = JSON.parse(got.stdout);
      assert.equal(record.level, k.sent.level, `${k.customer} level`);
      assert.equal(record.verified_at, k.sent.verified_at, `${k.customer} verified_at`);
      assert.equal(record.reference, k.reference);
    }
    const report = readFileSync(join(dir, 'kyc-report.csv'), 'utf8');
    assert.match(report, /^\ufeffrow;customer_external_id;outcome;message;request_id\r\n2;U8-001;sent;;[0-9a-f-]{36}\r\n/, 'the --excel report: BOM, ;, CRLF');
    closing.push({ kind: 'CSV UTF-8 (BOM, ;, CRLF), KYC', command: `kyc import ${file}`, sent: summary.sent, refused: summary.invalid, names: '(levels 2, 1,0 → 1, 0; times as YYYY-MM-DD[ hh:mm:ss])' });
  });

  test('the --report CSV neutralises a cell a spreadsheet would run as a formula', async () => {
    writeFileSync(join(dir, 'formula.csv'), 'external_id,firstname,lastname\n"=HYPERLINK(""http://x"")",Gülşen,Öztürk\n-1+2,Gülşen,Öztürk\n');
    const sent = await minted(bin, ['customers', 'create', '--file', 'formula.csv', '--report', 'formula-report.csv'], { env, cwd: dir });
    assert.equal(sent.code, 1);
    const report = readFileSync(join(dir, 'formula-report.csv'), 'utf8').split('\n');
    assert.ok(report[1].startsWith('2,"\'=HYPERLINK(""http://x"")",invalid,'), report[1]);
    assert.ok(report[2].startsWith("3,'-1+2,invalid,"), report[2]);
  });

  test('the closing table: file kind → command → rows sent / refused → names as stored', () => {
    assert.equal(closing.length, KINDS.length + 1, 'every import above ran');
    console.log(['| file kind | command | rows sent / refused | names as stored |', '|---|---|---|---|',
      ...closing.map((r) => `| ${r.kind} | \`minted ${r.command}\` | ${r.sent} / ${r.refused} | ${r.names} |`)].join('\n'));
  });
});
