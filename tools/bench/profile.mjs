#!/usr/bin/env node
// `make profile`: where a call's client CPU goes. Builds a copy of the package's module that keeps its function
// names (wasm-opt -Oz -g on the module `make pkg` compiled), runs getCustomer against a local sandbox under the V8
// CPU profiler, and prints the functions with the most self time, wasm and JavaScript alike. The whole profile is
// written to target/bench/call.cpuprofile (open it in Chrome DevTools → Performance, or speedscope).
//
//   PROFILE_CALLS (default 5000)   calls profiled, after 500 to warm up
//   PROFILE_IN_FLIGHT (default 1)  calls at a time
//   PROFILE_TOP (default 30)       rows printed
//   PROFILE_ROUTE=peer             profile the hand-written route instead: digest-fetch + res.json() + zod
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import DigestClient from 'digest-fetch';
import { startSandbox } from '../../scripts/sandbox-process.mjs';
import { customerWithWalletsZod } from './schemas.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = join(root, 'pkg');
const out = join(root, 'target', 'bench');
const calls = Number(process.env.PROFILE_CALLS || 5000);
const inFlight = Number(process.env.PROFILE_IN_FLIGHT || 1);
const top = Number(process.env.PROFILE_TOP || 30);
const peer = process.env.PROFILE_ROUTE === 'peer';

// The module as shipped, but with its name section: same code, readable frames.
mkdirSync(out, { recursive: true });
const named = join(out, 'minted_connect_named.wasm');
execFileSync(join(root, 'tools', 'node_modules', '.bin', 'wasm-opt'), ['-Oz', '--converge', '-g',
  '--enable-bulk-memory', '--enable-nontrapping-float-to-int', join(root, 'target', 'wasm-web', 'minted_connect_bg.wasm'),
  '-o', named], { stdio: 'inherit' });
const glue = await import(pathToFileURL(join(pkg, 'minted_connect.js')).href);
glue.initSync({ module: readFileSync(named) });

const sandbox = await startSandbox();
try {
  const { url, username, password } = sandbox;
  const client = new glue.MintedClient({ baseUrl: url, username, password, clientId: 'bench', language: 'en', maxRetries: 0 });
  const digest = new DigestClient(username, password);
  const headers = { 'api-version': '2', 'x-client-id': 'bench', 'accept-language': 'en', accept: 'application/json' };
  const call = peer
    ? async () => customerWithWalletsZod.parse((await (await digest.fetch(`${url}/partner/customer/MTD0018232`, { headers })).json()).data)
    : () => client.getCustomer('MTD0018232');
  const run = async (n) => {
    let next = 0;
    const worker = async () => { while (next < n) { next += 1; await call(); } };
    await Promise.all(Array.from({ length: inFlight }, worker));
  };
  await run(500);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  const cpu = process.cpuUsage();
  await run(calls);
  const used = process.cpuUsage(cpu);
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  writeFileSync(join(out, peer ? 'peer.cpuprofile' : 'call.cpuprofile'), JSON.stringify(profile));
  report(profile, (used.user + used.system) / calls);
} finally {
  await sandbox.stop();
}

/** Self time by function (name and file), largest first; idle and the profiler's own frames left out. */
function report(profile, cpuPerCall) {
  const dt = new Map(profile.samples.map((id) => [id, 0]));
  profile.samples.forEach((id, i) => dt.set(id, dt.get(id) + (profile.timeDeltas[i] || 0)));
  const self = new Map();
  const areas = new Map();
  let busy = 0;
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const time = dt.get(node.id) || 0;
    if (['(idle)', '(program)', '(root)'].includes(functionName)) continue;
    busy += time;
    const file = url ? url.replace(/^.*\//, '') : '';
    const key = `${functionName || '(anonymous)'}  ${file}${file && lineNumber >= 0 ? ':' + (lineNumber + 1) : ''}`;
    self.set(key, (self.get(key) || 0) + time);
    areas.set(area(functionName, url), (areas.get(area(functionName, url)) || 0) + time);
  }
  console.log(`\n${calls} getCustomer calls${peer ? ' by digest-fetch + res.json() + zod' : ''}, ${inFlight} at a time: ${cpuPerCall.toFixed(0)} µs CPU per call (process.cpuUsage)`);
  console.log(`sampled busy time ${(busy / calls).toFixed(0)} µs per call; self time by area:`);
  for (const [name, time] of [...areas].sort((a, b) => b[1] - a[1])) {
    console.log(`${(time / calls).toFixed(1).padStart(7)} µs ${((100 * time) / busy).toFixed(1).padStart(5)}%  ${name}`);
  }
  const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, top);
  console.log('\nself time by function:');
  for (const [key, time] of rows) {
    console.log(`${(time / calls).toFixed(1).padStart(7)} µs ${((100 * time) / busy).toFixed(1).padStart(5)}%  ${key}`);
  }
  console.log(`\nwritten: target/bench/${peer ? 'peer' : 'call'}.cpuprofile`);
}

/** Which part of the process a frame belongs to. */
function area(name, url) {
  if (name === '(garbage collector)') return 'garbage collector';
  if (/minted_connect\.wasm|^wasm-function|^wasm:/.test(url) || /^wasm-function/.test(name)) return 'client: WebAssembly';
  if (/minted_connect\.js|snippets\//.test(url)) return 'client: JavaScript (glue and src/js)';
  if (/undici/.test(url)) return 'fetch (undici)';
  if (/^node:|^internal|^$/.test(url) || !url.includes('/')) return 'Node (streams, sockets, timers, promises)';
  return url.replace(/^.*node_modules\//, '').replace(/\/.*$/, '');
}
