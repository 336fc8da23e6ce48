#!/usr/bin/env node
// Builds the wasm once and assembles the npm package in pkg/ from pkg-template/. Every entry shares the one compiled
// module; they differ only in how they obtain it (see pkg-template/package.json `exports` and docs/guide.md,
// "Runtimes and bundlers"):
//   minted_connect_bg.wasm   the module (wasm-opt -Oz); also the `./minted_connect_bg.wasm` export
//   minted_connect.js        wasm-bindgen's `web` glue with its snippets bundled in, next to the .wasm (its default
//                            URL exists); it exports MintedError too
//   browser.js               browsers through a bundler (Vite, webpack, Angular, Rollup with `browser: true`…) or none:
//                            fetches and stream-compiles the .wasm where it was copied or served, else imports
//                            wasm-base64-N.js (dynamic imports: chunks loaded only on that path)
//   wasm-url.js              the .wasm's URL as bundlers that copy assets rewrite it, for browser.js to compare
//   wasm-base64-N.js         the module as base64, in parts (universal.js, browser.js's fallback, and a bundle of
//                            cjs/index.cjs: the package's one base64 copy)
//   universal.js             anything else that imports ES modules (Rollup, esbuild for browsers, Parcel, unknown
//                            runtimes):
//                            the module inlined as base64, compiled synchronously, no top-level await
//   workerd.js               Cloudflare Workers: imports the .wasm as a WebAssembly.Module
//   slim.js                  no automatic loading: `init()` / `initSync()` (no top-level await, caller-chosen source)
//   cjs/slim.cjs             the glue as CommonJS: the one instance behind every Node entry
//   cjs/index.cjs            require(): cjs/slim.cjs initialised from the .wasm beside the package, or in a bundle from
//                            the inlined parts, which the bundler took in, on the first use of an export that needs it
//   node.mjs, slim.node.mjs  import in Node, Bun and Deno: the CommonJS exports (one instance for require and import)
//   *.d.cts, *.d.mts, *.d.ts declarations, written once in the .d.cts (require); .d.mts (import) and .d.ts (resolvers
//                            that ignore `exports`) re-export them
//   sandbox.js, cjs/sandbox.cjs, sandbox.d.*  `minted-connect/sandbox`: the package minted-connect-sandbox (pkg/sandbox/,
//                            an optional peer dependency), re-exported
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { DECODE, base64Parts, browserLoad, declarationsFrom, inlineStatic, locate, nodeWasmBytes, wasmUrlModule } from './pkg-parts.mjs';
import { cargoVersion } from './release-parts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tools = join(root, 'tools', 'node_modules', '.bin');
const out = join(root, 'pkg');
const staging = join(root, 'target', 'wasm-web');
const env = { ...process.env, PATH: `${tools}:${process.env.HOME}/.cargo/bin:${process.env.PATH}` };
const GLUE = './minted_connect.js';
const WASM = 'minted_connect_bg.wasm';

function run(cmd, args) {
  execFileSync(cmd, args, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
}
const write = (path, text) => writeFileSync(join(out, path), text);

// 1. Compile and generate the glue (wasm-opt runs below, on the final file), into an empty folder: the snippets'
// folder is named by a hash of the crate's version, so an earlier build's would otherwise be copied beside this one's.
rmSync(staging, { recursive: true, force: true });
run('wasm-pack', ['build', '--release', '--target', 'web', '--out-dir', staging, '--no-pack', '--mode', 'no-install']);

// 2. Fresh package directory: the module, and the glue beside it with its snippets (src/js) bundled in.
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'cjs'), { recursive: true });
// --converge repeats -Oz while it still gains (about 200 bytes); the target_features section is only for linkers.
run('wasm-opt', ['-Oz', '--converge', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--strip-producers',
  '--strip-target-features', join(staging, WASM), '-o', join(out, WASM)]);
const glue = readFileSync(join(staging, 'minted_connect.js'), 'utf8');
if (!glue.includes(`new URL('${WASM}', import.meta.url)`)) throw new Error('the glue no longer defaults to the .wasm beside it');
const names = [...glue.matchAll(/^export (?:function|class) (\w+)/gm)].map((m) => m[1]).filter((n) => n !== 'initSync');
if (!names.includes('MintedClient')) throw new Error('the glue does not export MintedClient');
const all = [...names, 'MintedError'];
// One module, not a glue importing five snippet files: a browser that loads the package unbundled fetches a graph
// one level shallower before it can start on the .wasm. The glue exports MintedError too, so every entry takes the
// one class from it. (The import object names the snippet module twice, same key and value: esbuild's warning is
// silenced rather than the generated file edited.)
const errors = relative(staging, findFile(join(staging, 'snippets'), 'errors.js')).split('\\').join('/');
writeFileSync(join(staging, 'glue-entry.js'), `export * from './minted_connect.js';\nexport { default } from './minted_connect.js';\n` +
  `export { MintedError } from './${errors}';\n`);
