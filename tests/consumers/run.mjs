#!/usr/bin/env node
// Every consumer row: packs pkg/ and pkg/sandbox/ (`npm pack`: minted-connect and minted-connect-sandbox, which
// `minted-connect/sandbox` re-exports), installs the tarballs into each project in this folder (each has its own
// package.json and lockfile, and no tool config beyond what the tool cannot run without), builds and runs it with the
// tool's defaults, and prints what each printed. Browser rows run in headless Chromium, the Workers row in workerd.
//
//   node tests/consumers/run.mjs                  every row
//   node tests/consumers/run.mjs vite next        only those folders
//   node tests/consumers/run.mjs --frameworks     only the full-stack frameworks (FRAMEWORKS: large installs)
//   node tests/consumers/run.mjs --no-frameworks  every other row (what `make test` runs; CI runs both)
//
// Tool dependencies are installed with `npm ci` only when node_modules is missing or older than the lockfile
// (scripts/setup.sh); the tarballs, which change with every build, are unpacked into node_modules/minted-connect and
// node_modules/minted-connect-sandbox.
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer as createNetServer } from 'node:net';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWww } from '../../www/serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const work = join(root, 'target', 'consumers');
/** The sandbox's tarball (minted-connect-sandbox), packed beside the client's. */
let sandboxTgz;
/** What every row must print: the validation issue, the failure kind against a closed port, the default export. */
const SMOKE = 'validate=too_short getCustomer=network default=true';
const ENV = {
  ...process.env, NO_COLOR: '1', NEXT_TELEMETRY_DISABLED: '1', WRANGLER_SEND_METRICS: 'false', DENO_NO_UPDATE_CHECK: '1',
};

// ---------------------------------------------------------------------------------------------------------- helpers

const dir = (name) => join(here, name);
const bin = (fixture, name) => join(dir(fixture), 'node_modules', '.bin', name);
const version = (fixture, pkg) => JSON.parse(readFileSync(join(dir(fixture), 'node_modules', pkg, 'package.json'), 'utf8')).version.replace(/^v/, '');

/** Runs a command to completion; resolves to its output (stdout and stderr), rejects with it on failure. */
function run(cwd, cmd, args, env = {}) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd, env: { ...ENV, ...env }, maxBuffer: 64 << 20, timeout: 600_000 }, (err, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      if (err) reject(new Error(`${cmd} ${args.join(' ')} failed:\n${output.slice(-3000)}`));
      else resolve(output);
    });
  });
}

/** The last line a program printed, without the `smoke: ` prefix the pages use to mark it. */
const lastLine = (output) => output.trim().split('\n').pop().replace(/^smoke: /, '');

/** Fails when a build printed a warning (the rows promise clean output with default config); `known` is a warning
 * block to accept, cut out before looking. */
function clean(output, what, known = null) {
  const warnings = output.replace(known ?? /^\b$/, '').split('\n').filter((line) => /warn|\(!\)/i.test(line));
  if (warnings.length) throw new Error(`${what} printed warnings:\n${warnings.join('\n')}`);
  return output;
}

/** A loopback port nothing listens on: for the closed URL, and for servers that must be told their port. */
const freePort = () => new Promise((resolve) => {
  const server = createNetServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  });
});

/** A long-running server (dev server, `next start`, wrangler): started in its own process group, stopped with it. */
async function service(cwd, cmd, args, url, env = {}) {
  const child = spawn(cmd, args, { cwd, env: { ...ENV, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const stop = () => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', resolve);
    try { process.kill(-child.pid, 'SIGTERM'); } catch { resolve(); }
    setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 5000).unref();
  });
  running.add(stop);
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      await fetch(url, { signal: AbortSignal.timeout(2000) });
      return { output: () => output, stop: async () => { running.delete(stop); await stop(); } };
    } catch { await new Promise((resolve) => setTimeout(resolve, 300)); }
  }
  running.delete(stop);
  await stop();
  throw new Error(`${cmd} ${args.join(' ')} did not answer at ${url}:\n${output.slice(-3000)}`);
}
const running = new Set();

/** Serves a folder on 127.0.0.1 as a static host (the panel's server, `plain`: `application/wasm` and the other
 * types browsers need for streaming compilation). */
const staticServer = (folder) => startWww({ plain: true, mounts: [['/', folder]] });

let browser;
/** A new page of the one headless Chromium, launched on first use. */
async function newPage() {
  if (!browser) {
    const { chromium } = createRequire(join(dir('harness'), 'package.json'))('playwright-core');
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'] });
  }
  return browser.newPage();
}

