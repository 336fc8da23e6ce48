#!/usr/bin/env node
// `make release VERSION=0.2.0`: one version for the three packages of a release (minted-connect,
// minted-connect-sandbox, minted-connect-cli). It sets the version where it is declared (Cargo.toml; the build
// writes it into pkg/ and pkg/sandbox/) and in the command's package (its version, its ranges on the other two, its
// lockfile), moves CHANGELOG.md's "Unreleased" under the version, runs everything `make test` runs (which builds the
// packages), and writes the three tarballs and SHA256SUMS into target/release/VERSION/. Publishing is left to the
// person releasing (README.md, "Install"; docs/development.md, "Releases").
//
//   node scripts/release.mjs VERSION [--allow-dirty]
//
// It refuses a tree with uncommitted changes (the tarballs must be what a commit holds) unless --allow-dirty.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cargoVersion, disagreements, isVersion, packRelease, releaseChangelog, setCargoVersion, setCliLock,
  setCliManifest, versionFacts } from './release-parts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const version = args.find((arg) => !arg.startsWith('--'));
const fail = (message) => {
  console.error(`release: ${message}`);
  process.exit(1);
};
const run = (cmd, cmdArgs, options = {}) => execFileSync(cmd, cmdArgs, { cwd: root, encoding: 'utf8', ...options });

if (!version || !isVersion(version)) fail(`give the version to release, as MAJOR.MINOR.PATCH: make release VERSION=0.2.0 (got ${version ?? 'none'})`);
const current = cargoVersion(root);
if (version === current) fail(`${version} is already the version in Cargo.toml`);
// The built packages may be from any earlier build: the release rebuilds them.
const before = disagreements(current, versionFacts(root).filter(({ built }) => !built));
if (before.length) fail(`the versions disagree before the release:\n  ${before.join('\n  ')}`);
if (!args.includes('--allow-dirty') && run('git', ['status', '--porcelain']).trim()) {
  fail('the working tree has uncommitted changes: commit or stash them first (or pass --allow-dirty)');
}

// 1. The version, everywhere it is written by hand; then Cargo.lock.
const date = process.env.RELEASE_DATE ?? new Date().toISOString().slice(0, 10);
const edits = [
  ['Cargo.toml', (text) => setCargoVersion(text, version)],
  ['cli/package.json', (text) => setCliManifest(text, version)],
  ['cli/package-lock.json', (text) => setCliLock(text, version)],
  ['CHANGELOG.md', (text) => releaseChangelog(text, version, date)],
];
const updated = edits.map(([file, edit]) => [file, edit(readFileSync(join(root, file), 'utf8'))]);
for (const [file, text] of updated) writeFileSync(join(root, file), text);
run('cargo', ['update', '--workspace', '--offline', '--quiet'], { stdio: 'inherit' });
const changed = [...edits.map(([file]) => file), 'Cargo.lock'];
console.log(`release ${version} (${date}): ${changed.join(', ')} updated from ${current}`);

// 2. Everything `make test` runs, on the new version (scripts/test.sh builds pkg/ and pkg/sandbox/ first).
try {
  execFileSync(join(root, 'scripts', 'test.sh'), [], { cwd: root, stdio: 'inherit' });
} catch {
  fail(`the tests failed on ${version}, so nothing was packed. Undo the version (git checkout -- ${changed.join(' ')}), ` +
    'fix what failed, and release again');
}
const after = disagreements(version, versionFacts(root));
if (after.length) fail(`the versions disagree after the build:\n  ${after.join('\n  ')}`);

// 3. The tarballs and their sums.
const out = join(root, 'target', 'release', version);
rmSync(out, { recursive: true, force: true });
const packed = packRelease(root, out);
const sums = readFileSync(join(out, 'SHA256SUMS'), 'utf8').trim().split('\n');
console.log(`\n${out}:`);
for (const { filename, size, unpackedSize, entryCount } of packed) {
  console.log(`  ${filename}  ${size} B packed, ${unpackedSize} B unpacked, ${entryCount} files`);
}
console.log(`  SHA256SUMS (check with: cd ${out} && sha256sum -c SHA256SUMS)\n${sums.map((line) => `    ${line}`).join('\n')}`);
console.log(`\nnext: commit the release (git commit -am "Release ${version}"), then publish the three tarballs in this order:\n` +
  packed.map(({ filename }) => `  npm publish ${join(out, filename)}`).join('\n'));
