// One version for the release's three packages: this tree's versions agree (Cargo.toml, the command's package and its
// lockfile, the changelog's newest release, the built packages), and each piece of `make release` (scripts/
// release-parts.mjs) does what it says, from tables.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { root } from '../../scripts/sandbox-process.mjs';
import { cargoVersion, disagreements, isVersion, newestRelease, releaseChangelog, setCargoVersion, setCliLock,
  setCliManifest, versionFacts, versionOfCargoToml } from '../../scripts/release-parts.mjs';

describe('the versions of this tree', () => {
  test('agree with Cargo.toml everywhere they are written', () => {
    const facts = versionFacts(root);
    assert.ok(facts.length >= 10, 'every place is read');
    assert.deepEqual(disagreements(cargoVersion(root), facts), []);
  });
});

describe('disagreements', () => {
  const ROWS = [
    { case: 'all agree', facts: [{ where: 'a', version: '0.2.0' }, { where: 'b', version: '^0.2.0', range: true }], expected: [] },
    { case: 'a version behind', facts: [{ where: 'cli', version: '0.1.0' }], expected: ['cli is 0.1.0, not 0.2.0'] },
    { case: 'a range on the old version', facts: [{ where: 'dep', version: '^0.1.0', range: true }], expected: ['dep is ^0.1.0, not ^0.2.0'] },
    { case: 'a pinned range', facts: [{ where: 'dep', version: '0.2.0', range: true }], expected: ['dep is 0.2.0, not ^0.2.0'] },
    { case: 'missing', facts: [{ where: 'changelog', version: undefined }], expected: ['changelog is missing, not 0.2.0'] },
  ];
  for (const row of ROWS) {
    test(row.case, () => assert.deepEqual(disagreements('0.2.0', row.facts), row.expected));
  }
});

describe('release pieces', () => {
  const CARGO = '[workspace]\nmembers = ["."]\n\n[package]\nname = "minted-connect"\nversion = "0.1.0"\nedition = "2021"\n\n' +
    '[dependencies]\nserde = { version = "1" }\n\n[profile.release]\nversion = "not this"\n';
  test('setCargoVersion changes the [package] version and nothing else', () => {
    const updated = setCargoVersion(CARGO, '0.2.0');
    assert.equal(updated, CARGO.replace('version = "0.1.0"', 'version = "0.2.0"'));
    assert.equal(versionOfCargoToml(updated), '0.2.0');
    assert.throws(() => setCargoVersion('[workspace]\n', '0.2.0'), /no version in its \[package\] section/);
  });

  const MANIFEST = '{\n  "name": "minted-connect-cli",\n  "version": "0.1.0",\n  "keywords": ["minted", "minted-connect"],\n' +
    '  "dependencies": {\n    "exceljs": "4.4.0",\n    "minted-connect": "^0.1.0",\n    "minted-connect-sandbox": "^0.1.0"\n  }\n}\n';
  test("setCliManifest sets the version and the ranges on the release's packages, keeping the layout", () => {
    assert.equal(setCliManifest(MANIFEST, '0.2.0'), MANIFEST.replace('"version": "0.1.0"', '"version": "0.2.0"')
      .replace('"minted-connect": "^0.1.0"', '"minted-connect": "^0.2.0"').replace('"minted-connect-sandbox": "^0.1.0"', '"minted-connect-sandbox": "^0.2.0"'));
    assert.throws(() => setCliManifest(MANIFEST.replace(',\n    "minted-connect-sandbox": "^0.1.0"', ''), '0.2.0'), /no version or dependency line/);
  });

  test('setCliLock keeps the lockfile in step with the manifest', () => {
    const lock = { name: 'minted-connect-cli', version: '0.1.0', lockfileVersion: 3, packages: {
      '': { name: 'minted-connect-cli', version: '0.1.0', dependencies: { exceljs: '4.4.0', 'minted-connect': '^0.1.0', 'minted-connect-sandbox': '^0.1.0' } },
      '../pkg': { name: 'minted-connect', version: '0.1.0' }, '../pkg/sandbox': { name: 'minted-connect-sandbox', version: '0.1.0' },
      'node_modules/exceljs': { version: '4.4.0' } } };
    const updated = JSON.parse(setCliLock(JSON.stringify(lock), '0.2.0'));
    assert.equal(updated.version, '0.2.0');
    assert.deepEqual(updated.packages[''].dependencies, { exceljs: '4.4.0', 'minted-connect': '^0.2.0', 'minted-connect-sandbox': '^0.2.0' });
    assert.deepEqual([updated.packages[''].version, updated.packages['../pkg'].version, updated.packages['../pkg/sandbox'].version], ['0.2.0', '0.2.0', '0.2.0']);
    assert.equal(updated.packages['node_modules/exceljs'].version, '4.4.0');
  });

  const CHANGELOG = '# Changelog\n\nIntro.\n\n## Unreleased\n\n### minted-connect\n\n- New thing.\n\n## 0.1.0 - 2026-12-01\n\nThe first release.\n';
  test('releaseChangelog moves what is under Unreleased under the version, and leaves Unreleased empty', () => {
    const released = releaseChangelog(CHANGELOG, '0.2.0', '2026-12-07');
    assert.equal(released, '# Changelog\n\nIntro.\n\n## Unreleased\n\n## 0.2.0 - 2026-12-07\n\n### minted-connect\n\n- New thing.\n\n' +
      '## 0.1.0 - 2026-12-01\n\nThe first release.\n');
    assert.deepEqual(newestRelease(released), { version: '0.2.0', date: '2026-12-07' });
    assert.throws(() => releaseChangelog(released, '0.3.0', '2026-12-08'), /nothing under "Unreleased"/);
    assert.throws(() => releaseChangelog(CHANGELOG, '0.1.0', '2026-12-08'), /already has 0\.1\.0/);
    assert.throws(() => releaseChangelog('# Changelog\n', '0.2.0', '2026-12-08'), /no "## Unreleased" section/);
  });

  const VERSIONS = [['0.2.0', true], ['1.0.0-rc.1', true], ['10.20.30', true], ['v0.2.0', false], ['0.2', false], ['01.2.3', false], ['', false]];
  for (const [text, valid] of VERSIONS) {
    test(`isVersion(${JSON.stringify(text)}) is ${valid}`, () => assert.equal(isVersion(text), valid));
  }
});
