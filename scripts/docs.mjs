#!/usr/bin/env node
// `make docs`: the API reference of the package's shipped declarations (what editors show on hover), built with
// TypeDoc into target/api-docs/. Fails when an export, method, option, model or field has no doc comment.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'pkg', 'package.json'), 'utf8'));
// The declarations of the main entry for `import` (the subpaths' declarations import their types from it).
const dot = manifest.exports?.['.'] ?? {};
const types = [dot.import?.types, dot.types, manifest.types, dot.node?.import?.types, dot.require?.types]
  .find((t) => typeof t === 'string');
if (!types) throw new Error('pkg/package.json names no declarations');
// Every other entry with declarations of its own (`minted-connect/sandbox`); `/slim` repeats the main declarations.
const more = Object.entries(manifest.exports ?? {})
  .filter(([name]) => name !== '.' && name !== './slim' && name !== './package.json')
  .map(([, entry]) => entry?.import?.types ?? entry?.types)
  .filter((t) => typeof t === 'string');
const out = process.env.API_DOCS_OUT || join(root, 'target', 'api-docs');
execFileSync(process.execPath, [
  join(root, 'tools', 'node_modules', 'typedoc', 'bin', 'typedoc'),
  '--tsconfig', join(root, 'tools', 'tsconfig.docs.json'),
  ...[types, ...more].flatMap((t) => ['--entryPoints', join(root, 'pkg', t)]),
  '--name', `${manifest.name} ${manifest.version}`,
  '--readme', join(root, 'pkg-template', 'README.md'),
  '--out', out,
  '--excludePrivate',
  // The declarations are a build output: no source links (and no dependence on the clone's git remote).
  '--disableSources',
  '--validation.notExported', '--validation.invalidLink', '--validation.notDocumented',
  '--treatWarningsAsErrors',
  '--logLevel', 'Warn',
], { cwd: root, stdio: 'inherit' });
console.log(`API reference in ${out}/index.html`);
