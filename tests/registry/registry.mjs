// A local npm registry for tests: Verdaccio (pinned in this folder's package.json) on a free 127.0.0.1 port, its
// storage in a folder the caller owns, the machine's own registry (`npm config get registry`, read now) as uplink for
// every package that is not the release's, and stopped by `stop()`.
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const VERDACCIO = join(here, 'node_modules', 'verdaccio', 'bin', 'verdaccio');

/** The release's packages: served only from what was published here, never looked up upstream. */
export const OWN_PACKAGES = ['minted-connect', 'minted-connect-*'];

/** A loopback port that was free a moment ago. */
const freePort = () => new Promise((resolve, reject) => {
  const server = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  });
});

/** Verdaccio's config.yaml (YAML is a superset of JSON: the object as JSON text). */
export function registryConfig({ storage, htpasswd, uplink }) {
  const own = { access: '$all', publish: '$authenticated' };
  return JSON.stringify({
    storage,
    auth: { htpasswd: { file: htpasswd, max_users: 1 } },
    uplinks: { machine: { url: uplink } },
    packages: {
      ...Object.fromEntries(OWN_PACKAGES.map((name) => [name, own])),
      '**': { access: '$all', publish: '$authenticated', proxy: 'machine' },
    },
    web: { enable: false },
    log: { type: 'stdout', format: 'pretty', level: 'warn' },
  }, null, 2);
}

/** Starts the registry with its files in `dir`; resolves to `{ url, stop, output }` once it answers /-/ping. */
export async function startRegistry(dir, { timeoutMs = 60_000 } = {}) {
  const uplink = execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).trim();
  const config = join(dir, 'config.yaml');
  writeFileSync(config, registryConfig({ storage: join(dir, 'storage'), htpasswd: join(dir, 'htpasswd'), uplink }));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [VERDACCIO, '--config', config, '--listen', `127.0.0.1:${port}`],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited with ${child.exitCode}:\n${output}`);
    const ok = await fetch(`${url}/-/ping`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`verdaccio did not answer within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, uplink, stop, output: () => output };
}

/** Creates the registry's one user, as `npm adduser` does; resolves to the token npm then keeps in its .npmrc. */
export async function addUser(url, name, password) {
  const response = await fetch(`${url}/-/user/org.couchdb.user:${encodeURIComponent(name)}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ _id: `org.couchdb.user:${name}`, name, password, type: 'user', roles: [] }),
  });
  const body = await response.json();
  if (!response.ok || typeof body.token !== 'string') throw new Error(`adding ${name}: HTTP ${response.status} ${JSON.stringify(body)}`);
  return body.token;
}
