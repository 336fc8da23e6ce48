// minted buy | minted sell: one cash order at a fixed price, exactly once. The external id (yours, or a new one) is
// printed and journaled before anything is sent; a rerun with the same --external-id finds the order and sends
// nothing, and the SDK settles an unclear answer by looking the order up (see docs/guide.md, "Orders: exactly once").
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { isYes } from '../messages.mjs';
import { EXIT, number, UsageError } from '../util.mjs';

const METALS = { gold: 'GAU', silver: 'GAG', platinum: 'GPT', palladium: 'GPD' };
const CUSTOMER_FIELDS = ['external_id', 'identity_number', 'firstname', 'middlename', 'lastname', 'email', 'phone', 'gender', 'birthdate'];

/** The journal of orders: $MINTED_STATE_DIR, else $XDG_STATE_HOME/minted, else ~/.local/state/minted. */
function journalPath(opts, env) {
  if (opts.journal) return opts.journal;
  return join(env.MINTED_STATE_DIR || join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'minted'), 'orders.jsonl');
}

function journal(path, entry) {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  appendFileSync(path, `${JSON.stringify({ at: new Date().toISOString(), ...entry })}\n`, { mode: 0o600 });
}

/** The order with this external id, or undefined when the API says there is none. */
async function existing(client, externalId, signal) {
  return client.getOrder(externalId, { signal }).catch((err) => (err.status === 404 ? undefined : Promise.reject(err)));
}

async function confirmed(question) {
  if (!process.stdin.isTTY) throw new UsageError('confirmation needed and standard input is not a terminal: pass --yes');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return isYes(await rl.question(question));
  } finally {
    rl.close();
  }
}

async function trade(side, { opts, env, out, t, signal, connect }) {
  const sku = METALS[opts.metal?.toLowerCase()] ?? opts.metal?.toUpperCase();
  if (!sku) throw new UsageError(`--metal is required: ${Object.keys(METALS).join(', ')} (or a sku such as GAU)`);
  if ((opts.amount === undefined) === (opts.total === undefined)) throw new UsageError('give one of --amount GRAMS or --total MONEY');
  if (Boolean(opts.customer) === Boolean(opts.b2b)) throw new UsageError('give one of --customer ID or --b2b (the partner\'s own account)');
  const total = number('total', opts.total, { min: 0.01 });
  const externalId = opts['external-id'] ?? `mc-${randomBytes(12).toString('hex')}`;
  const path = journalPath(opts, env);
  out.note(`external id: ${externalId} (journal: ${path})`);

  const client = await connect();
  const before = await existing(client, externalId, signal);
  if (before) {
    out.note(t.alreadyPlaced(externalId));
    out.result({ placed: false, already_placed: true, external_id: externalId, order: before }, `order ${before.order_code}: ${before.type} ${before.status_name}, total ${before.total} ${before.currency_code ?? ''}`);
    return EXIT.ok;
  }
  const customer = opts.customer ? await client.getCustomer(opts.customer, { signal }) : undefined;
  const fromTotal = side === 'buy' && total !== undefined && customer ? { total } : {};
  const quote = await client.priceFix({ type: 'digital', customer_external_id: opts.customer, currency: opts.currency, ...fromTotal }, { signal });
  const price = quote.priceFor(sku);
  if (!price) throw new UsageError(`the quote has no price for ${sku}`);
  const unit = side === 'buy' ? price.buy_price : price.sell_price;
  const amount = number('amount', opts.amount, { min: 0.0001 }) ?? Math.floor((total / unit) * 1e4) / 1e4;
  const who = customer ? `customer ${customer.external_id}` : 'the partner (B2B)';
  out.note(`${side} ${amount} g ${sku} for ${who} at ${unit} ${quote.currency}/g ≈ ${(amount * unit).toFixed(2)} ${quote.currency}, paid in cash; quote valid ${quote.remainingSeconds()} s`);
  if (!opts.yes && !(await confirmed(t.confirm))) {
    out.note(t.cancelled);
    return EXIT.failed;
  }

  const order = { price_token: quote.token, external_id: externalId, items: [{ sku, amount }], currency_code: quote.currency };
  if (side === 'buy') {
    order.payment_type = 'cash';
    if (customer) order.customer = Object.fromEntries(CUSTOMER_FIELDS.filter((f) => customer[f]).map((f) => [f, customer[f]]));
  }
  journal(path, { external_id: externalId, state: 'placing', side, sku, amount, customer: opts.customer ?? null });
  let response;
  let requestId;
  try {
    const options = { signal, withResponse: true };
    ({ data: response, requestId } = side === 'buy' ? await client.buyDigital(order, options) : await client.sellDigital(order, options));
  } catch (err) {
    journal(path, { external_id: externalId, state: err.code === 'order_unconfirmed' ? 'unknown' : 'failed', error: `${err.kind}: ${err.message}` });
    if (err.code === 'order_unconfirmed') out.note(`the order may exist: run again with --external-id ${externalId} to settle it`);
    throw err;
  }
  journal(path, { external_id: externalId, state: 'placed', order_code: response.order_code });
  out.result({ placed: true, external_id: externalId, ...response, request_id: requestId },
    `placed order ${response.order_code.join(', ')} (external id ${externalId}${response.reconciled ? ', confirmed by lookup' : ''}): ${side === 'buy' ? 'bought' : 'sold'} ${amount} g ${sku} for ${response.total} ${quote.currency}`);
  return EXIT.ok;
}

const OPTIONS = {
  metal: { type: 'string', value: 'M', help: 'gold, silver, platinum or palladium (or a sku: GAU, GAG, GPT, GPD)' },
  amount: { type: 'string', value: 'GRAMS', help: 'how much metal' },
  total: { type: 'string', value: 'MONEY', help: 'how much money (the grams follow from the quote)' },
  customer: { type: 'string', value: 'ID', help: 'for this customer (B2B2C)' },
  b2b: { type: 'boolean', help: 'for the partner\'s own account' },
  currency: { type: 'string', value: 'C', help: 'GBP, USD, EUR or TRY (default: the API\'s)' },
  'external-id': { type: 'string', value: 'ID', help: 'your order id, the idempotency key (default: a new mc-… id)' },
  yes: { type: 'boolean', short: 'y', help: 'place the order without asking' },
  journal: { type: 'string', value: 'FILE', help: 'order journal (default ~/.local/state/minted/orders.jsonl)' },
};

const command = (side) => ({
  name: side,
  usage: '--metal M (--amount GRAMS | --total MONEY) (--customer ID | --b2b) [--external-id ID] [--yes]',
  args: [],
  summary: `${side} metal for a customer or the partner, paid in cash, exactly once`,
  description: `Fixes a price, shows the quote and asks for confirmation (unless --yes), then places one cash ${side}
order. The external id is printed and journaled first; running the same command with --external-id ID again never
places a second order: when the order exists it is shown and nothing is sent. Payment is by cash only.`,
  options: OPTIONS,
  examples: [
    `minted ${side} --metal gold --amount 1.5 --customer MTD0018232`,
    `minted ${side} --metal silver --total 100 --b2b --external-id order-2026-0001 --yes --json`,
  ],
  run: (ctx) => trade(side, ctx),
});

export const buy = command('buy');
export const sell = command('sell');
