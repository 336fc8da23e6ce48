// #/delivery: a customer's (or the partner's) metal wallets → bars and an address → the cost (minting, shipping,
// insurance) → the delivery order, paid from cash or by card → its status, followed until it is completed.
import { field, liveForm, readBody, rulesOf } from '../form.js';
import { t } from '../i18n.js';
import { api } from '../session.js';
import { details, errorBox, grams, h, live, load, money, newExternalId, section, statusName, table } from '../ui.js';
import { legalNote } from './legal.js';
import { FINAL, statusTimeline } from './order.js';
import { paymentChoice } from './payment.js';

const POLL_MS = 2000;
const state = { owner: undefined, wallets: null, cards: [], request: null, cost: null, tracking: null };

/** The delivery request the bars-and-address form describes: items with a quantity, the address. */
function deliveryRequest(form) {
  const raw = readBody(form);
  const items = Object.entries(raw.qty ?? {}).filter(([, n]) => Number(n) > 0).map(([sku, quantity]) => ({ sku, quantity: Number(quantity) }));
  const body = { items, address: raw.address ?? {} };
  if (state.owner) body.customer_external_id = state.owner;
  return body;
}

function costView(cost) {
  const c = cost.currency ?? '';
  return h('div', { id: 'delivery-cost-card' },
    table([
      { label: t('common.product'), value: (i) => i.sku },
      { label: t('delivery.quantity'), className: 'number', value: (i) => i.quantity ?? '—' },
      { label: t('delivery.weight'), className: 'number', value: (i) => grams(i.weight) },
      { label: t('delivery.mintingFee'), className: 'number', value: (i) => money(i.minting_fee, c) },
    ], cost.items ?? [], { caption: t('delivery.cost') }),
    details([
      [t('delivery.metal'), (cost.metal ?? []).map((m) => `${grams(m.amount)} ${m.currency_code}`).join(', ') || '—'],
      [t('delivery.mintingFee'), money(cost.minting_fee, c)],
      [t('delivery.shipping'), money(cost.shipping_cost, c)],
      [t('delivery.insurance'), money(cost.insurance_cost, c)],
      [t('delivery.totalCost'), h('strong', { id: 'delivery-total' }, money(cost.total_cost, c))],
    ]));
}

function track(host, externalId) {
  let timer = null;
  const poll = async () => {
    try {
      const order = await api().getOrder(externalId);
      const status = order.delivery?.status_name ?? order.status_name;
      host.replaceChildren(
        h('p', {}, t('delivery.trackingOf', { code: order.order_code }), ' ', h('strong', { id: 'tracking-status' }, statusName(status))),
        statusTimeline(order),
        h('p', {}, h('a', { href: `#/orders/${encodeURIComponent(externalId)}` }, t('trade.openOrder'))));
      if (!FINAL.includes(status)) timer = setTimeout(poll, POLL_MS);
    } catch (err) {
      host.replaceChildren(errorBox(err));
    }
  };
  poll();
  return () => clearTimeout(timer);
}

function barsForm(onCost) {
  const result = live('calculate-result');
  const order = [];
  const walletSets = state.wallets.map((w) => h('fieldset', { className: 'group wallet' },
    h('legend', {}, `${w.name ?? w.currency_code} · ${t('delivery.deliverable', { amount: grams(w.deliverable_amount ?? w.balance) })}`),
    w.products.map((p) => {
      order.push(p.sku);
      return field({ name: `qty.${p.sku}`, label: `${p.product_name ?? p.sku} (${grams(p.weight)}) · ${t('delivery.mintingFee')} ${money(p.minting_fee)}`, type: 'number', min: 0, step: 1, value: '0', className: 'qty' });
    })));
  const address = h('fieldset', { className: 'group' }, h('legend', {}, t('delivery.address')),
    field({ name: 'address.fullname', label: t('delivery.fullname'), autocomplete: 'name' }),
    field({ name: 'address.phone', label: t('cust.phone'), type: 'tel', autocomplete: 'tel', hint: t('cust.phoneHint') }),
    field({ name: 'address.city', label: t('delivery.city'), autocomplete: 'address-level1' }),
    field({ name: 'address.district', label: t('delivery.district'), autocomplete: 'address-level2' }),
    field({ name: 'address.address', label: t('delivery.street'), autocomplete: 'street-address' }),
    field({ name: 'address.zipcode', label: t('delivery.zipcode'), autocomplete: 'postal-code' }),
    field({ name: 'address.email', label: t('cust.email'), type: 'email', autocomplete: 'email' }));
  const form = liveForm({
    id: 'delivery-form',
    fields: [...walletSets, address],
    submit: t('delivery.calculate'),
    toBody: deliveryRequest,
    validate: rulesOf('calculateDelivery'),
    // items[i] is the i-th bar with a quantity, in the order the wallets list them
    paths: (path) => {
      const match = /^items\[(\d+)\]/.exec(path);
      return match ? `qty.${deliveryRequest(form).items[Number(match[1])]?.sku}` : undefined;
    },
    onSubmit: async (body) => {
      try {
        const cost = await api().calculateDelivery(body);
        result.replaceChildren();
        onCost(body, cost);
      } catch (err) {
        result.replaceChildren(errorBox(err));
      }
    },
  });
  return h('div', {}, form, result);
}

