// Bulk work through the installed `minted`: customers from a CSV, then a KYC import of more than 1 000 rows with the
// sandbox's fault injection on (resets, 503s, drop-after-commit), interrupted by Ctrl-C and then killed outright,
// and resumed each time. Afterwards the sandbox's own count of KYC writes must show every valid row written exactly
// once, invalid rows reported with row and column, and the exit codes as documented.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minted, sandboxJson, start, until, withCli } from './helpers.mjs';

const CUSTOMERS = Number(process.env.CLI_KYC_ROWS || 1200);
const RUN = Date.now().toString(36);
const id = (n) => `kyc-${RUN}-${String(n).padStart(5, '0')}`;
const STATUSES = ['pending', 'verified', 'rejected'];

let bin;
let sandbox;
let dir;
let env;
withCli((cli) => ({ bin, sandbox, dir, env } = cli));

/** The KYC rows: one per customer, plus rows that must be refused locally and one for a customer that does not exist. */
function kycFile() {
  const lines = ['customer_external_id,status,level,reference,verified_at'];
  for (let n = 1; n <= CUSTOMERS; n++) lines.push(`${id(n)},${STATUSES[n % 3]},${n % 4},REF-${RUN}-${n},${n % 2 ? '2026-11-30' : ''}`);
  const invalid = [
    [`${id(1)},verified,1,dup,`, 'customer_external_id'], // the same customer again
    [`${id(9001)},approved,1,x,`, 'status'],
    [`${id(9002)},verified,7,x,`, 'level'],
    [`${id(9003)},verified,two,x,`, 'level'],
    [`ab,verified,1,x,`, 'customer_external_id'],
  ];
  const expected = invalid.map(([line, column], i) => ({ row: lines.length + 1 + i, column }));
  lines.push(...invalid.map(([line]) => line), `nobody-${RUN},verified,1,x,`);
  return { text: `${lines.join('\n')}\n`, invalid: expected, unknownRow: lines.length };
}

async function kycState() {
  return (await sandboxJson(sandbox, '/__sandbox/state')).kyc;
}

