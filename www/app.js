// The admin panel: looks customers and orders up through minted-connect's web build. The package loads its
// WebAssembly on import, so there is nothing to initialise.
import { MintedClient, MintedError } from './pkg/browser.js';

const connection = document.querySelector('#connection');

// Defaults for the local demo come from config.json when the page is served by `make demo`.
try {
  const response = await fetch('config.json');
  if (response.ok) {
    const config = await response.json();
    for (const [name, value] of Object.entries(config)) {
      if (connection.elements[name] && value) connection.elements[name].value = value;
    }
  }
} catch {
  // no defaults: the user fills the form
}

function client() {
  const form = connection.elements;
  return new MintedClient({
    baseUrl: form.baseUrl.value,
    username: form.username.value || undefined,
    password: form.password.value || undefined,
    language: form.language.value,
  });
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, attributes);
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

function showError(target, err) {
  const box = element('div', { className: 'error', role: 'alert' });
  if (err instanceof MintedError) {
    box.append(element('strong', {}, `${err.kind}${err.status ? ` (HTTP ${err.status})` : ''}: `), err.message);
    if (err.issues?.length) {
      box.append(element('ul', {}, ...err.issues.map((i) => element('li', {}, `${i.path || 'body'}: ${i.message}`))));
    }
  } else {
    box.append(String(err));
  }
  target.replaceChildren(box);
}

function details(pairs) {
  return element('dl', {}, ...pairs.flatMap(([k, v]) => [element('dt', {}, k), element('dd', {}, v ?? '—')]));
}

document.querySelector('#customer-lookup').addEventListener('submit', async (event) => {
  event.preventDefault();
  const target = document.querySelector('#customer-result');
  target.textContent = 'Loading…';
  try {
    const customer = await client().getCustomer(event.target.elements.id.value.trim());
    const rows = customer.wallets.map((w) =>
      element('tr', {}, element('td', {}, w.name ?? ''), element('td', {}, w.currency_code),
        element('td', { className: 'number' }, String(w.balance ?? 0)), element('td', { className: 'number' }, String(w.blocked ?? 0))));
    target.replaceChildren(element('div', { className: 'card', id: 'customer-card' },
      details([['Name', customer.fullname], ['External id', customer.external_id], ['E-mail', customer.email], ['Phone', customer.phone]]),
      element('table', {}, element('thead', {}, element('tr', {}, ...['Wallet', 'Currency', 'Balance', 'Blocked'].map((h) => element('th', {}, h)))),
        element('tbody', {}, ...rows))));
  } catch (err) {
    showError(target, err);
  }
});

document.querySelector('#order-lookup').addEventListener('submit', async (event) => {
  event.preventDefault();
  const target = document.querySelector('#order-result');
  const id = event.target.elements.id.value.trim();
  target.textContent = 'Loading…';
  try {
    // A guid or an 8-character order code goes through the alternative look-up; anything else is your external id.
    const order = /^[0-9A-F-]{36}$/i.test(id) ? await client().getOrderAlternative({ guid: id })
      : /^[A-Z0-9]{8}$/.test(id) ? await client().getOrderAlternative({ order_code: id })
      : await client().getOrder(id);
    target.replaceChildren(element('div', { className: 'card', id: 'order-card' }, details([
      ['Order code', order.order_code], ['Type', order.type], ['Status', order.status_name],
      ['Total', `${order.total ?? ''} ${order.currency_code ?? ''}`], ['Paid by', order.payment_type ?? (order.payment ? 'card' : null)],
      ['Items', order.items.map((i) => `${i.amount} × ${i.sku ?? i.product_name}`).join(', ')],
    ])));
  } catch (err) {
    showError(target, err);
  }
});
