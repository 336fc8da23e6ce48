// #/orders/<id>: one order by your external id, its guid or its order code: summary, items, payment (masked card
// only; never the CVV or tokens the API may echo), customer, delivery with its status steps, addresses.
import { MintedError } from 'minted-connect';
import { t } from '../i18n.js';
import { api } from '../session.js';
import { details, grams, h, live, load, money, section, statusName, table } from '../ui.js';
import { threeDsAction } from './payment.js';

const DELIVERY_STEPS = ['Created', 'Preparing', 'Packed', 'Shipped', 'Completed'];
export const FINAL = ['Completed', 'Cancelled', 'Refunded'];

/** Finds an order the way an operator would paste it: its guid, its 8-character order code, or your external id. */
export async function findOrder(id) {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return api().getOrderAlternative({ guid: id });
  if (!/^[A-Z0-9]{8}$/.test(id)) return api().getOrder(id);
  try {
    return await api().getOrderAlternative({ order_code: id });
  } catch (err) {
    // an external id may look like an order code too
    if (err instanceof MintedError && err.status === 404) return api().getOrder(id);
    throw err;
  }
}

/** The steps of a delivery with the current one marked (an ordered list, readable without colour). */
export function statusTimeline(order) {
  const current = order.delivery?.status_name ?? order.status_name;
  const at = DELIVERY_STEPS.indexOf(current);
  return h('ol', { className: 'steps', id: 'status-steps', 'aria-label': t('order.steps') }, DELIVERY_STEPS.map((step, i) =>
    h('li', { className: i < at ? 'done' : i === at ? 'current' : '', 'aria-current': i === at ? 'step' : undefined }, statusName(step))));
}

function paymentView(payment, currency) {
  const card = payment.details ?? {};
  return details([
    [t('pay.state'), payment.state ?? '—'],
    [t('pay.amount'), money(payment.amount, currency)],
    [t('pay.fee'), money(payment.comission, currency)],
    [t('order.total'), money(payment.total, currency)],
    [t('card.number'), h('code', {}, card.card_number ?? '—')],
    [t('card.holder'), card.card_holder],
    [t('card.association'), card.card_association],
    payment.is_3d ? [t('pay.threeDsShort'), payment.redirect_url && payment.state !== 'success'
      ? threeDsAction(payment.redirect_url) : t('common.yes')] : null,
    payment.error_code ? [t('pay.error'), `${payment.error_code} ${payment.error_message ?? ''}`] : null,
  ].filter(Boolean));
}

function addressView(line) {
  if (!line) return '—';
  return [line.fullname, line.company_name, line.address, [line.zipcode, line.district, line.city].filter(Boolean).join(' '), line.phone].filter(Boolean).join(', ');
}

export function orderView(order) {
  const currency = order.currency_code;
  const parts = [
    details([
      [t('order.code'), h('strong', { id: 'order-code' }, order.order_code)],
      [t('order.externalId'), order.external_id],
      [t('order.guid'), h('code', {}, order.guid)],
      [t('order.type'), order.type ? t(`order.kind.${order.type.toLowerCase()}`, {}, order.type) : '—'],
      [t('order.status'), h('span', { id: 'order-status', className: 'badge' }, statusName(order.status_name))],
      [t('order.date'), order.order_at],
      [t('order.price'), money(order.price, currency)],
      [t('order.tax'), money(order.tax, currency)],
      [t('pay.fee'), money(order.payment_cost, currency)],
      [t('order.total'), h('strong', {}, money(order.total, currency))],
      [t('order.payment'), order.payment_type ? t(`pay.kind.${order.payment_type}`, {}, order.payment_type) : '—'],
    ]),
    h('h3', {}, t('order.items')),
    table([
      { label: t('common.product'), value: (i) => `${i.sku ?? ''} ${i.product_name ? `· ${i.product_name}` : ''}` },
      { label: t('trade.amount'), className: 'number', value: (i) => grams(i.amount, order.type === 'Delivery' ? '' : 'g') },
      { label: t('order.unitPrice'), className: 'number', value: (i) => money(i.price, currency) },
      { label: t('order.tax'), className: 'number', value: (i) => money(i.tax, currency) },
      { label: t('order.total'), className: 'number', value: (i) => money(i.total, currency) },
    ], order.items ?? [], { caption: t('order.items'), id: 'order-items' }),
  ];
  if (order.payment) parts.push(h('h3', {}, t('order.paymentTitle')), paymentView(order.payment, currency));
  if (order.customer) {
    parts.push(h('h3', {}, t('order.customer')), details([
      [t('cust.name'), order.customer.fullname],
      [t('cust.externalId'), order.customer.external_id ? h('a', { href: `#/customers/${encodeURIComponent(order.customer.external_id)}` }, order.customer.external_id) : '—'],
      [t('cust.email'), order.customer.email], [t('cust.phone'), order.customer.phone]]));
  }
  if (order.delivery || order.type === 'Delivery') {
    const d = order.delivery ?? {};
    parts.push(h('h3', {}, t('order.delivery')), statusTimeline(order), details([
      [t('order.deliveryStatus'), statusName(d.status_name)],
      [t('order.tracking'), d.cargo_tracking_url ? h('a', { href: d.cargo_tracking_url, target: '_blank', rel: 'noopener' }, d.cargo_tracking_number ?? d.cargo_tracking_url) : d.cargo_tracking_number],
      [t('order.bars'), (d.products ?? []).map((p) => `${p.amount ?? ''} × ${p.sku ?? p.product_name ?? ''}`).join(', ')],
      [t('order.shipTo'), addressView(order.address?.shipping)],
      [t('order.billTo'), addressView(order.address?.billing)],
    ]));
  }
  return h('div', { id: 'order-detail' }, parts);
}

export function render(main, { params: [id] }) {
  const body = live('order-body');
  const show = () => load(body, async () => orderView(await findOrder(id)), { keep: body.childNodes.length > 0 });
  main.replaceChildren(h('h1', { tabIndex: -1 }, t('order.one', { id })),
    h('p', { className: 'row' }, h('a', { href: '#/orders' }, t('order.back')),
      h('button', { type: 'button', id: 'refresh-order', className: 'secondary', onclick: show }, t('common.refresh'))),
    section(t('order.detail'), body));
  show();
}
