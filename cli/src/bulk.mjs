// What the bulk commands share: read and check every row, stop there with --dry-run, resume from the journal, send
// the rest with progress, then the summary, the per-row report and the exit code.
import { writeFileSync } from 'node:fs';
import { DIALECTS, formatCsv } from 'minted-connect/csv';
import { runBatch } from './batch.mjs';
import { Journal } from './journal.mjs';
import { progress } from './progress.mjs';
import { checkRows, delimiterOption, readRows } from './rows.mjs';
import { EXIT, number } from './util.mjs';

/** Options every bulk command takes. */
export const BULK_OPTIONS = {
  delimiter: { type: 'string', value: 'comma|semicolon|tab', help: 'CSV separator (default: detected from the header line)' },
  encoding: { type: 'string', value: 'NAME', help: 'encoding of a CSV file without a BOM (default utf-8; windows-1254, iso-8859-9, utf-16le…)' },
  'dry-run': { type: 'boolean', help: 'check every row and stop; nothing is sent (needs no connection)' },
  concurrency: { type: 'string', value: 'N', help: 'requests in flight at once (1-16, default 2)' },
  rate: { type: 'string', value: 'N/s', help: 'at most N requests per second (default: no limit)' },
  journal: { type: 'string', value: 'FILE', help: 'journal file (default: FILE.journal beside the input)' },
  restart: { type: 'boolean', help: 'forget the journal and start over (rows done before are sent again)' },
  report: { type: 'string', value: 'OUT.csv', help: 'write every row\'s outcome (row, id, outcome, message, request id) to OUT.csv' },
  excel: { type: 'boolean', help: 'write the report for Excel in a Turkish locale: BOM, ";" and decimal commas' },
};

/**
 * Runs one bulk import. `spec`: `operation` and `toBody`/`prefix` (how a row is validated), `key` (the row's id
 * column), `columns` (what the columns that are not text hold: `number`, `date`, `datetime`), `chunkSize`, and
 * `send(client, items, signal)` / `confirm(client, item, signal)` as `runBatch` takes them.
 */
export async function importRows(ctx, spec) {
  const { args: [file], opts, out, t, lang, signal } = ctx;
  const rows = await readRows(file, t, { columns: spec.columns, delimiter: delimiterOption(opts.delimiter), encoding: opts.encoding });
  const { valid, invalid, warnings } = checkRows(rows, { ...spec, lang, t });
  for (const w of warnings) out.note(w);
  for (const i of invalid) out.note(t.issue(i.row, i.column, i.message));
  const invalidRows = new Set(invalid.map((i) => i.row));
  if (opts['dry-run']) {
    out.result({ total: rows.length, valid: valid.length, invalid: invalidRows.size, invalid_rows: invalid }, t.dryRun(valid.length, invalidRows.size));
    return invalid.length ? EXIT.failed : EXIT.ok;
  }

  const client = await ctx.connect();
  const sender = spec.once ? await ctx.connect({ maxRetries: 0 }) : client;
  const journal = new Journal(opts.journal ?? `${file}.journal`, file, { restart: opts.restart });
  out.note(t.journal(journal.path));
  const todo = valid.filter((r) => journal.state(r.row) !== 'ok');
  const bar = todo.length ? progress({ label: ctx.command, total: todo.length }) : { tick() {}, stop() {} };
  let outcomes;
  try {
    outcomes = await runBatch({
      rows: todo,
      send: (items, s) => spec.send(sender, items, s),
      confirm: (item, s) => spec.confirm(client, item, s),
      journal,
      chunkSize: number('chunk-size', opts['chunk-size'], { min: 1, max: spec.chunkSize, integer: true }) ?? spec.chunkSize,
      concurrency: number('concurrency', opts.concurrency ?? 2, { min: 1, max: 16, integer: true }),
      rate: number('rate', opts.rate, { min: 0.01 }),
      signal,
      onDone: (n) => bar.tick(n),
    });
  } finally {
    bar.stop();
    journal.close();
  }

  const outcome = (r) => outcomes.get(r.row) ?? (journal.state(r.row) === 'ok' ? { outcome: 'skipped' } : { outcome: 'pending' });
  const count = (name) => valid.filter((r) => outcome(r).outcome === name).length;
  const failures = valid
    .filter((r) => ['failed', 'unconfirmed'].includes(outcome(r).outcome))
    .map((r) => ({ row: r.row, id: r.id, reason: outcome(r).reason ?? t.unconfirmed, request_id: outcome(r).requestId }));
  const summary = {
    total: rows.length, sent: count('sent'), skipped: count('skipped'), invalid: invalidRows.size, failed: failures.length,
    pending: count('pending'), failures, invalid_rows: invalid, journal: journal.path, interrupted: signal.aborted,
  };
  if (opts.report) {
    const records = new Map(rows.map((r) => [r.row, r.record]));
    const byRow = new Map(valid.map((r) => [r.row, [r.row, r.id, outcome(r).outcome, outcome(r).reason ?? '', outcome(r).requestId ?? '']]));
    for (const i of invalid) {
      const line = byRow.get(i.row) ?? [i.row, records.get(i.row)?.[spec.key] ?? '', 'invalid', '', ''];
      line[3] = [line[3], t.issue(i.row, i.column, i.message)].filter(Boolean).join('; ');
      byRow.set(i.row, line);
    }
    const lines = [...byRow.values()].sort((a, b) => a[0] - b[0]);
    writeFileSync(opts.report, formatCsv([['row', spec.key, 'outcome', 'message', 'request_id'], ...lines], opts.excel ? DIALECTS.excelComma : DIALECTS.plain));
    out.note(t.report(opts.report));
  }
  for (const f of failures) out.note(t.failure(f.row, f.id, f.reason));
  out.result(summary, [todo.length || valid.length === 0 ? null : t.nothingToDo, t.summary(summary)].filter(Boolean).join('\n'));
  if (signal.aborted) {
    out.note(t.interrupted);
    return EXIT.interrupted;
  }
  return summary.failed || summary.invalid ? EXIT.failed : EXIT.ok;
}
