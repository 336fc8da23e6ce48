// Operator sessions of a shared panel: random ids in an HttpOnly, SameSite=Strict cookie (Secure behind TLS), kept in
// this process's memory (a restart signs everyone out), ending on sign-out, after `idleMs` without a request or
// `maxMs` after sign-in. And the delay after failed sign-ins: each failure for a name or an address doubles the wait
// before the next attempt is even checked (1 s, 2 s, 4 s… up to a minute). Time comes from `now()`, so tests move it.
import { randomBytes } from 'node:crypto';

export const COOKIE = 'panel_session';

/** `a=1; b=2` → Map. */
export function parseCookies(header) {
  const cookies = new Map();
  for (const part of String(header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return cookies;
}

/** The Set-Cookie value of a session (`id` null: the cookie is deleted). */
export function sessionCookie(id, { secure, maxAgeSeconds }) {
  return [`${COOKIE}=${id ?? ''}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', ...(secure ? ['Secure'] : []),
    `Max-Age=${id ? maxAgeSeconds : 0}`].join('; ');
}

export function createSessions({ now = Date.now, idleMs = 30 * 60_000, maxMs = 12 * 3600_000 } = {}) {
  const live = new Map(); // id → { operator, started, seen }
  const expired = (s, at) => at - s.seen > idleMs || at - s.started > maxMs;
  return {
    maxAgeSeconds: Math.floor(maxMs / 1000),
    /** A new session for `operator`; its id. */
    start(operator) {
      const at = now();
      for (const [id, s] of live) if (expired(s, at)) live.delete(id);
      const id = randomBytes(32).toString('base64url');
      live.set(id, { operator, started: at, seen: at });
      return id;
    },
    /** The operator of a live session (and the session is used: its idle time starts again), or null. */
    find(id) {
      const s = id ? live.get(id) : undefined;
      if (!s) return null;
      const at = now();
      if (expired(s, at)) { live.delete(id); return null; }
      s.seen = at;
      return s.operator;
    },
    end(id) { live.delete(id); },
  };
}

export function createThrottle({ now = Date.now, firstMs = 1000, maxMs = 60_000 } = {}) {
  const failures = new Map(); // key → { count, until }
  return {
    /** Milliseconds until any of `keys` may try again (0: now). */
    wait(keys) {
      const at = now();
      return Math.max(0, ...keys.map((key) => (failures.get(key)?.until ?? at) - at));
    },
    failed(keys) {
      const at = now();
      for (const [key, f] of failures) if (f.until + maxMs < at) failures.delete(key);
      for (const key of keys) {
        const count = (failures.get(key)?.count ?? 0) + 1;
        failures.set(key, { count, until: at + Math.min(firstMs * 2 ** (count - 1), maxMs) });
      }
    },
    succeeded(keys) { for (const key of keys) failures.delete(key); },
  };
}
