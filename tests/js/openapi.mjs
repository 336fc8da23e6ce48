// Reading the OpenAPI document: operations by id (including the doc entries listed under x-variants), their
// response schemas as JSON pointers, and their documented examples.
import Ajv2020 from 'ajv/dist/2020.js';
import { loadOpenApi } from './helpers.mjs';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const escape = (segment) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

/** Every operation: { operationId, variants: [ids], method, path, pointer, operation }. */
export function operationsOf(doc = loadOpenApi()) {
  const out = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const variants = (operation['x-variants'] ?? []).map((v) => v.operationId);
      out.push({ operationId: operation.operationId, variants, method, path, pointer: `/paths/${escape(path)}/${method}`, operation });
    }
  }
  return out;
}

/** The operation documenting `operationId`, directly or as a variant. */
export function findOperation(operationId, doc = loadOpenApi()) {
  return operationsOf(doc).find((o) => o.operationId === operationId || o.variants.includes(operationId));
}

/** JSON pointer of the JSON schema for a response status (falling back to `default`), following a response $ref. */
export function responseSchemaPointer(operationId, status, doc = loadOpenApi()) {
  const op = findOperation(operationId, doc);
  if (!op) throw new Error(`no operation ${operationId} in the OpenAPI document`);
  const key = op.operation.responses[String(status)] ? String(status) : 'default';
  let response = op.operation.responses[key];
  let pointer = `${op.pointer}/responses/${key}`;
  if (!response) throw new Error(`${operationId} documents no response ${status} and no default`);
  if (response.$ref) {
    pointer = response.$ref.slice(1);
    response = pointer.split('/').slice(1).reduce((node, part) => node[part.replaceAll('~1', '/').replaceAll('~0', '~')], doc);
  }
  return `${pointer}/content/${escape('application/json')}/schema`;
}

let ajv;
/** A validator for the schema at a pointer of the document. */
export function validatorAt(pointer) {
  if (!ajv) {
    ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false, validateSchema: false });
    ajv.addSchema(loadOpenApi(), 'openapi');
  }
  const validate = ajv.getSchema(`openapi#${pointer}`);
  if (!validate) throw new Error(`no schema at ${pointer}`);
  return validate;
}

/** Documented 200 examples: [{ operationId, variants, name, value }]. */
export function documentedExamples(doc = loadOpenApi()) {
  const out = [];
  for (const op of operationsOf(doc)) {
    const content = op.operation.responses?.['200']?.content?.['application/json'];
    if (!content) continue;
    if (content.example) out.push({ ...op, name: 'example', value: content.example });
    for (const [name, example] of Object.entries(content.examples ?? {})) out.push({ ...op, name, value: example.value });
    const partial = op.operation['x-partial-example'];
    if (partial?.visible) out.push({ ...op, name: 'partial example (visible part)', value: { data: partial.visible, success: true, code: 0, message: '' } });
  }
  return out;
}