/** Opens `url` in headless Chromium and resolves to the page's `smoke: …` console line, and how the .wasm arrived. */
async function inChromium(url) {
  const page = await newPage();
  const problems = [];
  let wasm = 'inlined';
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} for ${response.url()}`);
    if (!new URL(response.url()).pathname.endsWith('.wasm')) return;
    wasm = response.status() === 200 && response.headers()['content-type'] === 'application/wasm' ? 'fetched .wasm' : `bad .wasm response ${response.status()}`;
  });
  try {
    const line = new Promise((resolve) => page.on('console', (message) => {
      if (message.text().startsWith('smoke: ')) resolve(message.text().slice(7));
    }));
    await page.goto(url);
    const printed = await Promise.race([line, new Promise((resolve) => setTimeout(() => resolve('(nothing within 60 s)'), 60_000))]);
    if (problems.length) throw new Error(problems.join('\n'));
    return `${printed} (${wasm})`;
  } finally {
    await page.close();
  }
}

/** Opens `url` with every request matching `glob` answered 404, and resolves to the page's first uncaught error. */
async function pageErrorWithout(url, glob) {
  const page = await newPage();
  try {
    await page.route(glob, (route) => route.fulfill({ status: 404, body: 'Not Found' }));
    const error = new Promise((resolve) => page.on('pageerror', (err) => resolve(err.message)));
    await page.goto(url);
    return await Promise.race([error, new Promise((resolve) => setTimeout(() => resolve('(no page error within 30 s)'), 30_000))]);
  } finally { await page.close(); }
}

/** Asserts a printed line also shows the in-process sandbox answering (the rows whose fixture imports
 * minted-connect/sandbox). */
function expectSandbox(printed, what) {
  if (!printed.includes('sandbox=MTD0018232')) throw new Error(`${what} printed ${JSON.stringify(printed)}: no answer from minted-connect/sandbox`);
  return printed;
}

/** Asserts a printed line starts with the smoke result. */
function expect(printed, what) {
  if (!printed.startsWith(SMOKE)) throw new Error(`${what} printed ${JSON.stringify(printed)}, expected ${SMOKE}…`);
  return printed;
}

/** Serves a built site's folder and returns what its page printed in Chromium (client and sandbox lines checked). */
async function inStaticSite(folder, page, closed, what) {
  const server = await staticServer(folder);
  try { return expectSandbox(expect(await inChromium(`${server.url}${page}?closed=${closed}`), what), what); } finally { await server.close(); }
}

/** Starts a dev server on `port` and returns what its page printed in Chromium (client and sandbox lines checked). */
async function inDevServer(cwd, cmd, args, port, closed, what) {
  const server = await service(cwd, cmd, args, `http://127.0.0.1:${port}/`);
  try { return expectSandbox(expect(await inChromium(`http://127.0.0.1:${port}/?closed=${closed}`), what), what); } finally { await server.stop(); }
}

/** Serves a built site's folder and returns what its page printed in Chromium (no sandbox line expected). */
async function inStaticSiteOnly(folder, page, closed) {
  const server = await staticServer(folder);
  try { return await inChromium(`${server.url}${page}?closed=${closed}`); } finally { await server.close(); }
}

/** The environment for tools that need Node 22 (the fixture's `node22` devDependency first on PATH). */
const node22 = (fixture) => ({ PATH: `${join(dir(fixture), 'node_modules', 'node22', 'bin')}:${process.env.PATH}`, NG_CLI_ANALYTICS: 'false' });

/** A server-rendered page: the line its server printed into the HTML (`server: …`, element text, React's `<!-- -->`
 * separators dropped), then the line its client printed in Chromium. */
async function serverAndClient(url, closed, what) {
  let html = await (await fetch(url)).text();
  // Nuxt's dev server answers with a loading page until its first build is done.
  for (const deadline = Date.now() + 120_000; html.includes('Starting Nuxt') && Date.now() < deadline;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    html = await (await fetch(url)).text();
  }
  html = html.replaceAll('<!-- -->', '');
  const server = expect(/server: ([^<]*)</.exec(html)?.[1] ?? `(no server line in ${html.slice(0, 300)})`, `${what} server`);
  const client = expect(await inChromium(`${url}${url.includes('?') ? '&' : '?'}closed=${closed}`), `${what} client`);
  return `server: ${server}; client: ${client}`;
}

/** Starts a framework's server (dev or production), checks `path` with serverAndClient, stops it. WARM_UP: the first
 * visit of a fresh Vite dev server makes Vite optimise the dependencies it discovers and answer 504 for the stale
 * ones until the page reloads (the framework's own modules among them), so the dev rows visit once unchecked first. */
async function framework(cwd, cmd, args, port, closed, what, env = {}, { path = '/', warmUp = false } = {}) {
  const server = await service(cwd, cmd, args, `http://127.0.0.1:${port}${path}`, { CLOSED_URL: closed, ...env });
  try {
    if (warmUp) await inChromium(`http://127.0.0.1:${port}${path}?closed=${closed}`).catch(() => {});
    return await serverAndClient(`http://127.0.0.1:${port}${path}`, closed, what);
  } finally { await server.stop(); }
}