run('esbuild', [join(staging, 'glue-entry.js'), '--bundle', '--format=esm', '--platform=neutral', '--log-level=warning',
  '--log-override:duplicate-object-key=silent', `--outfile=${join(out, 'minted_connect.js')}`]);
if (!readFileSync(join(out, 'minted_connect.js'), 'utf8').includes(`new URL("${WASM}", import.meta.url)`)) {
  throw new Error('the bundled glue no longer defaults to the .wasm beside it');
}
const wasm = readFileSync(join(out, WASM));
const base64 = wasm.toString('base64');

// 3. The ES module entries. Each loads the module its own way, then exports the same names and a default object.
const header = (what) => `// ${what}\n// Generated by scripts/build-pkg.mjs.\n`;
const parts = base64Parts(wasm, header);
const FAIL = `
const HINT = ' (in a runtime that forbids top-level await or compiling WebAssembly from bytes, import ' +
  "'minted-connect/slim' and call init() or initSync(): see the package README)";
function loadFailed(cause, hint = HINT) {
  const message = cause && cause.message ? cause.message : String(cause);
  return new MintedError('minted-connect could not load its WebAssembly module: ' + message + hint,
    { kind: 'config', code: 'wasm_load_failed' });
}
`;
const reexport = `export { ${names.join(', ')} } from '${GLUE}';\nexport { MintedError };\n`;
const defaultObject = `export default Object.freeze({ ${names.map((n) => `${n}: glue.${n}`).join(', ')}, MintedError });\n`;
const esmEntry = (what, imports, load, helpers = FAIL) => header(what) + imports +
  `import * as glue from '${GLUE}';\nimport { MintedError } from '${GLUE}';\n` + helpers + load + '\n' + reexport +
  defaultObject;

write('browser.js', esmEntry(
  'Browsers through Vite, webpack, Rspack, Next.js, Angular, Bun, Rollup with `browser: true`, or a plain\n' +
  '// <script type="module">: the .wasm is fetched and compiled while it downloads where a bundler copied it (or the\n' +
  '// package is served as it is); where a bundler copied nothing, the inlined module is imported instead. Ready when\n' +
  '// the import resolves.',
  `import init, { initSync } from '${GLUE}';\nimport { moduleUrl, wasmUrl } from './wasm-url.js';\n`,
  'try {\n  await loadWasm();\n} catch (cause) {\n  throw loadFailed(cause);\n}',
  FAIL + DECODE + locate('minted-connect') + browserLoad(WASM, parts)));
write('wasm-url.js', wasmUrlModule(WASM));
write('universal.js', esmEntry(
  'Any other ES module consumer (Rollup, esbuild for browsers, Parcel, runtimes without a more specific condition): the\n' +
  '// module is inlined, compiled synchronously, with no top-level await and no file or URL to find.',
  `import { initSync } from '${GLUE}';\n${inlineStatic(parts)}`,
  'try {\n  initSync({ module: decodeBase64(base64) });\n} catch (cause) {\n  throw loadFailed(cause);\n}',
  FAIL + DECODE));
write('workerd.js', esmEntry(
  'Cloudflare Workers (workerd forbids compiling from bytes; wrangler turns a .wasm import into a WebAssembly.Module).',
  `import { initSync } from '${GLUE}';\nimport wasmModule from './${WASM}';\n`,
  'try {\n  initSync({ module: wasmModule });\n} catch (cause) {\n  throw loadFailed(cause);\n}'));
for (const { file, text } of parts) write(file, text);
write('slim.js', header('No automatic loading: call init() (or initSync()) once, before anything else.') +
  `import initGlue, { initSync as initSyncGlue, MintedError } from '${GLUE}';
${FAIL}
/** Loads the module asynchronously: from \`source\` (URL, Response, bytes or WebAssembly.Module), or by default from
 * the .wasm beside this file. Safe to call more than once. */
export async function init(source) {
  try {
    await initGlue(source === undefined ? undefined : { module_or_path: source });
  } catch (cause) {
    const here = import.meta.url;
    throw loadFailed(source === undefined && !here ? 'no .wasm beside this CommonJS file to default to: pass its bytes, ' +
      'URL or a WebAssembly.Module' : cause, '');
  }
}

/** Loads the module synchronously from its bytes or a WebAssembly.Module. Safe to call more than once. */
export function initSync(source) {
  try {
    initSyncGlue({ module: source });
  } catch (cause) {
    throw loadFailed(cause, '');
  }
}
${reexport}`);

