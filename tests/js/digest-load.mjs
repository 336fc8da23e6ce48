// Digest traffic as integrations make it — sequential and concurrent calls on a new and a warm client, calls after
// the nonce expired, a wrong password — against any server, counting the requests and 401s that reached it.
// Used against Apache httpd (apache.test.mjs) and the sandbox (digest-concurrency.test.mjs).
import assert from 'node:assert/strict';
import { MintedClient } from 'minted-connect';

/**
 * @typedef {{ requests: number, unauthorized: number }} Counts
 * @typedef {{
 *   baseUrl: string, username: string, password: string,
 *   call: (client: MintedClient, i: number) => Promise<unknown>,
 *   counts: () => Promise<Counts>,
 * }} Target
 * @typedef {{ label: string, calls: number, requests: number, unauthorized: number, failures: number, errors: unknown[] }} Row
 */

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A new client for the target (English messages; `extra` overrides, e.g. a wrong password). */
export function clientOf(target, extra = {}) {
  return new MintedClient({ baseUrl: target.baseUrl, username: target.username, password: target.password, language: 'en', ...extra });
}

/**
 * Makes `calls` calls with `client`, all at once (`concurrent`) or one after another, and returns what the server
 * counted meanwhile.
 * @returns {Promise<Row>}
 */
export async function run(target, label, client, calls, { concurrent }) {
  const before = await target.counts();
  const errors = [];
  const one = (i) => target.call(client, i).then(() => undefined, (err) => { errors.push(err); });
  if (concurrent) {
    await Promise.all(Array.from({ length: calls }, (_, i) => one(i)));
  } else {
    for (let i = 0; i < calls; i++) await one(i);
  }
  const after = await target.counts();
  return {
    label,
    calls,
    requests: after.requests - before.requests,
    unauthorized: after.unauthorized - before.unauthorized,
    failures: errors.length,
    errors,
  };
}

/**
 * The standard runs: a new client's 20 sequential calls, then 20 and 50 concurrent on that warm client, 20 and 50
 * concurrent on new clients, and 20 sequential on a warm client (in the mode the bursts left it in).
 * @returns {Promise<Row[]>}
 */
export async function standardRuns(target) {
  const warm = clientOf(target);
  const rows = [];
  rows.push(await run(target, 'new client, 20 sequential', warm, 20, { concurrent: false }));
  rows.push(await run(target, 'warm client, 20 concurrent', warm, 20, { concurrent: true }));
  rows.push(await run(target, 'warm client, 50 concurrent', warm, 50, { concurrent: true }));
  rows.push(await run(target, 'new client, 20 concurrent', clientOf(target), 20, { concurrent: true }));
  const burst = clientOf(target);
  rows.push(await run(target, 'new client, 50 concurrent', burst, 50, { concurrent: true }));
  rows.push(await run(target, 'that client, 50 concurrent again', burst, 50, { concurrent: true }));
  rows.push(await run(target, 'warm client, 20 sequential', warm, 20, { concurrent: false }));
  return rows;
}

/**
 * Nonce expiry: a warm client waits past the nonce lifetime once (one call renews the nonce; the client learns the
 * lifetime), then again before a burst of 20 and before 5 sequential calls.
 * @returns {Promise<Row[]>}
 */
export async function expiryRuns(target, lifetimeMs) {
  const client = clientOf(target);
  const rows = [];
  rows.push(await run(target, 'new client, 20 concurrent', client, 20, { concurrent: true }));
  await sleep(lifetimeMs + 600);
  rows.push(await run(target, 'after expiry, 1 call', client, 1, { concurrent: false }));
  await sleep(lifetimeMs + 600);
  rows.push(await run(target, 'after expiry, 20 concurrent', client, 20, { concurrent: true }));
  await sleep(lifetimeMs + 600);
  rows.push(await run(target, 'after expiry, 5 sequential', client, 5, { concurrent: false }));
  return rows;
}

/** A wrong password: every call fails with kind `auth`, and the burst costs one challenge and one refused answer. */
export async function wrongPasswordRun(target) {
  const client = clientOf(target, { password: 'not-the-password' });
  return run(target, 'new client, wrong password, 20 concurrent', client, 20, { concurrent: true });
}