// ------------------------------------------------------------------------------------------------------------ rows
// Each fixture folder yields one or more rows: [label, async () => what it printed].

const rows = {
  lint: (tgz) => [tgz, sandboxTgz].flatMap((tarball) => [
    [`publint ${version('lint', 'publint')}: ${basename(tarball)}`, async () => {
      const output = await run(dir('lint'), bin('lint', 'publint'), [tarball]);
      if (!output.includes('All good!')) throw new Error(output);
      return 'All good!';
    }],
    [`attw ${version('lint', '@arethetypeswrong/cli')}: ${basename(tarball)} (the packed tarball, as --pack makes it)`, async () => {
      const output = await run(dir('lint'), bin('lint', 'attw'), [tarball, '--format', 'table-flipped']);
      if (/❌|💀|⚠️|🥴|❗|🐛|🚭/u.test(output) || !output.includes('🟢')) throw new Error(output);
      const entries = [...output.replace(/\x1b\[\d+m/g, '').matchAll(/^│ "([^"]+)" /gmu)].map((m) => m[1]);
      return `${(output.match(/🟢/gu) ?? []).length} × 🟢, nothing else (${entries.join(', ')} × node10, node16 CJS, node16 ESM, bundler)`;
    }],
  ]),

  typescript: () => [[`tsc ${version('typescript', 'typescript')} strict + exactOptionalPropertyTypes + noUncheckedIndexedAccess`, async () => {
    for (const config of ['node16', 'nodenext', 'bundler']) await run(dir('typescript'), bin('typescript', 'tsc'), ['-p', `tsconfig.${config}.json`]);
    return 'node16, nodenext, bundler: no errors (import, default import, import = require, slim, sandbox)';
  }]],

  runtimes: (tgz, closed) => {
    const env = { CLOSED_URL: closed, DENO_DIR: join(dir('runtimes'), 'node_modules', '.deno') };
    const both = async (cmd, prefix = []) => {
      const imported = lastLine(await run(dir('runtimes'), cmd, [...prefix, 'import.mjs'], env));
      const required = lastLine(await run(dir('runtimes'), cmd, [...prefix, 'require.cjs'], env));
      expect(imported, 'import');
      if (!imported.endsWith('shared=true')) throw new Error(`require and import loaded two instances: ${imported}`);
      expectSandbox(imported, 'import');
      return `import: ${imported}; require: ${expectSandbox(expect(required, 'require'), 'require')}`;
    };
    const nodeAt = (alias) => join(dir('runtimes'), 'node_modules', alias, 'bin', 'node');
    return [
      [`Node ${version('runtimes', 'node18')}`, () => both(nodeAt('node18'))],
      [`Node ${process.versions.node} (the machine's)`, () => both(process.execPath)],
      [`Node ${version('runtimes', 'node22')}`, () => both(nodeAt('node22'))],
      [`Bun ${version('runtimes', 'bun')}`, () => both(bin('runtimes', 'bun'))],
      [`Deno ${version('runtimes', 'deno')} (node_modules; and npm: specifier)`, async () => {
        const npmSpecifier = lastLine(await run(dir('runtimes'), bin('runtimes', 'deno'), ['run', '-A', 'npm-specifier.mjs'], env));
        if (npmSpecifier !== 'validate=too_short error=MintedError') throw new Error(`npm: specifier printed ${npmSpecifier}`);
        return `${await both(bin('runtimes', 'deno'), ['run', '-A'])}; npm:minted-connect: ${npmSpecifier}`;
      }],
    ];
  },

  vite: (tgz, closed) => {
    const vite = (args, port) => service(dir('vite'), bin('vite', 'vite'), [...args, '--port', String(port), '--strictPort', '--host', '127.0.0.1'], `http://127.0.0.1:${port}/`);
    const open = async (args) => {
      const port = await freePort();
      const server = await vite(args, port);
      try {
        const printed = expectSandbox(expect(await inChromium(`http://127.0.0.1:${port}/?closed=${closed}`), `vite ${args[0] ?? 'dev'}`), 'vite');
        return { printed, output: server.output() };
      } finally { await server.stop(); }
    };
    return [
      [`Vite ${version('vite', 'vite')} build + preview`, async () => {
        rmSync(join(dir('vite'), 'dist'), { recursive: true, force: true });
        clean(await run(dir('vite'), bin('vite', 'vite'), ['build']), 'vite build');
        return (await open(['preview'])).printed;
      }],
      [`Vite ${version('vite', 'vite')} dev`, async () => {
        rmSync(join(dir('vite'), 'node_modules', '.vite'), { recursive: true, force: true }); // pre-bundled deps of the last tarball
        const { printed, output } = await open([]);
        clean(output, 'vite dev');
        return printed;
      }],
    ];
  },

  webpack: (tgz, closed) => [
    [`webpack ${version('webpack', 'webpack')} (browser, no config)`, async () => {
      // webpack's performance hint for assets over 250,000 bytes: accepted when the .wasm alone is over (its size is
      // the size budget's business, not the packaging's), and said in the result.
      const sizeHint = new RegExp(String.raw`WARNING in asset size limit: The following asset\(s\) exceed the recommended size limit \(244 KiB\)\.\n` +
        String.raw`This can impact web performance\.\nAssets: \n  [0-9a-f]+\.wasm \(\d+ KiB\)\n\n` +
        String.raw`WARNING in webpack performance recommendations: \n[^\n]*\n[^\n]*\n\nwebpack [\d.]+ compiled with 2 warnings`);
      const output = clean(await run(dir('webpack'), bin('webpack', 'webpack'), ['--mode', 'production']), 'webpack', sizeHint);
      const note = sizeHint.test(output) ? "; webpack printed its size hint: the .wasm is over 244 KiB" : '';
      const server = await staticServer(dir('webpack'));
      try { return expect(await inChromium(`${server.url}index.html?closed=${closed}`), 'webpack') + note; } finally { await server.close(); }
    }],
    [`webpack ${version('webpack', 'webpack')} --target node`, async () => {
      clean(await run(dir('webpack'), bin('webpack', 'webpack'), ['--mode', 'production', '--target', 'node', '--output-path', 'dist-node']), 'webpack --target node');
      return expect(lastLine(await run(dir('webpack'), process.execPath, ['dist-node/main.js'], { CLOSED_URL: closed })), 'webpack node');
    }],
  ],

  esbuild: (tgz, closed) => {
    const esbuild = async (args) => clean(await run(dir('esbuild'), bin('esbuild', 'esbuild'), ['src/app.js', '--bundle', ...args]), 'esbuild');
    const inNode = async (file) => expectSandbox(expect(lastLine(await run(dir('esbuild'), process.execPath, [file], { CLOSED_URL: closed })), file), file);
    return [
      [`esbuild ${version('esbuild', 'esbuild')} --bundle (browser, iife)`, async () => {
        await esbuild(['--outfile=dist/browser.js']);
        const server = await staticServer(dir('esbuild'));
        try { return expectSandbox(expect(await inChromium(`${server.url}index.html?closed=${closed}`), 'esbuild'), 'esbuild'); } finally { await server.close(); }
      }],
      [`esbuild ${version('esbuild', 'esbuild')} --bundle --splitting --format=esm (browser)`, async () => {
        await esbuild(['--splitting', '--format=esm', '--outdir=dist/split']);
        return inStaticSite(dir('esbuild'), 'index-split.html', closed, 'esbuild --splitting');
      }],
      [`esbuild ${version('esbuild', 'esbuild')} --platform=node --format=esm`, async () => {
        await esbuild(['--platform=node', '--format=esm', '--outfile=dist/node.mjs']);
        return inNode('dist/node.mjs');
      }],
      [`esbuild ${version('esbuild', 'esbuild')} --platform=node --format=cjs`, async () => {
        await esbuild(['--platform=node', '--format=cjs', '--outfile=dist/node.cjs']);
        return inNode('dist/node.cjs');
      }],
    ];
  },

  rollup: (tgz, closed) => [[`Rollup ${version('rollup', 'rollup')} + node-resolve ${version('rollup', '@rollup/plugin-node-resolve')}`, async () => {
    clean(await run(dir('rollup'), bin('rollup', 'rollup'), ['-c']), 'rollup');
    const server = await staticServer(dir('rollup'));
    let inBrowser;
    try { inBrowser = expect(await inChromium(`${server.url}index.html?closed=${closed}`), 'rollup in Chromium'); } finally { await server.close(); }
    const inNode = expect(lastLine(await run(dir('rollup'), process.execPath, ['dist/bundle.js'], { CLOSED_URL: closed })), 'rollup in Node');
    return `Chromium: ${inBrowser}; Node: ${inNode}`;
  }]],

  'rollup-browser': (tgz, closed) => {
    const nodeResolve = `node-resolve ${version('rollup-browser', '@rollup/plugin-node-resolve')} { browser: true }`;
    return [
      { config: 'rollup.config.js', page: 'index.html', plugins: nodeResolve },
      { config: 'rollup.commonjs.config.js', page: 'index-commonjs.html',
        plugins: `${nodeResolve} + commonjs ${version('rollup-browser', '@rollup/plugin-commonjs')}` },
    ].map(({ config, page, plugins }) => [`Rollup ${version('rollup-browser', 'rollup')} + ${plugins}, ES output in a folder`, async () => {
      clean(await run(dir('rollup-browser'), bin('rollup-browser', 'rollup'), ['-c', config]), `rollup -c ${config}`);
      const server = await staticServer(dir('rollup-browser'));
      try { return expectSandbox(expect(await inChromium(`${server.url}${page}?closed=${closed}`), `rollup ${config}`), 'rollup'); } finally { await server.close(); }
    }]).concat([[`Rollup ${version('rollup-browser', 'rollup')} + ${nodeResolve}, one IIFE file: refused at build time`, async () => {
      const refused = await run(dir('rollup-browser'), bin('rollup-browser', 'rollup'), ['-c', 'rollup.iife.config.js']).then(() => null, (err) => err.message);
      const message = /RollupError: Invalid value "iife" for option "output\.format" - UMD and IIFE output formats are not supported for code-splitting builds\./;
      if (!refused || !message.test(refused)) throw new Error(`expected Rollup to refuse the build, got: ${refused ?? 'a build'}`);
      return `build fails: ${message.exec(refused)[0]}`;
    }]]);
  },

  parcel: (tgz, closed) => [
    [`Parcel ${version('parcel', 'parcel')} build (package.json "source", no .parcelrc)`, async () => {
      for (const folder of ['dist', '.parcel-cache']) rmSync(join(dir('parcel'), folder), { recursive: true, force: true });
      clean(await run(dir('parcel'), bin('parcel', 'parcel'), ['build']), 'parcel build');
      return inStaticSite(join(dir('parcel'), 'dist'), 'index.html', closed, 'parcel');
    }],
    [`Parcel ${version('parcel', 'parcel')} dev server`, async () => {
      rmSync(join(dir('parcel'), '.parcel-cache'), { recursive: true, force: true });
      const port = await freePort();
      return inDevServer(dir('parcel'), bin('parcel', 'parcel'), ['--port', String(port), '--host', '127.0.0.1', '--no-hmr'], port, closed, 'parcel');
    }],
  ],

  rsbuild: (tgz, closed) => [
    [`Rsbuild ${version('rsbuild', '@rsbuild/core')} (Rspack ${version('rsbuild', '@rspack/core')}) build, create-rsbuild vanilla template`, async () => {
      rmSync(join(dir('rsbuild'), 'dist'), { recursive: true, force: true });
      clean(await run(dir('rsbuild'), bin('rsbuild', 'rsbuild'), ['build']), 'rsbuild build');
      return inStaticSite(join(dir('rsbuild'), 'dist'), 'index.html', closed, 'rsbuild');
    }],
    [`Rsbuild ${version('rsbuild', '@rsbuild/core')} dev server`, async () => {
      const port = await freePort();
      return inDevServer(dir('rsbuild'), bin('rsbuild', 'rsbuild'), ['dev', '--port', String(port), '--host', '127.0.0.1'], port, closed, 'rsbuild dev');
    }],
  ],

  'bun-build': (tgz, closed) => [[`Bun.build ${version('bun-build', 'bun')} (entrypoints and outdir; default target browser)`, async () => {
    rmSync(join(dir('bun-build'), 'dist'), { recursive: true, force: true });
    clean(await run(dir('bun-build'), bin('bun-build', 'bun'), ['build.js']), 'Bun.build');
    return inStaticSite(dir('bun-build'), 'index.html', closed, 'Bun.build');
  }]],

  sveltekit: (tgz, closed) => [
    [`SvelteKit ${version('sveltekit', '@sveltejs/kit')} (sv create minimal, adapter-node ${version('sveltekit', '@sveltejs/adapter-node')}, Vite ${version('sveltekit', 'vite')}): vite build, node build`, async () => {
      clean(await run(dir('sveltekit'), bin('sveltekit', 'vite'), ['build']), 'vite build (SvelteKit)');
      const port = await freePort();
      return framework(dir('sveltekit'), process.execPath, ['build'], port, closed, 'SvelteKit', { PORT: String(port), HOST: '127.0.0.1' });
    }],
    [`SvelteKit ${version('sveltekit', '@sveltejs/kit')}: vite dev`, async () => {
      const port = await freePort();
      return framework(dir('sveltekit'), bin('sveltekit', 'vite'), ['dev', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], port, closed, 'SvelteKit dev',
        {}, { warmUp: true });
    }],
  ],

  'react-router': (tgz, closed) => [
    [`React Router ${version('react-router', 'react-router')} framework mode (default template, server rendering): react-router build, react-router-serve`, async () => {
      rmSync(join(dir('react-router'), 'build'), { recursive: true, force: true });
      // React Router's own notices about its next major version, printed by every project on v7: accepted.
      const futureFlags = /^\s*⚠️\s+Future Flag Warning: [^\n]*\n(?:[^\n]*\n)*?/gm;
      clean(await run(dir('react-router'), bin('react-router', 'react-router'), ['build']), 'react-router build', futureFlags);
      const port = await freePort();
      return framework(dir('react-router'), bin('react-router', 'react-router-serve'), ['./build/server/index.js'], port, closed, 'React Router',
        { PORT: String(port), HOST: '127.0.0.1' });
    }],
    [`React Router ${version('react-router', 'react-router')}: react-router dev`, async () => {
      const port = await freePort();
      return framework(dir('react-router'), bin('react-router', 'react-router'), ['dev', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], port, closed, 'React Router dev',
        {}, { warmUp: true });
    }],
  ],

  angular: (tgz, closed) => {
    const env = node22('angular');
    return [
      [`Angular ${version('angular', '@angular/core')} (ng new --defaults, application builder ${version('angular', '@angular/build')}): ng build`, async () => {
        rmSync(join(dir('angular'), 'dist'), { recursive: true, force: true });
        clean(await run(dir('angular'), bin('angular', 'ng'), ['build'], env), 'ng build');
        return expect(await inStaticSiteOnly(join(dir('angular'), 'dist', 'angular', 'browser'), 'index.html', closed), 'Angular');
      }],
      [`Angular ${version('angular', '@angular/core')}: ng serve`, async () => {
        const port = await freePort();
        const server = await service(dir('angular'), bin('angular', 'ng'), ['serve', '--port', String(port), '--host', '127.0.0.1', '--no-hmr'],
          `http://127.0.0.1:${port}/`, { ...env, NG_CLI_ANALYTICS: 'false' });
        try { return expect(await inChromium(`http://127.0.0.1:${port}/?closed=${closed}`), 'ng serve'); } finally { await server.stop(); }
      }],
    ];
  },

  astro: (tgz, closed) => {
    const env = node22('astro');
    const node = join(dir('astro'), 'node_modules', 'node22', 'bin', 'node');
    /** The endpoint's answer (rendered on demand in Node), then the island's line in Chromium. */
    const check = async (port, what) => {
      const server = expect((await (await fetch(`http://127.0.0.1:${port}/api/smoke`)).text()).replace(/^server: /, ''), `${what} endpoint`);
      const client = expect(await inChromium(`http://127.0.0.1:${port}/?closed=${closed}`), `${what} island`);
      return `server endpoint: ${server}; island: ${client}`;
    };
    return [
      [`Astro ${version('astro', 'astro')} (minimal template, @astrojs/node ${version('astro', '@astrojs/node')} standalone, @astrojs/preact island): astro build, node dist/server/entry.mjs`, async () => {
        rmSync(join(dir('astro'), 'dist'), { recursive: true, force: true });
        clean(await run(dir('astro'), bin('astro', 'astro'), ['build'], { ...env, ASTRO_TELEMETRY_DISABLED: '1' }), 'astro build');
        const port = await freePort();
        const server = await service(dir('astro'), node, ['dist/server/entry.mjs'], `http://127.0.0.1:${port}/`,
          { ...env, CLOSED_URL: closed, HOST: '127.0.0.1', PORT: String(port) });
        try { return await check(port, 'Astro'); } finally { await server.stop(); }
      }],
      [`Astro ${version('astro', 'astro')}: astro dev`, async () => {
        const port = await freePort();
        const server = await service(dir('astro'), bin('astro', 'astro'), ['dev', '--port', String(port), '--host', '127.0.0.1'], `http://127.0.0.1:${port}/`,
          { ...env, CLOSED_URL: closed, ASTRO_TELEMETRY_DISABLED: '1' });
        try {
          await inChromium(`http://127.0.0.1:${port}/?closed=${closed}`).catch(() => {}); // see WARM_UP
          return await check(port, 'Astro dev');
        } finally { await server.stop(); }
      }],
    ];
  },

  nuxt: (tgz, closed) => {
    const env = { ...node22('nuxt'), NUXT_TELEMETRY_DISABLED: '1' };
    const node = join(dir('nuxt'), 'node_modules', 'node22', 'bin', 'node');
    return [
      [`Nuxt ${version('nuxt', 'nuxt')} (minimal starter; Vite client, Nitro server): nuxt build, node .output/server/index.mjs`, async () => {
        rmSync(join(dir('nuxt'), '.output'), { recursive: true, force: true });
        // Nuxt's own notice about an option its Vite configuration sets, printed by every project on this version:
        // ` WARN  The css.devSourcemap …` from consola's fancy reporter, `[warn] The \`css.devSourcemap\` …` from its
        // basic one (chosen when CI=true).
        const deprecation = /^\s*(?:WARN|\[warn\])\s+The `?css\.devSourcemap`? option is deprecated\. Please use `?dev\.sourcemap\.css`? instead\.\n/gm;
        clean(await run(dir('nuxt'), bin('nuxt', 'nuxt'), ['build'], env), 'nuxt build', deprecation);
        const port = await freePort();
        return framework(dir('nuxt'), node, ['.output/server/index.mjs'], port, closed, 'Nuxt', { ...env, HOST: '127.0.0.1', PORT: String(port) });
      }],
      [`Nuxt ${version('nuxt', 'nuxt')}: nuxt dev`, async () => {
        const port = await freePort();
        return framework(dir('nuxt'), bin('nuxt', 'nuxt'), ['dev', '--port', String(port), '--host', '127.0.0.1'], port, closed, 'Nuxt dev', env,
          { warmUp: true });
      }],
    ];
  },

  'static-page': (tgz, closed) => [['<script type="module"> + import map, no tool', async () => {
    const server = await staticServer(dir('static-page'));
    try { return expect(await inChromium(`${server.url}index.html?closed=${closed}`), 'static page'); } finally { await server.close(); }
  }], ['the same page on a server that answers 404 for the .wasm: the import fails saying what to serve', async () => {
    const server = await staticServer(dir('static-page'));
    try {
      const error = await pageErrorWithout(`${server.url}index.html?closed=${closed}`, '**/minted_connect_bg.wasm');
      const said = /^minted-connect could not load its WebAssembly module: GET \S+\/minted_connect_bg\.wasm answered 404: serve minted_connect_bg\.wasm \(node_modules\/minted-connect\/minted_connect_bg\.wasm\) at that URL with Content-Type application\/wasm/;
      if (!said.test(error)) throw new Error(`the page failed with: ${error}`);
      return `page error: ${said.exec(error)[0]}…`;
    } finally { await server.close(); }
  }]],

  next: (tgz, closed) => ['Turbopack', 'webpack'].map((bundler) => [`Next.js ${version('next', 'next')} (${bundler}): route handler, client component`, async () => {
    rmSync(join(dir('next'), '.next'), { recursive: true, force: true });
    // Next's webpack build targets ES2015 for the client (target ['web', 'es6']), so webpack warns about any module
    // with top-level await, which browser.js has (it stream-compiles the .wasm before exporting). The one tolerated
    // warning, documented in docs/guide.md; Turbopack, Next's default, prints none.
    const tla = bundler === 'webpack' ? new RegExp(String.raw`⚠ Compiled with warnings in [^\n]*\n\n\./node_modules/minted-connect/browser\.js\n` +
      String.raw`The generated code contains 'async/await' because this module is using "topLevelAwait"\.\n[^\n]*\n[^\n]*\n\n` +
      String.raw`Import trace for requested module:\n(?:[^\n]+\n)+\s*$`) : null; // stderr comes last: nothing may follow
    clean(await run(dir('next'), bin('next', 'next'), ['build', ...(bundler === 'webpack' ? ['--webpack'] : [])]), `next build (${bundler})`, tla);
    const port = await freePort();
    const server = await service(dir('next'), bin('next', 'next'), ['start', '-p', String(port), '-H', '127.0.0.1'], `http://127.0.0.1:${port}/`, { CLOSED_URL: closed });
    try {
      const route = expect(await (await fetch(`http://127.0.0.1:${port}/api/smoke`)).text(), 'route handler');
      const client = expect(await inChromium(`http://127.0.0.1:${port}/?closed=${closed}`), 'client component');
      const note = tla ? '; next build printed its top-level-await warning (ES2015 client target; see docs/guide.md)' : '';
      return `route handler: ${route}; client component: ${client}${note}`;
    } finally { await server.stop(); }
  }]),

  vitest: () => [[`Vitest ${version('vitest', 'vitest')}: a user's test against minted-connect/sandbox, no config`, async () => {
    const output = await run(dir('vitest'), bin('vitest', 'vitest'), ['run']);
    if (!/Tests\s+2 passed \(2\)/.test(output)) throw new Error(output);
    return 'vitest run: 2 passed (sandbox.test.js)';
  }]],

  jest: () => [[`Jest ${version('jest', 'jest')}: a user's CommonJS test against minted-connect/sandbox, no config`, async () => {
    const output = await run(dir('jest'), bin('jest', 'jest'), []);
    if (!/Tests:\s+2 passed, 2 total/.test(output)) throw new Error(output);
    return 'jest: 2 passed (sandbox.test.js)';
  }]],

  workers: (tgz, closed) => [[`Cloudflare Workers: wrangler ${version('workers', 'wrangler')} dev --local (workerd), Node ${version('workers', 'node22')}`, async () => {
    const port = await freePort();
    const node22 = join(dir('workers'), 'node_modules', 'node22', 'bin');
    const server = await service(dir('workers'), join(node22, 'node'), [join(dir('workers'), 'node_modules', 'wrangler', 'bin', 'wrangler.js'),
      'dev', 'src/index.js', '--local', '--ip', '127.0.0.1', '--port', String(port), '--compatibility-date', '2025-06-01',
      '--var', `CLOSED_URL:${closed}`], `http://127.0.0.1:${port}/`, { PATH: `${node22}:${process.env.PATH}` });
    try {
      return expectSandbox(expect(await (await fetch(`http://127.0.0.1:${port}/`)).text(), 'worker'), 'worker');
    } finally { await server.stop(); }
  }]],
};

// ------------------------------------------------------------------------------------------------------------ main

/** The projects of full-stack frameworks: about 1.5 GB of dependencies between them, so `make test` leaves them to
 * the second consumer step of CI (.ci/run). */
const FRAMEWORKS = ['sveltekit', 'react-router', 'angular', 'astro', 'nuxt'];

/** The folders the command line asks for: named ones, a group, or all. */
function selected(args) {
  if (args.includes('--frameworks')) return FRAMEWORKS;
  if (args.includes('--no-frameworks')) return Object.keys(rows).filter((name) => !FRAMEWORKS.includes(name));
  return Object.keys(rows).filter((name) => !args.length || args.includes(name));
}

async function main() {
  const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  const fixtures = selected(process.argv.slice(2));
  const unknown = only.filter((name) => !rows[name]);
  if (unknown.length) throw new Error(`no such consumer folder: ${unknown.join(', ')} (have: ${Object.keys(rows).join(', ')})`);

  mkdirSync(work, { recursive: true });
  const packed = JSON.parse(await run(work, 'npm', ['pack', join(root, 'pkg'), join(root, 'pkg', 'sandbox'), '--pack-destination', work, '--json', '--loglevel=error']));
  const tgz = join(work, packed[0].filename);
  sandboxTgz = join(work, packed[1].filename);
  const withDeps = ['harness', ...fixtures].filter((name) => Object.keys(JSON.parse(readFileSync(join(dir(name), 'package-lock.json'), 'utf8')).packages).length > 1);
  const installing = Date.now();
  const setup = await run(root, join(root, 'scripts', 'setup.sh'), withDeps.map((name) => join('tests', 'consumers', name)));
  if (setup.trim()) console.log(`${setup.trim()}\n(tool dependencies installed in ${((Date.now() - installing) / 1000).toFixed(0)} s)`);
  for (const name of fixtures) {
    for (const { name: pkg, filename } of packed) {
      const target = join(dir(name), 'node_modules', pkg);
      rmSync(target, { recursive: true, force: true });
      mkdirSync(target, { recursive: true });
      await run(target, 'tar', ['-xzf', join(work, filename), '--strip-components=1']);
    }
  }
  for (const { filename, size, unpackedSize } of packed) console.log(`installed ${filename} (${size} bytes packed, ${unpackedSize} unpacked)`);
  console.log(`into ${fixtures.join(', ')}`);

  const manifests = (name) => ['package.json', 'package-lock.json'].map((file) => readFileSync(join(dir(name), file), 'utf8')).join('\0');
  const closed = `http://127.0.0.1:${await freePort()}`;
  const results = [];
  for (const name of fixtures) {
    const before = manifests(name);
    for (const [label, check] of rows[name](tgz, closed)) {
      const started = Date.now();
      let result;
      try {
        result = { ok: true, printed: await check() };
      } catch (err) {
        result = { ok: false, printed: err.message };
      }
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      results.push({ name, label, seconds, ...result });
      console.log(`${result.ok ? 'ok  ' : 'FAIL'} ${name.padEnd(11)} ${label} (${seconds} s)\n       ${result.printed.split('\n').join('\n       ')}`);
    }
    // A tool that installs what it thinks is missing (Parcel's polyfills) changes the project: a failure of its own.
    if (manifests(name) !== before) {
      results.push({ name, label: 'package.json and lockfile unchanged', seconds: '0.0', ok: false, printed: `a tool changed ${name}/package.json or its lockfile` });
      console.log(`FAIL ${name.padEnd(11)} a tool changed package.json or package-lock.json`);
    }
  }
  const failed = results.filter((r) => !r.ok);
  console.log(`\n| folder | consumer (default config) | result | printed |\n|---|---|---|---|`);
  for (const r of results) console.log(`| ${r.name} | ${r.label} | ${r.ok ? 'works' : '**fails**'} | ${r.ok ? r.printed : r.printed.split('\n')[0]} |`);
  console.log(`\n${results.length - failed.length} of ${results.length} consumer rows work`);
  console.log(`consumers: ${results.length - failed.length} passed, ${failed.length} failed`);
  return failed.length ? 1 : 0;
}

const stopAll = async () => {
  await Promise.all([...running].map((stop) => stop()));
  await browser?.close();
};
process.on('SIGINT', () => stopAll().finally(() => process.exit(130)));
let code = 1;
try {
  code = await main();
} catch (err) {
  console.error(err.message);
} finally {
  await stopAll();
}
process.exit(code);
