#!/usr/bin/env node
// Benchmark of the SDK's per-call overhead against a bare JSON.parse of the same body (run: make bench).
// Measures, in one process, median time per operation over several rounds:
//   - JSON.parse(text)                        the baseline a hand-written fetch wrapper pays
//   - JSON.parse(decode(bytes))               the same from the bytes fetch delivers (what res.json() does)
//   - decodeResponse(op, bytes)               the client's decode route: check the bytes in wasm, JSON.parse in JS
//   - decodeResponse(op, text)                the same from a string (one transcoding into wasm)
//   - validateRequest(op, body)               request validation (encode + validate) for a typical body
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from '../tests/js/node_modules/yaml/dist/index.js';

const require = createRequire(import.meta.url);
const { decodeResponse, validateRequest } = require('../pkg/cjs/index.cjs');
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const doc = parseYaml(readFileSync(process.env.MINTED_OPENAPI || join(root, 'spec', 'minted-connect-partner.openapi.yaml'), 'utf8'));

const example = doc.paths['/partner/order/{external_order_id}'].get.responses['200'].content['application/json'].examples.cardPaymentOrder.value;
const text = JSON.stringify(example);
const bytes = new TextEncoder().encode(text);
const customerBody = { external_id: 'MTD0018232', firstname: 'Mehmet', middlename: '', lastname: 'Gülbilge', email: 'mehmet@example.com', phone: '0532 280 80 35', gender: 'M', identity_number: '10000000146', birthdate: '1970-01-31' };

function time(label, fn, iterations = 20000, rounds = 11) {
  for (let i = 0; i < 2000; i++) fn(); // warm up (JIT, wasm tier-up)
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) fn();
    samples.push(Number(process.hrtime.bigint() - start) / iterations);
  }
  samples.sort((a, b) => a - b);
  return { label, ns: samples[Math.floor(rounds / 2)] };
}

const decoder = new TextDecoder();
const results = [
  time('JSON.parse(text)', () => JSON.parse(text).data),
  time('JSON.parse(decode(bytes)) — what res.json() does', () => JSON.parse(decoder.decode(bytes)).data),
  time('decodeResponse(getOrder, bytes)', () => decodeResponse('getOrder', bytes)),
  time('decodeResponse(getOrder, text)', () => decodeResponse('getOrder', text)),
  time('validateRequest(createCustomer, body)', () => validateRequest('createCustomer', customerBody)),
];
const base = results[0].ns;
console.log(`body: documented Card Payment Get Order response, ${text.length} chars; Node ${process.version}`);
for (const { label, ns } of results) {
  console.log(`${label.padEnd(50)} ${(ns / 1000).toFixed(2).padStart(7)} µs   ${(ns / base).toFixed(2)}× JSON.parse`);
}
