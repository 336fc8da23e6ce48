// The README's first call runs as a user would run it: the block copied into a file, `node` on it, the connection
// from MINTED_* variables, against a fresh sandbox.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { root, startSandbox, SANDBOX_HOST } from './helpers.mjs';

/** The first fenced block of `language` after the heading `heading` in `file`. */
export function blockAfter(file, heading, language) {
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf(`\n${heading}\n`);
  assert.ok(at >= 0, `${file} has no heading ${heading}`);
  const open = text.indexOf('```' + language + '\n', at);
  const close = text.indexOf('\n```', open + 1);
  return text.slice(open + language.length + 4, close + 1);
}

test('the README first call runs against the sandbox', { skip: SANDBOX_HOST !== 'native' && 'needs a server' }, async () => {
  const code = blockAfter(join(root, 'README.md'), '## A first call', 'js');
  const dir = join(import.meta.dirname, '.tmp');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'readme-first-call.mjs');
  writeFileSync(file, code);
  const sandbox = await startSandbox();
  try {
    const env = { ...process.env, MINTED_BASE_URL: sandbox.url, MINTED_USERNAME: sandbox.username,
      MINTED_PASSWORD: sandbox.password };
    const { stdout } = await promisify(execFile)(process.execPath, [file], { env });
    const [wallets, refusal] = stdout.trim().split('\n');
    assert.match(wallets, /MAU 0, MAG 0, GBP 0/);
    assert.match(refusal, /^validation \[.*firstname: must be at least 3 characters long/);
  } finally {
    await sandbox.stop();
  }
});
