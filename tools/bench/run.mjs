#!/usr/bin/env node
// `make bench`: minted-connect beside zod and valibot, measured side by side in one Node process (the require times
// and the browser instantiate time need their own processes). Prints a table and writes tools/bench/results.json.
//
//   1. decode: the documented Card Payment Get Order response (as the docs print it) from bytes, against JSON.parse
//   2. request validation of a valid Create Customer body: validateRequest against valibot and zod (same rules)
//   3. whole call against a local sandbox: CPU per call of the client (request build, validation, Digest, decode)
//      against a bare fetch + res.json() of the same request (Digest header computed with node:crypto), and
//      getCustomer against what users write without this package: digest-fetch + res.json() + a zod schema,
//      one call after another and 50 in flight
//   4. wasm memory and JS heap over many calls on one client (BENCH_MEMORY_CALLS, default 100 000)
//   5. require time of the Node entry beside zod's and valibot's, and the time from importing the browser entry in
//      Chromium (served as it is, unbundled) until it resolves, ready for a call (playwright-core)
//
// Every time is a median over rounds; the figures that matter are the ratios measured in the same process. Nothing
// here asserts a time: the machine may be shared and loaded.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync, brotliCompressSync, constants as zlib } from 'node:zlib';
import * as v from 'valibot';
import { parse as parseYaml } from 'yaml';
import { startSandbox } from '../../scripts/sandbox-process.mjs';
import DigestClient from 'digest-fetch';
import { customerValibot, customerWithWalletsZod, customerZod, orderValibot, orderZod } from './schemas.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const pkg = process.env.BENCH_PKG || join(root, 'pkg');
const require = createRequire(import.meta.url);
const sdk = require(join(pkg, 'cjs', 'index.cjs'));
const quick = process.env.BENCH_QUICK === '1';
const results = { node: process.version, date: new Date().toISOString(), quick };

// ---------------------------------------------------------------- inputs
const doc = parseYaml(readFileSync(join(root, 'docs', 'spec', 'minted-connect-partner.openapi.yaml'), 'utf8'));
const example = doc.paths['/partner/order/{external_order_id}'].get.responses['200'].content['application/json']
  .examples.cardPaymentOrder.value;
const text = JSON.stringify(example, null, 2); // as the docs print it
const bytes = new TextEncoder().encode(text);
const customer = {
  external_id: 'MTD0018232', firstname: 'Mehmet', middlename: '', lastname: 'Gülbilge', email: 'mehmet@example.com',
  phone: '0532 280 80 35', gender: 'M', identity_number: '10000000146', birthdate: '1970-01-31',
};
// Same results first: all three accept the valid inputs, and all three refuse a bad external_id.
check(sdk.validateRequest('createCustomer', customer).length === 0, 'validateRequest refuses the valid body');
check(v.safeParse(customerValibot, customer).success && customerZod.safeParse(customer).success, 'schemas refuse the body');
const bad = { ...customer, external_id: 'a' };
check(sdk.validateRequest('createCustomer', bad).length === 1 && !v.safeParse(customerValibot, bad).success
  && !customerZod.safeParse(bad).success, 'a bad external_id is not refused by all three');
check(v.safeParse(orderValibot, example).success && orderZod.safeParse(example).success, 'schemas refuse the order');
check(JSON.stringify(sdk.decodeResponse('getOrder', bytes)) === JSON.stringify(example.data), 'decode changed data');

// ---------------------------------------------------------------- timing
let sink = 0;
const keep = (x) => { sink += x === undefined ? 0 : 1; };

