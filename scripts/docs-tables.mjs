#!/usr/bin/env node
// The option tables of docs/guide.md, written from the declarations the package ships (pkg/index.d.cts, which
// pkg/index.d.mts re-exports): each table
// sits between `<!-- generated: NAME -->` and `<!-- end: NAME -->` and lists the members of interface NAME with their
// type and doc comment. The declarations come from the options' one declaration in the core (`declared_options!`),
// so the docs cannot drift from what the client accepts. `make test` runs this and fails when a table is stale;
// `node scripts/docs-tables.mjs --update` rewrites them.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const update = process.argv.includes('--update');
const declarations = readFileSync(join(root, 'pkg', 'index.d.cts'), 'utf8');
const guidePath = join(root, 'docs', 'guide.md');
const guide = readFileSync(guidePath, 'utf8');

/** The members of `export interface NAME { … }`: `{ key, optional, type, doc }`, in declaration order. */
function members(name) {
  const start = declarations.indexOf(`export interface ${name} {`);
  if (start < 0) throw new Error(`pkg/index.d.cts declares no interface ${name}`);
  const body = declarations.slice(declarations.indexOf('{', start) + 1, declarations.indexOf('\n}', start));
  const out = [];
  for (const [, doc, key, optional, type] of body.matchAll(/\/\*\*([\s\S]*?)\*\/\s*(\w+)(\??):\s*([^;]+);/g)) {
    const text = doc.split('\n').map((line) => line.replace(/^\s*\*\s?/, '').trim()).filter(Boolean).join(' ');
    out.push({ key, optional: optional === '?', type: type.trim(), doc: text });
  }
  return out;
}

const cell = (text) => text.replaceAll('|', '\\|');
function table(name) {
  const rows = members(name).map((m) =>
    `| \`${m.key}\`${m.optional ? '' : ' (required)'} | \`${cell(m.type)}\` | ${cell(m.doc)} |`);
  return ['| option | type | what it does |', '|---|---|---|', ...rows].join('\n');
}

let written = guide;
for (const [, name] of guide.matchAll(/<!-- generated: (\w+) -->/g)) {
  const open = `<!-- generated: ${name} -->`;
  const close = `<!-- end: ${name} -->`;
  const from = written.indexOf(open) + open.length;
  const to = written.indexOf(close);
  if (to < from) throw new Error(`docs/guide.md: ${open} has no ${close}`);
  written = `${written.slice(0, from)}\n${table(name)}\n${written.slice(to)}`;
}
if (written === guide) {
  console.log('docs/guide.md: the option tables match the declarations');
} else if (update) {
  writeFileSync(guidePath, written);
  console.log('docs/guide.md: option tables written from pkg/index.d.cts');
} else {
  console.error('docs/guide.md: an option table differs from the declarations; run node scripts/docs-tables.mjs --update');
  process.exit(1);
}
