#!/usr/bin/env node
// `make demo`: starts the sandbox, shows the SDK working from Node (create a customer, read it back, fetch an order,
// a refused request), then serves the admin panel, connected in proxy mode (the credentials stay in this process),
// and keeps running until Ctrl-C.
// With MINTED_BASE_URL, MINTED_USERNAME and MINTED_PASSWORD set, the Node part and the panel talk to that server.
import { nodePackage } from '../www/proxy.mjs';
import { startWww } from '../www/serve.mjs';
import { startSandbox } from './sandbox-process.mjs';

const { MintedClient, MintedError } = nodePackage();

const bold = (s) => `\x1b[1m${s}\x1b[0m`;
const dim = (s) => `\x1b[2m${s}\x1b[0m`;

async function startPreferring(port, start) {
  try {
    return await start(port);
  } catch {
    return start(0); // the preferred port is taken: any free one will do
  }
}

// The demo's data survives a restart of the demo.
const stateFile = new URL('../target/demo-sandbox-state.json', import.meta.url).pathname;
const sandbox = await startPreferring(8787, (port) => startSandbox({ port, args: ['--state', stateFile] }));
const remote = process.env.MINTED_BASE_URL;
const target = remote
  ? { url: remote, username: process.env.MINTED_USERNAME, password: process.env.MINTED_PASSWORD }
  : sandbox;

console.log(bold(`\nminted-connect demo — talking to ${remote ? remote : `the local sandbox at ${sandbox.url}`}\n`));
const client = new MintedClient({ baseUrl: target.url, username: target.username, password: target.password, language: 'en' });

const externalId = `demo-${Date.now().toString(36)}`;
try {
  console.log(bold('1. createCustomer'), dim('(the phone is normalised to E.164 before sending)'));
  const created = await client.createCustomer({
    external_id: externalId, firstname: 'Ayşe', lastname: 'Yılmaz', email: 'ayse.yilmaz@example.com',
    phone: '0532 111 22 33', gender: 'F', birthdate: '1990-05-01',
  });
  console.log(`   created #${created.id} ${created.external_id} ${created.fullname}, phone ${created.phone}`);

  console.log(bold('2. getCustomer'));
  const customer = await client.getCustomer(externalId);
  for (const wallet of customer.wallets) {
    console.log(`   ${String(wallet.name).padEnd(14)} ${String(wallet.currency_code).padEnd(4)} balance ${wallet.balance}`);
  }

  const orderId = process.env.MINTED_DEMO_ORDER_ID || (remote ? null : 'HYAQA01714rqz');
  if (orderId) {
    console.log(bold('3. getOrder'), dim(orderId));
    const order = await client.getOrder(orderId);
    console.log(`   ${order.order_code}: ${order.type ?? 'order'} ${order.status_name}, ${order.total} ${order.currency_code}, paid by ${order.payment_type ?? (order.payment ? 'card' : 'cash')}`);
  } else {
    console.log(bold('3. getOrder'), dim('skipped: set MINTED_DEMO_ORDER_ID to one of your order ids'));
  }

  if (!remote) {
    console.log(bold('4. priceFix → buyGold → getCustomerBalance'), dim('(a deposit first, so the customer can pay)'));
    await client.updateCustomerCashBalance(externalId, { type: 'deposit', amount: 50000, external_id: `${externalId}-dep` });
    const quote = await client.priceFix({ type: 'digital', customer_external_id: externalId, currency: 'GBP' });
    console.log(`   quote ${quote.token.slice(0, 8)}…: gold ${quote.priceFor('GAU').buy_price} ${quote.currency}/g, valid ${quote.remainingSeconds()} s`);
    const buyer = { external_id: externalId, identity_number: '10000000146', firstname: 'Ayşe', lastname: 'Yılmaz', email: 'ayse.yilmaz@example.com', phone: '+905321112233' };
    const bought = await client.buyGold({ price_token: quote.token, external_id: `${externalId}-gold`, customer: buyer, amount: 2.5 });
    console.log(`   order ${bought.order_code[0]}: 2.5 g for ${bought.total} ${quote.currency}`);
    const balances = await client.getCustomerBalance(externalId);
    console.log(`   now ${balances.map((b) => `${b.currency_code} ${b.balance}`).join(', ')}`);
  }

  console.log(bold('5. a request the SDK refuses before any network I/O'));
  await client.createCustomer({ external_id: 'x', email: 'not-an-email', birthdate: '2990-01-01' }).catch((err) => {
    if (!(err instanceof MintedError)) throw err;
    console.log(`   MintedError kind=${err.kind}: ${err.message}`);
  });
} catch (err) {
  console.error(`\ndemo call failed: ${err instanceof MintedError ? `[${err.kind}] ${err.message}` : err}`);
  process.exitCode = 1;
}

const www = await startPreferring(8080, (port) => startWww({
  port, config: { language: 'en' }, upstream: { url: target.url, username: target.username, password: target.password },
  mounts: [['/api-docs/', new URL('../target/api-docs', import.meta.url).pathname]],
}));
console.log(bold('\nRunning:'));
console.log(`   sandbox (Partner API)  ${sandbox.url}   user ${sandbox.username} / password ${sandbox.password}`);
console.log(`   the panel is connected to ${remote ? remote : 'the sandbox'} through its own proxy (no credentials in the page):`);
console.log(`admin panel ${www.url}`);
console.log(`panel in demo mode (its own sandbox inside the page, no server needed) ${www.url}?demo`);
console.log(`API reference ${www.url}api-docs/`);
console.log(dim(`   try #/customers/MTD0018232, #/orders/ALS8HEVP, #/trade. Ctrl-C stops both.`));

const stop = async () => {
  await www.close();
  await sandbox.stop();
  process.exit(process.exitCode ?? 0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
