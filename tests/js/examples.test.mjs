// Every documented response example decodes without loss: what the client hands back is exactly the example's
// `data`, every field kept (unknown ones too), nulls and fractions intact.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeResponse, operations } from 'minted-connect';
import { documentedExamples } from './openapi.mjs';

const supported = new Set(operations().map((o) => o.operationId));
const examples = documentedExamples();

describe('documented response examples', () => {
  test('the document has examples for this slice', () => {
    assert.ok(examples.filter((e) => supported.has(e.operationId)).length >= 4);
  });

  for (const example of examples) {
    const ids = [...new Set([example.operationId, ...example.variants])].filter((id) => supported.has(id));
    const title = `${example.operationId} — ${example.name}`;
    if (ids.length === 0) {
      test.skip(`${title} (no client operation for it in this release)`);
      continue;
    }
    for (const operationId of ids) {
      test(`${title} decodes as ${operationId}, as text and as bytes`, () => {
        const text = JSON.stringify(example.value);
        assert.deepEqual(decodeResponse(operationId, text), example.value.data);
        assert.deepEqual(decodeResponse(operationId, new TextEncoder().encode(text)), example.value.data);
      });
    }
  }
});
