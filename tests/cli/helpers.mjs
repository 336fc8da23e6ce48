// The CLI as users get it: `npm pack` of pkg/, pkg/sandbox/ and cli/, the tarballs installed into a fixture project, and the
// installed `minted` run as a child process against a sandbox on a free port.
import { execFileSync, spawn } from 'node:child_process';
import { after, before } from 'node:test';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { root, startSandbox } from '../../scripts/sandbox-process.mjs';

export { root, startSandbox };

const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' } });

/**
 * Path of the installed `minted`. The install is cached in target/cli-fixture/<hash of the tarballs>, so it is
 * redone only when the package or the CLI changed. With MINTED_CLI_NODE set (make test uses it for Node 18, the
 * oldest Node the command supports), the path is a `minted` script that runs the installed one with that Node
 * instead of the `node` its #! line finds.
 */
export function installCli() {
  const packs = mkdtempSync(join(tmpdir(), 'minted-cli-pack-'));
  try {
    const tarballs = [join(root, 'pkg'), join(root, 'pkg', 'sandbox'), join(root, 'cli')].map((dir) => join(packs, npm(['pack', '--pack-destination', packs, dir], packs).trim().split('\n').pop()));
    const hash = createHash('sha256');
    for (const t of tarballs) hash.update(readFileSync(t));
    const base = join(root, 'target', 'cli-fixture');
    const dir = join(base, hash.digest('hex').slice(0, 16));
    const bin = join(dir, 'node_modules', '.bin', 'minted');
    if (!existsSync(bin)) {
      rmSync(base, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'minted-cli-fixture', private: true }));
      const local = tarballs.map((t) => { const copy = join(dir, t.split('/').pop()); writeFileSync(copy, readFileSync(t)); return `./${t.split('/').pop()}`; });
      npm(['install', '--no-audit', '--no-fund', '--prefer-offline', ...local], dir);
    }
    const node = process.env.MINTED_CLI_NODE;
    if (!node) return bin;
    const wrapper = join(dir, 'with-node', 'minted');
    mkdirSync(dirname(wrapper), { recursive: true });
    writeFileSync(wrapper, `#!/bin/sh\nexec '${node}' '${bin}' "$@"\n`, { mode: 0o755 });
    return wrapper;
  } finally {
    rmSync(packs, { recursive: true, force: true });
  }
}

/** `require` in the project the CLI is installed in (for the libraries it brought, such as exceljs). */
export function fixtureRequire(bin) {
  const dir = bin.includes('/node_modules/') ? bin.split('/node_modules/')[0] : dirname(dirname(bin));
  return createRequire(join(dir, 'package.json'));
}

/** A fresh temporary folder (removed by the caller with `rmSync`). */
export function scratch(prefix = 'minted-cli-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The environment for a sandbox: its URL and credentials, English messages, state files in `dir`. */
export function envFor(sandbox, dir, extra = {}) {
  const env = { ...process.env, MINTED_BASE_URL: sandbox.url, MINTED_USERNAME: sandbox.username, MINTED_PASSWORD: sandbox.password, MINTED_LANG: 'en', MINTED_STATE_DIR: join(dir, 'state'), MINTED_CONFIG_DIR: join(dir, 'config'), ...extra };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  return env;
}

/**
 * Starts `minted args…`; `run.done` resolves to `{ code, signal, stdout, stderr, peakRssKb }` (peak RSS from
 * /proc, sampled every 20 ms). `onStderr(text)` sees stderr as it comes.
 */
export function start(bin, args, { env, cwd, input, onStderr } = {}) {
  const child = spawn(bin, args, { env, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let peakRssKb = 0;
  const sample = () => {
    try {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (hwm) peakRssKb = Math.max(peakRssKb, Number(hwm[1]));
    } catch { /* gone */ }
  };
  const sampler = setInterval(sample, 20);
  child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
  child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; onStderr?.(stderr); });
  if (input !== undefined) child.stdin.end(input);
  else child.stdin.end();
  const done = new Promise((resolve) => child.on('close', (code, signal) => {
    clearInterval(sampler);
    resolve({ code, signal, stdout, stderr, peakRssKb });
  }));
  return { child, done, output: () => ({ stdout, stderr }) };
}

/** Resolves once `condition()` holds (checked every 20 ms); rejects after `timeoutMs`. */
export async function until(condition, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Runs `minted args…` to the end. */
export function minted(bin, args, options) {
  return start(bin, args, options).done;
}

export async function sandboxJson(sandbox, path, method = 'GET', body) {
  const response = await fetch(sandbox.url + path, { method, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

/**
 * For a test file: before its tests, installs the CLI, starts a sandbox and makes a scratch folder, and hands
 * `{ bin, sandbox, dir, env }` to `use`; after them, clears any fault plan, stops the sandbox and removes the folder.
 */
export function withCli(use) {
  let sandbox;
  let dir;
  before(async () => {
    const bin = installCli();
    sandbox = await startSandbox();
    dir = scratch();
    use({ bin, sandbox, dir, env: envFor(sandbox, dir) });
  });
  after(async () => {
    if (sandbox) await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' }).catch(() => {});
    await sandbox?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
}