function createForm(onCreated) {
  const result = live('create-delivery-result');
  const payment = paymentChoice({ cards: state.cards, amount: () => state.cost?.total_cost, currency: () => state.cost?.currency });
  const form = liveForm({
    id: 'delivery-create',
    fields: [payment.node, field({ name: 'external_id', label: t('order.externalId'), value: newExternalId('dlv'), hint: t('trade.externalIdHint') })],
    submit: t('delivery.create'),
    toBody: (f) => {
      const raw = readBody(f);
      return payment.apply({ ...state.request, external_id: raw.external_id, payment: raw.payment });
    },
    validate: rulesOf('createDelivery'),
    onSubmit: async (body) => {
      try {
        const response = await api().createDelivery(body);
        onCreated(body.external_id, response);
      } catch (err) {
        result.replaceChildren(errorBox(err));
      }
    },
  });
  return h('div', {}, form, result, legalNote('distance-sales'));
}

export function render(main, { query }) {
  const wallets = live('delivery-wallets');
  const cost = live('delivery-cost');
  const create = h('div', { id: 'delivery-create-box' });
  const tracking = live('delivery-tracking');
  let stopTracking = null;
  const startTracking = (externalId) => {
    stopTracking?.();
    state.tracking = externalId;
    stopTracking = track(tracking, externalId);
  };
  const showCost = () => {
    cost.replaceChildren(state.cost ? costView(state.cost) : '');
    create.replaceChildren(state.cost ? createForm((externalId, response) => {
      create.replaceChildren(h('p', { className: 'ok', id: 'delivery-created' }, t('delivery.created', { code: (response.order_code ?? []).join(', '), id: externalId })));
      startTracking(externalId);
    }) : '');
  };
  const showWallets = () => {
    if (!state.wallets) return;
    wallets.replaceChildren(barsForm((request, quote) => { state.request = request; state.cost = quote; showCost(); }));
    wallets.querySelector('form').addEventListener('input', () => { if (state.cost) { state.cost = null; showCost(); } });
  };
  const owner = liveForm({
    id: 'delivery-owner',
    fields: [field({ name: 'customer_external_id', label: t('delivery.owner'), value: query.get('customer') ?? state.owner ?? '', hint: t('delivery.ownerHint'), autocomplete: 'off' })],
    submit: t('delivery.showWallets'),
    validate: rulesOf('listDeliveryWallets'),
    onSubmit: (body) => load(wallets, async () => {
      const id = body.customer_external_id;
      const [list, cards] = await Promise.all([api().listDeliveryWallets(id ? body : {}), id ? api().listStoredCards({ customer_external_id: id }) : []]);
      Object.assign(state, { owner: id, wallets: list, cards, cost: null, request: null });
      showWallets();
      showCost();
      return wallets.firstChild;
    }),
  });
  main.replaceChildren(h('h1', { tabIndex: -1 }, t('delivery.title')),
    section(t('delivery.wallets'), owner, wallets),
    section(t('delivery.cost'), cost, create),
    section(t('delivery.tracking'), tracking));
  showWallets();
  showCost();
  if (state.tracking) startTracking(state.tracking);
  return () => stopTracking?.();
}
