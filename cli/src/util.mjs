// Small shared pieces: exit codes, the usage error, number options, sleeping that a signal can cut short.
import { createRequire } from 'node:module';
import { setTimeout as delay } from 'node:timers/promises';

export const VERSION = createRequire(import.meta.url)('../package.json').version;

export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 };

/** A mistake on the command line or in the configuration: exit code 2. */
export class UsageError extends Error {}

/** `value` as a number within [min, max], or a UsageError naming the option. */
export function number(name, value, { min = 0, max = Infinity, integer = false } = {}) {
  if (value === undefined) return undefined;
  const n = Number(String(value).replace(/\/s$/, ''));
  if (String(value).trim() === '' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    const range = max === Infinity ? `at least ${min}` : `${min}–${max}`;
    throw new UsageError(`--${name} must be ${integer ? 'a whole number' : 'a number'}, ${range} (got "${value}")`);
  }
  return n;
}

/** Resolves after `ms`, or at once when `signal` fires. */
export function sleep(ms, signal) {
  return delay(ms, undefined, { signal }).catch(() => {});
}

/** At most `perSecond` starts per second across every caller (no limit when undefined). */
export function rateLimiter(perSecond) {
  let next = 0;
  return async (signal) => {
    if (!perSecond) return;
    const now = Date.now();
    const at = Math.max(now, next);
    next = at + 1000 / perSecond;
    await sleep(at - now, signal);
  };
}

/** Whether a failed call was clearly refused (a 4xx answer, or refused locally), so repeating it is pointless. */
export function refused(err) {
  if (err?.kind === 'validation' || err?.kind === 'config') return true;
  return ['api', 'http', 'auth'].includes(err?.kind) && err.status >= 400 && err.status < 500 && ![408, 429].includes(err.status);
}

/** `kind: message` of an error, for summaries and reports. */
export function reason(err) {
  return err?.kind ? `${err.kind}: ${err.message}` : String(err?.message ?? err);
}
