// The shipped declarations and the validator agree on every closed set of values a request may send: each value the
// `.d.ts` allows passes validateRequest, and each value the validator allows type-checks (and nothing else does).
// The fields are found by reading the declarations with the TypeScript compiler; the validator's sets by asking it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateRequest } from 'minted-connect';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const ts = require('typescript');

/** The package's declaration file, as its package.json names it. */
function declarationFile() {
  const root = dirname(require.resolve('minted-connect/package.json'));
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const dot = manifest.exports?.['.'] ?? {};
  const candidates = [manifest.types, manifest.typings, dot.types, dot.import?.types, dot.require?.types, dot.node?.import?.types];
  const file = candidates.find((c) => typeof c === 'string');
  assert.ok(file, 'package.json names no declarations');
  return join(root, file);
}

const JUNK = 'not\u0001a-listed-value';

/**
 * Every request field of every client method: { op, path, typeExpr, literals } where literals are the string
 * literal members of its type and `closed` says the type is nothing but those.
 */
function requestFields() {
  const file = declarationFile();
  const program = ts.createProgram([file], { strict: true, noEmit: true, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'] });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const client = checker.getExportsOfModule(checker.getSymbolAtLocation(source)).find((s) => s.name === 'MintedClient');
  assert.ok(client, 'no MintedClient export');
  const clientType = checker.getDeclaredTypeOfSymbol(client);
  const fields = [];
  const walk = (op, type, path, typeExpr, depth) => {
    if (depth > 6) return;
    const bare = checker.getNonNullableType(type);
    const members = bare.isUnion() ? bare.types : [bare];
    const literals = members.filter((t) => t.isStringLiteral()).map((t) => t.value);
    if (literals.length > 0 || members.some((t) => t.flags & ts.TypeFlags.String)) {
      fields.push({ op, path, typeExpr, literals, closed: literals.length === members.length });
      return;
    }
    for (const member of members) {
      if (checker.isArrayType(member)) {
        walk(op, checker.getTypeArguments(member)[0], `${path}[0]`, `NonNullable<${typeExpr}>[number]`, depth + 1);
      } else if (member.flags & ts.TypeFlags.Object) {
        for (const prop of checker.getPropertiesOfType(member)) {
          const propType = checker.getTypeOfSymbol(prop);
          const name = prop.name;
          walk(op, propType, path ? `${path}.${name}` : name, `NonNullable<${typeExpr}>['${name}']`, depth + 1);
        }
      }
    }
  };
  for (const method of checker.getPropertiesOfType(clientType)) {
    const [signature] = checker.getTypeOfSymbol(method).getCallSignatures();
    const input = signature?.getParameters().find((p) => p.name === 'body' || p.name === 'query');
    if (!input) continue;
    const inputType = checker.getTypeOfSymbol(input);
    const typeName = checker.typeToString(checker.getNonNullableType(inputType));
    walk(method.name, inputType, '', `M.${typeName}`, 0);
  }
  return fields;
}

/** A body with `value` at `path` (`items[0].sku`) and nothing else. */
function bodyWith(path, value) {
  const keys = path.split('.').flatMap((part) => {
    const m = /^(\w+)\[0\]$/.exec(part);
    return m ? [m[1], 0] : [part];
  });
  const root = {};
  let at = root;
  keys.forEach((key, i) => {
    if (i === keys.length - 1) at[key] = value;
    else at = at[key] = typeof keys[i + 1] === 'number' ? [] : {};
  });
  return root;
}

/** The validator's closed set at a field, read from its refusal of a value nobody lists; null when it has none. */
function validatorSet(op, path) {
  const issue = validateRequest(op, bodyWith(path, JUNK), { language: 'en' }).find((i) => i.path === path);
  if (!issue || !['one_of', 'gender'].includes(issue.code)) return null;
  return [...issue.message.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
}

test('every value a request type allows passes validation, and every value validation allows type-checks', () => {
  const fields = requestFields();
  const closed = fields.filter((f) => f.closed);
  // sortBy is where the two once disagreed; gender and currencies are value sets shared by several models.
  for (const [op, path] of [['getOrders', 'sortBy'], ['createCustomer', 'gender'], ['buyDigital', 'currency_code'], ['buyGold', 'customer.gender']]) {
    assert.ok(closed.some((f) => f.op === op && f.path === path), `${op}.${path} is not a closed set in the declarations`);
  }

  // .d.ts → validator
  for (const { op, path, literals } of closed) {
    for (const value of literals) {
      const issues = validateRequest(op, bodyWith(path, value), { language: 'en' }).filter((i) => i.path === path);
      assert.deepEqual(issues, [], `${op}.${path} = ${JSON.stringify(value)} is declared but refused`);
    }
  }

  // validator → .d.ts: each allowed value is assignable, a value outside the set is not.
  const lines = [`import type * as M from 'minted-connect';`];
  let checked = 0;
  for (const { op, path, typeExpr } of fields) {
    const allowed = validatorSet(op, path);
    if (!allowed) continue;
    assert.ok(allowed.length > 0, `${op}.${path}: the validator's message lists no values`);
    const type = `NonNullable<${typeExpr}>`;
    const id = `v${checked++}`;
    allowed.forEach((value, i) => lines.push(`export const ${id}_${i}: ${type} = ${JSON.stringify(value)}; // ${op}.${path}`));
    lines.push(`// @ts-expect-error ${op}.${path} is a closed set`, `export const ${id}_junk: ${type} = ${JSON.stringify(JUNK)};`);
  }
  assert.ok(checked >= closed.length, `the validator has closed sets at ${checked} fields, the declarations at ${closed.length}`);

  const dir = join(here, '.tmp', 'value-sets');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'values.mts'), lines.join('\n') + '\n');
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022', 'DOM'], types: [], skipLibCheck: true },
    files: ['values.mts'],
  }));
  let output = '';
  try {
    execFileSync(process.execPath, [join(here, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
  } catch (err) {
    output = `${err.stdout}${err.stderr}`;
  }
  assert.equal(output, '', output);
});

test('every client method that calls the API is an operation id of validateRequest and decodeResponse', async () => {
  const { MintedClient, decodeResponse, MintedError } = await import('minted-connect');
  // The glue's own members and the methods that are not API calls.
  const notCalls = new Set(['constructor', '__destroy_into_raw', 'free', 'request', 'validateRequest', 'baseUrl']);
  const names = Object.getOwnPropertyNames(MintedClient.prototype).filter((n) => !notCalls.has(n));
  assert.ok(names.length >= 42 && names.includes('cardPaymentGetOrder') && names.includes('listOrders'), names.join());
  for (const name of names) {
    assert.ok(Array.isArray(validateRequest(name, {})), name);
    // A body that is not the envelope: the operation is known, so the answer is a decode error, not unknown_operation.
    const err = (() => { try { decodeResponse(name, 'not json'); } catch (e) { return e; } })();
    assert.ok(err instanceof MintedError && err.kind === 'decode', `${name}: ${err?.code} ${err?.message}`);
  }
});
