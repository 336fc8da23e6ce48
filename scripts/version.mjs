// The one version of a release. It is declared once, in Cargo.toml ([package] version); the build writes it into
// pkg/package.json and pkg/sandbox/package.json, and the release (scripts/release.mjs) into the command's package.
import { readFileSync } from 'node:fs';
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