// 4. Node, Bun and Deno: one CommonJS instance (the glue bundled as CommonJS), faced by ES modules.
// import.meta is empty in CommonJS: the glue's default URL is never used there (slim's init() says so).
// Node 18 has Web Crypto only as require('node:crypto').webcrypto, not as globalThis.crypto (Node 19 made it global):
// the Digest cnonce and the order keys read globalThis.crypto, so on Node 18 the glue puts the same object there.
const WEBCRYPTO = "if (!('crypto' in globalThis)) { try { globalThis.crypto = " +
  "require('node:crypto').webcrypto; } catch {} }";
run('esbuild', [join(out, 'slim.js'), '--bundle', '--format=cjs', '--platform=neutral', '--target=node18',
  '--log-level=warning', '--log-override:empty-import-meta=silent',
  `--banner:js=${WEBCRYPTO}`, `--outfile=${join(out, 'cjs', 'slim.cjs')}`]);
// require() compiles nothing: the module is compiled and instantiated on the first use of an export that needs it
// (constructing a MintedClient, calling validateRequest…), so a script that requires the package and does something
// else first, or a command that only prints its help, does not wait for it. Quote instances only come from calls, and
// MintedError is plain JavaScript: both are exported as they are.
const LAZY = names.filter((n) => n !== 'Quote');
// Each function's parameters as the glue declares them: a wrapper with the same list costs a call nothing measurable
// (a Proxy's apply trap costs validateRequest about 10%).
const parameters = Object.fromEntries([...glue.matchAll(/^export function (\w+)\(([^)]*)\)/gm)].map((m) => [m[1], m[2]]));
const lazyExport = (n) => {
  if (!LAZY.includes(n)) return `exports.${n} = slim.${n};`;
  if (parameters[n] === undefined) return `exports.${n} = loading(slim.${n});`;
  return `exports.${n} = function ${n}(${parameters[n]}) {\n  load();\n  return slim.${n}(${parameters[n]});\n};`;
};
write('cjs/index.cjs', header('require(): the CommonJS glue, initialised from the .wasm beside the package, or in a bundle\n' +
  '// from the inlined parts the bundler took in (see wasmBytes), on the first use of an export that needs it.') + `'use strict';
const slim = require('./slim.cjs');
const { MintedError } = slim;
${FAIL}${DECODE}
${nodeWasmBytes(WASM, parts)}
let loaded = false;
/** Compiles and instantiates the module, once; a failure is a MintedError of kind config (code wasm_load_failed). */
function load() {
  if (loaded) return;
  try {
    slim.initSync(wasmBytes());
  } catch (cause) {
    throw cause instanceof MintedError ? cause : loadFailed(cause);
  }
  loaded = true;
}
/** A class of the glue, loading the module before it is constructed (instanceof holds both ways with slim's). */
const loading = (target) => new Proxy(target, {
  construct(fn, args, newTarget) { load(); return Reflect.construct(fn, args, newTarget); },
});
Object.defineProperty(exports, '__esModule', { value: true });
${all.map(lazyExport).join('\n')}
exports.default = Object.freeze({ ${all.map((n) => `${n}: exports.${n}`).join(', ')} });
`);
write('node.mjs', header('import in Node, Bun and Deno: the CommonJS exports, so require() and import share one instance.') +
  `import cjs from './cjs/index.cjs';

export const { ${all.join(', ')} } = cjs;
export default cjs.default ?? cjs;
`);
write('slim.node.mjs', header("'minted-connect/slim' in Node, Bun and Deno: the same CommonJS instance as require().") +
  `import cjs from './cjs/slim.cjs';

export const { init, initSync, ${all.join(', ')} } = cjs;
`);