describe('customers create and kyc import', () => {
  test(`customers create --file makes ${CUSTOMERS} customers and reports the bad rows`, async () => {
    const lines = ['external_id,firstname,lastname,email,phone,gender'];
    for (let n = 1; n <= CUSTOMERS; n++) lines.push(`${id(n)},Ayşe,Yılmaz,ayse${n}@example.com,0532 111 ${String(n % 100).padStart(2, '0')} 33,F`);
    lines.push(`${id(9100)},Al,Veli,ali@example.com,0532 111 22 33,M`); // first name too short
    writeFileSync(join(dir, 'customers.csv'), `${lines.join('\n')}\n`);
    const result = await minted(bin, ['customers', 'create', '--file', 'customers.csv', '--concurrency', '4', '--json'], { env, cwd: dir });
    assert.equal(result.code, 1, 'one row is invalid');
    const summary = JSON.parse(result.stdout);
    assert.equal(summary.sent, CUSTOMERS);
    assert.deepEqual(summary.invalid_rows.map((i) => [i.row, i.column]), [[CUSTOMERS + 2, 'firstname']]);
    assert.match(result.stderr, new RegExp(`^row ${CUSTOMERS + 2}, column firstname: must be at least 3 characters long$`, 'm'));
  });

  test('kyc import --dry-run checks every row, reports row and column in the chosen language, sends nothing', async () => {
    const { text, invalid } = kycFile();
    writeFileSync(join(dir, 'kyc.csv'), text);
    const before = await kycState();
    const en = await minted(bin, ['kyc', 'import', 'kyc.csv', '--dry-run', '--json'], { env, cwd: dir });
    assert.equal(en.code, 1);
    const report = JSON.parse(en.stdout);
    assert.equal(report.valid, CUSTOMERS + 1);
    assert.deepEqual([...new Set(report.invalid_rows.map((i) => `${i.row}:${i.column}`))], invalid.map((i) => `${i.row}:${i.column}`));
    assert.match(en.stderr, new RegExp(`^row ${invalid[1].row}, column status: must be one of "pending", "verified" or "rejected"$`, 'm'));
    const tr = await minted(bin, ['kyc', 'import', 'kyc.csv', '--dry-run', '--lang', 'tr'], { env: { ...env, MINTED_BASE_URL: '' }, cwd: dir });
    assert.equal(tr.code, 1, 'a dry run needs no connection');
    assert.match(tr.stderr, new RegExp(`^satır ${invalid[2].row}, sütun level: 0 ile 3 arasında olmalıdır$`, 'm'));
    assert.deepEqual(await kycState(), before, 'nothing was sent');
  });

  test(`kyc import of ${CUSTOMERS} rows under faults, stopped by Ctrl-C and by a kill, resumes and writes every row once`, { timeout: 10 * 60 * 1000 }, async () => {
    const { invalid, unknownRow } = kycFile();
    const plan = { random: { seed: 11, rate: 0.35, faults: ['reset', 'status-503', 'drop-after-commit'], path: '/partner/customer/wallet-kyc/bulk', retry_after: '0' } };
    await sandboxJson(sandbox, '/__sandbox/faults', 'PUT', plan);
    // 10-row chunks at 40 requests/s keep the run long enough to stop it twice part-way.
    const args = ['kyc', 'import', 'kyc.csv', '--chunk-size', '10', '--concurrency', '3', '--rate', '40/s', '--json', '--timeout', '2', '--report', 'report.csv'];
    const journal = () => { try { return readFileSync(join(dir, 'kyc.csv.journal'), 'utf8'); } catch { return ''; } };
    const okRows = () => journal().split('\n').filter((l) => l.includes('"state":"ok"')).reduce((n, l) => n + JSON.parse(l).rows.length, 0);

    const first = start(bin, args, { env, cwd: dir });
    await until(() => okRows() >= CUSTOMERS / 4);
    first.child.kill('SIGINT');
    const stopped = await first.done;
    assert.equal(stopped.code, 130, stopped.stderr);
    const partial = JSON.parse(stopped.stdout);
    assert.equal(partial.interrupted, true);
    assert.ok(partial.sent > 0 && partial.pending > 0, JSON.stringify(partial));
    assert.match(stopped.stderr, /interrupted; the journal is saved/);
    assert.match(stopped.stderr, /kyc import: \d+\/\d+ rows \(\d+%\), [\d.]+ rows\/s, ETA/, 'plain progress lines off a terminal');

    const second = start(bin, args, { env, cwd: dir });
    const doneBefore = okRows();
    await until(() => okRows() >= doneBefore + CUSTOMERS / 4);
    second.child.kill('SIGKILL'); // a crash: no chance to clean up
    await second.done;

    const last = await minted(bin, args, { env, cwd: dir });
    const faults = await sandboxJson(sandbox, '/__sandbox/faults', 'DELETE');
    assert.equal(last.code, 1, 'invalid rows and the unknown customer make it exit 1');
    const summary = JSON.parse(last.stdout);
    assert.ok(summary.skipped >= doneBefore, 'rows done before are skipped');
    assert.equal(summary.skipped + summary.sent, CUSTOMERS, JSON.stringify(summary));
    assert.equal(summary.invalid, invalid.length);
    assert.deepEqual(summary.failures.map((f) => [f.row, f.reason]), [[unknownRow, 'customer not found']]);
    assert.equal(summary.pending, 0);

    const kyc = await kycState();
    const writes = Array.from({ length: CUSTOMERS }, (_, i) => kyc[id(i + 1)]?.writes ?? 0);
    const duplicates = writes.filter((w) => w > 1).length;
    const lost = writes.filter((w) => w === 0).length;
    for (let n = 1; n <= CUSTOMERS; n++) {
      const record = kyc[id(n)];
      assert.deepEqual([record.status, record.level, record.reference], [STATUSES[n % 3], n % 4, `REF-${RUN}-${n}`], id(n));
    }
    const injected = Object.values(faults.injected).reduce((a, b) => a + b, 0);
    console.log(`kyc import under faults: ${JSON.stringify({ rows: CUSTOMERS + invalid.length + 1, valid: CUSTOMERS, invalid: invalid.length, unknownCustomer: 1, stoppedBySigint: partial.sent, skippedOnResume: summary.skipped, sentByLastRun: summary.sent, faultsInjected: injected, injected: faults.injected, bulkRequests: faults.matched_requests, duplicates, lost })}`);
    assert.equal(duplicates, 0, 'no row was written twice');
    assert.equal(lost, 0, 'every valid row was written');
    for (const kind of ['reset', 'status-503', 'drop-after-commit']) assert.ok(faults.injected[kind] > 0, `${kind} was injected`);

    const report = readFileSync(join(dir, 'report.csv'), 'utf8').trim().split('\n');
    assert.equal(report[0], 'row,customer_external_id,outcome,message,request_id');
    assert.equal(report.length, 1 + CUSTOMERS + invalid.length + 1);
    assert.ok(report.includes(`${invalid[1].row},${id(9001)},invalid,"row ${invalid[1].row}, column status: must be one of ""pending"", ""verified"" or ""rejected""",`));
    // A failed row names the request id of the bulk answer that refused it, for the API's support.
    assert.ok(report.some((line) => new RegExp(`^${unknownRow},nobody-${RUN},failed,customer not found,[0-9a-f-]{36}$`).test(line)), report.join('\n'));

    const again = await minted(bin, ['kyc', 'import', 'kyc.csv'], { env, cwd: dir });
    assert.match(again.stdout, new RegExp(`^${CUSTOMERS + invalid.length + 1} rows: 0 sent, ${CUSTOMERS} skipped \\(done before\\), ${invalid.length} invalid, 1 failed$`, 'm'));
    assert.deepEqual(Object.values(await kycState()).filter((k) => k.writes > 1), [], 'a rerun sends nothing again');
  });

  test('on a terminal the progress is a bar with done/total, rate and ETA', async () => {
    const lines = ['customer_external_id,status,reference', ...Array.from({ length: 300 }, (_, i) => `${id(i + 1)},verified,tty-${i}`)];
    writeFileSync(join(dir, 'tty.csv'), `${lines.join('\n')}\n`);
    const command = `${bin} kyc import tty.csv --chunk-size 10 --rate 20/s`;
    const result = await minted('script', ['-qec', command, '/dev/null'], { env, cwd: dir });
    assert.equal(result.code, 0, result.stdout);
    assert.match(result.stdout, /kyc import \[[=-]{30}\] \d+\/300 rows \| [\d.]+ rows\/s \| ETA \d+s/);
  });
});
