// The journal of a bulk command: an append-only JSON Lines file beside the input. Before a chunk is sent its rows are
// written as "sending"; once the answer is known, as "ok" or "failed". Each line is written synchronously before the
// next step, so after Ctrl-C, a crash or a lost connection a rerun knows which rows are done (never sent again),
// which were refused (sent again: they were not applied) and which were in flight (checked on the server first).
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { UsageError } from './util.mjs';

export class Journal {
  /** Opens (or starts) the journal at `path` for the input `file`; `restart` forgets what an earlier run did. */
  constructor(path, file, { restart = false } = {}) {
    this.path = path;
    this.states = new Map();
    const fingerprint = createHash('sha256').update(readFileSync(file)).digest('hex');
    if (restart) rmSync(path, { force: true });
    const earlier = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (earlier) {
      const entries = earlier.split('\n').filter(Boolean).map((line) => { try { return JSON.parse(line); } catch { return {}; } });
      if (entries[0]?.input !== fingerprint) {
        throw new UsageError(`${path} is the journal of another version of ${file}; pass --restart to start over`);
      }
      for (const { rows = [], state } of entries.slice(1)) for (const row of rows) this.states.set(row, state);
    }
    this.fd = openSync(path, 'a', 0o600);
    if (!earlier) this.#write({ input: fingerprint, file });
  }

  /** The last state written for `row`: undefined, "sending", "ok" or "failed". */
  state(row) {
    return this.states.get(row);
  }

  /** Records `state` for the rows (`{ row }` objects), with a reason for failures. */
  mark(state, rows, reason) {
    if (!rows.length) return;
    for (const { row } of rows) this.states.set(row, state);
    this.#write(reason ? { state, rows: rows.map((r) => r.row), reason } : { state, rows: rows.map((r) => r.row) });
  }

  #write(entry) {
    writeSync(this.fd, `${JSON.stringify(entry)}\n`);
  }

  close() {
    fsyncSync(this.fd);
    closeSync(this.fd);
  }
}