// 5. Declarations: the generated ones without wasm-bindgen's init types, plus MintedError; the root adds its default
// export, slim its init functions. Written once, in the .d.cts files (require): the .d.mts files (import) re-export
// them, as ES modules may import CommonJS and not the other way round, and so does slim.d.ts (for resolvers that
// ignore `exports`, TypeScript `node10`, which look beside slim.js). The default export is declared in each root
// file: import's default is the frozen object node.mjs exports, require's is `exports.default`, the same object.
let dts = readFileSync(join(staging, 'minted_connect.d.ts'), 'utf8');
const initStart = dts.indexOf('export type InitInput');
if (initStart < 0) throw new Error('unexpected .d.ts layout: no InitInput');
dts = dts.slice(0, initStart).replace(/^\s*\[Symbol\.dispose\]\(\): void;\n/gm, '');
// wasm-bindgen's own `free()` has no doc comment; every member of the shipped declarations has one.
dts = dts.replace(/^(\s*)free\(\): void;$/gm,
  '$1/** Releases the WebAssembly memory behind this object now instead of when it is garbage-collected. */\n$1free(): void;');
dts += readFileSync(join(root, 'pkg-template', 'minted-error.d.ts'), 'utf8');
// The name the API reference gives the main entry (TypeDoc would call it after the file: `index`).
const MODULE_DOC = "/**\n * The client: `MintedClient`, `validateRequest`, `decodeResponse` and the models.\n * @packageDocumentation\n" +
  ' * @module minted-connect\n */\n';
const defaultExport = `
/** Every export as one object, for \`import minted from 'minted-connect'\`. */
declare const minted: {
${all.map((n) => `    /** The named export \`${n}\`. */\n    readonly ${n}: typeof ${n};`).join('\n')}
};
export default minted;
`;
write('index.d.cts', MODULE_DOC + dts + defaultExport);
write('index.d.mts', declarationsFrom(MODULE_DOC, './index.cjs') + `import { ${all.join(', ')} } from './index.cjs';\n` +
  defaultExport);
write('slim.d.cts', "export * from './index.cjs';\n\n" + readFileSync(join(root, 'pkg-template', 'slim.d.ts'), 'utf8'));
for (const face of ['slim.d.mts', 'slim.d.ts']) write(face, declarationsFrom('', './slim.cjs'));

// 6. package.json (version from Cargo.toml), README, LICENSE.
const version = cargoVersion(root);
const manifest = JSON.parse(readFileSync(join(root, 'pkg-template', 'package.json'), 'utf8'));
manifest.version = version;
// The sandbox is released with the client, under the same version.
manifest.peerDependencies['minted-connect-sandbox'] = `^${version}`;
write('package.json', JSON.stringify(manifest, null, 2) + '\n');
cpSync(join(root, 'pkg-template', 'README.md'), join(out, 'README.md'));
cpSync(join(root, 'LICENSE'), join(out, 'LICENSE'));

// 7. What each entry costs a consumer: its JavaScript bundled and minified, plus the .wasm it fetches separately.
const gz = (buffer) => gzipSync(buffer, { level: 9 }).length;
const rows = [];
const sizes = { wasm: { raw: wasm.length, gzip: gz(wasm) }, entries: {} };
// browser.js is measured on its fetch path: its inlined copy is a separate chunk, loaded only where no .wasm was copied.
const MEASURED = [
  { entry: 'browser.js', fetchesWasm: true, external: parts.map(({ file }) => `./${file}`) },
  { entry: 'universal.js', fetchesWasm: false },
  { entry: 'workerd.js', fetchesWasm: true },
  { entry: 'slim.js', fetchesWasm: true },
  { entry: 'cjs/index.cjs', fetchesWasm: false },
];
for (const { entry, fetchesWasm, external = [] } of MEASURED) {
  const js = execFileSync('esbuild', [join(out, entry), '--bundle', '--minify', '--format=esm', '--platform=neutral',
    '--log-level=error', '--external:*.wasm', '--external:node:*', ...external.map((path) => `--external:${path}`)],
  { cwd: root, env, maxBuffer: 64 << 20 });
  const raw = js.length + (fetchesWasm ? wasm.length : 0);
  sizes.entries[entry] = { js: js.length, jsGzip: gz(js), raw, gzip: gz(js) + (fetchesWasm ? gz(wasm) : 0) };
  rows.push(`  ${entry.padEnd(14)} js ${String(js.length).padStart(7)} B (gzip ${String(gz(js)).padStart(6)})` +
    (fetchesWasm ? ` + .wasm ${wasm.length} (gzip ${gz(wasm)})` : ' (module inlined)') +
    ` = ${raw} B raw, ${gz(js) + (fetchesWasm ? gz(wasm) : 0)} B gzip`);
}
// For the size gate of `make test` (scripts/size-gate.mjs); not part of the package.
writeFileSync(join(root, 'target', 'pkg-sizes.json'), JSON.stringify(sizes, null, 2) + '\n');
console.log(`pkg/ assembled: minted-connect@${version}; ${WASM} ${wasm.length} bytes raw, ${gz(wasm)} bytes gzip -9`);
console.log(`what each entry loads (minified JS + .wasm, gzip -9):\n${rows.join('\n')}`);
const pct = (a, b) => `${a > b ? '+' : ''}${((a / b - 1) * 100).toFixed(1)}%`;
console.log(`the module inlined as base64: ${base64.length} B (${pct(base64.length, wasm.length)}), gzip ` +
  `${gz(Buffer.from(base64))} B (${pct(gz(Buffer.from(base64)), gz(wasm))} over the .wasm's gzip)`);

