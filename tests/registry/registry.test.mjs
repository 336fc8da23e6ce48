// The release as partners get it: the three tarballs (packed as `make release` packs them) published to a local
// registry (Verdaccio) by the README's publish steps, then installed by name, by the README's install steps, in a
// fresh project and as a global command; the client loads by require and import and makes its first call, the
// sandbox comes only with its own package, and `minted` runs against the sandbox. The registry, the sandbox and every
// folder are the test's own, removed at the end; nothing is installed outside them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, root } from '../../scripts/sandbox-process.mjs';
import { cargoVersion, packRelease } from '../../scripts/release-parts.mjs';
import { addUser, startRegistry } from './registry.mjs';

const version = cargoVersion(root);
/** The README's placeholders, and the folder `make release` writes to. */
const README_REGISTRY = 'https://npm.partner.example/';
const README_VERSION = '0.2.0';

/** The commands of the README's sh block that follows the comment naming this test, without their comments. */
function readmeBlock(mark) {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const at = readme.indexOf(`<!-- tests/registry/registry.test.mjs runs this block${mark}`);
  assert.ok(at >= 0, `README.md has no block marked "${mark}"`);
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(at))[1];
  return block.split('\n').map((line) => line.replace(/\s+#.*$/, '').trim()).filter(Boolean);
}

/** Total bytes of the files under `dir`, and their count. */
function footprint(dir) {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { recursive: true })) {
    const stat = statSync(join(dir, entry));
    if (stat.isFile()) { bytes += stat.size; files += 1; }
  }
  return { bytes, files };
}

let work;
let registry;
let sandbox;
let env;
let release;
const sh = (script, cwd) => execFileSync('bash', ['-euo', 'pipefail', '-c', script], { cwd, env, encoding: 'utf8' });
const node = (args, cwd) => execFileSync(process.execPath, args, { cwd, env, encoding: 'utf8' }).trim();
const json = (path) => JSON.parse(readFileSync(path, 'utf8'));

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'minted-registry-'));
  release = join(work, 'release', version);
  packRelease(root, release);
  mkdirSync(join(work, 'verdaccio'));
  registry = await startRegistry(join(work, 'verdaccio'));
  sandbox = await startSandbox();
  const token = await addUser(registry.url, 'releaser', 'release-password-1');
  // npm's own settings go to the test's files: its user config (what `npm config set` writes) and its global prefix.
  env = {
    ...process.env, NPM_TOKEN: token, NPM_CONFIG_USERCONFIG: join(work, 'npmrc'), NPM_CONFIG_PREFIX: join(work, 'global'),
    npm_config_loglevel: 'error', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false',
    MINTED_BASE_URL: sandbox.url, MINTED_USERNAME: sandbox.username, MINTED_PASSWORD: sandbox.password, MINTED_LANG: 'en',
    MINTED_CONFIG_DIR: join(work, 'minted-config'), MINTED_STATE_DIR: join(work, 'minted-state'),
  };
});

