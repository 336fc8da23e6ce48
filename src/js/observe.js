// Watching calls: the built-in logger (`logLevel`, `logger`, `MINTED_LOG`) and the client's `observers` (such as the
// one minted-connect/otel makes), fed by the core: one event when a call starts, one when it ends, one per retry, and
// for the debug log one per HTTP exchange (with redacted copies of what went out and came back). When nothing
// watches, `watcher` returns null and the core builds no event at all.
//
// Also the SDK's identification header (User-Agent where the runtime lets a request set it, x-minted-sdk in browsers).

/** `MINTED_LOG` in Node, Bun and Deno; undefined elsewhere, when unset, or when Deno may not read the environment. */
export function logLevelFromEnvironment() {
  try {
    const value = globalThis.process?.env?.MINTED_LOG ?? globalThis.Deno?.env?.get('MINTED_LOG');
    return typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What watches a client's calls: null when nothing does (no log level on, no observers), otherwise an object whose
 * `start(event)` the core calls as each call starts; it returns the call's own watcher (see `CallWatch`). `logging`
 * names the log levels turned on, which are also the logger's method names (`error`, `warn`, `info`, `debug`).
 */
export function watcher(logging, logger, observers) {
  const list = observers ? [...observers] : [];
  if (logging.length === 0 && list.length === 0) return null;
  const log = logging.length > 0 ? logLines(new Set(logging), logger ?? console) : null;
  return {
    start(operation, method, route, url) {
      const event = { operation, method, route, url };
      const calls = [];
      for (const observer of list) {
        try {
          const call = observer.callStarted?.(event);
          if (call) calls.push(call);
        } catch { /* observe-only */ }
      }
      return new CallWatch(event, log, calls);
    },
  };
}

/** One call being watched. `exchanges` tells the core whether to report each HTTP exchange (debug log only). */
class CallWatch {
  constructor(start, log, calls) {
    this.startEvent = start;
    this.log = log;
    this.calls = calls;
    this.exchanges = log?.hearsExchanges ?? false;
  }

  request(event) {
    this.log?.debug(`${event.operation} attempt ${event.attempt} → ${event.method} ${event.url}` +
      ` headers ${JSON.stringify(event.headers)}${event.body === undefined ? '' : ` body ${event.body}`}`);
  }

  response(event) {
    const what = event.status === 0 ? `failed: ${event.error}` : `${event.status}${event.status === 401
      ? ' (Digest challenge)' : ''}${event.requestId ? ` request id ${event.requestId}` : ''}`;
    this.log?.debug(`${event.operation} attempt ${event.attempt} ← ${what} in ${Math.round(event.durationMs)} ms` +
      `${event.body ? ` body ${event.body}` : ''}`);
  }

  retry(attempt, delayMs, reason) {
    this.log?.warn(`${this.startEvent.operation} attempt ${attempt - 1} ended with ${reason}: retrying in` +
      ` ${Math.round(delayMs)} ms`);
    this.each('retrying', { attempt, delayMs, reason });
  }

  lookup(round, delayMs, externalId, reason) {
    this.log?.warn(`${this.startEvent.operation} order ${externalId} unclear (${reason}): looking it up in` +
      ` ${Math.round(delayMs)} ms (round ${round})`);
    this.each('retrying', { attempt: round, delayMs, reason, lookup: true, externalId });
  }

  end(metadata, error, durationMs) {
    const event = error ? { status: error.status, requestId: error.requestId, attempts: error.attempts ?? 0,
      durationMs, error } : metadata;
    const log = this.log;
    if (log) {
      const { operation, method, url } = this.startEvent;
      const path = url.replace(/^[a-z]+:\/\/[^/]*/i, '');
      const outcome = event.error ? `failed: ${event.error.kind}: ${event.error.message}` : `${event.status}`;
      const detail = [`${event.attempts} attempt${event.attempts === 1 ? '' : 's'}`];
      if (event.requestId) detail.push(`request id ${event.requestId}`);
      if (event.reconciled) detail.push('reconciled by look-up');
      const line = `${operation} ${method} ${path} → ${outcome} in ${Math.round(event.durationMs)} ms (${detail.join(', ')})`;
      if (event.error) log.error(line);
      else log.info(line);
    }
    this.each('ended', event);
  }

  each(method, event) {
    for (const call of this.calls) {
      try {
        call[method]?.(event);
      } catch { /* observe-only */ }
    }
  }
}

/** A line writer for each log level, through `logger`'s method of that name; silent for the levels not on. */
function logLines(on, logger) {
  const writer = (level) => (on.has(level) ? (line) => {
    try {
      const write = logger[level] ?? logger.log;
      write.call(logger, `minted-connect ${line}`);
    } catch { /* a logger that throws does not break a call */ }
  } : () => {});
  return { hearsExchanges: on.has('debug'), error: writer('error'), warn: writer('warn'), info: writer('info'),
    debug: writer('debug') };
}

/** What a call's last response said, as `withResponse` and the end of a call give it. */
export function metadata(status, requestId, attempts, durationMs, reconciled, headers) {
  const out = { status, attempts, durationMs, reconciled, headers: safeHeaders(headers) };
  if (requestId !== undefined) out.requestId = requestId;
  return out;
}

/** The response headers safe to hand back (all but cookies), as a plain object; a `fetch` option's Response may only
 * have `get`, and then the ones the SDK reads are given. */
function safeHeaders(headers) {
  const out = {};
  if (typeof headers?.forEach === 'function') {
    headers.forEach((value, name) => {
      if (name !== 'set-cookie' && name !== 'set-cookie2') out[name] = value;
    });
  } else if (typeof headers?.get === 'function') {
    for (const name of ['content-type', 'date', 'retry-after', 'x-request-id']) {
      const value = headers.get(name);
      if (value !== null && value !== undefined) out[name] = value;
    }
  }
  return out;
}

/**
 * The header that says which SDK sent a request: `User-Agent: minted-connect/<version> (<runtime> <version>)` where
 * the runtime lets a request set it (Node, Bun, Deno, Workers), `x-minted-sdk` with the same value in browsers (which
 * forbid setting User-Agent). `appName` (`my-app/1.2`) is added at the end.
 */
export function sdkIdentity(version, appName) {
  const process = globalThis.process;
  let runtime;
  let header = 'User-Agent';
  if (globalThis.Bun?.version) runtime = `bun ${globalThis.Bun.version}`;
  else if (globalThis.Deno?.version?.deno) runtime = `deno ${globalThis.Deno.version.deno}`;
  else if (process?.versions?.node) runtime = `node ${process.versions.node}`;
  else if (globalThis.navigator?.userAgent === 'Cloudflare-Workers') runtime = 'workerd';
  else {
    runtime = 'browser';
    header = 'x-minted-sdk';
  }
  const value = `minted-connect/${version} (${runtime})${appName ? ` ${appName}` : ''}`;
  return { header, value };
}
