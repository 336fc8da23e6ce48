// Where output goes: results on stdout (JSON with --json), everything for people (progress, errors) on stderr.

export class Output {
  constructor({ stdout, stderr, json, debug }) {
    Object.assign(this, { stdout, stderr, json, debug });
  }

  /** A line for people on stdout (suppressed with --json, where stdout is reserved for the JSON result). */
  line(text) {
    if (!this.json) this.stdout.write(`${text}\n`);
  }

  /** A note for people on stderr. */
  note(text) {
    this.stderr.write(`${text}\n`);
  }

  /** The command's result: `value` as JSON with --json, else `human()`'s text. */
  result(value, human) {
    if (this.json) this.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    else this.stdout.write(`${typeof human === 'function' ? human(value) : human}\n`);
  }

  /** A failure: `error: kind: message` on stderr (the stack only with --debug), and with --json the error on stdout. */
  error(kind, message, err) {
    this.stderr.write(`error: ${kind}: ${message}\n`);
    if (this.debug && err?.stack) this.stderr.write(`${err.stack}\n`);
    if (this.json) {
      const details = typeof err?.toJSON === 'function' ? err.toJSON() : {};
      this.stdout.write(`${JSON.stringify({ ok: false, error: { ...details, kind, message } }, null, 2)}\n`);
    }
  }
}
