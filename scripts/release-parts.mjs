// The pieces of a release (scripts/release.mjs), each a small function: the one version, declared once in Cargo.toml
// ([package] version), which the build writes into pkg/package.json and pkg/sandbox/package.json and the release into
// the command's package and the changelog; where the versions disagree; the tarballs and their sums.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The lines of Cargo.toml's [package] section: from its header to the next section header or the end. */
const PACKAGE_SECTION = /^\[package\]\n(?:(?!\[).*\n?)*/m;
const VERSION_LINE = /^version\s*=\s*"([^"]*)"/m;

/** The `version` of Cargo.toml's [package] section. */
export function versionOfCargoToml(text) {
  const version = VERSION_LINE.exec(PACKAGE_SECTION.exec(text)?.[0] ?? '')?.[1];
  if (!version) throw new Error('Cargo.toml has no version in its [package] section');
  return version;
}

/** The release's version, read from the repository at `root`. */
export const cargoVersion = (root) => versionOfCargoToml(readFileSync(join(root, 'Cargo.toml'), 'utf8'));

/** A version as npm and Cargo take it: semantic versioning's MAJOR.MINOR.PATCH with an optional pre-release. */
export const isVersion = (text) => /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/.test(text);

/** The range by which one package of the release depends on another: this release's minor (or, from 1.0.0, major). */
export const rangeFor = (version) => `^${version}`;

/** Cargo.toml's text with the [package] section's version set to `version` (nothing else changes). */
export function setCargoVersion(text, version) {
  const section = PACKAGE_SECTION.exec(text);
  if (!section || !VERSION_LINE.test(section[0])) throw new Error('Cargo.toml has no version in its [package] section');
  const updated = section[0].replace(VERSION_LINE, `version = "${version}"`);
  return text.slice(0, section.index) + updated + text.slice(section.index + section[0].length);
}

/** The packages of the release on which the command depends, by the range rangeFor gives. */
export const CLI_DEPENDENCIES = ['minted-connect', 'minted-connect-sandbox'];

/** cli/package.json's text with its version and its ranges on the release's other packages set (layout kept). */
export function setCliManifest(text, version) {
  let updated = text.replace(/^ {2}"version": "[^"]*"/m, `  "version": "${version}"`);
  for (const name of CLI_DEPENDENCIES) {
    updated = updated.replace(new RegExp(`^(\\s*"${name}": )"[^"]*"`, 'm'), `$1"${rangeFor(version)}"`);
  }
  const manifest = JSON.parse(updated);
  if (manifest.version !== version || CLI_DEPENDENCIES.some((name) => manifest.dependencies?.[name] !== rangeFor(version))) {
    throw new Error('cli/package.json: no version or dependency line to set');
  }
  return updated;
}

/** cli/package-lock.json's text in step with setCliManifest: the root's version and ranges, and the versions of the
 * linked folders (pkg/, pkg/sandbox/) the build writes. */
export function setCliLock(text, version) {
  const lock = JSON.parse(text);
  const rootPackage = lock.packages?.[''];
  if (!rootPackage) throw new Error('cli/package-lock.json has no root package');
  lock.version = version;
  rootPackage.version = version;
  for (const name of CLI_DEPENDENCIES) rootPackage.dependencies[name] = rangeFor(version);
  for (const folder of ['../pkg', '../pkg/sandbox']) if (lock.packages[folder]) lock.packages[folder].version = version;
  return JSON.stringify(lock, null, 2) + '\n';
}

/** The heading of a release in CHANGELOG.md: `## 0.2.0 - 2026-12-07`. */
const RELEASE_HEADING = /^## (\S+) - (\d{4}-\d{2}-\d{2})$/m;
const UNRELEASED = /^## Unreleased\n([\s\S]*?)(?=^## |(?![\s\S]))/m;

/** The newest release CHANGELOG.md names, `{ version, date }`, or null. */
export function newestRelease(changelog) {
  const match = RELEASE_HEADING.exec(changelog);
  return match ? { version: match[1], date: match[2] } : null;
}