after(async () => {
  await registry?.stop();
  await sandbox?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('a release through a registry', () => {
  const project = () => join(work, 'project');

  test("the README's publish steps publish the three packages", () => {
    const host = new URL(registry.url).host;
    const script = readmeBlock(', with its registry').join('\n')
      .replaceAll(README_REGISTRY, `${registry.url}/`)
      .replaceAll(`//${new URL(README_REGISTRY).host}/`, `//${host}/`)
      .replaceAll(`target/release/${README_VERSION}`, release)
      .replaceAll(README_VERSION, version);
    const printed = sh(script, work);
    console.log(printed.trim().split('\n').filter((line) => /^\+ |: OK$/.test(line)).join('\n'));
    assert.match(printed, new RegExp(`minted-connect-${version.replaceAll('.', '\\.')}\\.tgz: OK`));
    for (const name of ['minted-connect', 'minted-connect-sandbox', 'minted-connect-cli']) {
      assert.match(printed, new RegExp(`^\\+ ${name}@${version.replaceAll('.', '\\.')}$`, 'm'), `${name} published`);
      assert.equal(sh(`npm view ${name} version`, work).trim(), version, `${name} served by the registry`);
    }
    assert.equal(sh('npm view minted-connect-cli dependencies.minted-connect', work).trim(), `^${version}`);
  });

  test('a project installs minted-connect by name: a production install has no sandbox, and unpacks to 1.5 MB at most', () => {
    mkdirSync(project());
    writeFileSync(join(project(), 'package.json'), JSON.stringify({ name: 'partner-app', version: '1.0.0', private: true }));
    const [client] = readmeBlock(' against a registry');
    assert.equal(client, 'npm install minted-connect');
    sh(client, project());
    const installed = join(project(), 'node_modules', 'minted-connect');
    assert.equal(json(join(installed, 'package.json')).version, version);
    const lock = json(join(project(), 'package-lock.json'));
    assert.equal(lock.packages['node_modules/minted-connect'].resolved.startsWith(`${registry.url}/minted-connect/-/`), true,
      'the tarball came from the registry');
    assert.deepEqual(Object.keys(lock.packages).filter((path) => path.startsWith('node_modules/')), ['node_modules/minted-connect'],
      'nothing but the client is installed');
    const { bytes, files } = footprint(installed);
    console.log(`installed minted-connect@${version}: ${bytes} bytes in ${files} files`);
    assert.ok(bytes <= 1_500_000, `minted-connect unpacks to ${bytes} bytes`);
    const missing = node(['-e', "try { require('minted-connect/sandbox'); } catch (e) { console.log(e.message); }"], project());
    assert.equal(missing, 'minted-connect/sandbox needs the package minted-connect-sandbox, installed beside minted-connect: ' +
      'npm install --save-dev minted-connect-sandbox');
    const missingImport = node(['--input-type=module', '-e', "await import('minted-connect/sandbox').catch((e) => console.log(e.code, e.message))"], project());
    assert.match(missingImport, /^ERR_MODULE_NOT_FOUND Cannot find package 'minted-connect-sandbox' imported from /);
  });

  test('the client loads by require and by import, and its first call reaches the sandbox', () => {
    const call = (client) => `new ${client}({ baseUrl: process.env.MINTED_BASE_URL, username: process.env.MINTED_USERNAME, ` +
      "password: process.env.MINTED_PASSWORD }).getCustomer('MTD0018232')";
    const required = node(['-e', `const { MintedClient } = require('minted-connect');
      ${call('MintedClient')}.then((c) => console.log(c.external_id, c.firstname));`], project());
    const imported = node(['--input-type=module', '-e', `import minted, { MintedClient } from 'minted-connect';
      const customer = await ${call('MintedClient')};
      console.log(customer.external_id, customer.firstname, minted.MintedClient === MintedClient);`], project());
    console.log(`require: ${required}; import: ${imported}`);
    assert.equal(required, 'MTD0018232 Mehmet');
    assert.equal(imported, 'MTD0018232 Mehmet true');
  });

  test('minted-connect-sandbox as a dev dependency makes minted-connect/sandbox work, by require and import', () => {
    const [, sandboxPackage] = readmeBlock(' against a registry');
    sh(sandboxPackage, project());
    assert.equal(json(join(project(), 'package.json')).devDependencies['minted-connect-sandbox'], `^${version}`);
    const script = (load) => `${load}
      const sandbox = createSandbox();
      const client = new MintedClient({ baseUrl: sandbox.url, ...sandbox.credentials, fetch: sandbox.fetch });
      client.getCustomer('MTD0018232').then((c) => console.log(c.external_id, typeof sandbox.admin.state));`;
    assert.equal(node(['-e', script("const { createSandbox } = require('minted-connect/sandbox'); const { MintedClient } = require('minted-connect');")],
      project()), 'MTD0018232 function');
    assert.equal(node(['--input-type=module', '-e', script("import { createSandbox } from 'minted-connect/sandbox'; import { MintedClient } from 'minted-connect';")],
      project()), 'MTD0018232 function');
  });

  test('minted-connect-cli installs globally by name, with its dependencies by range, and runs against the sandbox', () => {
    const [, , cli] = readmeBlock(' against a registry');
    assert.equal(cli, 'npm install --global minted-connect-cli');
    sh(cli, work);
    const bin = join(work, 'global', 'bin', 'minted');
    const modules = join(work, 'global', 'lib', 'node_modules', 'minted-connect-cli', 'node_modules');
    for (const name of ['minted-connect', 'minted-connect-sandbox']) assert.equal(json(join(modules, name, 'package.json')).version, version, name);
    const printed = execFileSync(bin, ['--version'], { env, encoding: 'utf8' }).trim();
    assert.equal(printed, `minted ${version}`);
    const customer = JSON.parse(execFileSync(bin, ['customers', 'get', 'MTD0018232', '--json'], { env, encoding: 'utf8' }));
    console.log(`${printed}; minted customers get MTD0018232 --json: ${customer.external_id ?? customer.data?.external_id}`);
    assert.equal(customer.external_id ?? customer.data?.external_id, 'MTD0018232');
  });
});
