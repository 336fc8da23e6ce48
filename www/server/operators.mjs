// The operators of a shared panel: a file with one `name:hash` line each, the hash in the PHC string format of
// scrypt (`$scrypt$ln=17,r=8,p=1$<salt>$<key>`, base64 without padding), computed with node:crypto. The file is read
// at every sign-in, so an operator added while the server runs can sign in at once.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt);

/** OWASP's scrypt parameters for passwords: N = 2^17, r = 8, p = 1 (128 MB per hash). */
const COST = { ln: 17, r: 8, p: 1 };
const KEY_BYTES = 32;
/** Shortest password `add-operator` accepts. */
export const MIN_PASSWORD = 12;
/** What an operator's name may be: it appears in the audit log and the page. */
export const NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

const b64 = (bytes) => Buffer.from(bytes).toString('base64').replace(/=+$/, '');
const maxmem = ({ ln, r }) => 2 * 128 * r * 2 ** ln;

/** The PHC string of a password: a fresh salt, OWASP's cost. */
export async function hashPassword(password, cost = COST) {
  const salt = randomBytes(16);
  const key = await scryptAsync(password.normalize('NFC'), salt, KEY_BYTES, { N: 2 ** cost.ln, r: cost.r, p: cost.p, maxmem: maxmem(cost) });
  return `$scrypt$ln=${cost.ln},r=${cost.r},p=${cost.p}$${b64(salt)}$${b64(key)}`;
}

/** `$scrypt$ln=…,r=…,p=…$salt$key` → its parts; null when it is not one. */
export function parseHash(phc) {
  const match = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(phc ?? '');
  if (!match) return null;
  const [, ln, r, p, salt, key] = match;
  return { cost: { ln: Number(ln), r: Number(r), p: Number(p) }, salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') };
}

/** Whether `password` matches a PHC string (false for a malformed one). */
export async function verifyPassword(password, phc) {
  const parsed = parseHash(phc);
  if (!parsed || parsed.cost.ln > 20) return false;
  const { cost, salt, key } = parsed;
  const got = await scryptAsync(String(password).normalize('NFC'), salt, key.length, { N: 2 ** cost.ln, r: cost.r, p: cost.p, maxmem: maxmem(cost) });
  return timingSafeEqual(got, key);
}

/** The operators file as a Map name → hash; lines that are not `name:$scrypt$…` are an error naming the line. */
export function readOperators(file) {
  const operators = new Map();
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, index) => {
    if (!line.trim() || line.startsWith('#')) return;
    const colon = line.indexOf(':');
    const [name, hash] = [line.slice(0, colon), line.slice(colon + 1).trim()];
    if (colon < 0 || !NAME.test(name) || !parseHash(hash)) throw new Error(`${file}:${index + 1}: not "name:$scrypt$…" (add operators with: node www/serve.mjs add-operator --operators ${file} NAME)`);
    operators.set(name, hash);
  });
  return operators;
}

/** A hash of a password no one has, so an unknown name costs the same time as a wrong password. */
let decoy;

/** The operator `name` signs in with `password`: true or false, in about the same time either way. */
export async function checkOperator(file, name, password) {
  const hash = readOperators(file).get(name);
  decoy ??= await hashPassword(randomBytes(16).toString('hex'));
  const ok = await verifyPassword(password, hash ?? decoy);
  return ok && hash !== undefined;
}

/** Adds an operator, or sets a new password for one; the file is created readable by its owner only. */
export async function addOperator(file, name, password) {
  if (!NAME.test(name)) throw new Error(`operator name ${JSON.stringify(name)}: letters, digits and . _ @ - only, at most 64`);
  if (password.length < MIN_PASSWORD) throw new Error(`the password must have at least ${MIN_PASSWORD} characters`);
  const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((line) => line && !line.startsWith(`${name}:`)) : [];
  writeFileSync(file, [...lines, `${name}:${await hashPassword(password)}`].join('\n') + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
}
