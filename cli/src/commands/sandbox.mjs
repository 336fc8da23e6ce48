// minted sandbox [--port N]: the in-process sandbox (minted-connect/sandbox) served over HTTP on 127.0.0.1, for
// programs in any language; nothing but Node needed. Every request goes through sandbox.exchange(); a fault that
// closes the connection destroys the socket without a byte of response, as the native server does.
import { createServer } from 'node:http';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createSandbox } from 'minted-connect/sandbox';
import { EXIT, UsageError, number } from '../util.mjs';

/** Requests that cannot change data: the state file is not rewritten after them. */
const READ_ONLY = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Request bodies up to this size are read; a larger one gets 413 (as the native server). */
const BODY_LIMIT = 2 << 20;

/** The sandbox settings the command line asks for (createSandbox options). */
function settings(opts, env) {
  const whole = (name) => number(name, opts[name], { min: 0, integer: true });
  const chosen = {
    username: opts.username ?? env.MINTED_SANDBOX_USERNAME,
    password: env.MINTED_SANDBOX_PASSWORD,
    realm: opts.realm,
    algorithm: opts.algorithm,
    nonceTtlSecs: whole('nonce-ttl-secs'),
    ncCheck: opts['nc-check'],
    seed: whole('seed'),
    quoteTtlSecs: whole('quote-ttl-secs'),
    deliveryStepSecs: whole('delivery-step-secs'),
  };
  return Object.fromEntries(Object.entries(chosen).filter(([, value]) => value !== undefined));
}

function open(options, file) {
  const state = file && existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  try {
    return createSandbox({ ...options, state });
  } catch (err) {
    throw new UsageError(file && state !== undefined ? `${file}: ${err.message}` : err.message);
  }
}

/** Writes the state to `file` (through FILE.tmp and a rename) when it changed since the last write. */
function saver(sandbox, file) {
  let last;
  return () => {
    if (!file) return;
    const text = `${JSON.stringify(sandbox.save(), null, 2)}\n`;
    if (text === last) return;
    writeFileSync(`${file}.tmp`, text);
    renameSync(`${file}.tmp`, file);
    last = text;
  };
}

async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > BODY_LIMIT) return null;
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

export const sandbox = {
  name: 'sandbox',
  usage: '[--port N] [--state FILE] [options]',
  args: [],
  summary: 'serve a local Partner API sandbox on 127.0.0.1 (no Rust needed)',
  description: `Serves the Partner API sandbox (customers, wallets, moving prices, quotes, buy and sell with a ledger,
cards with 3-D Secure, stored cards, delivery, orders, fault injection, /__sandbox admin routes) over HTTP on
127.0.0.1 until Ctrl-C, for test suites in any language. It is the sandbox of minted-connect/sandbox, the same as
the native minted-sandbox server; the options are that server's. Prints "minted-sandbox listening on URL" when ready.
Credentials: user "sandbox" (--username or MINTED_SANDBOX_USERNAME), password "sandbox-password"
(MINTED_SANDBOX_PASSWORD).`,
  options: {
    port: { type: 'string', value: 'N', help: 'port on 127.0.0.1 (default 0: a free port, printed)' },
    state: { type: 'string', value: 'FILE', help: 'keep all data in FILE: loaded at start, saved after every change' },
    seed: { type: 'string', value: 'N', help: 'seed of the price function (default 42)' },
    'quote-ttl-secs': { type: 'string', value: 'S', help: 'lifetime of a price-fix token (default 240)' },
    'delivery-step-secs': { type: 'string', value: 'S', help: 'time a delivery spends in each status (default 30)' },
    'nonce-ttl-secs': { type: 'string', value: 'S', help: 'lifetime of a Digest nonce (default 300)' },
    'nc-check': { type: 'string', value: 'replay|strict', help: 'nonce-count check (default replay)' },
    algorithm: { type: 'string', value: 'A', help: 'SHA-256, MD5, SHA-256-sess, MD5-sess or both (default both)' },
    realm: { type: 'string', value: 'R', help: 'Digest realm (default minted-sandbox)' },
    'exit-on-stdin-eof': { type: 'boolean', help: 'stop when standard input closes (for parent processes)' },
  },
  examples: ['minted sandbox --port 8787', 'minted sandbox --port 0 --quote-ttl-secs 5 --state sandbox.json'],
  async run({ opts, env, out, signal }) {
    const port = number('port', opts.port ?? 0, { min: 0, max: 65535, integer: true });
    const served = open(settings(opts, env), opts.state);
    const save = saver(served, opts.state);
    save();
    const server = createServer(async (req, res) => {
      const body = await readBody(req);
      if (body === null) {
        // The rest of the body is not read: the connection closes after the answer.
        res.writeHead(413, { connection: 'close' }).end('request body too large');
        return;
      }
      const headers = [];
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
      // The exchange runs to its end even when the client leaves during an injected delay, as on a server.
      const reply = await served.exchange({ method: req.method, target: req.url, headers, body });
      if (!READ_ONLY.has(req.method)) {
        try {
          save();
        } catch (err) {
          out.note(`minted sandbox: could not save ${opts.state}: ${err.message}`);
        }
      }
      if (reply === null) {
        req.socket.destroy();
        return;
      }
      const grouped = { 'content-length': String(reply.body.length) };
      for (const [name, value] of reply.headers) (grouped[name] ??= []).push(value);
      res.writeHead(reply.status, grouped);
      res.end(reply.body);
    });
    await new Promise((resolve, reject) => {
      server.once('error', (err) => reject(new UsageError(`cannot listen on 127.0.0.1:${port}: ${err.message}`)));
      server.listen(port, '127.0.0.1', resolve);
    });
    out.stdout.write(`minted-sandbox listening on http://127.0.0.1:${server.address().port}\n`);
    await new Promise((resolve) => {
      if (signal.aborted) resolve();
      signal.addEventListener('abort', resolve, { once: true });
      if (opts['exit-on-stdin-eof']) process.stdin.on('end', resolve).on('close', resolve).resume();
    });
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    served.close();
    return EXIT.ok;
  },
};
