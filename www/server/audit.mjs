// The audit log of a panel in proxy mode: one JSON line per call that changes anything (every method but GET),
// appended to a file: when, who (operator and address), which operation, the path, the external ids it names, the
// API's status and request id. The ids of a body are read from the package's redacted copy of it (the client's
// `onRequest` hook: card numbers masked, CVVs, passwords and tokens removed), never from the body itself; bodies,
// passwords and Authorization values are never part of a line.
import { closeSync, openSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';

const ID_KEY = /(^|_)(external_id|external_customer_id|external_order_id|order_code|guid)$/;
const MAX_ID = 100;

/**
 * Every member of a JSON body named like an external id (`external_id`, `customer_external_id`,
 * `customer.external_id`…); none when the text is not JSON (a redacted copy is cut after 2,048 characters).
 */
export function bodyIds(text) {
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    return {};
  }
  const found = {};
  const walk = (node, prefix) => {
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      const path = Array.isArray(node) ? `${prefix}[${key}]` : prefix ? `${prefix}.${key}` : key;
      if (typeof value === 'string' && ID_KEY.test(key)) found[path] = value.slice(0, MAX_ID);
      else walk(value, path);
    }
  };
  walk(body, '');
  return found;
}

/**
 * Opens the log for appending (created readable by its owner only; a file that cannot be opened stops the server
 * at start rather than run without its log). `write(record)` appends one line (resolves once it is
 * written); lines keep the order of calls.
 */
export function openAudit(file) {
  closeSync(openSync(file, 'a', 0o600));
  let queue = Promise.resolve();
  return {
    write(record) {
      const line = `${JSON.stringify({ time: new Date().toISOString(), ...record })}\n`;
      queue = queue.then(() => appendFile(file, line)).catch((err) => console.error(`audit log ${file}: ${err.message}`));
      return queue;
    },
  };
}
