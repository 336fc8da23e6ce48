#!/usr/bin/env node
// The API report: what the packages' public declarations export, as API Extractor writes it, for each entry with
// declarations of its own (`minted-connect`, its subpaths but `/slim`, which repeats the main declarations, and
// `/sandbox`, which is the package `minted-connect-sandbox`, reported by its own name). The reports are checked in under docs/api/,
// so a change to the public surface shows in review. `make test` runs this and fails when a report is out of date;
// `make api-report` (or `node scripts/api-report.mjs --update`) writes the new reports.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const update = process.argv.includes('--update');
const require = createRequire(join(root, 'tools', 'package.json'));
const { Extractor, ExtractorConfig } = require('@microsoft/api-extractor');

// The client's package and the sandbox's (pkg/sandbox/), each entry with its package folder. `minted-connect/sandbox`
// only re-exports the sandbox's package, whose own entry is reported (as minted-connect-sandbox).
const entriesOf = (folder) => {
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
  return Object.entries(manifest.exports)
    .filter(([path]) => path !== './slim' && path !== './sandbox' && path !== './package.json')
    .map(([path, entry]) => ({ folder, name: path === '.' ? manifest.name : `${manifest.name}-${path.slice(2)}`, types: entry?.import?.types }))
    .filter((entry) => typeof entry.types === 'string');
};
const entries = [...entriesOf(join(root, 'pkg')), ...entriesOf(join(root, 'pkg', 'sandbox'))];

const reportFolder = join(root, 'docs', 'api');
const tempFolder = join(root, 'target', 'api-report');
mkdirSync(tempFolder, { recursive: true });
let stale = [];
for (const entry of entries) {
  const config = ExtractorConfig.prepare({
    configObject: {
      projectFolder: root,
      mainEntryPointFilePath: join(entry.folder, entry.types),
      compiler: { overrideTsconfig: { compilerOptions: { lib: ['es2022', 'dom', 'esnext.disposable'], types: [],
        skipLibCheck: true, module: 'nodenext', moduleResolution: 'nodenext' } } },
      apiReport: { enabled: true, reportFileName: `${entry.name}.api.md`, reportFolder, reportTempFolder: tempFolder },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        // The declarations are generated: release tags and TSDoc dialect are not what the report is for.
        extractorMessageReporting: { default: { logLevel: 'none' } },
        tsdocMessageReporting: { default: { logLevel: 'none' } },
        compilerMessageReporting: { default: { logLevel: 'warning' } },
      },
    },
    configObjectFullPath: join(root, 'tools', 'api-extractor.json'),
    packageJsonFullPath: join(entry.folder, 'package.json'),
  });
  const result = Extractor.invoke(config, { localBuild: update, showVerboseMessages: false });
  if (!result.succeeded || result.apiReportChanged) stale.push(entry.name);
}
if (stale.length && !update) {
  console.error(`the public API changed (${stale.join(', ')}): review target/api-report/*.api.md against docs/api/, ` +
    'then run `make api-report` and commit the reports with the change');
  process.exit(1);
}
console.log(update ? `API reports written to docs/api/ (${entries.map((e) => e.name).join(', ')})`
  : `API reports match docs/api/ (${entries.map((e) => e.name).join(', ')})`);
