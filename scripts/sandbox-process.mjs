// Starts the local sandbox as a child process on a free 127.0.0.1 port, waits until it listens, and stops it.
// Shared by the test suites, scripts/with-sandbox.mjs and the demo.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Documented default credentials of the sandbox (see docs/sandbox.md). */
export const SANDBOX_USERNAME = 'sandbox';
export const SANDBOX_PASSWORD = 'sandbox-password';

export function sandboxBinary() {
  const bin = process.env.MINTED_SANDBOX_BIN || join(root, 'target', 'debug', 'minted-sandbox');
  if (!existsSync(bin)) {
    throw new Error(`sandbox binary not found at ${bin}: run \`cargo build -p minted-sandbox\` (make test does)`);
  }
  return bin;
}

/**
 * @param {{ args?: string[], port?: number, timeoutMs?: number, quiet?: boolean }} [options]
 * @returns {Promise<{ url: string, port: number, username: string, password: string, stop: () => Promise<void> }>}
 */
export async function startSandbox({ args = [], port = 0, timeoutMs = 20000, quiet = true } = {}) {
  const child = spawn(sandboxBinary(), ['--port', String(port), '--exit-on-stdin-eof', ...args], {
    stdio: ['pipe', 'pipe', quiet ? 'ignore' : 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sandbox did not start within ${timeoutMs} ms`)), timeoutMs);
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('error', (err) => { clearTimeout(timer); reject(err); });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`sandbox exited early with code ${code}`)); });
  });
  // Belt and braces: the port answers before anyone uses it.
  const health = await fetch(`${url}/__sandbox/health`);
  if (!health.ok) throw new Error(`sandbox health check failed: HTTP ${health.status}`);
  let stopped = false;
  return {
    url,
    port: Number(new URL(url).port),
    username: SANDBOX_USERNAME,
    password: SANDBOX_PASSWORD,
    async stop() {
      if (stopped) return;
      stopped = true;
      child.stdin.end();
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
