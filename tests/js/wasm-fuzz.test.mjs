// The compiled module under random input: every failure is a MintedError, nothing traps, and the module keeps
// working afterwards. (The Rust property tests in tests/fuzz.rs cover the same code natively with many more cases.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeResponse, MintedClient, MintedError, operations, validateRequest } from 'minted-connect';

const RUNS = Number(process.env.WASM_FUZZ_RUNS || 3000);

/** A small deterministic PRNG (mulberry32), so a failure can be replayed from its seed. */
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['data', 'success', 'code', 'message', 'guid', 'order_code', 'external_id', 'items', 'sku', 'amount', 'total', 'wallets', 'currency_code', 'payment', 'card_number', 'token', 'prices', 'phone', '__proto__', 'constructor'];
const STRINGS = ['', 'GAU', '+905321112233', '1970-01-31', '10000000146', '4111111111111111', '\u0000', '😀', '"', '\\', 'a'.repeat(300)];

function value(next, depth = 0) {
  const r = next();
  if (depth > 4 || r < 0.35) {
    const leaf = Math.floor(next() * 6);
    return [null, next() < 0.5, Math.floor(next() * 2e9) - 1e9, next() * 1e6, STRINGS[Math.floor(next() * STRINGS.length)], -0][leaf];
  }
  if (r < 0.55) return Array.from({ length: Math.floor(next() * 5) }, () => value(next, depth + 1));
  const out = {};
  for (let i = Math.floor(next() * 6); i > 0; i--) out[NAMES[Math.floor(next() * NAMES.length)]] = value(next, depth + 1);
  return out;
}

test(`${RUNS} random bodies through every decoder and validator`, () => {
  const next = rng(Number(process.env.WASM_FUZZ_SEED || 20261123));
  const calls = operations().map((o) => o.operationId).concat(['buyGold', 'sellSilver', 'cardPaymentBuyWithCardNumber', 'createDeliveryPayWithCard']);
  let thrown = 0;
  for (let i = 0; i < RUNS; i++) {
    const call = calls[i % calls.length];
    const body = value(next);
    const text = next() < 0.2 ? JSON.stringify(body).slice(0, Math.floor(next() * 40)) : JSON.stringify({ data: body, success: next() < 0.9, code: 0, message: '' });
    for (const attempt of [() => decodeResponse(call, text, next() < 0.8 ? 200 : 500), () => validateRequest(call, body), () => validateRequest(call, text)]) {
      try {
        attempt();
      } catch (err) {
        thrown += 1;
        assert.ok(err instanceof MintedError, `${call}: ${err}`);
      }
    }
  }
  assert.ok(thrown > 0);
  // still alive and correct
  assert.deepEqual(validateRequest('getOrderAlternative', { guid: 'x' }), []);
  assert.doesNotThrow(() => new MintedClient({ baseUrl: 'http://127.0.0.1:9' }));
});
