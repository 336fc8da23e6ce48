// The JavaScript half of an HTTP exchange, in the order a call uses it: the caller's value as JSON text for the core
// to validate (`jsonText`); the exchange itself (`exchange`: fetch with a timeout and the caller's signal, its body
// read), run here rather than step by step from the core, since every step taken from WebAssembly would cross the
// boundary and allocate a closure; and the response body read into the object handed back (`readResponse`). V8's
// JSON.parse builds that object (every field the server sent is kept), then one walk checks `data` against the shape
// of the operation's response model. The shape tables are not written here: the core hands them over once
// (`installShapes`), as text generated from the model declarations in src/api/ (the grammar is described in
// src/api/model.rs). Also the backoff timer an AbortSignal cuts short (`sleep`).

/**
 * A value as JSON text: `null` for `undefined`, nothing (`undefined`) for what JSON cannot write (a BigInt, a cycle,
 * a function).
 */
export function jsonText(value) {
  try {
    return value === undefined ? 'null' : JSON.stringify(value);
  } catch {
    return undefined;
  }
}

/** Resolves after `ms` milliseconds, or at once when `signal` aborts (the timer is cleared either way). */
export function sleep(ms, signal) {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => { clearTimeout(timer); signal?.removeEventListener('abort', done); resolve(); };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Settles like `start()`, or rejects with `signal.reason` as soon as `signal` aborts: a fetch function or a body
 * that ignores the signal cannot hold a call past its timeout. */
function untilAborted(start, signal) {
  let stop;
  const aborted = new Promise((_, reject) => {
    stop = () => reject(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
  });
  return Promise.race([Promise.resolve().then(start), aborted]).finally(() => signal.removeEventListener('abort', stop));
}

/** Whether `response` has what the core reads of a Response: `status`, `headers.get()` and `arrayBuffer()`. */
function isResponse(response) {
  return Boolean(response) && typeof response.status === 'number' && typeof response.arrayBuffer === 'function'
    && Boolean(response.headers) && typeof response.headers.get === 'function';
}

/**
 * One HTTP exchange: `fetchFn(url, init)` (the client's `fetch` option; the global `fetch` when it is undefined) with
 * `headers` and, for a signed request, `authorization`; bounded by `timeoutMs` and the caller's `signal`. Resolves to
 * `{ status, requestId, headers, body }` (`body` a Uint8Array); rejects with `{ stage, error }`, `stage` being
 * `timeout` or `aborted` when the exchange's own controller fired, `fetch` when fetch rejected (or resolved to
 * something that is not a Response), `read` when the body could not be read.
 *
 * fetch sees only the exchange's own signal, aborted with an Error reason. The platform's fetch stops by itself when
 * it aborts; a custom fetch (or its body) that ignores the signal is raced against it.
 */
export async function exchange(fetchFn, url, method, headers, authorization, body, timeoutMs, signal) {
  const controller = new AbortController();
  let stage = 'fetch';
  const stop = (why) => {
    if (stage === 'timeout' || stage === 'aborted') return;
    stage = why;
    controller.abort(new Error(why));
  };
  const timer = setTimeout(stop, timeoutMs, 'timeout');
  const onAbort = () => stop('aborted');
  signal?.addEventListener('abort', onAbort, { once: true });
  const init = {
    method,
    // A copy: the core shares `headers` between calls, and a fetch function may change what it is given.
    headers: authorization === undefined ? { ...headers } : { ...headers, Authorization: authorization },
    signal: controller.signal,
  };
  if (body !== undefined) init.body = body;
  try {
    let response;
    try {
      response = fetchFn === undefined
        ? await fetch(url, init)
        : await untilAborted(() => fetchFn(url, init), controller.signal);
      if (!isResponse(response)) throw new TypeError('fetch resolved to something that is not a Response');
    } catch (error) {
      throw { stage, error };
    }
    let bytes;
    try {
      bytes = fetchFn === undefined
        ? await response.arrayBuffer()
        : await untilAborted(() => response.arrayBuffer(), controller.signal);
    } catch (error) {
      throw { stage: stage === 'fetch' ? 'read' : stage, error };
    }
    return {
      status: response.status,
      requestId: response.headers.get('x-request-id') ?? undefined,
      headers: response.headers,
      body: new Uint8Array(bytes),
    };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** A header of an exchange's response, or undefined. */
export function headerOf(exchanged, name) {
  return exchanged.headers.get(name) ?? undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

// Kinds of value.
const STR = 1;
const NUM = 2;
const BOOL = 3;
const ANY = 4;
const OBJ = 5;
const ARR = 6;

const EXPECTED = ['', 'a string', 'a number', 'true or false', 'any value', 'an object', 'an array'];

let models = null; // name → { fields: { name → { kind, t, required, nullable } } (no prototype), required: [names] }
const kinds = new Map(); // a kind's text (`Order`, `[OrderItem`) → its compiled form, made on first use

/** Installs the shape table: one response model per line. */
export function installShapes(modelText) {
  models = new Map();
  const pending = [];
  for (const line of modelText.split('\n')) {
    if (!line) continue;
    const [name, ...fields] = line.split(' ');
    const model = { fields: Object.create(null), required: [] };
    for (const field of fields) {
      const at = field.search(/[!?]/);
      const key = field.slice(0, at);
      const required = field[at] === '!';
      const entry = { kind: null, t: 0, required, nullable: !required };
      pending.push([entry, field.slice(at + 1)]);
      model.fields[key] = entry;
      if (required) model.required.push(key);
    }
    models.set(name, model);
  }
  for (const [entry, text] of pending) {
    entry.kind = kind(text);
    entry.t = entry.kind.t;
  }
}

/** The compiled form of a kind of `data`, made once per kind. */
function dataKind(text) {
  let compiled = kinds.get(text);
  if (compiled === undefined) {
    compiled = kind(text);
    kinds.set(text, compiled);
  }
  return compiled;
}

function kind(text) {
  switch (text) {
    case 's': return { t: STR };
    case 'n': return { t: NUM };
    case 'b': return { t: BOOL };
    case '*': return { t: ANY };
    default:
      if (text[0] === '[') return { t: ARR, item: kind(text.slice(1)) };
      if (!models.has(text)) throw new Error(`minted-connect: no response model ${text}`);
      return { t: OBJ, model: models.get(text) };
  }
}

function found(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string': return 'a string';
    case 'number': return 'a number';
    case 'boolean': return 'a boolean';
    default: return 'an object';
  }
}

/** What is wrong with a value, with the path to it built on the way back up; undefined when it fits. */
function check(kind, value, nullable) {
  if (value === null) {
    return kind.t === ANY || nullable ? undefined : mismatch(kind, value, nullable);
  }
  switch (kind.t) {
    case STR: return typeof value === 'string' ? undefined : mismatch(kind, value, nullable);
    case NUM: return typeof value === 'number' ? undefined : mismatch(kind, value, nullable);
    case BOOL: return typeof value === 'boolean' ? undefined : mismatch(kind, value, nullable);
    case ANY: return undefined;
    case ARR: {
      if (!Array.isArray(value)) return mismatch(kind, value, nullable);
      const item = kind.item;
      for (let i = 0; i < value.length; i++) {
        const problem = check(item, value[i], false);
        if (problem !== undefined) {
          problem.path.push(`[${i}]`);
          return problem;
        }
      }
      return undefined;
    }
    default: {
      if (typeof value !== 'object' || Array.isArray(value)) return mismatch(kind, value, nullable);
      const model = kind.model;
      const fields = model.fields;
      // Keys in the order JSON.parse kept them: the first problem reported is the first in the body.
      let required = 0;
      for (const key in value) {
        const field = fields[key];
        if (field === undefined) continue;
        const v = value[key];
        if (field.required) required++;
        // The common case inline: a scalar of the right type.
        switch (field.t) {
          case STR: if (typeof v === 'string') continue; break;
          case NUM: if (typeof v === 'number') continue; break;
          case BOOL: if (typeof v === 'boolean') continue; break;
          default: break;
        }
        const problem = check(field.kind, v, field.nullable);
        if (problem !== undefined) {
          problem.path.push(`.${key}`);
          return problem;
        }
      }
      if (required !== model.required.length) {
        for (const name of model.required) {
          if (!Object.hasOwn(value, name)) return { path: [`.${name}`], text: 'is missing' };
        }
      }
      return undefined;
    }
  }
}

function mismatch(kind, value, nullable) {
  return { path: [], text: `should be ${EXPECTED[kind.t]}${nullable ? ' or null' : ''}, found ${found(value)}` };
}

/**
 * Reads a response body (`Uint8Array` or string) whose `data` is of `kind` (`nullable`: may be null or missing) and
 * returns its `data` (`null` when there is none). `ok` is a success status: only then is `data` checked. Anything but
 * a good answer throws `{ reason, why, hasData, success, code, message }` for the core to turn into a MintedError:
 * `reason` is `"json"` (not JSON or not UTF-8), `"shape"` (`why` says what does not fit) or `"envelope"` (the
 * envelope's fields follow).
 */
export function readResponse(body, kind, nullable, ok) {
  let value;
  try {
    value = JSON.parse(typeof body === 'string' ? body : utf8.decode(body));
  } catch {
    throw { reason: 'json' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const what = Array.isArray(value) ? 'an array' : 'a plain value';
    throw { reason: 'shape', why: `the body is not the API's envelope (${what})` };
  }
  const data = value.data;
  const hasData = data !== undefined && data !== null;
  if (ok && hasData) {
    const problem = check(dataKind(kind), data, nullable);
    if (problem !== undefined) throw { reason: 'shape', why: `\`data${problem.path.reverse().join('')}\` ${problem.text}` };
  }
  const success = value.success;
  if (!ok || success === false || (!hasData && !nullable)) {
    const code = value.code;
    throw {
      reason: 'envelope',
      hasData,
      success: typeof success === 'boolean' ? success : undefined,
      code: typeof code === 'number' || typeof code === 'string' ? code : undefined,
      message: typeof value.message === 'string' ? value.message : undefined,
    };
  }
  return hasData ? data : null;
}