/** Runs every case in turn for `rounds` rounds; per case the median ns/op and the median ratio to the first case. */
function race(cases, { iterations, rounds = 15, warmup = 3000 }) {
  if (quick) { iterations = Math.ceil(iterations / 10); rounds = 5; warmup = 500; }
  for (const c of cases) for (let i = 0; i < warmup; i++) keep(c.fn());
  const samples = cases.map(() => []);
  for (let r = 0; r < rounds; r++) {
    cases.forEach((c, k) => {
      const start = process.hrtime.bigint();
      for (let i = 0; i < iterations; i++) keep(c.fn());
      samples[k].push(Number(process.hrtime.bigint() - start) / iterations);
    });
  }
  return cases.map((c, k) => ({
    label: c.label,
    ns: median(samples[k]),
    ratio: median(samples[k].map((ns, r) => ns / samples[0][r])),
  }));
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
function check(ok, what) { if (!ok) { console.error(`bench: ${what}`); process.exit(1); } }
const us = (ns) => (ns / 1000).toFixed(2);
const row = (...cells) => console.log(cells.map((c, i) => String(c)[i ? 'padStart' : 'padEnd'](i ? 15 : 62)).join(''));

// ---------------------------------------------------------------- 1. decode
const decoder = new TextDecoder();
const decode = race([
  { label: 'JSON.parse(text) (the floor)', fn: () => JSON.parse(text).data },
  { label: 'res.json() = JSON.parse(decode(bytes))', fn: () => JSON.parse(decoder.decode(bytes)).data },
  { label: 'res.json() + valibot', fn: () => v.parse(orderValibot, JSON.parse(decoder.decode(bytes))).data },
  { label: 'res.json() + zod', fn: () => orderZod.parse(JSON.parse(decoder.decode(bytes))).data },
  { label: "decodeResponse('getOrder', bytes)", fn: () => sdk.decodeResponse('getOrder', bytes) },
  { label: "decodeResponse('getOrder', text)", fn: () => sdk.decodeResponse('getOrder', text) },
], { iterations: 5000 });
results.decode = { body: 'Card Payment Get Order response (docs)', bytes: bytes.length, routes: decode };
console.log(`\n1. Decode: the documented Card Payment Get Order response, ${bytes.length} B; Node ${process.version}`);
row('route', 'µs (median)', '× JSON.parse');
for (const r of decode) row(r.label, us(r.ns), r.ratio.toFixed(2) + '×');

// ---------------------------------------------------------------- 2. validation
const validation = race([
  { label: 'valibot safeParse', fn: () => v.safeParse(customerValibot, customer).success },
  { label: 'zod safeParse', fn: () => customerZod.safeParse(customer).success },
  { label: "validateRequest('createCustomer', body)", fn: () => sdk.validateRequest('createCustomer', customer).length },
], { iterations: 20000 });
results.validation = { body: 'Create Customer, valid', routes: validation.map((r) => ({ ...r, opsPerSecond: 1e9 / r.ns })) };
console.log('\n2. Request validation: a valid Create Customer body (same rules in all three)');
row('validator', 'µs (median)', 'ops/s', '× valibot');
for (const r of validation) row(r.label, us(r.ns), Math.round(1e9 / r.ns).toLocaleString('en'), r.ratio.toFixed(2) + '×');

// ---------------------------------------------------------------- 3 and 4. calls against the sandbox
const sandbox = await startSandbox();
try {
  results.call = await wholeCall(sandbox);
  results.peer = await peerCall(sandbox);
  results.memory = await memory(sandbox, Number(process.env.BENCH_MEMORY_CALLS || (quick ? 5000 : 100000)));
} finally {
  await sandbox.stop();
}

async function wholeCall({ url, username, password }) {
  const orderId = 'HYAQA01714rqz';
  const client = new sdk.MintedClient({ baseUrl: url, username, password, clientId: 'bench', language: 'en', maxRetries: 0 });
  const sdkCall = () => client.getOrderAlternative({ external_id: orderId });
  // The same request by hand: JSON body, Digest (RFC 7616, MD5, qop=auth) from the first challenge, res.json().
  const challenge = (await fetch(`${url}/partner/order`, { method: 'POST' })).headers.get('www-authenticate');
  const digest = /Digest\s+(.*)/i.exec(challenge.split(/,\s*(?=Digest)/i).find((c) => /algorithm="?MD5\b/i.test(c)) || challenge)[1];
  const param = (name) => (new RegExp(`${name}="?([^",]*)"?`, 'i').exec(digest) || [])[1];
  const realm = param('realm'), nonce = param('nonce'), opaque = param('opaque');
  const md5 = (s) => createHash('md5').update(s).digest('hex');
  let nc = 0;
  const bareCall = async () => {
    const cnonce = randomBytes(12).toString('hex');
    const count = (++nc).toString(16).padStart(8, '0');
    const uri = '/partner/order';
    const response = md5(`${md5(`${username}:${realm}:${password}`)}:${nonce}:${count}:${cnonce}:auth:${md5(`POST:${uri}`)}`);
    const authorization = `Digest username="${username}", realm="${realm}", nonce="${nonce}", uri="${uri}", algorithm=MD5, qop=auth, nc=${count}, cnonce="${cnonce}", response="${response}"${opaque ? `, opaque="${opaque}"` : ''}`;
    const res = await fetch(url + uri, {
      method: 'POST',
      headers: { authorization, 'api-version': '2', 'x-client-id': 'bench', accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({ external_id: orderId }),
    });
    if (!res.ok) throw new Error(`bare call: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()).data;
  };
  const [a, b] = [await sdkCall(), await bareCall()];
  check(a.guid === b.guid && JSON.stringify(a) === JSON.stringify(b), 'the client and the bare call disagree');
  const per = quick ? 50 : 200, rounds = quick ? 3 : 9;
  for (let i = 0; i < per; i++) { await sdkCall(); await bareCall(); } // warm up
  const samples = { sdk: [], bare: [], sdkWall: [], bareWall: [] };
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of [['bare', bareCall], ['sdk', sdkCall]]) {
      const cpu = process.cpuUsage(), start = process.hrtime.bigint();
      for (let i = 0; i < per; i++) await fn();
      const used = process.cpuUsage(cpu);
      samples[name].push((used.user + used.system) / per);
      samples[name + 'Wall'].push(Number(process.hrtime.bigint() - start) / 1000 / per);
    }
  }
  const out = {
    call: 'getOrderAlternative({ external_id }) → the card payment order, against a local sandbox',
    bareCpuUs: median(samples.bare), sdkCpuUs: median(samples.sdk),
    overheadCpuUs: median(samples.sdk.map((s, r) => s - samples.bare[r])),
    cpuRatio: median(samples.sdk.map((s, r) => s / samples.bare[r])),
    bareWallUs: median(samples.bareWall), sdkWallUs: median(samples.sdkWall),
  };
  console.log('\n3. Whole call against a local sandbox (CPU of this process per call; network and server excluded)');
  row('route', 'CPU µs/call', 'wall µs/call', '× bare CPU');
  row('fetch + res.json() (Digest by node:crypto)', out.bareCpuUs.toFixed(0), out.bareWallUs.toFixed(0), '1.00×');
  row('client.getOrderAlternative(…)', out.sdkCpuUs.toFixed(0), out.sdkWallUs.toFixed(0), out.cpuRatio.toFixed(2) + '×');
  row('  overhead of the client (median of rounds)', out.overheadCpuUs.toFixed(0), '', '');
  return out;
}

/**
 * getCustomer through the client against the hand-written route users take without it: digest-fetch (the most used
 * Digest helper on npm) + res.json() + a zod schema of the data. The sandbox offers SHA-256 first and MD5 second; the
 * client answers SHA-256, digest-fetch answers MD5 unless told otherwise, so it runs both ways: as it is by default,
 * and with the algorithm the client uses (the same hashing on both sides, and the same work for the server). The
 * client bounds every request by a timeout, which costs fetch the handling of an AbortSignal: a row adds one to the
 * default route, as a user who wants one would write it. Client
 * CPU per call (process.cpuUsage), the routes taken in turn in many short rounds, ratios of the totals; one after
 * another, then 50 in flight.
 */
async function peerCall({ url, username, password }) {
  const id = 'MTD0018232';
  const client = new sdk.MintedClient({ baseUrl: url, username, password, clientId: 'bench', language: 'en', maxRetries: 0 });
  const headers = { 'api-version': '2', 'x-client-id': 'bench', 'accept-language': 'en', accept: 'application/json' };
  const peer = (digest, timeout) => async () => {
    const init = timeout ? { headers, signal: AbortSignal.timeout(30000) } : { headers };
    const res = await digest.fetch(`${url}/partner/customer/${id}`, init);
    if (!res.ok) throw new Error(`digest-fetch: HTTP ${res.status}`);
    return customerWithWalletsZod.parse((await res.json()).data);
  };
  const routes = {
    md5: peer(new DigestClient(username, password)),
    md5Timeout: peer(new DigestClient(username, password), true),
    sha256: peer(new DigestClient(username, password, { algorithm: 'SHA-256' })),
    sdk: () => client.getCustomer(id),
  };
  const answers = await Promise.all(Object.values(routes).map((fn) => fn()));
  check(answers.every((a) => a.external_id === answers[0].external_id && a.wallets.length === answers[0].wallets.length),
    'the client and digest-fetch disagree');
  // Many short rounds, taken in turn, so that a slow minute of the machine slows every route alike.
  const total = quick ? 400 : 2000, rounds = quick ? 4 : 20, per = total / rounds;
  const measure = async (fn, inFlight) => {
    const cpu = process.cpuUsage(), start = process.hrtime.bigint();
    let next = 0;
    const worker = async () => { while (next < per) { next += 1; await fn(); } };
    await Promise.all(Array.from({ length: inFlight }, worker));
    const used = process.cpuUsage(cpu);
    return { cpu: (used.user + used.system) / per, wall: Number(process.hrtime.bigint() - start) / 1000 / per };
  };
  const out = { call: `getCustomer('${id}') against a local sandbox, ${total} calls a route after a warm-up` };
  for (const [name, inFlight] of [['sequential', 1], ['inFlight50', 50]]) {
    for (const fn of Object.values(routes)) for (let i = 0; i < 200; i++) await fn(); // warm up
    const samples = Object.fromEntries(Object.keys(routes).map((key) => [key, []]));
    for (let r = 0; r < rounds; r++) for (const key of Object.keys(routes)) samples[key].push(await measure(routes[key], inFlight));
    // Totals over all rounds: a pause (a collection, the scheduler) lands in some route's round, and the sum of the
    // rounds charges it as often as it happens; medians of a few skewed rounds can differ by more than the gap.
    const mean = (key, what) => samples[key].reduce((sum, s) => sum + s[what], 0) / rounds;
    const ratio = (key, to, what) => mean(key, what) / mean(to, what);
    out[name] = Object.fromEntries(Object.keys(routes).map((key) => [key, {
      cpuUs: mean(key, 'cpu'), wallUs: mean(key, 'wall'),
      cpuRatioToMd5: ratio(key, 'md5', 'cpu'), cpuRatioToSha256: ratio(key, 'sha256', 'cpu'),
      wallRatioToMd5: ratio(key, 'md5', 'wall'), wallRatioToSha256: ratio(key, 'sha256', 'wall'),
    }]));
  }
  console.log(`\n3b. getCustomer beside digest-fetch 3.1.1 + res.json() + zod (${total} calls a route; CPU of this process)`);
  row('route', 'CPU µs/call', 'wall µs/call', '× MD5 peer', '× SHA-256 peer');
  const labels = {
    md5: 'digest-fetch (MD5, its default) + zod', md5Timeout: '  the same with a timeout (AbortSignal.timeout)',
    sha256: 'digest-fetch (SHA-256, as the client) + zod', sdk: 'client.getCustomer(id)',
  };
  for (const [name, label] of [['sequential', 'one after another'], ['inFlight50', '50 in flight']]) {
    for (const [key, m] of Object.entries(out[name])) {
      row(`${labels[key]}, ${label}`, m.cpuUs.toFixed(0), m.wallUs.toFixed(0), m.cpuRatioToMd5.toFixed(2) + '×',
        m.cpuRatioToSha256.toFixed(2) + '×');
    }
  }
  return out;
}

async function memory({ url, username, password }, calls) {
  // A second instance from the glue itself: initSync hands back its exports, so its memory can be read.
  const glue = await import(pathToFileURL(join(pkg, 'minted_connect.js')).href);
  const exports = glue.initSync({ module: readFileSync(join(pkg, 'minted_connect_bg.wasm')) });
  const client = new glue.MintedClient({ baseUrl: url, username, password, maxRetries: 0 });
  const mib = (n) => n / 1048576;
  const heap = () => { globalThis.gc?.(); return process.memoryUsage().heapUsed; };
  const round = async (n) => {
    let next = 0;
    const worker = async () => {
      while (next < n) {
        const i = next++;
        if (i % 2) await client.getOrder('HYAQA01714rqz');
        else await client.getOrderAlternative({ order_code: 'ALS8HEVP' });
        glue.validateRequest('createCustomer', customer);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
  };
  await round(1000);
  const start = { wasm: exports.memory.buffer.byteLength, heap: heap() };
  const begun = Date.now();
  await round(calls);
  const end = { wasm: exports.memory.buffer.byteLength, heap: heap() };
  const out = {
    calls, seconds: (Date.now() - begun) / 1000,
    wasmMiB: { start: mib(start.wasm), end: mib(end.wasm) },
    heapMiB: { start: mib(start.heap), end: mib(end.heap), gcExposed: Boolean(globalThis.gc) },
  };
  console.log(`\n4. Memory over ${calls.toLocaleString('en')} calls on one client (getOrder / getOrderAlternative, 8 at a time, each with a validateRequest)`);
  row('', 'after 1 000', `after ${calls.toLocaleString('en')}`);
  row('wasm memory (MiB)', out.wasmMiB.start.toFixed(2), out.wasmMiB.end.toFixed(2));
  row(`JS heap used (MiB${out.heapMiB.gcExposed ? ', after gc' : ''})`, out.heapMiB.start.toFixed(2), out.heapMiB.end.toFixed(2));
  return out;
}

// ---------------------------------------------------------------- 5. load times
function requireTime(what, runs = quick ? 3 : 9) {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(what)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  const times = Array.from({ length: runs }, () => Number(execFileSync(process.execPath, ['-e', script], { cwd: here })));
  return median(times);
}
const load = {
  'minted-connect (pkg/cjs/index.cjs, module inlined)': requireTime(join(pkg, 'cjs', 'index.cjs')),
  zod: requireTime(require.resolve('zod')),
  valibot: requireTime(require.resolve('valibot')),
};
results.require = load;
console.log('\n5. Load: require() in a fresh Node process (median) and import of the browser entry in Chromium (median)');
row('module', 'ms');
for (const [name, ms] of Object.entries(load)) row(`require: ${name}`, ms.toFixed(1));
results.browser = await browserImport();
if (results.browser) row('Chromium: import pkg/browser.js until ready for a call', results.browser.importMs.toFixed(1));

async function browserImport() {
  let chromium;
  try { ({ chromium } = await import('playwright-core')); } catch { return null; }
  if (!existsSync('/usr/bin/chromium')) { console.log('(no /usr/bin/chromium: browser figure skipped)'); return null; }
  const types = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html', '.json': 'application/json' };
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/') { res.writeHead(200, { 'content-type': 'text/html' }); return res.end('<!doctype html><title>bench</title>'); }
    const file = normalize(join(pkg, path));
    if (!file.startsWith(pkg) || !existsSync(file) || !statSync(file).isFile()) { res.writeHead(404); return res.end(); }
    res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'] });
  try {
    const times = [];
    for (let i = 0; i < (quick ? 3 : 9); i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(base + '/');
      times.push(await page.evaluate(async () => {
        const t = performance.now();
        const m = await import('/browser.js');
        if (typeof m.MintedClient !== 'function') throw new Error('no MintedClient');
        return performance.now() - t;
      }));
      await context.close();
    }
    return { importMs: median(times), runs: times.length };
  } finally {
    await browser.close();
    server.close();
  }
}

// ---------------------------------------------------------------- sizes
const wasm = readFileSync(join(pkg, 'minted_connect_bg.wasm'));
// The browser entry's JavaScript as a bundler ships it (bundled, minified), as scripts/build-pkg.mjs measures it.
// The base64 parts are the fallback copy of the module (loaded only where no bundler copied the .wasm): left out.
const glue = execFileSync(join(root, 'tools', 'node_modules', '.bin', 'esbuild'), [join(pkg, 'browser.js'), '--bundle',
  '--minify', '--format=esm', '--platform=neutral', '--log-level=error', '--external:*.wasm', '--external:node:*',
  '--external:./wasm-base64-*'], { maxBuffer: 64 << 20 });
const gz = (b) => gzipSync(b, { level: 9 }).length;
const br = (b) => brotliCompressSync(b, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length;
results.size = {
  wasm: { raw: wasm.length, gzip: gz(wasm), brotli: br(wasm) },
  browserGlue: { raw: glue.length, gzip: gz(glue), brotli: br(glue) },
  browserTotalGzip: gz(wasm) + gz(glue),
};
console.log('\n6. Size of what is shipped');
row('', 'raw B', 'gzip -9 B', 'brotli B');
row('minted_connect_bg.wasm', wasm.length, gz(wasm), br(wasm));
row('browser.js bundled and minified (the glue)', glue.length, gz(glue), br(glue));
row('browser total (.wasm + glue)', wasm.length + glue.length, gz(wasm) + gz(glue), br(wasm) + br(glue));

writeFileSync(join(here, 'results.json'), JSON.stringify(results, null, 2) + '\n');
console.log(`\nwritten: tools/bench/results.json${sink < 0 ? '' : ''}`);
