#!/usr/bin/env node
// Runs a command with a sandbox listening: `node scripts/with-sandbox.mjs [--sandbox-arg X]... -- cmd args…`.
// The command sees MINTED_SANDBOX_URL, MINTED_SANDBOX_USERNAME and MINTED_SANDBOX_PASSWORD; the sandbox is stopped
// afterwards whatever happens, and the command's exit code is returned.
import { spawn } from 'node:child_process';
import { startSandbox } from './sandbox-process.mjs';

const argv = process.argv.slice(2);
const split = argv.indexOf('--');
if (split < 0 || split === argv.length - 1) {
  console.error('usage: with-sandbox.mjs [--sandbox-arg X]... -- command [args...]');
  process.exit(2);
}
const sandboxArgs = [];
for (let i = 0; i < split; i += 2) {
  if (argv[i] !== '--sandbox-arg') { console.error(`unknown option ${argv[i]}`); process.exit(2); }
  sandboxArgs.push(argv[i + 1]);
}
const [cmd, ...args] = argv.slice(split + 1);
const sandbox = await startSandbox({ args: sandboxArgs });
console.error(`[with-sandbox] sandbox at ${sandbox.url}`);
const child = spawn(cmd, args, {
  stdio: 'inherit',
  env: { ...process.env, MINTED_SANDBOX_URL: sandbox.url, MINTED_SANDBOX_USERNAME: sandbox.username, MINTED_SANDBOX_PASSWORD: sandbox.password },
});
const stop = async () => { await sandbox.stop(); };
process.on('SIGINT', () => child.kill('SIGINT'));
process.on('SIGTERM', () => child.kill('SIGTERM'));
const code = await new Promise((resolve) => child.once('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
await stop();
process.exit(code);
