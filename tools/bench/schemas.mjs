// The Create Customer body and the Get Order response written as zod 3.25 and valibot 1.x schemas: the same shapes
// and rules as the SDK's `CreateCustomerRequest` (src/api/customers.rs, rules in src/validate/) and `Order`
// (src/api/orders.rs), so the three validators do the same work. Used by bench/run.mjs only.
import * as v from 'valibot';
import { z } from 'zod';

// ---- shared rule functions (the SDK's rules, written once for both libraries) ----
const EXTERNAL_ID = /^[A-Za-z0-9_-]*$/;
const NAME_CHARS = /^[\p{Alphabetic} '’.-]*$/u;
const LOCAL = /^[\p{Alphabetic}\p{N}!#$%&'*+/=?^_`{|}~.-]+$/u;
const LABEL = /^[\p{Alphabetic}\p{N}-]+$/u;
const TLD = /^\p{Alphabetic}{2,}$/u;

const chars = (s) => { let n = 0; for (const _ of s) n++; return n; };
const nameLength = (s) => { const n = chars(s.trim()); return n >= 3 && n <= 40; };
export const isPersonName = (s) => nameLength(s) && NAME_CHARS.test(s);
export const isMiddleName = (s) => s === '' || isPersonName(s);

export function isEmail(value) {
  if (value.length > 254) return false;
  const at = value.lastIndexOf('@');
  if (at < 0) return false;
  const local = value.slice(0, at);
  const labels = value.slice(at + 1).split('.');
  const localOk = local.length >= 1 && local.length <= 64 && !local.startsWith('.') && !local.endsWith('.')
    && !local.includes('..') && LOCAL.test(local);
  const domainOk = labels.length >= 2
    && labels.every((l) => l.length > 0 && chars(l) <= 63 && !l.startsWith('-') && !l.endsWith('-') && LABEL.test(l))
    && TLD.test(labels[labels.length - 1]);
  return localOk && domainOk;
}

/** The SDK's phone normalisation to E.164, or null. */
export function normalizePhone(value) {
  const compact = value.replace(/[ \-.()\u00a0]/g, '');
  let plus = false;
  let digits = compact;
  if (compact.startsWith('+')) { plus = true; digits = compact.slice(1); }
  else if (compact.startsWith('00')) { plus = true; digits = compact.slice(2); }
  if (!/^[0-9]+$/.test(digits)) return null;
  let intl;
  if (plus) intl = digits;
  else if (digits.length === 11 && digits.startsWith('0')) intl = '90' + digits.slice(1);
  else if (digits.length === 10 && digits.startsWith('5')) intl = '90' + digits;
  else if (digits.length === 12 && digits.startsWith('90')) intl = digits;
  else return null;
  if (intl.startsWith('90') && intl.length !== 12) return null;
  if (intl.startsWith('0') || intl.length < 8 || intl.length > 15) return null;
  return '+' + intl;
}

export function isTckn(s) {
  if (!/^[1-9][0-9]{10}$/.test(s)) return false;
  const d = [...s].map(Number);
  const odd = d[0] + d[2] + d[4] + d[6] + d[8];
  const even = d[1] + d[3] + d[5] + d[7];
  const sum10 = d.slice(0, 10).reduce((a, b) => a + b, 0);
  return (odd * 7 - even + 100) % 10 === d[9] && sum10 % 10 === d[10];
}

export function isBirthdate(s, today = new Date()) {
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  const now = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return date.getTime() < now && y >= 1900;
}

// ---- Create Customer request ----
export const customerValibot = v.looseObject({
  external_id: v.pipe(v.string(), v.minLength(3), v.maxLength(40), v.regex(EXTERNAL_ID)),
  firstname: v.optional(v.pipe(v.string(), v.check(isPersonName))),
  middlename: v.optional(v.pipe(v.string(), v.check(isMiddleName))),
  lastname: v.optional(v.pipe(v.string(), v.check(isPersonName))),
  email: v.optional(v.pipe(v.string(), v.check(isEmail))),
  phone: v.optional(v.pipe(v.string(), v.check((s) => normalizePhone(s) !== null), v.transform(normalizePhone))),
  gender: v.optional(v.picklist(['M', 'F'])),
  identity_number: v.optional(v.pipe(v.string(), v.check(isTckn))),
  birthdate: v.optional(v.pipe(v.string(), v.check((s) => isBirthdate(s)))),
});

export const customerZod = z.object({
  external_id: z.string().min(3).max(40).regex(EXTERNAL_ID),
  firstname: z.string().refine(isPersonName).optional(),
  middlename: z.string().refine(isMiddleName).optional(),
  lastname: z.string().refine(isPersonName).optional(),
  email: z.string().refine(isEmail).optional(),
  phone: z.string().refine((s) => normalizePhone(s) !== null).transform(normalizePhone).optional(),
  gender: z.enum(['M', 'F']).optional(),
  identity_number: z.string().refine(isTckn).optional(),
  birthdate: z.string().refine((s) => isBirthdate(s)).optional(),
}).passthrough();

// ---- Get Order response (the envelope around an Order); optional fields may be missing or null, unknown kept ----
const vs = () => v.nullish(v.string());
const vn = () => v.nullish(v.number());
const vb = () => v.nullish(v.boolean());
const vObj = (fields) => v.looseObject(fields);
const zs = () => z.string().nullish();
const zn = () => z.number().nullish();
const zb = () => z.boolean().nullish();
const zObj = (fields) => z.object(fields).passthrough();

function orderShape(obj, s, n, b, arr, nullish, req) {
  const item = obj({ product_id: n(), sku: s(), product_name: s(), spot_price: n(), price: n(), tax_rate: n(), tax: n(), amount: n(), total: n() });
  const customer = obj({ external_id: s(), firstname: s(), middlename: s(), lastname: s(), fullname: s(), email: s(), phone: s(), gender: s(), identity_number: s(), birthdate: s() });
  const details = obj({ card_holder: s(), card_number: s(), card_expiry: s(), card_cvv: s(), card_association: s(), customer_ip: s() });
  const payment = obj({ state: s(), redirect_url: s(), token: s(), is_3d: b(), auth_mode: s(), transaction_id: s(), order_reference: s(), amount: n(), comission: n(), total: n(), refunded_amount: n(), error_code: s(), error_message: s(), details: nullish(details) });
  const product = obj({ product_id: n(), sku: s(), product_name: s(), amount: n() });
  const delivery = obj({ status_id: n(), status_name: s(), cargo_tracking_url: s(), cargo_tracking_number: s(), sync_status: b(), products: nullish(arr(product)) });
  const line = obj({ id: n(), external_id: s(), invoice_type: s(), fullname: s(), company_name: s(), phone: s(), email: s(), city: s(), county: s(), district: s(), address: s(), zipcode: s(), street: s(), tax_office: s(), tax_number: s() });
  const address = obj({ billing: nullish(line), shipping: nullish(line) });
  const order = obj({
    guid: req.s(), order_code: req.s(), external_id: s(), type: s(), price: n(), tax: n(), total: n(), payment_cost: n(),
    currency_code: s(), status_name: s(), status_id: n(), order_at: s(), payment_type: s(), description: s(),
    items: arr(item), customer: nullish(customer), payment: nullish(payment), delivery: nullish(delivery), address: nullish(address),
  });
  return obj({ data: order });
}

export const orderValibot = orderShape(vObj, vs, vn, vb, v.array, v.nullish, { s: v.string });
export const orderZod = orderShape(zObj, zs, zn, zb, z.array, (x) => x.nullish(), { s: z.string });

// ---- Get Customer response `data` (CustomerWithWallets in src/api/customers.rs), as a zod user would write it ----
const wallet = zObj({ currency_code: z.string(), name: zs(), customer_name: zs(), type: zs(), company_id: zn(),
  company_name: zs(), currency_id: zn(), currency_symbol: zs(), is_cash: zb(), balance: zn(), blocked: zn(), real_balance: zn() });
export const customerWithWalletsZod = zObj({ external_id: z.string(), firstname: zs(), middlename: zs(), lastname: zs(),
  fullname: zs(), email: zs(), phone: zs(), gender: zs(), identity_number: zs(), birthdate: zs(), wallets: z.array(wallet) });