/** CHANGELOG.md with what is under "Unreleased" moved under `## VERSION - DATE`, and "Unreleased" left empty. */
export function releaseChangelog(text, version, date) {
  const unreleased = UNRELEASED.exec(text);
  if (!unreleased) throw new Error('CHANGELOG.md has no "## Unreleased" section');
  if (!unreleased[1].trim()) throw new Error('CHANGELOG.md: nothing under "Unreleased" to release');
  if (new RegExp(`^## ${version.replaceAll('.', '\\.')} - `, 'm').test(text)) throw new Error(`CHANGELOG.md already has ${version}`);
  const released = `## Unreleased\n\n## ${version} - ${date}\n${unreleased[1]}`;
  return text.slice(0, unreleased.index) + released + text.slice(unreleased.index + unreleased[0].length);
}

/**
 * Where the versions of a release disagree: each fact `{ where, version }` (a version, or a range that must be
 * rangeFor's) against the version Cargo.toml declares. An empty list when they agree.
 */
export function disagreements(declared, facts) {
  return facts
    .filter(({ version, range }) => (range ? version !== rangeFor(declared) : version !== declared))
    .map(({ where, version, range }) => `${where} is ${version ?? 'missing'}, not ${range ? rangeFor(declared) : declared}`);
}

/** Every place the repository at `root` states the release's version; those of the built packages (only when built)
 * are marked `built`. */
export function versionFacts(root) {
  const read = (path) => readFileSync(join(root, path), 'utf8');
  const json = (path) => JSON.parse(read(path));
  const cli = json('cli/package.json');
  const lock = json('cli/package-lock.json');
  const cargoLock = /\[\[package\]\]\nname = "minted-connect"\nversion = "([^"]+)"/.exec(read('Cargo.lock'))?.[1];
  const facts = [
    { where: 'Cargo.lock (minted-connect)', version: cargoLock },
    { where: 'CHANGELOG.md (newest release)', version: newestRelease(read('CHANGELOG.md'))?.version },
    { where: 'cli/package.json version', version: cli.version },
    ...CLI_DEPENDENCIES.map((name) => ({ where: `cli/package.json dependency ${name}`, version: cli.dependencies?.[name], range: true })),
    { where: 'cli/package-lock.json version', version: lock.version },
    { where: 'cli/package-lock.json root version', version: lock.packages?.['']?.version },
    ...CLI_DEPENDENCIES.map((name) => ({ where: `cli/package-lock.json dependency ${name}`, version: lock.packages?.['']?.dependencies?.[name], range: true })),
  ];
  for (const [folder, name] of [['pkg', 'minted-connect'], ['pkg/sandbox', 'minted-connect-sandbox']]) {
    if (!existsSync(join(root, folder, 'package.json'))) continue;
    const built = json(`${folder}/package.json`);
    facts.push({ where: `${folder}/package.json (${name})`, version: built.version, built: true });
  }
  if (existsSync(join(root, 'pkg', 'package.json'))) {
    facts.push({ where: 'pkg/package.json peer minted-connect-sandbox', version: json('pkg/package.json').peerDependencies?.['minted-connect-sandbox'], range: true, built: true });
  }
  return facts;
}

/** The release's packages, in the order they are published (each before those that depend on it). */
export const RELEASE_FOLDERS = ['./pkg', './pkg/sandbox', './cli'];

/** `npm pack` of the release's packages into `out`, and SHA256SUMS beside them (as `sha256sum -c` reads it); returns
 * npm's report of each tarball (`filename`, `size`, `unpackedSize`, `entryCount`, `files`…). */
export function packRelease(root, out) {
  mkdirSync(out, { recursive: true });
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', out, ...RELEASE_FOLDERS],
    { cwd: root, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' } }));
  const sums = packed.map(({ filename }) => `${createHash('sha256').update(readFileSync(join(out, filename))).digest('hex')}  ${filename}`);
  writeFileSync(join(out, 'SHA256SUMS'), sums.join('\n') + '\n');
  return packed;
}