// 8. The in-process sandbox: the package minted-connect-sandbox in pkg/sandbox/ (scripts/build-sandbox-pkg.mjs), and
// `minted-connect/sandbox`, which re-exports it: users who test with it add it as a dev dependency, and a production
// install holds none of it. It is an optional peer dependency, so that npm, pnpm and Yarn let this package resolve it
// where the project installed it. cjs/sandbox.cjs names the package to install when it is missing.
run('node', [join(root, 'scripts', 'build-sandbox-pkg.mjs')]);
const SANDBOX = 'minted-connect-sandbox';
write('sandbox.js', header(`'minted-connect/sandbox' for import: the package ${SANDBOX}.`) + `export * from '${SANDBOX}';\n`);
write('cjs/sandbox.cjs', header(`'minted-connect/sandbox' for require(): the package ${SANDBOX}.`) + `'use strict';
try {
  module.exports = require('${SANDBOX}');
} catch (cause) {
  if (cause?.code !== 'MODULE_NOT_FOUND' || !String(cause.message).includes("'${SANDBOX}'")) throw cause;
  throw new Error("minted-connect/sandbox needs the package ${SANDBOX}, installed beside minted-connect: " +
    'npm install --save-dev ${SANDBOX}', { cause });
}
`);
const sandboxDts = readFileSync(join(out, 'sandbox', 'index.d.cts'), 'utf8');
for (const face of ['sandbox.d.cts', 'sandbox.d.mts', 'sandbox.d.ts']) write(face, declarationsFrom(sandboxDts, SANDBOX));
// pkg/ used as a folder dependency (tests/js, cli/, the API reference) finds its peer where an install would put it.
// npm pack leaves node_modules out.
mkdirSync(join(out, 'node_modules'), { recursive: true });
symlinkSync(join('..', 'sandbox'), join(out, 'node_modules', SANDBOX));

// 9. `minted-connect/csv`: plain JavaScript with no WebAssembly (pkg-template/csv.js), and a CommonJS copy for require();
// csv.d.ts beside csv.js for resolvers that ignore `exports` (TypeScript `node10`). Declarations as the root's.
cpSync(join(root, 'pkg-template', 'csv.js'), join(out, 'csv.js'));
writeDeclarations('csv');
run('esbuild', [join(out, 'csv.js'), '--format=cjs', '--platform=neutral', '--target=node18', '--log-level=warning',
  `--outfile=${join(out, 'cjs', 'csv.cjs')}`]);

// 10. `minted-connect/otel`: plain JavaScript importing its peer `@opentelemetry/api` (kept external), the package's
// version written in as the tracer's scope version; a CommonJS copy for require() (not bundled: the import stays an
// import of the peer); declarations for both.
writeFileSync(join(out, 'otel.js'), readFileSync(join(root, 'pkg-template', 'otel.js'), 'utf8').replace('__VERSION__', version));
writeDeclarations('otel');
run('esbuild', [join(out, 'otel.js'), '--format=cjs', '--platform=neutral', '--target=node18', '--log-level=warning',
  `--outfile=${join(out, 'cjs', 'otel.cjs')}`]);

/** pkg-template/NAME.d.ts as NAME.d.cts, and the NAME.d.mts and NAME.d.ts that re-export it. */
function writeDeclarations(name) {
  const text = readFileSync(join(root, 'pkg-template', `${name}.d.ts`), 'utf8');
  write(`${name}.d.cts`, text);
  for (const face of [`${name}.d.mts`, `${name}.d.ts`]) write(face, declarationsFrom(text, `./${name}.cjs`));
}

function findFile(dir, name) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    const found = statSync(path).isDirectory() ? findFile(path, name) : entry === name ? path : null;
    if (found) return found;
  }
  return null;
}