/** The table printed after a suite: one line per run. */
export function table(title, rows) {
  const head = ['run', 'calls', 'requests', 'req/call', '401s', 'failures'];
  const body = rows.map((r) => [r.label, r.calls, r.requests, (r.requests / r.calls).toFixed(2), r.unauthorized, r.failures]);
  const widths = head.map((h, i) => Math.max(String(h).length, ...body.map((line) => String(line[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [title, line(head), ...body.map(line)].join('\n  ');
}

/** No call failed; the first error, if any, is shown. */
export function assertNoFailures(row) {
  assert.equal(row.failures, 0, `${row.label}: ${row.failures} failed calls, e.g. ${row.errors[0]?.kind}: ${row.errors[0]?.message}`);
}

/**
 * The bounds every server must meet. `checksCounts`: the server refuses counts out of order (Apache's
 * AuthDigestNcCheck On, the sandbox's --nc-check strict). `evicted`: clients the server dropped from its nonce table
 * meanwhile (Apache's AH10618); each costs one renewal, so exact counts may be that much higher.
 */
export function assertStandardBounds(rows, { checksCounts, evicted = 0 }) {
  const by = Object.fromEntries(rows.map((r) => [r.label, r]));
  rows.forEach(assertNoFailures);
  const exactly = (label, requests, unauthorized) => {
    const row = by[label];
    if (evicted === 0) {
      assert.deepEqual(pick(row), { requests, unauthorized }, label);
    } else {
      assert.ok(row.requests <= requests + evicted, `${label}: ${row.requests} requests (${evicted} evictions)`);
    }
  };
  // sequential calls: one 401 for a new client, then one request per call — whatever the server checks
  exactly('new client, 20 sequential', 21, 1);
  exactly('warm client, 20 sequential', 20, 0);
  for (const label of ['new client, 20 concurrent', 'new client, 50 concurrent']) {
    const row = by[label];
    if (checksCounts) {
      assert.ok(row.requests <= 1.5 * row.calls, `${label}: ${row.requests} requests for ${row.calls} calls`);
    } else {
      // one challenge for the whole burst
      exactly(label, row.calls + 1, 1);
    }
  }
  for (const label of ['warm client, 20 concurrent', 'warm client, 50 concurrent']) {
    const row = by[label];
    if (checksCounts) {
      assert.ok(row.requests <= 1.5 * row.calls, `${label}: ${row.requests} requests for ${row.calls} calls`);
    } else {
      exactly(label, row.calls, 0);
    }
  }
  // once a client holds its challenges, a repeated burst costs one request per call
  exactly('that client, 50 concurrent again', 50, 0);
}

/** Bounds for the expiry runs: nothing fails, and a burst after expiry renews the nonce once per challenge held. */
export function assertExpiryBounds(rows, { checksCounts }) {
  const by = Object.fromEntries(rows.map((r) => [r.label, r]));
  rows.forEach(assertNoFailures);
  assert.deepEqual(pick(by['after expiry, 1 call']), { requests: 2, unauthorized: 1 });
  assert.deepEqual(pick(by['after expiry, 5 sequential']), { requests: 6, unauthorized: 1 });
  const burst = by['after expiry, 20 concurrent'];
  if (checksCounts) {
    assert.ok(burst.requests <= 1.5 * burst.calls, `${burst.requests} requests`);
  } else {
    // the lifetime was learned: one call renews the nonce while the others wait for it
    assert.deepEqual(pick(burst), { requests: 21, unauthorized: 1 });
  }
}

/** Bounds for a wrong password: every call fails as `auth`, after one challenge and one refused answer. */
export function assertWrongPassword(row) {
  assert.equal(row.failures, row.calls);
  for (const err of row.errors) {
    assert.equal(err.kind, 'auth', err.message);
    assert.match(err.message, /rejected the username or password/);
    assert.ok(!JSON.stringify(err).includes('not-the-password'));
  }
  assert.deepEqual(pick(row), { requests: 2, unauthorized: 2 });
}

function pick(row) {
  return { requests: row.requests, unauthorized: row.unauthorized };
}
