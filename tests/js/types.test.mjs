// The declarations type-check typical use and reject misuse (strict TypeScript, NodeNext resolution).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

test('TypeScript accepts typical use and rejects every marked misuse', () => {
  const tsc = join(here, 'node_modules', 'typescript', 'bin', 'tsc');
  let output = '';
  try {
    execFileSync(process.execPath, [tsc, '-p', join(here, 'types', 'tsconfig.json')], { encoding: 'utf8' });
  } catch (err) {
    output = `${err.stdout}${err.stderr}`;
  }
  assert.equal(output, '', output);
});
